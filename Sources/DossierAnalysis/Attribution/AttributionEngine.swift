#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import DossierLocking
import DossierSyntax

/// Attribution inference (SPEC 7): who is on record for each quotation and reported statement in
/// a document's prose, annotated or not.
public enum Attributions {
    /// Every quotation and reported statement of document `id`, in text order.
    public static func infer(in id: DocumentID, snapshot: WorkspaceSnapshot) -> [Attribution] {
        guard let document = snapshot.documents[id] else { return [] }
        return infer(in: document, snapshot: snapshot)
    }

    /// Every quotation and reported statement of `document` (which need not be in `snapshot`), in text order.
    public static func infer(in document: Document, snapshot: WorkspaceSnapshot) -> [Attribution] {
        infer(in: document, snapshot: snapshot) { _ in true }
    }

    /// The attributions of paragraphs `wanted`, each read after the paragraphs before it that its
    /// inference can reach back to (`leadIn`). A long range is read in parts on all cores, each
    /// part after its own lead-in, which gives what one reading from the start gives.
    static func infer(in document: Document, snapshot: WorkspaceSnapshot, paragraphs wanted: Range<Int>) -> [Attribution] {
        let parts = max(1, min(processors, wanted.count / partLength))
        let bounds = (0...parts).map { wanted.lowerBound + wanted.count * $0 / parts }
        let found = Locked([[Attribution]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = bounds[part]..<bounds[part + 1]
            var engine = AttributionEngine(context: AttributionContext(document: document, snapshot: snapshot))
            var results: [Attribution] = []
            for index in max(0, range.lowerBound - leadIn)..<range.upperBound {
                let read = engine.read(paragraph: index)
                if index >= range.lowerBound { results += read }
            }
            found.withLock { $0[part] = results }
        }
        return found.withLock { $0.flatMap { $0 } }
    }

    /// How many paragraphs before a paragraph its inference reads: a pronoun reaches back
    /// `Discourse.speakerReach` paragraphs, a continued quotation one, and a quotation continued
    /// over several paragraphs the ones it continues (a speech quoted over a dozen paragraphs is
    /// the longest seen in the news).
    static let leadIn = 12
    /// The fewest paragraphs worth a part of their own.
    private static let partLength = 64
    private static let processors = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// The attributions of the paragraphs `include` accepts (by index). A paragraph left out is
    /// not read, so pronouns in the next one find no referent in it, and a quotation continued from
    /// it takes no source from it: include the paragraph before any paragraph whose quotations may
    /// continue (the rules include every paragraph that holds a quotation mark or ends with a colon).
    static func infer(in document: Document, snapshot: WorkspaceSnapshot, where include: (Int) -> Bool) -> [Attribution] {
        var engine = AttributionEngine(context: AttributionContext(document: document, snapshot: snapshot))
        var results: [Attribution] = []
        for index in document.syntax.paragraphs.indices {
            if include(index) {
                results += engine.read(paragraph: index)
            } else {
                engine.skip()
            }
        }
        return results
    }
}

/// What inference needs of a document and its workspace.
struct AttributionContext {
    let syntax: DocumentSyntax
    let bytes: [UInt8]
    let snapshot: WorkspaceSnapshot
    let lexicon: ReportingLexicon
    /// Mentions sorted by start.
    private let mentions: [MentionSyntax]
    /// The claims' text ranges, sorted by start.
    private let claimTexts: [ByteRange]
    /// The author of the document (front matter `author`), as a source for "I".
    let author: AttributionSource?
    /// What each actor's definition says of it, worked out once per inference (a long article
    /// names the same few actors hundreds of times).
    private let actorFacts = ActorFactsMemo()
    /// A matcher of nothing, the second matcher of a one-matcher pass.
    let noNames = AttributionContext.emptyMatcher
    private static let emptyMatcher = NameMatcher(phrases: [])

    init(document: Document, snapshot: WorkspaceSnapshot) {
        syntax = document.syntax
        bytes = document.syntax.bytes
        self.snapshot = snapshot
        lexicon = snapshot.cues.lexicon
        let mentions = document.syntax.mentions
        self.mentions = mentions.sorted { $0.fullRange.start < $1.fullRange.start }
        claimTexts = document.syntax.claims.map(\.textRange).sorted()
        if let author = document.syntax.frontMatter?.value("author")?.text, !author.isEmpty {
            let owners = snapshot.actors(named: author)
            self.author = owners.count == 1 ? .actor(owners[0]) : .name(author)
        } else {
            author = nil
        }
    }

    /// The mentions that start inside `range`.
    func mentions(in range: ByteRange) -> ArraySlice<MentionSyntax> {
        let low = partitionPoint(mentions.count) { mid in mentions[mid].fullRange.start < range.start }
        var end = low
        while end < mentions.count, mentions[end].fullRange.start < range.end { end += 1 }
        return mentions[low..<end]
    }

    /// Whether `range` lies inside a claim span's text.
    func isAnnotated(_ range: ByteRange) -> Bool {
        let low = partitionPoint(claimTexts.count) { mid in claimTexts[mid].end <= range.start }
        // Claims do not nest, so they are also sorted by end.
        return low < claimTexts.count && claimTexts[low].contains(range)
    }

    /// Whether actor `id` is a person, a group, the words of its role and whether its first name is a woman's.
    func facts(ofActor id: String) -> ActorFacts? {
        if let known = actorFacts.facts[id] { return known }
        guard let actor = snapshot.actor(id)?.definition else { return nil }
        let role = actor.role.map { $0.text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init) } ?? []
        let firstName = actor.name.text.split(separator: " ").first.map { $0.lowercased() } ?? ""
        let facts = ActorFacts(person: actor.kind == .person, group: actor.kind == .group, roleWords: role, female: WordClass.isFemaleName(firstName))
        actorFacts.facts[id] = facts
        return facts
    }

    /// The actor whose name or alias is `text` in any case ("DURBIN" for "Durbin").
    func actor(namedIgnoringCase text: String) -> String? {
        guard let owners = snapshot.actorsByLowercasedName[WorkspaceSnapshot.lowercased(text)], owners.count == 1 else { return nil }
        return owners[0]
    }
}

/// What inference reads from an actor's definition.
struct ActorFacts {
    var person: Bool
    var group: Bool
    /// The lower-cased words of its role ("national", "security", "spokeswoman").
    var roleWords: [String]
    var female: Bool
}

/// The actor facts of one inference run. A class so that the context stays a value that queries
/// pass around; never shared between threads (each run makes its own).
private final class ActorFactsMemo {
    var facts: [String: ActorFacts] = [:]
}

/// Reads a document paragraph by paragraph, carrying referents and the last quotation over.
struct AttributionEngine {
    let context: AttributionContext
    var discourse = Discourse()
    var previous: ParagraphSummary?
    /// The detail of the paragraph being read.
    private var detail = Detail.full
    /// The analysis read into for each paragraph, kept for its buffers.
    private var scratch = ParagraphAnalysis()

    init(context: AttributionContext) {
        self.context = context
    }

    /// Forgets what a skipped paragraph would have carried over.
    mutating func skip() { previous = nil }

    /// How much a read works out.
    enum Detail {
        /// Every quotation and statement with its source resolved (pronouns and descriptions included).
        case full
        /// Whether each quotation and statement has a source, without reading the source: what
        /// `unattributed-quote` needs, at a fraction of the cost.
        case quotations
        /// Quotations and statements with their sources read where the cue is, without resolving
        /// pronouns and descriptions: what `vague-attribution` and the claim fixes need.
        case sources
    }

    /// The attributions of paragraph `index`, in text order; what the next paragraph needs is kept.
    /// Whether a quotation has a source (a phrase at a cue, or one carried over) is the same at every detail.
    /// `focus`: at `.sources` detail, the ranges whose statements are wanted (statements elsewhere are not looked for).
    mutating func read(paragraph index: Int, detail: Detail = .full, sentenceEnds: [Int]? = nil, focus: [ByteRange]? = nil) -> [Attribution] {
        let paragraph = context.syntax.paragraphs[index]
        var analysis = scratch
        scratch = ParagraphAnalysis()
        defer { scratch = analysis }
        analysis.read(index: index, paragraph: paragraph, context: context, entities: detail != .quotations, sentenceEnds: sentenceEnds)
        guard !analysis.tokens.isEmpty else {
            previous = nil
            return []
        }
        self.detail = detail
        if detail == .full {
            discourse.forget(before: index)
            addReferents(analysis)
        }
        var candidates = analysis.quoteCandidates(context, previous: previous)
        if analysis.quotations.isEmpty, let label = analysis.transcriptLabel(), let content = analysis.transcriptContent(label) {
            candidates.append(Candidate(kind: .quote, content: content, cue: label.cue, phrase: label.phrase, confidence: 0.8))
        } else if analysis.quotations.isEmpty, previous?.ending == .leadIn, isBlockQuote(paragraph), analysis.cues.isEmpty,
            let content = analysis.contentRange(trimming: 0..<analysis.tokens.count)
        {
            candidates.append(Candidate(kind: .quote, content: content, inherit: .previousParagraph, confidence: 0.8))
        }
        if detail != .quotations, analysis.quotations.isEmpty, analysis.transcriptLabel() == nil, let label = analysis.headlineLabel(), let content = analysis.transcriptContent(label) {
            // A headline's label: what it says is a statement (no quotation marks to wrap as a quote).
            candidates.append(Candidate(kind: .statement, content: content, cue: label.cue, phrase: label.phrase, confidence: 0.7))
        }
        if detail != .quotations { candidates += analysis.statementCandidates(context, within: focus, objects: detail == .full) }
        var resolved = resolve(candidates, analysis)
        if analysis.isOnlyQuotations, candidates.contains(where: { $0.phrase == nil }), let signature = signature(after: index) {
            // "“…” ¶ - Lena Hart.": the line under quotations standing alone signs them, before
            // anything they would carry on from the paragraph above.
            for number in candidates.indices where candidates[number].kind == .quote && candidates[number].phrase == nil {
                var signed = candidates[number]
                signed.phrase = signature.phrase
                signed.confidence = 0.75
                resolved[number] = resolvePhrase(signed, signature.analysis, remember: false)
            }
        }
        var results: [Attribution] = []
        for (candidate, resolution) in zip(candidates, resolved) {
            guard candidate.kind == .quote || resolution.found else { continue }
            results.append(attribution(candidate, resolution, analysis))
        }
        results.sort { $0.content.start < $1.content.start }
        previous = summary(analysis, candidates, resolved)
        return results
    }

    /// A source found for a candidate.
    struct Resolution {
        var sources: [AttributionSource] = []
        var sourceRange: ByteRange?
        var cue: ByteRange?
        var confidence = 0.0
        /// The phrase at the cue names the source (`Attribution.namedAtCue`).
        var named = false
        /// A source phrase was found (even a pronoun whose antecedent was not), here or where the source was carried from.
        var found = false
    }

    /// Resolves candidates with a phrase in text order (so that speakers found earlier in the
    /// paragraph help with pronouns later), then those that take their source from another quotation.
    private mutating func resolve(_ candidates: [Candidate], _ analysis: ParagraphAnalysis) -> [Resolution] {
        var resolutions = [Resolution](repeating: Resolution(), count: candidates.count)
        let order = candidates.indices.filter { candidates[$0].phrase != nil }.sorted {
            candidates[$0].phrase!.lowerBound < candidates[$1].phrase!.lowerBound
        }
        for index in order {
            resolutions[index] = resolvePhrase(candidates[index], analysis)
        }
        // Inherited sources, forwards then backwards, so that chains ("A." "B." "C," he said) fill in.
        var candidateOfQuotation: [Int: Int] = [:]
        for (index, candidate) in candidates.enumerated() { if let number = candidate.quotation { candidateOfQuotation[number] = index } }
        for pass in 0..<2 {
            let indices = pass == 0 ? Array(candidates.indices) : Array(candidates.indices.reversed())
            for index in indices where candidates[index].inherit != nil && !resolutions[index].found {
                switch candidates[index].inherit! {
                case let .quotation(number):
                    guard let other = candidateOfQuotation[number], resolutions[other].found else { continue }
                    resolutions[index] = resolutions[other]
                    resolutions[index].confidence = min(resolutions[other].confidence, candidates[index].confidence)
                    resolutions[index].named = false
                case .previousParagraph:
                    guard let previous, previous.ending != nil else { continue }
                    resolutions[index] = Resolution(
                        sources: previous.sources, sourceRange: previous.sourceRange, cue: previous.cue, confidence: candidates[index].confidence,
                        found: true)
                case let .phrase(cue, phrase):
                    var tagged = candidates[index]
                    tagged.cue = cue
                    tagged.phrase = phrase
                    resolutions[index] = resolvePhrase(tagged, analysis)
                }
            }
        }
        return resolutions
    }

    /// `remember`: whether the phrase becomes a speaker for later pronouns.
    private mutating func resolvePhrase(_ candidate: Candidate, _ analysis: ParagraphAnalysis, remember: Bool = true) -> Resolution {
        guard let phrase = candidate.phrase else { return Resolution() }
        let cue = candidate.cue.map { analysis.byteRange($0) }
        let sourceRange = analysis.byteRange(phrase)
        var resolution = Resolution(sources: [], sourceRange: sourceRange, cue: cue, confidence: candidate.confidence, found: true)
        if detail == .quotations { return resolution }
        var traits = ReferentTraits()
        let reading = analysis.read(phrase, context)
        if detail == .sources {
            // What the phrase names, unresolved: a pronoun or a definite description gives no source.
            if case let .named(sources, _) = reading {
                resolution.sources = sources
                if let first = sources.first, case .description = first {} else { resolution.named = true }
            }
            return resolution
        }
        switch reading {
        case let .named(sources, found):
            resolution.sources = sources
            traits = found
            if let first = sources.first, case .description = first {} else { resolution.named = true }
            if case .description = sources.first, let signers = signers(after: phrase, analysis) {
                resolution.sources = signers
                traits = ReferentTraits(person: true, plural: signers.count > 1)
            }
        case let .pronoun(pronoun):
            if analysis.isWord(phrase.lowerBound, "i"), let author = context.author {
                resolution.sources = [author]
                traits = ReferentTraits(person: true)
            } else if let (referent, confidence) = discourse.resolvePronoun(pronoun, paragraph: analysis.index, token: phrase.lowerBound) {
                resolution.sources = referent.sources
                resolution.confidence = min(resolution.confidence, confidence)
                traits = referent.traits
                if traits.gender == .unknown { traits.gender = pronoun.gender }
            } else {
                resolution.confidence = min(resolution.confidence, 0.4)
                return resolution
            }
        case let .definite(head, text, found):
            if let (referent, confidence) = discourse.resolveDescription(head: head, traits: found, paragraph: analysis.index, token: phrase.lowerBound) {
                resolution.sources = referent.sources
                resolution.confidence = min(resolution.confidence, confidence)
                traits = referent.traits
            } else if let signers = signers(after: phrase, analysis) {
                resolution.sources = signers
                traits = ReferentTraits(person: true, plural: signers.count > 1)
            } else {
                resolution.sources = [.description(text)]
                traits = found
            }
        }
        // An object's subject is no speaker for later pronouns (what they resolve to stays as without objects).
        if remember, candidate.kind != .object {
            discourse.add(Referent(sources: resolution.sources, traits: traits, paragraph: analysis.index, token: phrase.lowerBound, salience: .speaker))
        }
        return resolution
    }

    /// "the letter, which was signed by A, B and C": the people after "signed by" (or "written by",
    /// "sent by") in the clause that follows a document's description.
    private func signers(after phrase: Range<Int>, _ analysis: ParagraphAnalysis) -> [AttributionSource]? {
        guard let last = phrase.last, analysis.tokens[last].classes.contains(.documentNoun) else { return nil }
        let end = analysis.clauseEnd(from: phrase.upperBound)
        guard let by = (phrase.upperBound..<min(end, phrase.upperBound + 6)).first(where: {
            analysis.tokens[$0].isWord && analysis.isWord($0, "by") && $0 > phrase.lowerBound
                && (analysis.isWord($0 - 1, "signed") || analysis.isWord($0 - 1, "written") || analysis.isWord($0 - 1, "sent")
                    || analysis.isWord($0 - 1, "authored") || analysis.isWord($0 - 1, "penned"))
        }) else { return nil }
        var sources: [AttributionSource] = []
        for entity in analysis.entities(overlapping: (by + 1)..<end) where entity.tokens.lowerBound > by && entity.tokens.upperBound <= end {
            if context.snapshot.actor(entity.actor)?.definition.kind == .person, !sources.contains(.actor(entity.actor)) {
                sources.append(.actor(entity.actor))
            }
        }
        return sources.isEmpty ? nil : sources
    }

    private func attribution(_ candidate: Candidate, _ resolution: Resolution, _ analysis: ParagraphAnalysis) -> Attribution {
        Attribution(
            kind: candidate.kind, content: candidate.content, cue: resolution.cue, source: resolution.sources.first,
            otherSources: Array(resolution.sources.dropFirst()), sourceRange: resolution.sourceRange,
            confidence: resolution.found ? resolution.confidence : 0, annotated: context.isAnnotated(candidate.content),
            namedAtCue: resolution.named && resolution.sourceRange != nil)
    }

    /// Names and actors of the paragraph outside its quotations, as referents for later pronouns.
    private mutating func addReferents(_ analysis: ParagraphAnalysis) {
        var index = 0
        let tokens = analysis.tokens
        while index < tokens.count {
            guard tokens[index].quotation < 0, analysis.isNameLike(index) || analysis.entity(at: index) != nil else {
                index += 1
                continue
            }
            var end = index + 1
            // A name has a few words; a longer run of capitals is cut into names of at most eight.
            while end < tokens.count, end - index < 8, tokens[end].quotation < 0, analysis.isNameLike(end) || analysis.entity(at: end) != nil
                || (tokens[end].isWord && tokens[end].classes.contains(.nameParticle) && end + 1 < tokens.count && analysis.isNameLike(end + 1))
            {
                end += 1
            }
            let run = index..<end
            index = end
            guard case let .named(sources, traits) = analysis.read(run, context), let first = sources.first else { continue }
            if case .description = first { continue }
            let salience: Salience = analysis.startsSentence(run.lowerBound) || (run.lowerBound > 0 && tokens[run.lowerBound - 1].kind == .comma)
                ? .subject : .mention
            discourse.add(Referent(sources: sources, traits: traits, paragraph: analysis.index, token: run.lowerBound, salience: salience))
        }
        addCoordinatedReferents(analysis)
        addDescribedSubjects(analysis)
    }

    /// "A Pentagon spokesman declined to comment.": a sentence whose subject describes a person is
    /// a referent for "the spokesman" later, though it reports nothing.
    private mutating func addDescribedSubjects(_ analysis: ParagraphAnalysis) {
        for sentence in analysis.sentences where !sentence.isEmpty && analysis.tokens[sentence.lowerBound].quotation < 0 {
            guard let subject = analysis.mainSubject(of: sentence.lowerBound, limit: min(sentence.upperBound, sentence.lowerBound + 40)),
                let head = subject.last, analysis.tokens[head].isWord, analysis.tokens[head].classes.contains(.personNoun),
                case let .named(sources, traits) = analysis.read(subject, context), let first = sources.first, case .description = first
            else { continue }
            discourse.add(Referent(sources: sources, traits: traits, paragraph: analysis.index, token: subject.lowerBound, salience: .subject))
        }
    }

    /// "Senators Richard J. Durbin, Democrat of Illinois, and Lindsey Graham, Republican of South
    /// Carolina": two names joined by "and", each with its apposition, as one plural referent.
    private mutating func addCoordinatedReferents(_ analysis: ParagraphAnalysis) {
        // People: actors of the cast that are persons, or names of two words or more.
        let people = discourse.referents.filter { referent in
            guard referent.paragraph == analysis.index, referent.sources.count == 1 else { return false }
            if referent.traits.person == true { return true }
            if case let .name(name) = referent.sources[0] { return referent.traits.person == nil && name.contains(" ") }
            return false
        }
        guard people.count >= 2 else { return }
        for (first, second) in zip(people, people.dropFirst()) {
            let between = (first.token + 1)..<second.token
            guard between.count <= 16, analysis.sentenceOf[first.token] == analysis.sentenceOf[second.token],
                second.token >= 1, analysis.isWord(second.token - 1, "and")
                    || (second.token >= 2 && analysis.tokens[second.token - 1].kind == .comma && analysis.isWord(second.token - 2, "and")),
                between.allSatisfy({ analysis.tokens[$0].isWord || analysis.tokens[$0].kind == .comma || analysis.tokens[$0].kind == .possessive }),
                !between.contains(where: { analysis.cue(startingAt: $0) != nil || analysis.tokens[$0].classes.contains(.auxiliary) })
            else { continue }
            var traits = ReferentTraits(person: true, plural: true)
            traits.words = first.traits.words + second.traits.words
            discourse.add(Referent(
                sources: first.sources + second.sources, traits: traits, paragraph: analysis.index, token: first.token,
                salience: first.salience))
        }
    }

    /// The paragraph after `index` when it is a signature line ("- Lena Hart.", "—Mayor
    /// Hart, writing online"): a dash, then a name, in a line of a dozen words at most; its analysis and the name.
    private func signature(after index: Int) -> (analysis: ParagraphAnalysis, phrase: Range<Int>)? {
        let paragraphs = context.syntax.paragraphs
        guard index + 1 < paragraphs.count else { return nil }
        let next = paragraphs[index + 1]
        let bytes = context.bytes
        var start = next.range.start
        while start < next.range.end, bytes[start] == 0x20 { start += 1 }
        guard start + 3 < next.range.end, next.range.length < 160 else { return nil }
        let dashEnd: Int
        if bytes[start] == 0x2D {
            dashEnd = start + 1
        } else if bytes[start] == 0xE2, bytes[start + 1] == 0x80, (0x93...0x95).contains(bytes[start + 2]) {
            dashEnd = start + 3
        } else {
            return nil
        }
        var analysis = ParagraphAnalysis()
        analysis.read(index: index + 1, paragraph: next, context: context)
        guard analysis.quotations.isEmpty, analysis.tokens.filter(\.isWord).count <= 12,
            let first = analysis.tokens.firstIndex(where: { $0.range.start >= dashEnd && $0.isWord }),
            analysis.isNameLike(first), let phrase = analysis.phrase(startingAt: first, ceiling: analysis.clauseEnd(from: first))
        else { return nil }
        return (analysis, phrase)
    }

    private func isBlockQuote(_ paragraph: ParagraphSyntax) -> Bool {
        paragraph.range.start < context.bytes.count && context.bytes[paragraph.range.start] == 0x3E
    }

    /// What the next paragraph needs: the lead-in the paragraph ends with ("Cruz continued:"), else
    /// its last quotation when only its tag follows it, else its last statement in its last sentence.
    private mutating func summary(_ analysis: ParagraphAnalysis, _ candidates: [Candidate], _ resolutions: [Resolution]) -> ParagraphSummary {
        var summary = ParagraphSummary()
        summary.leftQuoteOpen = analysis.quotations.last.map { $0.close == nil } ?? false
        if let leadIn = analysis.leadInAtEnd() {
            let candidate = Candidate(kind: .statement, content: ByteRange(0, 0), cue: leadIn.cue, phrase: leadIn.phrase, confidence: leadIn.confidence)
            let resolution = resolvePhrase(candidate, analysis)
            summary.ending = .leadIn
            summary.sources = resolution.sources
            summary.sourceRange = resolution.sourceRange
            summary.cue = resolution.cue
            return summary
        }
        // The last quotation with a source.
        let attributed = candidates.indices.filter { resolutions[$0].found && candidates[$0].kind == .quote }
        guard let last = attributed.max(by: { candidates[$0].content.end < candidates[$1].content.end }) else {
            return statementEnding(analysis, summary)
        }
        let end = candidates[last].content.end
        let tag = candidates[last].cue
        // Only the tag of the last attribution may follow it: no other cue, no sentence after the
        // tag's ("“…,” he said. Then he left." ends with something else).
        // A participle of the tag's subject ("“…,” Ramos said, referring to…") reports nothing new.
        // Nor do a medium and "when asked" ("“…,” Ruiz told the Herald in an interview when asked about the budget").
        let otherCue = analysis.cues.contains { cue in
            let first = cue.tokens.lowerBound
            return analysis.tokens[first].range.start >= end && cue.tokens != tag && cue.entry.role != .medium
                && !(cue.entry.form == .gerund && first > 0 && analysis.tokens[first - 1].kind == .comma)
                && !(first > 0 && (analysis.isWord(first - 1, "when") || analysis.isWord(first - 1, "if")) && analysis.isWord(first, "asked"))
                // Nor a relative clause about the speaker ("said Ruiz, who believes the vote was lost…").
                && !analysis.isInRelativeClause(cue: first, floor: 0)
        }
        let lastSentence = analysis.sentenceOf[analysis.tokens.count - 1]
        let tagEnd = max(tag?.upperBound ?? 0, analysis.token(endingAt: end) ?? 0)
        guard !otherCue, analysis.sentenceOf[min(tagEnd, analysis.tokens.count - 1)] == lastSentence
            || analysis.clauseEnd(from: tagEnd) >= analysis.tokens.count - 1
        else { return statementEnding(analysis, summary) }
        summary.ending = .quote
        summary.sources = resolutions[last].sources
        summary.sourceRange = resolutions[last].sourceRange
        summary.cue = resolutions[last].cue
        return summary
    }

    /// "Carter said that the region would not be left." or "Howard continued his remarks." ending
    /// the paragraph (a last sentence without quotation whose verb reports): the source of a
    /// paragraph that is one bare quotation after it.
    private mutating func statementEnding(_ analysis: ParagraphAnalysis, _ summary: ParagraphSummary) -> ParagraphSummary {
        var summary = summary
        guard let sentence = analysis.sentences.last, !sentence.isEmpty,
            let (cue, phrase) = analysis.reportingVerbAndSubject(afterQuotationsIn: sentence)
        else { return summary }
        summary.ending = .statement
        guard detail == .full else {
            // The rules ask only whether a quotation has a source: the phrase is not read (reading it
            // for every paragraph that ends so costs more than all the quotations it may serve).
            summary.sourceRange = analysis.byteRange(phrase)
            summary.cue = analysis.byteRange(cue)
            return summary
        }
        let candidate = Candidate(kind: .statement, content: ByteRange(0, 0), cue: cue, phrase: phrase, confidence: 0.6)
        let resolution = resolvePhrase(candidate, analysis, remember: false)
        summary.sources = resolution.sources
        summary.sourceRange = resolution.sourceRange
        summary.cue = resolution.cue
        return summary
    }
}
