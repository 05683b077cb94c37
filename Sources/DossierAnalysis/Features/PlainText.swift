/// Plain-text renderings of the Markdown the features write (hover and completion cards), for clients that show
/// documentation as plain text and would otherwise print `**` and backticks.
public enum PlainText {
    /// `markdown` without its inline marks: emphasis and code marks go, a link or span keeps its text (nested
    /// brackets too; a link to an address adds it in parentheses, a mention's `@id` does not), escapes are
    /// resolved, hard breaks become line breaks and comments are dropped. Quotes (`> `) and list markers stay:
    /// they read well as they are.
    public static func fromMarkdown(_ markdown: String) -> String {
        var output = ""
        PlainTextWriter(Array(markdown.unicodeScalars)).write(0..<markdown.unicodeScalars.count, into: &output)
        return output
    }
}

/// Turns the inline Markdown of a card into text, span by span (brackets nest).
private struct PlainTextWriter {
    let scalars: [Unicode.Scalar]

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func write(_ range: Range<Int>, into output: inout String) {
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = scalars[index]
            switch scalar {
            case "\\" where index + 1 < range.upperBound && isASCIIPunctuation(scalars[index + 1]):
                output.unicodeScalars.append(scalars[index + 1])
                index += 2
            case "`":
                index = codeSpan(at: index, range, into: &output)
            case "[":
                index = bracketed(at: index, range, into: &output)
            case "*", "_":
                index = emphasis(at: index, range, into: &output)
            case "<" where starts("<!--", at: index):
                index = (find("-->", from: index + 4, before: range.upperBound) ?? range.upperBound - 3) + 3
            case " " where starts("  \n", at: index):
                output.append("\n")
                index += 3
            default:
                output.unicodeScalars.append(scalar)
                index += 1
            }
        }
    }

    private func starts(_ text: String, at index: Int) -> Bool {
        let pattern = Array(text.unicodeScalars)
        return index + pattern.count <= scalars.count && Array(scalars[index..<index + pattern.count]) == pattern
    }

    private func find(_ text: String, from start: Int, before end: Int) -> Int? {
        var index = start
        while index + text.unicodeScalars.count <= end {
            if starts(text, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// A run of n backticks up to the next run of exactly n: its content, trimmed of one space each side.
    private func codeSpan(at start: Int, _ range: Range<Int>, into output: inout String) -> Int {
        var open = start
        while open < range.upperBound, scalars[open] == "`" { open += 1 }
        let length = open - start
        var index = open
        while index < range.upperBound {
            guard scalars[index] == "`" else {
                index += 1
                continue
            }
            var close = index
            while close < range.upperBound, scalars[close] == "`" { close += 1 }
            if close - index == length {
                var content = String(String.UnicodeScalarView(scalars[open..<index]))
                if content.count > 1, content.hasPrefix(" "), content.hasSuffix(" ") { content = String(content.dropFirst().dropLast()) }
                output += content
                return close
            }
            index = close
        }
        output += String(repeating: "`", count: length)
        return open
    }

    /// `[text](target)`, `[text]{attributes}` or a lone bracket.
    private func bracketed(at open: Int, _ range: Range<Int>, into output: inout String) -> Int {
        guard let close = matching(from: open, "[", "]", range.upperBound) else {
            output.append("[")
            return open + 1
        }
        let next = close + 1
        if next < range.upperBound, scalars[next] == "(", let end = matching(from: next, "(", ")", range.upperBound) {
            var text = ""
            write(open + 1..<close, into: &text)
            let target = String(String.UnicodeScalarView(scalars[next + 1..<end])).trimmingWhitespace()
            output += text
            // A mention's target is an actor id, said by the text; an address is worth keeping.
            if !target.hasPrefix("@"), !target.hasPrefix("#"), target != text, !target.isEmpty { output += " (\(target))" }
            return end + 1
        }
        if next < range.upperBound, scalars[next] == "{", let end = matching(from: next, "{", "}", range.upperBound) {
            write(open + 1..<close, into: &output)
            return end + 1
        }
        output.append("[")
        return open + 1
    }

    /// The index of the `closer` matching the `opener` at `start` (nesting and escapes honoured), or nil.
    private func matching(from start: Int, _ opener: Unicode.Scalar, _ closer: Unicode.Scalar, _ end: Int) -> Int? {
        var depth = 0
        var index = start
        while index < end {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if scalar == opener { depth += 1 }
            if scalar == closer {
                depth -= 1
                if depth == 0 { return index }
            }
            if scalar == "\n", index + 1 < end, scalars[index + 1] == "\n" { return nil }  // spans stop at a blank line
            index += 1
        }
        return nil
    }

    /// `**x**`, `__x__`, `*x*` or `_x_` around text (not intraword for `_`): the text; else the marks as written.
    private func emphasis(at start: Int, _ range: Range<Int>, into output: inout String) -> Int {
        let mark = scalars[start]
        let length = start + 1 < range.upperBound && scalars[start + 1] == mark ? 2 : 1
        let contentStart = start + length
        let opensWord = contentStart < range.upperBound && !scalars[contentStart].properties.isWhitespace
        let afterWord = start > range.lowerBound && isWordScalar(scalars[start - 1])
        guard opensWord, !(mark == "_" && afterWord) else {
            output.unicodeScalars.append(contentsOf: scalars[start..<contentStart])
            return contentStart
        }
        let closing = String(repeating: String(mark), count: length)
        var search = contentStart + 1
        while let close = find(closing, from: search, before: range.upperBound) {
            let closesWord = !scalars[close - 1].properties.isWhitespace
            let beforeWord = close + length < range.upperBound && isWordScalar(scalars[close + length])
            if closesWord, !(mark == "_" && beforeWord), !(length == 1 && close + 1 < range.upperBound && scalars[close + 1] == mark) {
                write(contentStart..<close, into: &output)
                return close + length
            }
            search = close + 1
        }
        output.unicodeScalars.append(contentsOf: scalars[start..<contentStart])
        return contentStart
    }

    private func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (0x21...0x2F ~= scalar.value || 0x3A...0x40 ~= scalar.value || 0x5B...0x60 ~= scalar.value || 0x7B...0x7E ~= scalar.value)
    }

    private func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
