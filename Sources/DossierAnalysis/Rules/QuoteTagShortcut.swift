import DossierSyntax

/// The common case of a quotation in prose, recognised from its bytes: a paragraph whose only
/// quotation marks are “ and ”, the quotation ending in a comma and followed by its tag — one to
/// four capitalised words, a linked or bare mention, or a person pronoun, then a verb of the
/// reporting lexicon (“…,” Austin said). Attribution inference always finds that quotation's source (its tag-after pattern), so
/// `unattributed-quote` has nothing to report there and `dossier check` skips inference for it.
/// `QuoteTagShortcutTests` holds the shortcut to the engine on every paragraph it accepts.
enum QuoteTagShortcut {
    /// Whether `paragraph` is that case.
    static func applies(_ paragraph: ParagraphSyntax, in syntax: DocumentSyntax, lexicon: ReportingLexicon) -> Bool {
        let bytes = syntax.bytes
        let segments = syntax.segments(of: paragraph)
        // Exactly one “ and one ”, in that order, and no straight double quote.
        var open: Int?
        var close: Int?
        for segment in segments {
            var index = segment.start
            while index < segment.end {
                let byte = bytes[index]
                if byte == 0x22 { return false }
                if byte == 0xE2, index + 2 < segment.end, bytes[index + 1] == 0x80 {
                    if bytes[index + 2] == 0x9C {
                        guard open == nil else { return false }
                        open = index
                    } else if bytes[index + 2] == 0x9D {
                        guard open != nil, close == nil else { return false }
                        close = index
                    }
                    index += 3
                    continue
                }
                index += 1
            }
        }
        guard let open, let close, close > open + 4 else { return false }
        // The opening mark starts a word after a space (or the paragraph), the closing one follows a comma.
        guard segments.contains(where: { $0.start <= open && open + 3 < $0.end }), !isSpace(bytes[open + 3]) else { return false }
        if open > paragraph.range.start, !isSpace(bytes[open - 1]), bytes[open - 1] != 0x5B, bytes[open - 1] != 0x3E { return false }
        guard bytes[close - 1] == 0x2C, let segment = segments.first(where: { $0.start <= close && close + 3 <= $0.end }) else { return false }
        return tagFollows(after: close + 3, in: segment, of: segments, mentions: mentions(in: paragraph.range, syntax), syntax: syntax, lexicon: lexicon)
    }

    /// ` Name Name said` or ` [Name](@id) said` from `start`, the verb a whole word of the lexicon.
    private static func tagFollows(
        after start: Int, in segment: ByteRange, of paragraphSegments: ArraySlice<ByteRange>, mentions: ArraySlice<MentionSyntax>,
        syntax: DocumentSyntax, lexicon: ReportingLexicon
    ) -> Bool {
        let bytes = syntax.bytes
        guard start < segment.end, bytes[start] == 0x20 else { return false }
        var index = start + 1
        // A linked mention: its text is prose, its target is cut out, the prose resumes after it.
        if index < segment.end, bytes[index] == 0x5B {
            // Inference reads a link's words as one name, whatever they are ("[the Serbia government](@serbia)").
            // The link's `](@id)` is cut out of the prose: the next segment starts after it.
            guard let close = (index..<segment.end).first(where: { bytes[$0] == 0x5D }), close + 1 == segment.end,
                (index + 1..<close).contains(where: { isWordByte(bytes[$0]) }),
                let position = paragraphSegments.firstIndex(where: { $0 == segment }), position + 1 < paragraphSegments.endIndex,
                let mention = mentions.first(where: { $0.fullRange.start == index }), mention.linkText != nil
            else { return false }
            let after = paragraphSegments[position + 1]
            guard after.start == mention.fullRange.end else { return false }
            return verb(at: after.start, in: after, bytes, lexicon)
        }
        // A bare mention: `@id`, a word of its own to the engine.
        if index < segment.end, bytes[index] == 0x40 {
            var end = index + 1
            while end < segment.end, isIDByte(bytes[end]) { end += 1 }
            guard end > index + 1, end < segment.end, bytes[end] == 0x20 else { return false }
            return verb(at: end, in: segment, bytes, lexicon)
        }
        // "he said", "she added".
        for pronoun in ["he ", "she ", "they ", "we "] where bytes[index...].starts(with: pronoun.utf8) {
            return verb(at: index + pronoun.utf8.count - 1, in: segment, bytes, lexicon)
        }
        // One to four capitalised words.
        var words = 0
        while words < 4, index < segment.end, bytes[index] >= 0x41, bytes[index] <= 0x5A {
            var end = index + 1
            while end < segment.end, isWordByte(bytes[end]) { end += 1 }
            guard isNameWords(ByteRange(index, end), bytes, allowPronoun: words == 0, lexicon: lexicon) else { return false }
            words += 1
            guard end < segment.end, bytes[end] == 0x20 else { return false }
            index = end + 1
            if index < segment.end, bytes[index] >= 0x61, bytes[index] <= 0x7A { break }
        }
        guard words > 0 else { return false }
        return verb(at: index - 1, in: segment, bytes, lexicon)
    }

    /// Whether a verb of the lexicon (speech or address) stands after the space at `space`, and
    /// nothing in the lexicon before it in the tag.
    private static func verb(at space: Int, in segment: ByteRange, _ bytes: [UInt8], _ lexicon: ReportingLexicon) -> Bool {
        guard space < segment.end, bytes[space] == 0x20, space + 1 < segment.end else { return false }
        let start = space + 1
        guard bytes[start] >= 0x61, bytes[start] <= 0x7A else { return false }
        var end = start
        while end < segment.end, bytes[end] >= 0x61, bytes[end] <= 0x7A { end += 1 }
        guard end == segment.end || !isWordByte(bytes[end]) else { return false }
        let matches = lexicon.matcher.matches(in: bytes, range: ByteRange(start, end))
        guard let match = matches.first, match.range == ByteRange(start, end) else { return false }
        let entry = lexicon.entries[match.phrase]
        return (entry.role == .speech || entry.role == .address) && entry.form != .gerund && entry.form != .base
    }

    /// Whether `range` is capitalised words the engine reads as a name (no function word, no
    /// cue of the lexicon), or one person pronoun first in the tag ("he said").
    private static func isNameWords(_ range: ByteRange, _ bytes: [UInt8], allowPronoun: Bool, lexicon: ReportingLexicon) -> Bool {
        var index = range.start
        var count = 0
        while index < range.end {
            while index < range.end, bytes[index] == 0x20 { index += 1 }
            var end = index
            while end < range.end, bytes[end] != 0x20 { end += 1 }
            guard end > index else { break }
            count += 1
            guard bytes[index] >= 0x41, bytes[index] <= 0x5A, (index..<end).allSatisfy({ isWordByte(bytes[$0]) }) else { return false }
            let word = ByteRange(index, end)
            // A word the lexicon knows could be read as a cue ("Post", "Says").
            if !lexicon.matcher.matches(in: bytes, range: word).isEmpty { return false }
            let classes = bytes.withUnsafeBufferPointer { WordClass.of($0, word) }
            if classes.contains(.personPronoun) || classes.contains(.pluralPronoun) {
                guard allowPronoun, count == 1, end == range.end else { return false }
            } else if !classes.isDisjoint(with: [.clauseBoundary, .adverb, .auxiliary, .preposition, .determiner, .notASource, .thingPronoun, .be]) {
                return false
            }
            index = end
        }
        return count > 0
    }

    /// The document's mentions that start in `range` (mentions are in text order but for bare ones in link texts, which start later).
    private static func mentions(in range: ByteRange, _ syntax: DocumentSyntax) -> ArraySlice<MentionSyntax> {
        let mentions = syntax.mentions
        let low = partitionPoint(mentions.count) { mid in mentions[mid].fullRange.end <= range.start }
        var end = low
        while end < mentions.count, mentions[end].fullRange.start < range.end { end += 1 }
        return mentions[low..<end]
    }

    private static func isIDByte(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (byte &- 0x30) < 10 || (lower &- 0x61) < 26
    }
}
