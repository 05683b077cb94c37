import DossierSyntax

/// The rules that read prose: `unlinked-mention`, `vague-attribution`, `anonymous-source`,
/// `unattributed-quote` and `unattributed-claim`, sentence by sentence. Attribution inference
/// (SPEC 7) runs only on the paragraphs that need it: those with a quotation mark outside claim
/// spans, a vague cue, or a claim with no source.
struct ProseRules {
    let document: Document
    let snapshot: WorkspaceSnapshot
    private let bytes: [UInt8]
    private let claims: [ClaimSyntax]
    /// Mentions and claims ordered by start, for range lookups.
    private let mentions: [MentionSyntax]
    private let claimOrder: [Int]

    init(document: Document, snapshot: WorkspaceSnapshot) {
        self.document = document
        self.snapshot = snapshot
        bytes = document.syntax.bytes
        let claims = document.syntax.claims
        self.claims = claims
        // The scanner records mentions in text order but for a bare `@id` inside a link's text;
        // an array already in order is shared, not copied (a copy retains every id string).
        let mentions = document.syntax.mentions
        let inOrder = mentions.indices.dropFirst().allSatisfy { mentions[$0 - 1].fullRange.start <= mentions[$0].fullRange.start }
        self.mentions = inOrder ? mentions : mentions.sorted { $0.fullRange.start < $1.fullRange.start }
        claimOrder = claims.indices.sorted { claims[$0].range.start < claims[$1].range.start }
    }

    /// What one sentence holds that the cue rules look at. Plain values: the cues are a range of
    /// `ProseFacts.cues`, so building a sentence allocates nothing.
    private struct SentenceFacts {
        var range: ByteRange
        /// The sentence's cues, a range of `ProseFacts.cues`.
        var cues: Range<Int> = 0..<0
        var hasUnnamed = false
        var hasDescribedClaim = false
    }

    /// The facts of the document's prose: `sentences` are the paragraph being checked; `cues` grows
    /// through the whole document (sentences hold ranges of it), so nothing is cleared or allocated
    /// anew for each paragraph.
    private struct ProseFacts {
        var sentences: [SentenceFacts] = []
        var cues: [(range: ByteRange, kind: CueKind)] = []
        /// The paragraph has a vague cue.
        var hasVague = false
        /// Known names and aliases in prose, through the document; the paragraph's from `paragraphNames`.
        var names: [ByteRange] = []
        var paragraphNames = 0
        /// The cue and name matches of the segment being read.
        var cueMatches: [NameMatcher.Match] = []
        var nameMatches: [NameMatcher.Match] = []
    }

    func check(_ sink: inout DiagnosticSink) {
        // For each claim without `by`, the actor inference finds for it, if any.
        var claimSources = [String?](repeating: nil, count: claims.count)
        var proseFacts = ProseFacts()
        var inference = ParagraphInference(document: document, snapshot: snapshot)
        let paragraphs = document.syntax.paragraphs
        for (index, paragraph) in paragraphs.enumerated() {
            facts(for: paragraph, into: &proseFacts, sink: &sink)
            let claimsHere = claims(overlapping: paragraph.range)
            let unattributedClaims = claimsHere.contains { !claims[$0].hasBy && claims[$0].cites.isEmpty }
                ? claimsHere.filter { !claims[$0].hasBy && claims[$0].cites.isEmpty } : []
            // A source can satisfy a vague cue or offer a claim its fix only with a reporting cue,
            // a colon or a quotation mark near it: the lexicon is tried on those sentences first.
            // (Most paragraphs have neither a vague cue nor an unattributed claim: nothing is built for them.)
            let names = proseFacts.names[proseFacts.paragraphNames...]
            var focus: [ByteRange] = []
            if proseFacts.hasVague {
                for sentence in proseFacts.sentences where facts(proseFacts, sentence).contains(where: { $0.kind == .vague })
                    && mayReport(sentence.range) && mayName(sentence.range, names)
                {
                    focus.append(sentence.range)
                }
            }
            if !unattributedClaims.isEmpty, !mentionsIn(paragraph.range).isEmpty || !names.isEmpty {
                for sentence in proseFacts.sentences
                where unattributedClaims.contains(where: { sentence.range.overlaps(claims[$0].range) }) && mayReport(sentence.range) {
                    focus.append(sentence.range)
                }
            }
            let needsInference = !focus.isEmpty
                || hasQuotationMarkOutsideClaims(paragraph) && !QuoteTagShortcut.applies(paragraph, in: document.syntax, lexicon: snapshot.cues.lexicon)
            let attributions = needsInference
                ? inference.attributions(
                    ofParagraph: index, detail: focus.isEmpty ? .quotations : .sources,
                    sentenceEnds: proseFacts.sentences.isEmpty ? nil : proseFacts.sentences.map(\.range.end), focus: focus)
                : []
            // The sources named at a cue, by where they are: each sentence looks its own up.
            let named = attributions.filter(\.namedAtCue).compactMap { attribution in attribution.sourceRange.map { ($0, attribution.cue) } }
                .sorted { $0.0.start < $1.0.start }
            for sentence in proseFacts.sentences {
                checkCues(sentence, proseFacts, named, &sink)
            }
            checkQuotes(attributions, &sink)
            for claim in unattributedClaims {
                let text = claims[claim].textRange
                // Attributions are in order of content: from the first that can reach the claim.
                var index = partitionPoint(attributions.count) { attributions[$0].content.start < text.start - 4096 }
                while index < attributions.count, attributions[index].content.start < text.end {
                    let attribution = attributions[index]
                    index += 1
                    guard attribution.content.overlaps(text),
                        let actor = attribution.sources.lazy.compactMap({ if case let .actor(id) = $0 { id } else { nil } }).first
                    else { continue }
                    claimSources[claim] = actor
                    break
                }
            }
        }
        // By index, not by element: most claims name their source, and a copy of each would
        // retain all of its strings and arrays.
        for index in claims.indices {
            if let description = claims[index].byDescription {
                sink.add(
                    .anonymousSource, description.range,
                    "the source is unnamed (“\(description.text)”): name it if the reporting allows, or say why it is anonymous")
            }
            if !claims[index].hasBy { checkAttribution(claims[index], source: claimSources[index], &sink) }
        }
    }

    // MARK: Facts

    private func facts(for paragraph: ParagraphSyntax, into facts: inout ProseFacts, sink: inout DiagnosticSink) {
        facts.sentences.removeAll(keepingCapacity: true)
        facts.hasVague = false
        facts.paragraphNames = facts.names.count
        let firstCue = facts.cues.count
        let paragraphMentions = mentionsIn(paragraph.range)
        for segment in document.syntax.segments(of: paragraph) {
            NameMatcher.matches(snapshot.cues.matcher, snapshot.nameMatcher, in: bytes, range: segment, into: &facts.cueMatches, &facts.nameMatches)
            for match in facts.cueMatches {
                let kind = snapshot.cues.kinds[match.phrase]
                facts.cues.append((match.range, kind))
                if kind == .vague { facts.hasVague = true }
            }
            for match in facts.nameMatches {
                facts.names.append(match.range)
                if paragraphMentions.contains(where: { $0.fullRange.overlaps(match.range) }) { continue }
                let owners = snapshot.phraseOwners[match.phrase]
                guard owners.count == 1, let owner = owners.first else { continue }
                sink.add(
                    .unlinkedMention, match.range,
                    "“\(snapshot.nameMatcher.phrases[match.phrase])” is `@\(owner)`: link it as [\(snapshot.nameMatcher.phrases[match.phrase])](@\(owner))",
                    fixes: [.linkMention(owner)])
            }
        }
        // Sentences only where a cue or a claim needs them: most paragraphs have neither.
        let claimsHere = claims(overlapping: paragraph.range)
        guard facts.cues.count > firstCue || !claimsHere.isEmpty else { return }
        Sentences.split(bytes, paragraph.range) { facts.sentences.append(SentenceFacts(range: $0)) }
        var cursor = 0
        func sentenceIndex(_ offset: Int) -> Int {
            while cursor + 1 < facts.sentences.count, facts.sentences[cursor].range.end <= offset { cursor += 1 }
            while cursor > 0, facts.sentences[cursor].range.start > offset { cursor -= 1 }
            return cursor
        }
        // Cues come in text order, so each sentence's are consecutive in the buffer.
        for cue in firstCue..<facts.cues.count {
            let sentence = sentenceIndex(facts.cues[cue].range.start)
            if facts.sentences[sentence].cues.isEmpty { facts.sentences[sentence].cues = cue..<cue }
            facts.sentences[sentence].cues = facts.sentences[sentence].cues.lowerBound..<(cue + 1)
            if facts.cues[cue].kind == .unnamed { facts.sentences[sentence].hasUnnamed = true }
        }
        cursor = 0
        for claim in claimsHere where claims[claim].byDescription != nil {
            facts.sentences[sentenceIndex(claims[claim].range.start)].hasDescribedClaim = true
        }
    }

    /// The cues of a sentence.
    private func facts(_ facts: ProseFacts, _ sentence: SentenceFacts) -> ArraySlice<(range: ByteRange, kind: CueKind)> {
        facts.cues[sentence.cues]
    }

    /// Whether `range` holds a reporting cue, a colon or a quotation mark: where an attribution can be.
    private func mayReport(_ range: ByteRange) -> Bool {
        for index in range.start..<range.end {
            let byte = bytes[index]
            if byte == 0x3A || byte == 0x22 { return true }
            if byte == 0xE2, index + 2 < range.end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D { return true }
        }
        return !snapshot.cues.lexicon.matcher.matches(in: bytes, range: range).isEmpty
    }

    /// Whether `range` (a sentence) can name a source, for `vague-attribution`: a mention, a known
    /// name, or a capitalised word that is no function word or common noun opening the sentence.
    /// Inference reads a source as a name only from these.
    private func mayName(_ range: ByteRange, _ names: ArraySlice<ByteRange>) -> Bool {
        // Names are in text order.
        let nearest = names.startIndex + partitionPoint(names.count) { names[names.startIndex + $0].end <= range.start }
        if nearest < names.endIndex, names[nearest].overlaps(range) { return true }
        if mentionsIn(range).contains(where: { range.overlaps($0.fullRange) }) { return true }
        var first = true
        var index = range.start
        while index < range.end {
            let byte = bytes[index]
            let startsWord = ASCIIWord.isWordByte(byte) || byte >= 0xC0
            guard startsWord, index == range.start || !ASCIIWord.isWordByte(bytes[index - 1]) && bytes[index - 1] < 0x80 else {
                index += 1
                continue
            }
            var end = index + 1
            while end < range.end, ASCIIWord.isWordByte(bytes[end]) || bytes[end] >= 0x80 && !(bytes[end] == 0xE2) { end += 1 }
            let capital = (byte >= 0x41 && byte <= 0x5A) || byte >= 0xC0
            if capital {
                guard first else { return true }
                let classes = bytes.withUnsafeBufferPointer { WordClass.of($0, ByteRange(index, end)) }
                if classes.isDisjoint(with: [.determiner, .personPronoun, .pluralPronoun, .thingPronoun, .clauseBoundary, .adverb, .auxiliary,
                    .preposition, .personNoun, .pluralNoun, .groupNoun, .notASource, .be])
                {
                    return true
                }
            }
            first = false
            index = end
        }
        return false
    }

    /// Whether a quotation mark (“, ” or ") stands in the paragraph's prose outside claim spans.
    private func hasQuotationMarkOutsideClaims(_ paragraph: ParagraphSyntax) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            for segment in document.syntax.segments(of: paragraph) {
                var index = segment.start
                // The last byte of “ (E2 80 9C) and ” (E2 80 9D), or ": rarer than E2, which opens every ’ and —.
                while index < segment.end {
                    index = ByteSearch.firstIndex(of: 0x9C, 0x9D, 0x22, in: buffer, from: index, to: segment.end)
                    guard index < segment.end else { break }
                    let isMark = buffer[index] == 0x22 || (index >= segment.start + 2 && buffer[index - 2] == 0xE2 && buffer[index - 1] == 0x80)
                    if isMark, !insideClaim(ByteRange(index, index + 1)) { return true }
                    index += 1
                }
            }
            return false
        }
    }

    // MARK: Rules

    /// `named`: the sources named at a cue in the paragraph, with their cues, sorted by start.
    private func checkCues(_ sentence: SentenceFacts, _ facts: ProseFacts, _ named: [(ByteRange, ByteRange?)], _ sink: inout DiagnosticSink) {
        // A source named with a reporting cue in the sentence, in the cast or not (SPEC 3.1); not
        // the vague phrase itself read as one ("Reports indicate").
        let cues = facts.cues[sentence.cues]
        var satisfied = false
        var index = partitionPoint(named.count) { named[$0].0.start < sentence.range.start }
        while !satisfied, index < named.count, named[index].0.start < sentence.range.end {
            let (source, cue) = named[index]
            index += 1
            guard sentence.range.contains(source) else { continue }
            satisfied = !cues.contains { $0.range.overlaps(source) || cue.map($0.range.overlaps) == true }
        }
        for cue in cues {
            switch cue.kind {
            case .unnamed:
                if sentence.hasDescribedClaim || insideClaim(cue.range) { continue }
                sink.add(
                    .anonymousSource, cue.range,
                    "“\(text(cue.range))” is an unnamed source: name it if the reporting allows, or mark the claim with by=\"…\"")
            case .vague:
                if satisfied || sentence.hasUnnamed || insideAttributedClaim(cue.range) { continue }
                sink.add(
                    .vagueAttribution, cue.range,
                    "“\(text(cue.range))” attributes to no one: say who (a named source and a reporting verb) or mark the claim with by=",
                    fixes: insideClaim(cue.range) ? [] : [.wrapSentence(sentence.range)])
            }
        }
    }

    /// `unattributed-quote`: a quotation of four words or more, outside claim spans, for which inference finds no source.
    private func checkQuotes(_ attributions: [Attribution], _ sink: inout DiagnosticSink) {
        for attribution in attributions where attribution.kind == .quote && !attribution.annotated {
            guard attribution.source == nil, attribution.sourceRange == nil, ProseRules.wordCount(bytes, attribution.content) >= 4,
                claims(overlapping: attribution.content).isEmpty
            else { continue }
            sink.add(
                .unattributedQuote, attribution.content,
                "this quotation has no source: add who said it with a reporting verb (“…,” Austin said) or mark it [“…”]{.quote by=@id}",
                fixes: [.wrapQuote(attribution.content, actor: nil)])
        }
    }

    /// `source`: the actor inference finds for the claim, if any.
    private func checkAttribution(_ claim: ClaimSyntax, source: String?, _ sink: inout DiagnosticSink) {
        guard !snapshot.isAttributed(claim) else { return }
        if claim.cites.contains(where: { snapshot.claimSites[$0.text] == nil }) { return }
        let kind = claim.kind == .quote ? "quote" : "claim"
        let message: String
        if claim.cites.isEmpty {
            message = "this \(kind) has no source: add by=@id for who is on record, by=\"…\" for an unnamed source, or cite=#claim-id"
        } else {
            let cited = claim.cites.map { "#" + $0.text }.joined(separator: ", ")
            message = "this \(kind) cites \(cited), which has no source on record: attribute the cited claim or add by= here"
        }
        sink.add(.unattributedClaim, claim.range, message, fixes: source.map { [.attribute($0)] } ?? [])
    }

    // MARK: Lookups

    /// Words in a quotation: runs separated by white space, its marks included.
    static func wordCount(_ bytes: [UInt8], _ range: ByteRange) -> Int {
        var count = 0
        var inWord = false
        for index in range.start..<range.end {
            let byte = bytes[index]
            let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    private func text(_ range: ByteRange) -> String { bytes.string(in: range) }

    private func mentionsIn(_ range: ByteRange) -> ArraySlice<MentionSyntax> {
        let lower = partitionPoint(mentions.count) { mentions[$0].fullRange.start < range.start }
        var upper = lower
        while upper < mentions.count, mentions[upper].fullRange.start < range.end { upper += 1 }
        return mentions[lower..<upper]
    }

    /// Indices of the claims that overlap `range`, in order of start: a run of `claimOrder`, as
    /// every claim that starts before `range` ends and ends after it starts overlaps it.
    private func claims(overlapping range: ByteRange) -> ArraySlice<Int> {
        let upper = partitionPoint(claimOrder.count) { claims[claimOrder[$0]].range.start < range.end }
        var lower = upper
        // Claims do not nest, so the first one that ends before `range` ends the search.
        while lower > 0, claims[claimOrder[lower - 1]].range.end > range.start { lower -= 1 }
        return claimOrder[lower..<upper]
    }

    private func insideClaim(_ range: ByteRange) -> Bool {
        claims(overlapping: range).contains { claims[$0].textRange.contains(range) }
    }

    private func insideAttributedClaim(_ range: ByteRange) -> Bool {
        claims(overlapping: range).contains {
            let claim = claims[$0]
            return claim.textRange.contains(range) && snapshot.isAttributed(claim)
        }
    }

}

/// Attribution inference paragraph by paragraph, as the rules ask for it: a paragraph is read
/// together with the one before it when that one was skipped, so a quotation continued from it,
/// or opening after its lead-in, finds its source as it does when the whole document is read.
struct ParagraphInference {
    private var engine: AttributionEngine
    private var lastRead = -2

    init(document: Document, snapshot: WorkspaceSnapshot) {
        engine = AttributionEngine(context: AttributionContext(document: document, snapshot: snapshot))
    }

    /// The attributions of paragraph `index`; paragraphs must be asked for in increasing order.
    mutating func attributions(ofParagraph index: Int, detail: AttributionEngine.Detail, sentenceEnds: [Int]?, focus: [ByteRange]) -> [Attribution] {
        if lastRead != index - 1 {
            engine.skip()
            // Only a paragraph that opens with a quotation mark or a block quote takes a source from
            // the one before (a continued quote, a lead-in): read that one first.
            if index > 0, opensWithQuotation(index) { _ = engine.read(paragraph: index - 1, detail: .quotations) }
        }
        lastRead = index
        return engine.read(paragraph: index, detail: detail, sentenceEnds: sentenceEnds, focus: detail == .sources ? focus : nil)
    }

    /// Whether paragraph `index` opens with a quotation mark or is a block quote (markup before it aside).
    private func opensWithQuotation(_ index: Int) -> Bool {
        let syntax = engine.context.syntax
        let paragraph = syntax.paragraphs[index]
        let bytes = syntax.bytes
        if paragraph.range.start < bytes.count, bytes[paragraph.range.start] == 0x3E { return true }
        guard let segment = syntax.segments(of: paragraph).first else { return false }
        var offset = segment.start
        while offset < segment.end, [0x20, 0x09, 0x0A, 0x0D, 0x5B, 0x2A, 0x5F, 0x3E].contains(bytes[offset]) { offset += 1 }
        guard offset < segment.end else { return false }
        if bytes[offset] == 0x22 { return true }
        return offset + 2 < segment.end && bytes[offset] == 0xE2 && bytes[offset + 1] == 0x80 && (bytes[offset + 2] == 0x9C || bytes[offset + 2] == 0x9D)
    }
}
