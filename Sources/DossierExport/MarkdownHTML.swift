/// A small Markdown-to-HTML renderer for what exported briefs hold: headings, paragraphs, lists,
/// block quotes, code, rules; emphasis, code spans, links, autolinks, escapes and `[^n]` footnote
/// references. It is not a CommonMark implementation: Pandoc renders the Markdown export in full.
enum MarkdownHTML {
    /// The HTML of the blocks of `markdown`.
    static func blocks(_ markdown: String) -> String {
        // "\r\n" is one Character in Swift, so CRLF lines are split on it as a whole.
        let lines = markdown.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        var renderer = BlockRenderer(lines: lines.map(String.init))
        return renderer.render()
    }

    /// The HTML of one run of inline Markdown.
    static func inline(_ text: String) -> String {
        var renderer = InlineRenderer(characters: Array(text))
        return renderer.render(until: nil)
    }

    /// `text` with `&`, `<`, `>` and `"` written as entities.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }
}

/// Reads lines into blocks, one kind of block at a time.
private struct BlockRenderer {
    var lines: [String]
    var index = 0
    var html = ""

    mutating func render() -> String {
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty {
                index += 1
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence(marker: String(trimmed.prefix(3)))
            } else if trimmed.hasPrefix("<!--") {
                skipComment()
            } else if let level = Self.headingLevel(trimmed) {
                heading(String(trimmed), level: level)
            } else if Self.isRule(trimmed) {
                html += "<hr>\n"
                index += 1
            } else if trimmed.hasPrefix(">") {
                quote()
            } else if Self.listMarker(line) != nil {
                list()
            } else {
                paragraph()
            }
        }
        return html
    }

    static func headingLevel(_ line: Substring) -> Int? {
        let marks = line.prefix { $0 == "#" }.count
        guard (1...6).contains(marks) else { return nil }
        let rest = line.dropFirst(marks)
        return rest.isEmpty || rest.first == " " ? marks : nil
    }

    static func isRule(_ line: Substring) -> Bool {
        let marks = line.filter { $0 != " " }
        guard let first = marks.first, "-*_".contains(first), marks.count >= 3 else { return false }
        return marks.allSatisfy { $0 == first }
    }

    /// The marker's width and whether the list is ordered, when `line` starts a list item.
    static func listMarker(_ line: String) -> (width: Int, ordered: Bool)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " { return (indent + 2, false) }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let after = rest.dropFirst(digits.count)
        if !digits.isEmpty, digits.count < 10, let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " {
            return (indent + digits.count + 2, true)
        }
        return nil
    }

    mutating func fence(marker: String) {
        index += 1
        var code: [String] = []
        while index < lines.count, !lines[index].drop(while: { $0 == " " }).hasPrefix(marker) {
            code.append(lines[index])
            index += 1
        }
        index += 1
        html += "<pre><code>\(MarkdownHTML.escape(code.joined(separator: "\n")))</code></pre>\n"
    }

    mutating func skipComment() {
        while index < lines.count {
            defer { index += 1 }
            if lines[index].contains("-->") { return }
        }
    }

    mutating func heading(_ line: String, level: Int) {
        var text = line.drop { $0 == "#" }.drop { $0 == " " }
        var anchor: String?
        // A trailing Pandoc attribute block: its `#id` becomes the heading's id, the rest is dropped.
        if text.hasSuffix("}"), let open = text.lastIndex(of: "{") {
            let attributes = text[text.index(after: open)..<text.index(before: text.endIndex)]
            anchor = attributes.split(separator: " ").first { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
            text = text[..<open]
        }
        while text.last == " " || text.last == "#" { text = text.dropLast() }
        let id = anchor.map { " id=\"\(MarkdownHTML.escape($0))\"" } ?? ""
        html += "<h\(level)\(id)>\(MarkdownHTML.inline(String(text)))</h\(level)>\n"
        index += 1
    }

    mutating func quote() {
        var inner: [String] = []
        while index < lines.count, !lines[index].allSatisfy({ $0 == " " }) {
            var line = Substring(lines[index]).drop { $0 == " " }
            if line.hasPrefix(">") {
                line = line.dropFirst()
                if line.hasPrefix(" ") { line = line.dropFirst() }
            }
            inner.append(String(line))
            index += 1
        }
        var renderer = BlockRenderer(lines: inner)
        html += "<blockquote>\n\(renderer.render())</blockquote>\n"
    }

    mutating func list() {
        guard let first = Self.listMarker(lines[index]) else { return }
        var items: [[String]] = []
        var loose = false
        while index < lines.count, let marker = Self.listMarker(lines[index]), marker.ordered == first.ordered {
            var item = [String(lines[index].dropFirst(marker.width))]
            index += 1
            // The item goes on over lines that are indented, or that continue its paragraph.
            while index < lines.count {
                let line = lines[index]
                if line.allSatisfy({ $0 == " " }) {
                    // A blank line inside an item is followed by an indented line.
                    let next = index + 1 < lines.count ? lines[index + 1] : ""
                    guard next.hasPrefix("  "), !next.allSatisfy({ $0 == " " }) else { break }
                    item.append("")
                    loose = true
                    index += 1
                } else if line.hasPrefix("  ") {
                    item.append(String(line.drop { $0 == " " }))
                    index += 1
                } else if Self.listMarker(line) == nil, item.last?.isEmpty == false, Self.headingLevel(Substring(line)) == nil,
                          !line.hasPrefix(">"), !line.hasPrefix("```") {
                    item.append(line)
                    index += 1
                } else {
                    break
                }
            }
            items.append(item)
            if index < lines.count, lines[index].allSatisfy({ $0 == " " }), index + 1 < lines.count,
               let next = Self.listMarker(lines[index + 1]), next.ordered == first.ordered {
                loose = true
                index += 1
            }
        }
        let tag = first.ordered ? "ol" : "ul"
        html += "<\(tag)>\n"
        for item in items {
            if loose || item.contains(where: { Self.listMarker($0) != nil }) {
                var renderer = BlockRenderer(lines: item)
                html += "<li>\(renderer.render())</li>\n"
            } else {
                html += "<li>\(MarkdownHTML.inline(item.joined(separator: "\n")))</li>\n"
            }
        }
        html += "</\(tag)>\n"
    }

    mutating func paragraph() {
        var text: [String] = []
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") || trimmed.hasPrefix(">")
                || Self.headingLevel(trimmed) != nil || (Self.isRule(trimmed) && !text.isEmpty && !trimmed.hasPrefix("-")) {
                break
            }
            if !text.isEmpty, Self.listMarker(line) != nil, Self.listMarker(line)?.ordered == false { break }
            text.append(String(trimmed))
            index += 1
        }
        html += "<p>\(MarkdownHTML.inline(text.joined(separator: "\n")))</p>\n"
    }
}

/// Reads inline Markdown left to right, one construct at a time.
private struct InlineRenderer {
    var characters: [Character]
    var position = 0

    /// Renders up to (not including) the closing delimiter run `closing`, or to the end.
    mutating func render(until closing: (character: Character, count: Int)?) -> String {
        var html = ""
        while position < characters.count {
            let character = characters[position]
            if let closing, character == closing.character, closes(closing) { return html }
            switch character {
            case "\\" where position + 1 < characters.count && characters[position + 1].isASCII && characters[position + 1].isPunctuationOrSymbol:
                html += MarkdownHTML.escape(String(characters[position + 1]))
                position += 2
            case "`":
                html += codeSpan()
            case "<":
                html += angle()
            case "[":
                html += bracket()
            case "*", "_":
                html += emphasis(character)
            case "\n":
                html += "\n"
                position += 1
            default:
                html += MarkdownHTML.escape(String(character))
                position += 1
            }
        }
        return html
    }

    /// Whether the run at `position` can close emphasis opened with `closing`.
    private func closes(_ closing: (character: Character, count: Int)) -> Bool {
        let run = runLength(at: position)
        guard run >= closing.count, position > 0, !characters[position - 1].isWhitespace else { return false }
        if closing.character == "_", position + run < characters.count, characters[position + run].isLetter || characters[position + run].isNumber {
            return false
        }
        return true
    }

    private func runLength(at start: Int) -> Int {
        var end = start
        while end < characters.count, characters[end] == characters[start] { end += 1 }
        return end - start
    }

    private mutating func codeSpan() -> String {
        let run = runLength(at: position)
        var search = position + run
        while search < characters.count {
            if characters[search] == "`" {
                let closing = runLength(at: search)
                if closing == run {
                    let code = String(characters[(position + run)..<search]).trimmingSpaces()
                    position = search + run
                    return "<code>\(MarkdownHTML.escape(code))</code>"
                }
                search += closing
            } else {
                search += 1
            }
        }
        position += run
        return String(repeating: "`", count: run)
    }

    /// An HTML comment (dropped) or an autolink `<https://…>`; else a literal `<`.
    private mutating func angle() -> String {
        let rest = characters[position...]
        if rest.starts(with: "<!--"), let end = find("-->", from: position + 4) {
            position = end + 3
            return ""
        }
        if let close = characters[position...].firstIndex(of: ">") {
            let inside = String(characters[(position + 1)..<close])
            if (inside.hasPrefix("http://") || inside.hasPrefix("https://") || inside.hasPrefix("mailto:")), !inside.contains(" ") {
                position = close + 1
                let url = MarkdownHTML.escape(inside)
                return "<a href=\"\(url)\">\(url)</a>"
            }
        }
        position += 1
        return "&lt;"
    }

    /// A footnote reference, a link, or a bracketed span (attributes dropped); else a literal `[`.
    private mutating func bracket() -> String {
        guard let close = matchingBracket(from: position) else {
            position += 1
            return "["
        }
        let inner = String(characters[(position + 1)..<close])
        if inner.hasPrefix("^"), !inner.contains(" ") {
            position = close + 1
            let label = MarkdownHTML.escape(String(inner.dropFirst()))
            return "<sup class=\"note-ref\"><a href=\"#note-\(label)\" id=\"ref-\(label)\">\(label)</a></sup>"
        }
        let after = close + 1
        if after < characters.count, characters[after] == "(", let end = characters[after...].firstIndex(of: ")") {
            var destination = String(characters[(after + 1)..<end]).trimmingSpaces()
            if destination.hasPrefix("<"), destination.hasSuffix(">") { destination = String(destination.dropFirst().dropLast()) }
            if let space = destination.firstIndex(of: " ") { destination = String(destination[..<space]) }
            position = end + 1
            return "<a href=\"\(MarkdownHTML.escape(destination))\">\(MarkdownHTML.inline(inner))</a>"
        }
        if after < characters.count, characters[after] == "{", let end = characters[after...].firstIndex(of: "}") {
            position = end + 1
            return MarkdownHTML.inline(inner)
        }
        position += 1
        return "["
    }

    private func matchingBracket(from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    private mutating func emphasis(_ marker: Character) -> String {
        let run = min(runLength(at: position), 3)
        let total = runLength(at: position)
        let next = position + total < characters.count ? characters[position + total] : " "
        let previous = position > 0 ? characters[position - 1] : " "
        let opens = !next.isWhitespace && !(marker == "_" && (previous.isLetter || previous.isNumber))
        guard opens else {
            position += total
            return String(repeating: marker, count: total)
        }
        let start = position
        position += run
        var probe = self
        let content = probe.render(until: (marker, run))
        guard probe.position < characters.count else {
            position = start + total
            return String(repeating: marker, count: total)
        }
        position = probe.position + run
        switch run {
        case 1: return "<em>\(content)</em>"
        case 2: return "<strong>\(content)</strong>"
        default: return "<strong><em>\(content)</em></strong>"
        }
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        let pattern = Array(needle)
        guard characters.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= characters.count {
            if Array(characters[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }
}

extension Character {
    /// ASCII punctuation and symbols, which a backslash escapes in Markdown.
    fileprivate var isPunctuationOrSymbol: Bool { isPunctuation || isSymbol }
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
