import DossierSyntax

/// What annotating (part of) a document adds. Every edit inserts markup and removes nothing, so the
/// text stays byte for byte between the added brackets and attribute blocks.
public struct AnnotationPlan: Sendable {
    /// Insertions (empty ranges), one per offset, in order.
    public var edits: [TextEdit] = []
    /// Actors for names that no actor has; their ids are what the added `by=` and links use.
    public var proposedActors: [ProposedActor] = []
    /// Quotations and statements wrapped as `.quote` and `.claim` spans.
    public var wrapped = 0
    /// Names linked as mentions.
    public var linked = 0

    /// Whether the plan changes nothing.
    public var isEmpty: Bool { edits.isEmpty }
}

/// Turns attribution inference into annotations (SPEC 7): quotations and statements with a
/// source are wrapped as `[…]{.quote #id by=@id cue=said}` / `.claim` spans, names of known actors
/// are linked, and names the text attributes something to that no actor has become proposed actors.
public enum Annotator {
    /// What to annotate.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Wrap quotations and statements that have a source.
        public static let wrap = Options(rawValue: 1 << 0)
        /// Link plain-text names and aliases of actors.
        public static let linkNames = Options(rawValue: 1 << 1)
        /// Propose actors for sources with a name and no actor, and link their names.
        public static let proposeActors = Options(rawValue: 1 << 2)
        public static let all: Options = [.wrap, .linkNames, .proposeActors]
    }

    /// The annotations of `document` (which `snapshot` holds or not) inside `range` (the whole
    /// document by default). Quotations and statements already in a claim span are left as they
    /// are, so annotating an annotated document changes nothing.
    ///
    /// `propose` adds actors for these names (with `.proposeActors`: their names are linked);
    /// `attributions` saves inferring them again when the caller has them.
    public static func plan(
        _ document: Document, snapshot: WorkspaceSnapshot, range: ByteRange? = nil, options: Options = .all,
        propose names: [String] = [], attributions: [Attribution]? = nil
    ) -> AnnotationPlan {
        let syntax = document.syntax
        let bytes = syntax.bytes
        let scope = range ?? ByteRange(0, bytes.count)
        let attributions = attributions ?? Attributions.infer(in: document, snapshot: snapshot)
        var builder = PlanBuilder(document: document, snapshot: snapshot)
        for name in names { _ = builder.proposal(for: name) }
        if options.contains(.wrap) {
            for attribution in chooseWraps(attributions, syntax, scope) {
                builder.wrap(attribution, proposeActors: options.contains(.proposeActors))
            }
        }
        if options.contains(.linkNames) { builder.linkKnownNames(in: scope) }
        if options.contains(.proposeActors) { builder.linkProposedNames(in: scope) }
        return builder.finish()
    }

    /// The attributions to wrap: with a source, not annotated, inside `scope`, not cutting through
    /// markup, and not overlapping each other (a statement is kept over a quotation inside it).
    static func chooseWraps(_ attributions: [Attribution], _ syntax: DocumentSyntax, _ scope: ByteRange) -> [Attribution] {
        let markup = Markup(syntax)
        let candidates = attributions.filter { attribution in
            attribution.kind != .object && !attribution.annotated && attribution.source != nil && scope.contains(attribution.content)
                && markup.canWrap(attribution.content)
        }.sorted { $0.content.start != $1.content.start ? $0.content.start < $1.content.start : $0.content.length > $1.content.length }
        // In order of start, the longer first: an outer statement comes before the quotation it holds.
        var chosen: [Attribution] = []
        var end = 0
        for candidate in candidates where candidate.content.start >= end {
            chosen.append(candidate)
            end = candidate.content.end
        }
        return chosen
    }

    /// Whether `range` can become a claim span: inside one paragraph's prose, no claim in or across
    /// it, no mention or code span cut in two, brackets balanced.
    static func canWrap(_ range: ByteRange, _ syntax: DocumentSyntax) -> Bool { Markup(syntax).canWrap(range) }
}

/// A document's markup sorted for lookups: where a wrap or a link may go.
struct Markup {
    let syntax: DocumentSyntax
    /// Claim spans and mentions, sorted by start.
    let claims: [ClaimSyntax]
    let mentions: [ByteRange]

    init(_ syntax: DocumentSyntax) {
        self.syntax = syntax
        claims = syntax.claims.sorted { $0.range.start < $1.range.start }
        mentions = syntax.mentions.map(\.fullRange).sorted()
    }

    /// The claim overlapping `range`, if any (claims do not overlap each other).
    func claim(overlapping range: ByteRange) -> ClaimSyntax? {
        let index = partitionPoint(claims.count) { claims[$0].range.end <= range.start }
        return index < claims.count && claims[index].range.overlaps(range) ? claims[index] : nil
    }

    /// Whether a mention overlaps `range`; `partly`: only one that `range` does not hold whole.
    func hasMention(overlapping range: ByteRange, partly: Bool = false) -> Bool {
        // Mentions do not overlap but for a bare one inside a link's text: look a few back.
        var index = max(0, partitionPoint(mentions.count) { mentions[$0].start < range.start } - 2)
        while index < mentions.count, mentions[index].start < range.end {
            if mentions[index].overlaps(range), !partly || !range.contains(mentions[index]) { return true }
            index += 1
        }
        return false
    }

    func canWrap(_ range: ByteRange) -> Bool {
        let paragraphs = syntax.paragraphs
        let index = partitionPoint(paragraphs.count) { paragraphs[$0].range.end < range.end }
        guard range.length > 0, index < paragraphs.count, paragraphs[index].range.contains(range) else { return false }
        if claim(overlapping: range) != nil { return false }
        if hasMention(overlapping: range, partly: true) { return false }
        // Both ends in prose, not in a cut-out part (a link target, a code span, a comment).
        let segments = syntax.segments(of: paragraphs[index])
        guard segments.contains(where: { $0.touches(range.start) && $0.end > range.start }),
            segments.contains(where: { $0.touches(range.end) && $0.start < range.end })
        else { return false }
        var depth = 0
        let bytes = syntax.bytes
        for offset in range.start..<range.end {
            if bytes[offset] == 0x5C { return false }  // an escape: left alone
            if bytes[offset] == 0x5B { depth += 1 }
            if bytes[offset] == 0x5D {
                depth -= 1
                if depth < 0 { return false }
            }
        }
        return depth == 0
    }
}

/// Collects the insertions of a plan, then orders them.
private struct PlanBuilder {
    let document: Document
    let snapshot: WorkspaceSnapshot
    let bytes: [UInt8]
    /// (offset, order at that offset, text): closing links first, then closing spans, opening spans, opening links.
    var insertions: [(offset: Int, order: Int, text: String)] = []
    var proposed: [ProposedActor] = []
    var takenActorIDs: Set<String> = []
    var takenClaimIDs: Set<String>
    /// The wrapped ranges, in order, so that links do not cut through them.
    var wraps: [ByteRange] = []
    /// Where links open.
    var linkStarts: Set<Int> = []
    let markup: Markup
    var plan = AnnotationPlan()

    init(document: Document, snapshot: WorkspaceSnapshot) {
        self.document = document
        self.snapshot = snapshot
        bytes = document.syntax.bytes
        markup = Markup(document.syntax)
        takenClaimIDs = Set(snapshot.claimSites.keys)
        for claim in document.syntax.claims { if let id = claim.id?.text { takenClaimIDs.insert(id) } }
    }

    mutating func wrap(_ attribution: Attribution, proposeActors: Bool) {
        var references: [String] = []
        var description: String?
        for source in attribution.sources {
            switch source {
            case let .actor(id): references.append("@" + id)
            case let .name(name):
                guard proposeActors, let actor = proposal(for: name) else { continue }
                references.append("@" + actor.id)
            case let .description(text):
                if references.isEmpty, attribution.sources.count == 1 { description = text }
            }
        }
        guard !references.isEmpty || description != nil else { return }
        var attributes = [attribution.kind == .quote ? ".quote" : ".claim"]
        let sourceName = attribution.sources.first.map(displayName)
        let id = Identifiers.claimID(source: sourceName, content: bytes.string(in: attribution.content), taken: &takenClaimIDs)
        attributes.append("#" + id)
        if !references.isEmpty {
            attributes.append("by=" + references.joined(separator: ","))
        } else if let description {
            attributes.append("by=\"\(Annotator.attributeText(description))\"")
        }
        if let cue = attribution.cue, let text = Annotator.cueText(bytes.string(in: cue)) {
            attributes.append(text.contains(" ") ? "cue=\"\(text)\"" : "cue=\(text)")
        }
        insertions.append((attribution.content.start, 2, "["))
        insertions.append((attribution.content.end, 1, "]{\(attributes.joined(separator: " "))}"))
        wraps.append(attribution.content)
        plan.wrapped += 1
    }

    /// The proposed actor for a name, made once per name.
    mutating func proposal(for name: String) -> ProposedActor? {
        if let existing = proposed.first(where: { $0.name == name }) { return existing }
        guard let actor = ProposedActor.make(name: name, snapshot: snapshot, taken: &takenActorIDs) else { return nil }
        proposed.append(actor)
        return actor
    }

    private func displayName(_ source: AttributionSource) -> String {
        switch source {
        case let .actor(id): snapshot.actor(id)?.definition.name.text ?? id
        case let .name(name): name
        case let .description(text): text
        }
    }

    /// Links every plain-text name or alias of an actor in `scope`.
    mutating func linkKnownNames(in scope: ByteRange) {
        let syntax = document.syntax
        for paragraph in syntax.paragraphs where paragraph.range.overlaps(scope) {
            for segment in syntax.segments(of: paragraph) {
                for match in snapshot.nameMatcher.matches(in: bytes, range: segment) where scope.contains(match.range) {
                    let owners = snapshot.phraseOwners[match.phrase]
                    guard owners.count == 1 else { continue }
                    link(match.range, to: owners[0])
                }
            }
        }
    }

    /// Links the names and aliases of the proposed actors in `scope`.
    mutating func linkProposedNames(in scope: ByteRange) {
        guard !proposed.isEmpty else { return }
        var phrases: [String] = []
        var owners: [String] = []
        for actor in proposed {
            for phrase in [actor.name] + actor.aliases {
                phrases.append(phrase)
                owners.append(actor.id)
            }
        }
        let matcher = NameMatcher(phrases: phrases)
        let syntax = document.syntax
        for paragraph in syntax.paragraphs where paragraph.range.overlaps(scope) {
            for segment in syntax.segments(of: paragraph) {
                for match in matcher.matches(in: bytes, range: segment) where scope.contains(match.range) {
                    link(match.range, to: owners[match.phrase])
                }
            }
        }
    }

    /// Links `range` to `id` unless it is already a mention, lies in a claim's attributes or would cut a wrap in two.
    private mutating func link(_ range: ByteRange, to id: String) {
        if markup.hasMention(overlapping: range) { return }
        // Wraps are in order and do not overlap.
        let wrap = partitionPoint(wraps.count) { wraps[$0].end <= range.start }
        if wrap < wraps.count, wraps[wrap].overlaps(range), !wraps[wrap].contains(range) { return }
        guard linkStarts.insert(range.start).inserted else { return }
        // Inside a claim, only in its text.
        if let claim = markup.claim(overlapping: range), !claim.textRange.contains(range) { return }
        insertions.append((range.start, 3, "["))
        insertions.append((range.end, 0, "](@\(id))"))
        plan.linked += 1
    }

    mutating func finish() -> AnnotationPlan {
        insertions.sort { ($0.offset, $0.order) < ($1.offset, $1.order) }
        var edits: [TextEdit] = []
        for insertion in insertions {
            if let last = edits.last, last.range.start == insertion.offset {
                edits[edits.count - 1].newText += insertion.text
            } else {
                edits.append(TextEdit(range: ByteRange(insertion.offset, insertion.offset), newText: insertion.text))
            }
        }
        plan.edits = edits
        plan.proposedActors = proposed
        return plan
    }
}

extension Annotator {
    /// A cue as an attribute value: white space squeezed, no quotes, nil for a lone colon or sign.
    static func cueText(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
            .filter { $0 != "\"" && $0 != "{" && $0 != "}" }
        guard words.contains(where: \.isLetter) else { return nil }
        // "Said Trump" opening a sentence.
        guard let first = words.first, first.isUppercase, words.dropFirst().first?.isLowercase == true else { return words }
        return first.lowercased() + words.dropFirst()
    }

    /// A description as the value of `by="…"`: white space squeezed, double quotes and braces left out.
    static func attributeText(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
            .filter { $0 != "\"" && $0 != "{" && $0 != "}" }
    }
}
