/// Reads the `---` front matter block at the top of a document.
struct FrontMatterParser {
    let bytes: [UInt8]
    let lines: LineTable
    let identifiers: IdentifierTable?

    /// Parses front matter if line 0 is `---`; returns it and the first body line.
    func parse(diagnostics: inout [SyntaxDiagnostic]) -> (FrontMatterSyntax?, bodyStart: Int) {
        guard lines.lineCount > 1, isDelimiter(0, allowDots: false) else { return (nil, 0) }
        var close = 1
        while close < lines.lineCount, !isDelimiter(close, allowDots: true) { close += 1 }
        guard close < lines.lineCount else {
            diagnostics.append(SyntaxDiagnostic(
                .syntax, lines.lineRange(0),
                "front matter opened here is never closed: add a line `---` after its last key"))
            return (nil, 1)
        }
        var fields: [FieldSyntax] = []
        for line in 1..<close {
            let range = lines.lineRange(line)
            let content = trimmedSpaces(range)
            if content.length == 0 || bytes[content.start] == ASCII.hash { continue }
            if range.start < range.end, ASCII.isSpace(bytes[range.start]) || bytes[range.start] == ASCII.dash {
                continue  // YAML continuation or list item of the previous key: kept as YAML, not read.
            }
            guard let field = FieldLine.parse(bytes, line: range, allowBullet: false, stripComment: true) else {
                diagnostics.append(SyntaxDiagnostic(.syntax, range, "front matter lines are `key: value`"))
                continue
            }
            if fields.contains(where: { $0.key.text == field.key.text }) {
                diagnostics.append(SyntaxDiagnostic(.frontMatter, field.key.range, "`\(field.key.text)` is given twice: keep one"))
            }
            fields.append(unquoted(field, diagnostics: &diagnostics))
        }
        let range = ByteRange(lines.lineStart(0), lines.lineContentEnd(close))
        var matter = FrontMatterSyntax(range: range, fields: fields, type: nil, outlet: nil)
        check(&matter, diagnostics: &diagnostics)
        return (matter, close + 1)
    }

    private func isDelimiter(_ line: Int, allowDots: Bool) -> Bool {
        var range = lines.lineRange(line)
        while range.end > range.start, ASCII.isSpace(bytes[range.end - 1]) { range.end -= 1 }
        guard range.length == 3 else { return false }
        let mark = bytes[range.start]
        guard mark == ASCII.dash || (allowDots && mark == ASCII.dot) else { return false }
        return bytes[range.start + 1] == mark && bytes[range.start + 2] == mark
    }

    /// `range` without leading and trailing spaces and tabs.
    private func trimmedSpaces(_ range: ByteRange) -> ByteRange {
        var trimmed = range
        while trimmed.start < trimmed.end, ASCII.isSpace(bytes[trimmed.start]) { trimmed.start += 1 }
        while trimmed.end > trimmed.start, ASCII.isSpace(bytes[trimmed.end - 1]) { trimmed.end -= 1 }
        return trimmed
    }

    /// Removes YAML quotes from a value, narrowing its range to the inside.
    private func unquoted(_ field: FieldSyntax, diagnostics: inout [SyntaxDiagnostic]) -> FieldSyntax {
        var field = field
        let range = field.value.range
        guard range.length >= 1 else { return field }
        let first = bytes[range.start]
        if first == ASCII.quote || first == 0x27 {
            guard range.length >= 2, bytes[range.end - 1] == first else {
                diagnostics.append(SyntaxDiagnostic(.syntax, range, "the quoted value of `\(field.key.text)` is never closed"))
                return field
            }
            let inner = ByteRange(range.start + 1, range.end - 1)
            field.value = Located(bytes.string(in: inner), inner)
        } else if first == ASCII.at {
            diagnostics.append(SyntaxDiagnostic(
                .syntax, range,
                "YAML does not allow a value to start with `@`: write `\(field.key.text): \(field.value.text.dropFirst())` or quote it"))
        }
        return field
    }

    /// Checks the known keys and reads `type` and `outlet`.
    private func check(_ matter: inout FrontMatterSyntax, diagnostics: inout [SyntaxDiagnostic]) {
        for field in matter.fields {
            let value = field.value
            switch field.key.text {
            case "type":
                if let type = DocumentType(rawValue: value.text) {
                    matter.type = type
                } else {
                    diagnostics.append(SyntaxDiagnostic(
                        .frontMatter, value.range, "unknown type `\(value.text)`: use article, brief or cast"))
                }
            case "outlet":
                var scratch: [SyntaxDiagnostic] = []
                if let reference = FieldLine.actorReference(
                    bytes, value.range, role: .outlet, allowBare: true, identifiers: identifiers, diagnostics: &scratch) {
                    matter.outlet = reference
                } else {
                    diagnostics += scratch
                }
            case "published", "date":
                if !FrontMatterParser.isDate(value.text) {
                    diagnostics.append(SyntaxDiagnostic(
                        .frontMatter, value.range, "`\(value.text)` is not a date: write \(field.key.text) as YYYY-MM-DD"))
                }
            case "url":
                if !FrontMatterParser.isURL(value.text) {
                    diagnostics.append(SyntaxDiagnostic(
                        .frontMatter, value.range, "`\(value.text)` is not a web address: write a full http:// or https:// URL"))
                }
            default:
                break
            }
        }
    }

    /// Whether `text` is a real calendar date written YYYY-MM-DD.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == ASCII.dash, bytes[7] == ASCII.dash else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard ASCII.isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// Whether `text` is an absolute http(s) URL with a host and no spaces.
    static func isURL(_ text: String) -> Bool {
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        // Bytes and scalars, not `Character`s: this runs for every url field of every file.
        let host = rest.utf8.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        let hasSpace = text.unicodeScalars.contains { scalar in
            scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
        }
        return !host.isEmpty && !hasSpace && host.contains(UInt8(ascii: "."))
            || host.starts(with: "localhost".utf8)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
