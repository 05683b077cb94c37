import DossierSyntax

/// The rules that read prose: `unlinked-mention`, `vague-attribution`, `anonymous-source`,
/// `unattributed-quote` and `unattributed-claim`, sentence by sentence.
struct ProseRules {
    let document: Document
    let snapshot: WorkspaceSnapshot
    private let bytes: [UInt8]
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
        mentions = document.syntax.mentions.sorted { $0.fullRange.start < $1.fullRange.start }
        claimOrder = document.syntax.claims.indices.sorted { document.syntax.claims[$0].range.start < document.syntax.claims[$1].range.start }
    }

    /// What one sentence holds that the rules look at.
    private struct SentenceFacts {
        var range: ByteRange
        var cues: [(range: ByteRange, kind: CueKind)] = []
        /// Actors named in the sentence (mentions and plain names), in order.
        var actors: [String] = []
        var hasDescribedClaim = false
        var hasReporting: Bool { cues.contains { $0.kind == .reporting } }
        var hasUnnamed: Bool { cues.contains { $0.kind == .unnamed } }
    }

    func check(_ sink: inout DiagnosticSink) {
        var claimSentences: [Int: (sentence: SentenceFacts, next: SentenceFacts?)] = [:]
        for paragraph in document.syntax.paragraphs {
            let sentences = facts(for: paragraph, sink: &sink)
            for (position, sentence) in sentences.enumerated() {
                checkCues(sentence, &sink)
                for claim in claims(overlapping: sentence.range) where claimSentences[claim] == nil {
                    let claimEnd = document.syntax.claims[claim].range.end
                    if claimEnd <= sentence.range.end || position + 1 == sentences.count {
                        claimSentences[claim] = (sentence, position + 1 < sentences.count ? sentences[position + 1] : nil)
                    }
                }
            }
            checkQuotes(paragraph, sentences, &sink)
        }
        for (index, claim) in document.syntax.claims.enumerated() {
            if let description = claim.byDescription {
                sink.add(
                    .anonymousSource, description.range,
                    "the source is unnamed (“\(description.text)”): name it if the reporting allows, or say why it is anonymous")
            }
            checkAttribution(claim, context: claimSentences[index], &sink)
        }
    }

    // MARK: Facts

    private func facts(for paragraph: ParagraphSyntax, sink: inout DiagnosticSink) -> [SentenceFacts] {
        var sentences = Sentences.split(bytes, paragraph.range).map { SentenceFacts(range: $0) }
        var cursor = 0
        func sentenceIndex(_ offset: Int) -> Int {
            while cursor + 1 < sentences.count, sentences[cursor].range.end <= offset { cursor += 1 }
            while cursor > 0, sentences[cursor].range.start > offset { cursor -= 1 }
            return cursor
        }
        let paragraphMentions = mentionsIn(paragraph.range)
        var named: [(offset: Int, actor: String)] = paragraphMentions.compactMap { mention in
            unknownActors.contains(mention.reference.id) ? nil : (mention.reference.range.start, mention.reference.id)
        }
        for segment in document.syntax.segments(of: paragraph) {
            let (cues, names) = NameMatcher.matches(snapshot.cues.matcher, snapshot.nameMatcher, in: bytes, range: segment)
            for match in cues {
                sentences[sentenceIndex(match.range.start)].cues.append((match.range, snapshot.cues.kinds[match.phrase]))
            }
            for match in names {
                if paragraphMentions.contains(where: { $0.fullRange.overlaps(match.range) }) { continue }
                let owners = snapshot.phraseOwners[match.phrase]
                guard owners.count == 1, let owner = owners.first else { continue }
                named.append((match.range.start, owner))
                sink.add(
                    .unlinkedMention, match.range,
                    "“\(snapshot.nameMatcher.phrases[match.phrase])” is `@\(owner)`: link it as [\(snapshot.nameMatcher.phrases[match.phrase])](@\(owner))",
                    fixes: [.linkMention(owner)])
            }
        }
        cursor = 0
        for item in named.sorted(by: { $0.offset < $1.offset }) {
            sentences[sentenceIndex(item.offset)].actors.append(item.actor)
        }
        cursor = 0
        for claim in claims(overlapping: paragraph.range) where document.syntax.claims[claim].byDescription != nil {
            sentences[sentenceIndex(document.syntax.claims[claim].range.start)].hasDescribedClaim = true
        }
        return sentences
    }

    // MARK: Rules

    private func checkCues(_ sentence: SentenceFacts, _ sink: inout DiagnosticSink) {
        let satisfied = sentence.hasReporting && !sentence.actors.isEmpty
        for cue in sentence.cues {
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

    private func checkQuotes(_ paragraph: ParagraphSyntax, _ sentences: [SentenceFacts], _ sink: inout DiagnosticSink) {
        for quote in Quotations.find(bytes, segments: document.syntax.segments(of: paragraph)) where Quotations.wordCount(bytes, quote) >= 4 {
            if claims(overlapping: quote).contains(where: { document.syntax.claims[$0].range.overlaps(quote) }) { continue }
            guard let first = sentences.firstIndex(where: { $0.range.end > quote.start }) else { continue }
            let last = sentences.lastIndex(where: { $0.range.start < quote.end }) ?? first
            let window = sentences[first...min(last + 1, sentences.count - 1)]
            if window.contains(where: \.hasReporting) { continue }
            let speaker = window.lazy.flatMap(\.actors).first
            sink.add(
                .unattributedQuote, quote,
                "this quotation has no source: add who said it with a reporting verb (“…,” Austin said) or mark it [“…”]{.quote by=@id}",
                fixes: [.wrapQuote(quote, actor: speaker)])
        }
    }

    private func checkAttribution(
        _ claim: ClaimSyntax, context: (sentence: SentenceFacts, next: SentenceFacts?)?, _ sink: inout DiagnosticSink
    ) {
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
        if let context {
            let candidates = [context.sentence] + (context.next.map { [$0] } ?? [])
            if let source = candidates.first(where: { $0.hasReporting && !$0.actors.isEmpty })?.actors.first {
                fixes.append(.attribute(source))
            }
        }
        sink.add(.unattributedClaim, claim.range, message, fixes: fixes)
    }

    // MARK: Lookups

    private func text(_ range: ByteRange) -> String { bytes.string(in: range) }

    private func mentionsIn(_ range: ByteRange) -> ArraySlice<MentionSyntax> {
        let lower = lowerBound(mentions.count) { mentions[$0].fullRange.start < range.start }
        var upper = lower
        while upper < mentions.count, mentions[upper].fullRange.start < range.end { upper += 1 }
        return mentions[lower..<upper]
    }

    /// Indices of the claims that overlap `range`.
    private func claims(overlapping range: ByteRange) -> [Int] {
        let claims = document.syntax.claims
        var upper = lowerBound(claimOrder.count) { claims[claimOrder[$0]].range.start < range.end }
        var result: [Int] = []
        while upper > 0 {
            upper -= 1
            let claim = claims[claimOrder[upper]]
            // Claims do not nest, so the first one that ends before `range` ends the search.
            guard claim.range.end > range.start else { break }
            if claim.range.overlaps(range) { result.append(claimOrder[upper]) }
        }
        return result.reversed()
    }

    private func insideClaim(_ range: ByteRange) -> Bool {
        claims(overlapping: range).contains { document.syntax.claims[$0].textRange.contains(range) }
    }

    private func insideAttributedClaim(_ range: ByteRange) -> Bool {
        claims(overlapping: range).contains {
            let claim = document.syntax.claims[$0]
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
