import DossierSyntax

/// One token of a paragraph's prose, for the attribution patterns.
struct ProseToken: Sendable {
    enum Kind: UInt8, Sendable {
        case word
        case comma, colon, semicolon
        /// `.`, `!`, `?` (an abbreviation's period stays in its word).
        case terminator
        /// — – or `--`.
        case dash
        case openParen, closeParen
        /// A double quotation mark, straight or curly, or two apostrophes written for one (`''`);
        /// `QuotationFinder` decides which open and which close.
        case doubleQuote
        /// A single quotation mark (‘ or a ’ / ' that is not an apostrophe).
        case singleQuote
        /// `’s`, `'s`, or the `’` after a plural ("the senators’").
        case possessive
        /// An ellipsis or any other sign.
        case other
    }

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        /// The word starts with a capital letter.
        static let capitalized = Flags(rawValue: 1 << 0)
        /// Every letter of the word is a capital, and it has two or more.
        static let allCaps = Flags(rawValue: 1 << 1)
        /// The word starts with a digit.
        static let numeric = Flags(rawValue: 1 << 2)
        /// A space (or the start of a line or segment) stands right before the token.
        static let spaceBefore = Flags(rawValue: 1 << 3)
        /// A space (or the end of a line or segment) stands right after the token.
        static let spaceAfter = Flags(rawValue: 1 << 4)
        /// “ or ‘: written as an opening mark.
        static let curlyOpen = Flags(rawValue: 1 << 5)
        /// ” or ’: written as a closing mark.
        static let curlyClose = Flags(rawValue: 1 << 6)
        /// A bare `@id` or the text of a linked mention.
        static let mention = Flags(rawValue: 1 << 7)
    }

    var range: ByteRange
    var kind: Kind
    var flags: Flags
    /// The word's classes (empty for other tokens).
    var classes: WordClass = []
    /// The index of the quotation the token lies in (its marks included), or -1.
    var quotation: Int32 = -1

    func `is`(_ kind: Kind) -> Bool { self.kind == kind }
    var isWord: Bool { kind == .word }
    var isCapitalized: Bool { flags.contains(.capitalized) }
    /// A comma, dash, colon or semicolon.
    var isSeparator: Bool { kind == .comma || kind == .dash || kind == .colon || kind == .semicolon }
    /// A period, question or exclamation mark, colon, semicolon or double quotation mark: no tag runs across it.
    var endsTag: Bool { kind == .terminator || kind == .colon || kind == .semicolon || kind == .doubleQuote }
}

/// Splits a paragraph's prose segments into tokens, in one pass, without building strings.
enum ProseTokenizer {
    /// Appends the tokens of `segments` to `tokens`.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, segments: ArraySlice<ByteRange>, into tokens: inout [ProseToken]) {
        for segment in segments {
            var index = segment.start
            while index < segment.end {
                let byte = bytes[index]
                let start = index
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    index += 1
                    continue
                }
                if byte < 0x80 {
                    if isWordStart(byte) || (byte == 0x40 && index + 1 < segment.end && isIDByte(bytes[index + 1])) {
                        index = wordEnd(bytes, from: start, to: segment.end)
                        appendWord(bytes, ByteRange(start, index), segment, &tokens)
                        continue
                    }
                    index += 1
                    let kind: ProseToken.Kind
                    switch byte {
                    case 0x2C: kind = .comma
                    case 0x3A: kind = .colon
                    case 0x3B: kind = .semicolon
                    case 0x2E:
                        if index + 1 < segment.end, bytes[index] == 0x2E, bytes[index + 1] == 0x2E {
                            index += 2
                            kind = .other
                        } else {
                            kind = .terminator
                        }
                    case 0x21, 0x3F: kind = .terminator
                    case 0x2D:
                        if index < segment.end, bytes[index] == 0x2D {
                            index += 1
                            kind = .dash
                        } else {
                            // A hyphen standing alone between spaces is a dash.
                            kind = (start == segment.start || bytes[start - 1] == 0x20) && (index == segment.end || bytes[index] == 0x20) ? .dash : .other
                        }
                    case 0x28: kind = .openParen
                    case 0x29: kind = .closeParen
                    case 0x22: kind = .doubleQuote
                    case 0x27:
                        if index < segment.end, bytes[index] == 0x27 {
                            // ''…'': two apostrophes written for a double quotation mark.
                            index += 1
                            kind = .doubleQuote
                        } else if let end = apostropheSEnd(bytes, after: index, segment) {
                            index = end
                            kind = .possessive
                        } else {
                            kind = .singleQuote
                        }
                    case 0x5B, 0x5D, 0x2A, 0x5F, 0x3E, 0x23, 0x5C:
                        // Markup: claim and link brackets, emphasis, block-quote markers, escapes.
                        continue
                    default: kind = .other
                    }
                    tokens.append(token(bytes, ByteRange(start, index), kind, segment))
                    continue
                }
                // Non-ASCII: curly quotes, dashes, ellipsis, or a letter.
                let width = scalarWidth(byte)
                index = min(start + width, segment.end)
                if byte == 0xE2, width == 3, index - start == 3, bytes[start + 1] == 0x80 {
                    switch bytes[start + 2] {
                    case 0x9C:
                        tokens.append(token(bytes, ByteRange(start, index), .doubleQuote, segment, extra: .curlyOpen))
                        continue
                    case 0x9D:
                        tokens.append(token(bytes, ByteRange(start, index), .doubleQuote, segment, extra: .curlyClose))
                        continue
                    case 0x98:
                        tokens.append(token(bytes, ByteRange(start, index), .singleQuote, segment, extra: .curlyOpen))
                        continue
                    case 0x99:
                        if let possessive = apostropheSEnd(bytes, after: index, segment) ?? possessiveEnd(bytes, at: start, width: 3, segment) {
                            index = possessive
                            tokens.append(token(bytes, ByteRange(start, index), .possessive, segment))
                        } else {
                            tokens.append(token(bytes, ByteRange(start, index), .singleQuote, segment, extra: .curlyClose))
                        }
                        continue
                    case 0x93, 0x94, 0x95: // en dash, em dash, horizontal bar ("― Name" under a quotation)
                        tokens.append(token(bytes, ByteRange(start, index), .dash, segment))
                        continue
                    default:
                        tokens.append(token(bytes, ByteRange(start, index), .other, segment))
                        continue
                    }
                }
                if isLetter(bytes, start, index) {
                    index = wordEnd(bytes, from: start, to: segment.end)
                    appendWord(bytes, ByteRange(start, index), segment, &tokens)
                    continue
                }
                // A non-breaking space separates like a space.
                if isNoBreakSpace(bytes, start, segment) { continue }
                tokens.append(token(bytes, ByteRange(start, index), .other, segment))
            }
        }
    }

    private static func appendWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange, _ segment: ByteRange, _ tokens: inout [ProseToken]) {
        var range = range
        // "Trump's" / "Trump’s": the word, then the possessive.
        var possessive: ByteRange?
        if range.length > 2, bytes[range.end - 1] | 0x20 == 0x73 {
            if bytes[range.end - 2] == 0x27, range.length > 2 {
                possessive = ByteRange(range.end - 2, range.end)
            } else if range.length > 4, bytes[range.end - 4] == 0xE2, bytes[range.end - 3] == 0x80, bytes[range.end - 2] == 0x99 {
                possessive = ByteRange(range.end - 4, range.end)
            }
        }
        if let possessive { range.end = possessive.start }
        var flags: ProseToken.Flags = []
        let first = bytes[range.start]
        if first == 0x40 {
            flags.insert(.mention)
        } else if first >= 0x30, first <= 0x39 {
            flags.insert(.numeric)
        } else if first >= 0x41, first <= 0x5A {
            flags.insert(.capitalized)
        } else if first >= 0xC0, isUppercase(bytes, range.start) {
            flags.insert(.capitalized)
        }
        if flags.contains(.capitalized), isAllCaps(bytes, range) { flags.insert(.allCaps) }
        var word = token(bytes, range, .word, segment, extra: flags)
        word.classes = WordClass.of(bytes, range)
        if possessive != nil { word.flags.remove(.spaceAfter) }
        tokens.append(word)
        if let possessive { tokens.append(token(bytes, possessive, .possessive, segment)) }
    }

    private static func token(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange, _ kind: ProseToken.Kind, _ segment: ByteRange, extra: ProseToken.Flags = []
    ) -> ProseToken {
        var flags = extra
        // Markup ("[", "*") between a space and the token does not glue it to the word before.
        var before = range.start
        while before > segment.start, isMarkup(bytes[before - 1]) { before -= 1 }
        if before == segment.start || isSpace(bytes[before - 1]) || isNoBreakSpace(bytes, before - 2, segment) { flags.insert(.spaceBefore) }
        var after = range.end
        while after < segment.end, isMarkup(bytes[after]) { after += 1 }
        if after == segment.end || isSpace(bytes[after]) || isNoBreakSpace(bytes, after, segment) { flags.insert(.spaceAfter) }
        return ProseToken(range: range, kind: kind, flags: flags)
    }

    /// The end of the `s` when an apostrophe ending at `after` is followed by `s` and no more of a
    /// word ("[Russia](@russia)’s war": the apostrophe opens a segment after a link).
    private static func apostropheSEnd(_ bytes: UnsafeBufferPointer<UInt8>, after: Int, _ segment: ByteRange) -> Int? {
        guard after < segment.end, bytes[after] == 0x73 else { return nil }
        guard after + 1 == segment.end || !isWordByte(bytes[after + 1]) else { return nil }
        return after + 1
    }

    /// The end of `’s` or of a plural's `’` at `start` when it marks a possessive, else nil.
    private static func possessiveEnd(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, width: Int, _ segment: ByteRange) -> Int? {
        guard start > segment.start, bytes[start - 1] | 0x20 == 0x73 || bytes[start - 1] | 0x20 == 0x7A else { return nil }
        let after = start + width
        guard after == segment.end || !isWordByte(bytes[after]) else { return nil }
        // "the senators’ letter": a plural's possessive is followed by a word, a closing quote by punctuation.
        var next = after
        while next < segment.end, bytes[next] == 0x20 { next += 1 }
        guard next > after, next < segment.end, isWordStart(bytes[next]) || bytes[next] >= 0xC0 else { return nil }
        return after
    }

    /// The end of the word starting at `start`: letters and digits, with `-`, `.`, `'` and `’`
    /// inside it ("U.S", "don’t", "O’Malley", "co-founder"); an abbreviation keeps its final period.
    private static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start + 1
        while index < end {
            // Most of a word is lower-case ASCII letters, eight bytes at a time.
            index = ASCIIWord.lowercaseRunEnd(bytes, from: index, to: end)
            guard index < end else { break }
            let byte = bytes[index]
            if isWordByte(byte) {
                index += 1
                continue
            }
            if byte == 0x2D || byte == 0x2E || byte == 0x27 || byte == 0x26 {
                if index + 1 < end, isWordByte(bytes[index + 1]) {
                    index += 2
                    continue
                }
                if index + 1 < end, bytes[index + 1] >= 0xC0, isLetter(bytes, index + 1, min(end, index + 1 + scalarWidth(bytes[index + 1]))) {
                    index += 1
                    continue
                }
                if byte == 0x2E, isAbbreviation(bytes, start, index) { return index + 1 }
                return index
            }
            if byte == 0xE2, index + 3 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99, isWordByte(bytes[index + 3]) {
                index += 4
                continue
            }
            if byte >= 0xC0 {
                let width = scalarWidth(byte)
                if index + width <= end, isLetter(bytes, index, index + width) {
                    index += width
                    continue
                }
            }
            return index
        }
        return index
    }

    /// "Sen.", "U.S.", "Jr.", a single capital ("J."): the period belongs to the word.
    private static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ period: Int) -> Bool {
        if period - start == 1, bytes[start] >= 0x41, bytes[start] <= 0x5A { return true }
        var dots = false
        for index in start..<period where bytes[index] == 0x2E { dots = true }
        if dots { return true }
        return Sentences.isAbbreviation(bytes, before: period, from: start)
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (byte &- 0x30) < 10 || (lower &- 0x61) < 26
    }

    private static func isWordStart(_ byte: UInt8) -> Bool { isWordByte(byte) }

    private static func isIDByte(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }

    private static func isMarkup(_ byte: UInt8) -> Bool { byte == 0x5B || byte == 0x5D || byte == 0x2A || byte == 0x5F }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    /// A non-breaking space (U+00A0, `C2 A0`) starting at `index`: news text puts one after a sentence as often as a space.
    private static func isNoBreakSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ segment: ByteRange) -> Bool {
        index >= segment.start && index + 1 < segment.end && bytes[index] == 0xC2 && bytes[index + 1] == 0xA0
    }

    private static func scalarWidth(_ byte: UInt8) -> Int {
        byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Unicode.Scalar? {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).unicodeScalars.first
    }

    private static func isLetter(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        scalar(bytes, start, end)?.properties.isAlphabetic ?? false
    }

    private static func isUppercase(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        let end = min(start + scalarWidth(bytes[start]), bytes.count)
        return scalar(bytes, start, end)?.properties.isUppercase ?? false
    }

    private static func isAllCaps(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> Bool {
        var letters = 0
        for index in range.start..<range.end {
            let byte = bytes[index]
            if byte >= 0x61, byte <= 0x7A { return false }
            if byte >= 0x41, byte <= 0x5A { letters += 1 }
        }
        return letters >= 2
    }
}

extension Sentences {
    /// `isAbbreviation` over a buffer.
    static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, before period: Int, from lowerBound: Int) -> Bool {
        isAbbreviation(Array(bytes[lowerBound..<period + 1]), before: period - lowerBound, from: 0)
    }
}
