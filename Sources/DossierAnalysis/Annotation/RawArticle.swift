/// A plain-text article (`.txt`) as Markdown: each line of text becomes a paragraph, and the
/// characters Markdown or Dossier would read as markup are escaped with a backslash, so that the
/// Markdown renders the text as it was and Dossier finds no annotation in it.
public struct RawArticle: Sendable {
    /// The Markdown.
    public let markdown: [UInt8]
    /// For each byte offset of the text, and for its end, the offset of the same byte in `markdown`.
    public let offsets: [Int]

    /// Converts `text`: line endings become LF, lines are separated by one blank line, trailing
    /// white space and blank lines go, and `\`, `` ` ``, `[`, `]`, `<`, `@` (before a name) and a
    /// `#` or `>` opening a line get a backslash.
    public init(_ text: [UInt8]) {
        var markdown: [UInt8] = []
        markdown.reserveCapacity(text.count + text.count / 16)
        var offsets = [Int](repeating: 0, count: text.count + 1)
        var index = 0
        // Skip a byte-order mark.
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { index = 3 }
        var pendingBreak = false
        while index < text.count {
            // One line.
            var end = index
            while end < text.count, text[end] != 0x0A, text[end] != 0x0D { end += 1 }
            var contentEnd = end
            while contentEnd > index, text[contentEnd - 1] == 0x20 || text[contentEnd - 1] == 0x09 { contentEnd -= 1 }
            var start = index
            while start < contentEnd, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
            for offset in index..<start { offsets[offset] = markdown.count }
            if start < contentEnd {
                if pendingBreak { markdown += [0x0A, 0x0A] }
                pendingBreak = true
                for offset in start..<contentEnd {
                    offsets[offset] = markdown.count
                    let byte = text[offset]
                    if RawArticle.needsEscape(text, offset, lineStart: start) { markdown.append(0x5C) }
                    offsets[offset] = markdown.count
                    markdown.append(byte)
                }
            }
            for offset in contentEnd..<end { offsets[offset] = markdown.count }
            // The line break: CRLF, LF or CR.
            index = end
            if index < text.count, text[index] == 0x0D {
                offsets[index] = markdown.count
                index += 1
            }
            if index < text.count, text[index] == 0x0A {
                offsets[index] = markdown.count
                index += 1
            }
        }
        if !markdown.isEmpty { markdown.append(0x0A) }
        offsets[text.count] = markdown.count
        self.markdown = markdown
        self.offsets = offsets
    }

    /// Whether the byte at `offset` would be read as markup.
    private static func needsEscape(_ text: [UInt8], _ offset: Int, lineStart: Int) -> Bool {
        let byte = text[offset]
        switch byte {
        case 0x5C, 0x60, 0x5B, 0x5D: return true  // \ ` [ ]
        case 0x3C:  // < opening a tag or a comment
            let next = offset + 1 < text.count ? text[offset + 1] : 0
            return next == 0x21 || next == 0x2F || (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A)
        case 0x40:  // @ before an id, not after a word (an e-mail address stays)
            let next = offset + 1 < text.count ? text[offset + 1] : 0
            let previous = offset > 0 ? text[offset - 1] : 0x20
            let afterWord = (previous | 0x20 >= 0x61 && previous | 0x20 <= 0x7A) || (previous >= 0x30 && previous <= 0x39) || previous == 0x2E
                || previous == 0x2F || previous == 0x40
            return !afterWord && ((next >= 0x61 && next <= 0x7A) || (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5A))
        case 0x23, 0x3E: return offset == lineStart  // a heading or a block quote
        case 0x2D, 0x2A, 0x5F, 0x3D:  // "---", "***", "===": front matter, a rule, a heading underline
            return offset == lineStart && offset + 2 < text.count && text[offset + 1] == byte && text[offset + 2] == byte
        default: return false
        }
    }
}
