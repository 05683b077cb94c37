import DossierSyntax

/// A quotation in one paragraph: its marks and what lies between them.
struct Quotation: Sendable {
    /// The token of the opening mark.
    var open: Int
    /// The token of the closing mark, or nil when the quotation runs to the end of the paragraph
    /// (continued in the next one).
    var close: Int?
    /// The marks included; an unclosed quotation ends with the paragraph's last token.
    var range: ByteRange
    /// Whether the paragraph before left a quotation open and this one reopens it.
    var continuesPrevious = false

    /// The first token after the quotation (its closing mark excluded), or the end of the tokens.
    func after(_ tokenCount: Int) -> Int { close.map { $0 + 1 } ?? tokenCount }
}

/// Pairs the double quotation marks of a paragraph (single ones nest inside and are left alone).
enum QuotationFinder {
    /// Appends the quotations of `tokens` to `quotations`, in order, and marks them on the tokens they cover.
    static func find(_ tokens: inout [ProseToken], into quotations: inout [Quotation]) {
        var open: Int?
        // A quotation of the other style opened inside the open one ("…about “Equal Justice” anymore").
        var nestedOpen = false
        for index in tokens.indices where tokens[index].kind == .doubleQuote {
            guard let start = open else {
                if opens(tokens, index) { open = index }
                continue
            }
            if isCurly(tokens[index]) != isCurly(tokens[start]) {
                // The other style: a nested quotation's mark, or a closing mark typed in the other style.
                if opens(tokens, index), tokens[index].flags.contains(.spaceBefore) {
                    nestedOpen = true
                    continue
                }
                if nestedOpen {
                    nestedOpen = false
                    continue
                }
            }
            if closes(tokens, index) {
                quotations.append(Quotation(open: start, close: index, range: ByteRange(tokens[start].range.start, tokens[index].range.end)))
                open = nil
                nestedOpen = false
            } else if opens(tokens, index) {
                // Two openings in a row: the first was a stray mark.
                open = index
                nestedOpen = false
            }
        }
        if let start = open, let last = tokens.last, tokens.count > start + 1 {
            quotations.append(Quotation(open: start, close: nil, range: ByteRange(tokens[start].range.start, last.range.end)))
        }
        for (number, quotation) in quotations.enumerated() {
            for token in quotation.open..<quotation.after(tokens.count) { tokens[token].quotation = Int32(number) }
        }
    }

    /// Whether the mark at `index` opens a quotation: “ (unless it is glued to the word before and
    /// followed by a space or a sign, a “ written for ”), or a straight " with a space or an
    /// opening sign before it and a word after it.
    private static func opens(_ tokens: [ProseToken], _ index: Int) -> Bool {
        let token = tokens[index]
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        if token.flags.contains(.curlyOpen) {
            return !(!token.flags.contains(.spaceBefore) && index > 0 && (token.flags.contains(.spaceAfter) || next.map(isClosingSign) ?? true))
        }
        if token.flags.contains(.curlyClose) { return false }
        guard let next, !token.flags.contains(.spaceAfter) || next.kind == .singleQuote else { return false }
        if token.flags.contains(.spaceBefore) || index == 0 { return true }
        let previous = tokens[index - 1]
        return previous.kind == .openParen || previous.kind == .dash || previous.kind == .colon
    }

    /// Whether the mark at `index` closes the open quotation: ”, a “ glued to the word before it,
    /// or a straight " that does not open one.
    private static func closes(_ tokens: [ProseToken], _ index: Int) -> Bool {
        let token = tokens[index]
        if token.flags.contains(.curlyClose) { return true }
        if token.flags.contains(.curlyOpen) { return !opens(tokens, index) }
        return !opens(tokens, index) || !token.flags.contains(.spaceBefore)
    }

    private static func isCurly(_ token: ProseToken) -> Bool { !token.flags.isDisjoint(with: [.curlyOpen, .curlyClose]) }

    private static func isClosingSign(_ token: ProseToken) -> Bool {
        switch token.kind {
        case .comma, .colon, .semicolon, .terminator, .closeParen, .dash: true
        default: false
        }
    }
}
