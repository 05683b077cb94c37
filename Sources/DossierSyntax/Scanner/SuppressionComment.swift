/// Reads `<!-- dossier-ignore RULE, … -->` and `<!-- dossier-ignore-file RULE, … -->` comments, wherever
/// they stand: on a line of their own (the block scanner) or inside a paragraph (the inline scanner).
enum SuppressionComment {
    /// The offset just past the `-->` closing the comment that opens at `start` (`<!--`), or nil.
    static func end(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 4
        while index + 2 < bytes.count {
            if bytes[index] == ASCII.dash, bytes[index + 1] == ASCII.dash, bytes[index + 2] == 0x3E { return index + 3 }
            index += 1
        }
        return nil
    }

    /// The rules a comment names and whether it covers the file; nil when it is not a suppression or names
    /// no rule. Unknown rules (with the nearest code) and a rule-less suppression are reported into `diagnostics`.
    static func parse(_ bytes: [UInt8], _ comment: ByteRange, diagnostics: inout [SyntaxDiagnostic]) -> (rules: [Located], isFile: Bool)? {
        var index = comment.start + 4
        let bodyEnd = comment.end - 3
        while index < bodyEnd, ASCII.isWhitespace(bytes[index]) { index += 1 }
        let isFile: Bool
        if bytes.hasPrefix("dossier-ignore-file", at: index) {
            isFile = true
            index += 19
        } else if bytes.hasPrefix("dossier-ignore", at: index) {
            isFile = false
            index += 14
        } else {
            return nil
        }
        guard index >= bodyEnd || ASCII.isWhitespace(bytes[index]) else { return nil }
        var rules: [Located] = []
        while index < bodyEnd {
            while index < bodyEnd, ASCII.isWhitespace(bytes[index]) || bytes[index] == ASCII.comma { index += 1 }
            let start = index
            while index < bodyEnd, !ASCII.isWhitespace(bytes[index]), bytes[index] != ASCII.comma { index += 1 }
            guard index > start else { continue }
            let rule = Located(bytes.string(in: ByteRange(start, index)), ByteRange(start, index))
            if DiagnosticCode(rawValue: rule.text) == nil {
                let codes = DiagnosticCode.allCases.map(\.rawValue)
                let suggestion = codes.first { $0.hasPrefix(rule.text) } ?? EditDistance.nearest(to: rule.text, in: codes, limit: 4)
                diagnostics.append(SyntaxDiagnostic(
                    .syntax, rule.range,
                    "unknown rule `\(rule.text)`" + (suggestion.map { ": did you mean `\($0)`?" } ?? "")))
            }
            rules.append(rule)
        }
        if rules.isEmpty {
            diagnostics.append(SyntaxDiagnostic(.syntax, comment, "name the rules to ignore, like <!-- dossier-ignore vague-attribution -->"))
            return nil
        }
        return (rules, isFile)
    }
}
