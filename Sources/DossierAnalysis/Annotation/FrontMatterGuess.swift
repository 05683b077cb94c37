/// Front matter for a plain-text article, from what its text says and nothing else: a headline on
/// its first line, a byline ("By Jane Doe") or an author box ("About James Joyner"), a dateline
/// with an ISO date and a link.
public enum FrontMatterGuess {
    /// The front matter block (`---` … `---` and a blank line) for the Markdown of a `.txt` article.
    public static func frontMatter(for markdown: [UInt8]) -> String {
        let text = String(decoding: markdown, as: UTF8.self)
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters() }
        var fields: [(String, String)] = []
        if let first = paragraphs.first, isHeadline(first) { fields.append(("title", quoted(unescaped(first)))) }
        fields.append(("type", "article"))
        if let author = paragraphs.lazy.compactMap(byline).first { fields.append(("author", quoted(author))) }
        for paragraph in paragraphs.prefix(8) {
            let words = paragraph.split(separator: " ").map(String.init)
            if let date = words.first(where: isISODate) { fields.append(("published", date)) }
            if let url = words.first(where: { $0.hasPrefix("https://") || $0.hasPrefix("http://") }) { fields.append(("url", url)) }
            if fields.contains(where: { $0.0 == "published" || $0.0 == "url" }) { break }
        }
        return "---\n" + fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n---\n\n"
    }

    /// A short first line with no final period and no date: a headline.
    private static func isHeadline(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard words.count >= 2, words.count <= 20, let last = line.last, last != ".", last != ":" else { return false }
        return !words.contains { isISODate(String($0)) }
    }

    /// "By Jane Doe", "About James Joyner": a line of a few capitalised words after the keyword.
    private static func byline(_ line: String) -> String? {
        for keyword in ["By ", "About "] where line.hasPrefix(keyword) {
            let name = line.dropFirst(keyword.count).trimmingCharacters()
            let words = name.split(separator: " ")
            guard (2...4).contains(words.count), words.allSatisfy({ $0.first?.isUppercase == true }) else { continue }
            return name
        }
        return nil
    }

    private static func isISODate(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element >= 0x30 && $0.element <= 0x39) }
    }

    /// A YAML double-quoted string.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// The Markdown escapes of `RawArticle` taken out again.
    private static func unescaped(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if character == "\\", !escaped {
                escaped = true
                continue
            }
            escaped = false
            result.append(character)
        }
        return result
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

extension String {
    /// Every `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
