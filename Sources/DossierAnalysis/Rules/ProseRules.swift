import DossierSyntax

/// The rules that read prose: `unlinked-mention`, `vague-attribution`, `anonymous-source`,
/// `unattributed-quote` and `unattributed-claim`, sentence by sentence.
struct ProseRules {
    let document: Document
    let snapshot: WorkspaceSnapshot
    private let bytes: [UInt8]
    private let claims: [ClaimSyntax]
    /// Mentions and claims ordered by start, for range lookups.
    private let mentions: [MentionSyntax]
    private let claimOrder: [Int]
    /// The ids the document refers to that no document defines.
    private let unknownActors: [String]

    init(document: Document, snapshot: WorkspaceSnapshot, unknownActors: [String]) {
        self.document = document
        self.snapshot = snapshot
        self.unknownActors = unknownActors
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

    /// An actor named in prose; its id is read only when a diagnostic needs it.
    private enum NamedActor {
        /// The mention at this index of `mentions`.
        case mention(Int)
        /// The one owner of the name phrase with this index.
        case name(Int)
    }

    /// What one sentence holds that the rules look at. Plain values: the cues and actors are ranges
    /// of `ProseFacts` buffers, so building a sentence allocates nothing.
    private struct SentenceFacts {
        var range: ByteRange
        /// The sentence's cues, a range of `ProseFacts.cues`.
        var cues: Range<Int> = 0..<0
        /// Actors named in the sentence (mentions and plain names), in order, a range of `ProseFacts.actors`.
        var actors: Range<Int> = 0..<0
        var hasReporting = false
        var hasUnnamed = false
        var hasDescribedClaim = false
    }

    /// The facts of the document's prose: `sentences` are the paragraph being checked; the other
    /// buffers grow through the whole document (sentences hold ranges of them), so nothing is
    /// cleared or allocated anew for each paragraph.
    private struct ProseFacts {
        var sentences: [SentenceFacts] = []
        var cues: [(range: ByteRange, kind: CueKind)] = []
        var actors: [NamedActor] = []
        /// Plain names found in prose, in order, before they are merged with the mentions.
        var names: [(offset: Int, phrase: Int)] = []
        /// Mentions of defined actors (indices into `mentions`), before that merge.
        var mentions: [Int] = []
        /// The cue and name matches of the segment being read.
        var cueMatches: [NameMatcher.Match] = []
        var nameMatches: [NameMatcher.Match] = []
    }

    func check(_ sink: inout DiagnosticSink) {
        // For each claim, once its sentence is found: the actor a reporting cue names there or in the next sentence.
        var claimSources = [NamedActor??](repeating: nil, count: claims.count)
        var proseFacts = ProseFacts()
        for paragraph in document.syntax.paragraphs {
            facts(for: paragraph, into: &proseFacts, sink: &sink)
            let sentences = proseFacts.sentences
            for (position, sentence) in sentences.enumerated() {
                checkCues(sentence, proseFacts, &sink)
                for claim in claims(overlapping: sentence.range) where claimSources[claim] == nil {
                    if claims[claim].range.end <= sentence.range.end || position + 1 == sentences.count {
                        let candidates = sentences[position..<min(position + 2, sentences.count)]
                        let source = candidates.first { $0.hasReporting && !$0.actors.isEmpty }
                        claimSources[claim] = .some(source.map { proseFacts.actors[$0.actors.lowerBound] })
                    }
                }
            }
            checkQuotes(paragraph, proseFacts, &sink)
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
        Sentences.split(bytes, paragraph.range) { facts.sentences.append(SentenceFacts(range: $0)) }
        let (firstName, firstMention) = (facts.names.count, facts.mentions.count)
        var cursor = 0
        func sentenceIndex(_ offset: Int) -> Int {
            while cursor + 1 < facts.sentences.count, facts.sentences[cursor].range.end <= offset { cursor += 1 }
            while cursor > 0, facts.sentences[cursor].range.start > offset { cursor -= 1 }
            return cursor
        }
        // Cues and actors come in text order, so each sentence's are consecutive in the buffers.
        let paragraphMentions = mentionsIn(paragraph.range)
        for segment in document.syntax.segments(of: paragraph) {
            NameMatcher.matches(snapshot.cues.matcher, snapshot.nameMatcher, in: bytes, range: segment, into: &facts.cueMatches, &facts.nameMatches)
            for match in facts.cueMatches {
                let sentence = sentenceIndex(match.range.start)
                let kind = snapshot.cues.kinds[match.phrase]
                if facts.sentences[sentence].cues.isEmpty { facts.sentences[sentence].cues = facts.cues.count..<facts.cues.count }
                facts.cues.append((match.range, kind))
                facts.sentences[sentence].cues = facts.sentences[sentence].cues.lowerBound..<facts.cues.count
                if kind == .reporting { facts.sentences[sentence].hasReporting = true }
                if kind == .unnamed { facts.sentences[sentence].hasUnnamed = true }
            }
            for match in facts.nameMatches {
                if paragraphMentions.contains(where: { $0.fullRange.overlaps(match.range) }) { continue }
                let owners = snapshot.phraseOwners[match.phrase]
                guard owners.count == 1, let owner = owners.first else { continue }
                facts.names.append((match.range.start, match.phrase))
                sink.add(
                    .unlinkedMention, match.range,
                    "“\(snapshot.nameMatcher.phrases[match.phrase])” is `@\(owner)`: link it as [\(snapshot.nameMatcher.phrases[match.phrase])](@\(owner))",
                    fixes: [.linkMention(owner)])
            }
        }
        // The mentions of defined actors by the offset of their id (a bare mention can sit in a
        // link's text, before the link's id), merged with the names, which come in text order.
        for mention in paragraphMentions.indices where !unknownActors.contains(mentions[mention].reference.id) {
            facts.mentions.append(mention)
        }
        if facts.mentions[firstMention...].indices.dropFirst().contains(where: { referenceStart(facts.mentions[$0 - 1]) > referenceStart(facts.mentions[$0]) }) {
            facts.mentions[firstMention...].sort { referenceStart($0) < referenceStart($1) }
        }
        cursor = 0
        var (name, mention) = (firstName, firstMention)
        while mention < facts.mentions.count || name < facts.names.count {
            let mentionOffset = mention < facts.mentions.count ? referenceStart(facts.mentions[mention]) : Int.max
            let nameOffset = name < facts.names.count ? facts.names[name].offset : Int.max
            let sentence = sentenceIndex(min(mentionOffset, nameOffset))
            if facts.sentences[sentence].actors.isEmpty { facts.sentences[sentence].actors = facts.actors.count..<facts.actors.count }
            if mentionOffset < nameOffset {
                facts.actors.append(.mention(facts.mentions[mention]))
                mention += 1
            } else {
                facts.actors.append(.name(facts.names[name].phrase))
                name += 1
            }
            facts.sentences[sentence].actors = facts.sentences[sentence].actors.lowerBound..<facts.actors.count
        }
        cursor = 0
        for claim in claims(overlapping: paragraph.range) where claims[claim].byDescription != nil {
            facts.sentences[sentenceIndex(claims[claim].range.start)].hasDescribedClaim = true
        }
    }

    // MARK: Rules

    private func checkCues(_ sentence: SentenceFacts, _ facts: ProseFacts, _ sink: inout DiagnosticSink) {
        let satisfied = sentence.hasReporting && !sentence.actors.isEmpty
        for cue in facts.cues[sentence.cues] {
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
            case .reporting:
                break
            }
        }
    }

    private func checkQuotes(_ paragraph: ParagraphSyntax, _ facts: ProseFacts, _ sink: inout DiagnosticSink) {
        let sentences = facts.sentences
        for quote in Quotations.find(bytes, segments: document.syntax.segments(of: paragraph)) where Quotations.wordCount(bytes, quote) >= 4 {
            if !claims(overlapping: quote).isEmpty { continue }
            guard let first = sentences.firstIndex(where: { $0.range.end > quote.start }) else { continue }
            let last = sentences.lastIndex(where: { $0.range.start < quote.end }) ?? first
            let window = sentences[first...min(last + 1, sentences.count - 1)]
            if window.contains(where: \.hasReporting) { continue }
            let speaker = window.first { !$0.actors.isEmpty }.map { id(of: facts.actors[$0.actors.lowerBound]) }
            sink.add(
                .unattributedQuote, quote,
                "this quotation has no source: add who said it with a reporting verb (“…,” Austin said) or mark it [“…”]{.quote by=@id}",
                fixes: [.wrapQuote(quote, actor: speaker)])
        }
    }

    /// `source`: nil when the claim's sentence was not found, else the actor its reporting cue names, if any.
    private func checkAttribution(_ claim: ClaimSyntax, source: NamedActor??, _ sink: inout DiagnosticSink) {
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
        var fixes: [DiagnosticFix] = []
        if case let .some(.some(actor)) = source {
            fixes.append(.attribute(id(of: actor)))
        }
        sink.add(.unattributedClaim, claim.range, message, fixes: fixes)
    }

    // MARK: Lookups

    private func text(_ range: ByteRange) -> String { bytes.string(in: range) }

    private func referenceStart(_ mention: Int) -> Int { mentions[mention].reference.range.start }

    private func id(of actor: NamedActor) -> String {
        switch actor {
        case let .mention(index): mentions[index].reference.id
        case let .name(phrase): snapshot.phraseOwners[phrase][0]
        }
    }

    private func mentionsIn(_ range: ByteRange) -> ArraySlice<MentionSyntax> {
        let lower = lowerBound(mentions.count) { mentions[$0].fullRange.start < range.start }
        var upper = lower
        while upper < mentions.count, mentions[upper].fullRange.start < range.end { upper += 1 }
        return mentions[lower..<upper]
    }

    /// Indices of the claims that overlap `range`, in order of start: a run of `claimOrder`, as
    /// every claim that starts before `range` ends and ends after it starts overlaps it.
    private func claims(overlapping range: ByteRange) -> ArraySlice<Int> {
        let upper = lowerBound(claimOrder.count) { claims[claimOrder[$0]].range.start < range.end }
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

    private func lowerBound(_ count: Int, _ isBefore: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if isBefore(mid) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
