import DossierSyntax

/// A reporting cue found in a paragraph.
struct FoundCue: Sendable {
    /// Its tokens.
    var tokens: Range<Int>
    var entry: CueEntry
    /// Set once a quotation has taken it as its tag ("“…,” Austin said"): it reports no statement then.
    var tagsQuotation = false
}

/// An actor named in a paragraph: a linked or bare mention, or the name or alias of one actor.
struct NamedEntity: Sendable {
    var tokens: Range<Int>
    var actor: String
}

/// One paragraph read for attribution: its tokens, quotations, sentences, cues and named actors.
/// An engine reads paragraph after paragraph into one value, which keeps its buffers' capacity.
struct ParagraphAnalysis {
    /// The paragraph's index in its document.
    private(set) var index = 0
    /// The document's text.
    private(set) var bytes: [UInt8] = []
    var tokens: [ProseToken] = []
    var quotations: [Quotation] = []
    /// The sentence of each token.
    var sentenceOf: [Int32] = []
    /// Each sentence's tokens.
    var sentences: [Range<Int>] = []
    var cues: [FoundCue] = []
    /// For each token, the index of the cue that starts there, or -1.
    private var cueAt: [Int32] = []
    /// For each token, the next terminator or semicolon outside quotations at or after it (`clauseEnd`).
    private var stops: [Int32] = []
    /// Sorted by first token.
    var entities: [NamedEntity] = []
    /// The paragraph is a headline in title case ("Harbour Town Says Mayor Must Go"): a
    /// capitalised verb inside it may still be a cue.
    private(set) var isHeadline = false
    /// Scratch for the lexicon's matches.
    private var matches: [NameMatcher.Match] = []
    private var noMatches: [NameMatcher.Match] = []

    /// An empty analysis, to `read` into.
    init() {}

    /// Reads paragraph `index`; `entities` says whether to find the actors it names (sources are
    /// read by them); `sentenceEnds` are the ends of its sentences when the caller has split them.
    mutating func read(
        index: Int, paragraph: ParagraphSyntax, context: AttributionContext, entities findsEntities: Bool = true, sentenceEnds: [Int]? = nil
    ) {
        self.index = index
        bytes = context.bytes
        tokens.removeAll(keepingCapacity: true)
        quotations.removeAll(keepingCapacity: true)
        sentenceOf.removeAll(keepingCapacity: true)
        sentences.removeAll(keepingCapacity: true)
        cues.removeAll(keepingCapacity: true)
        cueAt.removeAll(keepingCapacity: true)
        stops.removeAll(keepingCapacity: true)
        entities.removeAll(keepingCapacity: true)
        let segments = context.syntax.segments(of: paragraph)
        tokens.reserveCapacity(paragraph.range.length / 4)
        context.bytes.withUnsafeBufferPointer { bytes in
            ProseTokenizer.tokenize(bytes, segments: segments, into: &tokens)
        }
        guard !tokens.isEmpty else {
            isHeadline = false
            return
        }
        isHeadline = Self.isTitleCased(tokens, context.bytes)
        markMentions(paragraph, context)
        QuotationFinder.find(&tokens, into: &quotations)
        findStops()
        splitSentences(paragraph.range, context, ends: sentenceEnds)
        findCues(segments, context)
        if findsEntities { findEntities(paragraph, segments, context) }
    }

    // MARK: Building

    /// The clause ends, from the last token back: every lookup of a clause's end is then one read.
    private mutating func findStops() {
        stops.append(contentsOf: repeatElement(Int32(tokens.count), count: tokens.count))
        var next = Int32(tokens.count)
        for index in tokens.indices.reversed() {
            let token = tokens[index]
            if token.quotation < 0, token.kind == .terminator || token.kind == .semicolon { next = Int32(index) }
            stops[index] = next
        }
    }

    /// Flags the words of linked mentions' texts as mentions: a linked phrase is a name, whatever its words.
    private mutating func markMentions(_ paragraph: ParagraphSyntax, _ context: AttributionContext) {
        var token = 0
        for mention in context.mentions(in: paragraph.range) {
            guard let text = mention.linkText else { continue }
            while token < tokens.count, tokens[token].range.end <= text.start { token += 1 }
            var index = token
            while index < tokens.count, tokens[index].range.start < text.end {
                if tokens[index].kind == .word { tokens[index].flags.insert(.mention) }
                index += 1
            }
        }
    }

    private mutating func splitSentences(_ range: ByteRange, _ context: AttributionContext, ends known: [Int]?) {
        var ends: [Int] = known ?? []
        if known == nil { Sentences.split(context.bytes, range) { ends.append($0.end) } }
        sentenceOf.append(contentsOf: repeatElement(0, count: tokens.count))
        var sentence = 0
        var start = 0
        for index in tokens.indices {
            while sentence < ends.count - 1, tokens[index].range.start >= ends[sentence] {
                if index > start { sentences.append(start..<index) }
                start = index
                sentence += 1
            }
            sentenceOf[index] = Int32(sentences.count)
        }
        sentences.append(start..<tokens.count)
    }

    private mutating func findCues(_ segments: ArraySlice<ByteRange>, _ context: AttributionContext) {
        var token = 0
        for segment in segments {
            NameMatcher.matches(context.lexicon.matcher, context.noNames, in: context.bytes, range: segment, into: &matches, &noMatches)
            for match in matches {
                while token < tokens.count, tokens[token].range.start < match.range.start { token += 1 }
                guard token < tokens.count, tokens[token].range.start == match.range.start else { continue }
                var end = token
                while end < tokens.count, tokens[end].range.start < match.range.end { end += 1 }
                guard tokens[token].quotation < 0 else { continue }
                let entry = context.lexicon.entries[match.phrase]
                guard isVerbUse(token, entry) else { continue }
                if cueAt.isEmpty { cueAt.append(contentsOf: repeatElement(-1, count: tokens.count)) }
                cueAt[token] = Int32(cues.count)
                cues.append(FoundCue(tokens: token..<end, entry: entry))
            }
        }
    }

    /// A short paragraph of one sentence whose longer words (four letters or more) are nearly all capitalised.
    private static func isTitleCased(_ tokens: [ProseToken], _ bytes: [UInt8]) -> Bool {
        guard tokens.count <= 40 else { return false }
        var long = 0
        var capitalized = 0
        for (index, token) in tokens.enumerated() {
            if token.kind == .terminator, index < tokens.count - 1 { return false }
            guard token.isWord, token.range.length >= 4 else { continue }
            long += 1
            if token.isCapitalized { capitalized += 1 }
        }
        return long >= 3 && capitalized * 5 >= long * 4
    }

    /// Whether a cue word stands as a verb: not capitalised inside a sentence ("the United States",
    /// "The Washington Post"), not a noun after a determiner or a possessive ("his claims", "a call").
    /// Whether what follows `token` is what follows a verb: nothing, a sign, "that", a determiner, a pronoun, a name or a preposition.
    private func isFollowedAsAVerb(_ token: Int) -> Bool {
        guard token + 1 < tokens.count, tokens[token + 1].isWord else { return true }
        let next = tokens[token + 1]
        return next.isCapitalized || isWord(token + 1, "that")
            || !next.classes.isDisjoint(with: [.determiner, .personPronoun, .pluralPronoun, .objectPronoun, .preposition])
    }

    /// "the two", "the three": people counted, a subject ("the three say").
    func isPeopleByNumber(endingAt index: Int) -> Bool {
        guard index >= 1, isWord(index - 1, "the") else { return false }
        return isWord(index, "two") || isWord(index, "three") || isWord(index, "four") || isWord(index, "five")
    }

    private func isVerbUse(_ token: Int, _ entry: CueEntry) -> Bool {
        let word = tokens[token]
        if entry.role == .accordingTo || entry.role == .medium { return true }
        guard token > 0 else { return true }
        let previous = tokens[token - 1]
        // Part of a name: "the United States", "The Washington Post".
        if word.isCapitalized, !startsSentence(token), previous.isCapitalized || previous.classes.contains(.determiner),
            !(isHeadline && (entry.form == .present || entry.form == .past) && previous.isWord && !previous.classes.contains(.determiner))
        {
            return false
        }
        if previous.kind == .possessive { return entry.form == .past }
        // "my March 9 post": a noun after a number.
        if previous.flags.contains(.numeric), entry.form == .base || entry.form == .present { return false }
        // "press secretary", "report card": a base form before a noun is a noun ("says rival Lena
        // Hart", "tells reporters", "quotes former aide" are verbs).
        if entry.form == .base, token + 1 < tokens.count, tokens[token + 1].isWord,
            !tokens[token + 1].isCapitalized,
            !tokens[token + 1].classes.intersection([.personNoun, .title, .groupNoun, .pluralNoun]).isEmpty,
            !tokens[token + 1].classes.contains(.determiner)
        {
            return false
        }
        if previous.isWord, previous.classes.contains(.determiner) || previous.classes.contains(.possessive),
            !previous.classes.contains(.personPronoun), !previous.classes.contains(.relative),
            // "the three say, …", "Another wrote, …" (but "the two reported cases": an adjective).
            !((isPeopleByNumber(endingAt: token - 1) || entry.form == .past && isWord(token - 1, "another")) && isFollowedAsAVerb(token))
        {
            return false
        }
        // "a fundraising call", "his home state", "a Twitter comment": a base form after a determiner
        // and a singular word is a noun ("the officials call" is a verb; "the statement read" is a
        // past); "on a conference call": a noun phrase after a preposition is its object, not a subject.
        if entry.form == .base, !entry.needsTextSubject, token >= 2, previous.isWord, !previous.classes.contains(.adverb),
            !previous.classes.contains(.determiner), !previous.flags.contains(.numeric),
            !previous.classes.contains(.auxiliary), tokens[token - 2].isWord
        {
            let determiner = tokens[token - 2].classes
            if determiner.contains(.determiner) || determiner.contains(.possessive), !determiner.contains(.personPronoun),
                !determiner.contains(.relative)
            {
                if !previous.classes.contains(.pluralNoun), !hasSuffix(token - 1, "s") { return false }
                if token >= 3, tokens[token - 3].isWord, tokens[token - 3].classes.contains(.preposition), !isWord(token - 3, "as"),
                    !isWord(token - 3, "like")
                {
                    return false
                }
            }
        }
        return true
    }

    private mutating func findEntities(_ paragraph: ParagraphSyntax, _ segments: ArraySlice<ByteRange>, _ context: AttributionContext) {
        var found: [(ByteRange, String)] = []
        for mention in context.mentions(in: paragraph.range) where context.snapshot.actorSites[mention.reference.id] != nil {
            found.append((mention.linkText ?? mention.fullRange, mention.reference.id))
        }
        // Mentions and names both come in text order: a name inside a mention is found by walking them together.
        let mentionRanges = found.map(\.0).sorted()
        var mention = 0
        var names: [NameMatcher.Match] = []
        var none: [NameMatcher.Match] = []
        for segment in segments {
            NameMatcher.matches(context.snapshot.nameMatcher, context.noNames, in: context.bytes, range: segment, into: &names, &none)
            for match in names {
                while mention < mentionRanges.count, mentionRanges[mention].end <= match.range.start { mention += 1 }
                if mention < mentionRanges.count, mentionRanges[mention].overlaps(match.range) { continue }
                let owners = context.snapshot.phraseOwners[match.phrase]
                if owners.count == 1 { found.append((match.range, owners[0])) }
            }
        }
        found.sort { $0.0.start < $1.0.start }
        var token = 0
        for (range, actor) in found {
            while token < tokens.count, tokens[token].range.end <= range.start { token += 1 }
            var end = token
            while end < tokens.count, tokens[end].range.start < range.end { end += 1 }
            if end > token { entities.append(NamedEntity(tokens: token..<end, actor: actor)) }
        }
    }

    // MARK: Queries

    /// Whether `token` starts its sentence (quotation marks and markup before it aside).
    func startsSentence(_ token: Int) -> Bool {
        var index = token - 1
        while index >= 0, tokens[index].kind == .doubleQuote || tokens[index].kind == .singleQuote || tokens[index].kind == .openParen {
            index -= 1
        }
        if index < 0 { return true }
        return tokens[index].kind == .terminator || tokens[index].kind == .colon || sentenceOf[index] != sentenceOf[token]
    }

    /// The first token of `token`'s sentence.
    func sentenceStart(_ token: Int) -> Int { sentences[Int(sentenceOf[min(token, tokens.count - 1)])].lowerBound }

    /// The token after the end of `token`'s clause: the next terminator or semicolon outside quotations, or the paragraph's end.
    func clauseEnd(from token: Int) -> Int {
        token < stops.count ? Int(stops[token]) : tokens.count
    }

    /// The token after the end of a statement's clause from `token`: `clauseEnd`, or earlier where a
    /// new sentence starts outside quotations ("… in Ukraine.” The spokesperson said …").
    func statementEnd(from token: Int) -> Int {
        let end = clauseEnd(from: token)
        guard token < end else { return end }
        // The first later sentence that starts outside a quotation, before the clause ends.
        var sentence = Int(sentenceOf[token]) + 1
        while sentence < sentences.count, sentences[sentence].lowerBound < end {
            let start = sentences[sentence].lowerBound
            if tokens[start].quotation < 0, tokens[start].kind != .doubleQuote { return start }
            sentence += 1
        }
        return end
    }

    /// The indices of the cues that start in `range` of tokens (cues are in text order).
    func cues(startingIn range: Range<Int>) -> Range<Int> {
        let low = partitionPoint(cues.count) { mid in cues[mid].tokens.lowerBound < range.lowerBound }
        let end = partitionPoint(cues.count) { mid in cues[mid].tokens.lowerBound < range.upperBound }
        return low..<max(low, end)
    }

    /// The last quotation that ends before token `token`, if any.
    func quotation(endingBefore token: Int) -> Int? {
        let low = partitionPoint(quotations.count) { mid in quotations[mid].after(tokens.count) <= token }
        return low > 0 ? low - 1 : nil
    }

    /// The token whose range ends at byte `offset`, if any.
    func token(endingAt offset: Int) -> Int? {
        let low = partitionPoint(tokens.count) { mid in tokens[mid].range.end < offset }
        return low < tokens.count && tokens[low].range.end == offset ? low : nil
    }

    /// The entity covering `token`, if any.
    func entity(at token: Int) -> NamedEntity? {
        let low = firstEntity(endingAfter: token)
        return low < entities.count && entities[low].tokens.contains(token) ? entities[low] : nil
    }

    /// The entities that share a token with `range`, in order (a binary search: a paragraph of a
    /// megabyte names thousands).
    func entities(overlapping range: Range<Int>) -> ArraySlice<NamedEntity> {
        guard !range.isEmpty else { return [] }
        var end = firstEntity(endingAfter: range.lowerBound)
        let start = end
        while end < entities.count, entities[end].tokens.lowerBound < range.upperBound { end += 1 }
        return entities[start..<end]
    }

    /// The index of the first entity whose tokens end after `token` (entities are sorted and disjoint).
    private func firstEntity(endingAfter token: Int) -> Int {
        let low = partitionPoint(entities.count) { mid in entities[mid].tokens.upperBound <= token }
        return low
    }

    /// The cue whose first token is `token`, if any.
    func cue(startingAt token: Int) -> Int? {
        guard token < cueAt.count, cueAt[token] >= 0 else { return nil }
        return Int(cueAt[token])
    }

    /// The text of tokens `range`, markup left out: tokens joined by one space where a space separates them.
    func text(_ range: Range<Int>, _ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        for index in range {
            let token = tokens[index]
            if index > range.lowerBound, token.flags.contains(.spaceBefore) { text.append(0x20) }
            text.append(contentsOf: bytes[token.range.start..<token.range.end])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The byte range of tokens `range`.
    func byteRange(_ range: Range<Int>) -> ByteRange {
        ByteRange(tokens[range.lowerBound].range.start, tokens[range.upperBound - 1].range.end)
    }
}
