import DossierSyntax

/// What a semantic token marks: a reference to (or the name of) an actor of some kind, or a claim's text.
public enum SemanticTokenType: Hashable, Sendable {
    case actor(ActorKind)
    case claim
    case quote
}

/// How a semantic token's mark is qualified.
public struct SemanticTokenModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    /// Creates a set from its bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// An actor heading's name: where the actor is defined.
    public static let declaration = SemanticTokenModifiers(rawValue: 1)
    /// A claim that nothing attributes.
    public static let unattributed = SemanticTokenModifiers(rawValue: 2)
}

/// One semantic token: a single-line byte range, what it marks and how.
public struct SemanticTokenItem: Hashable, Sendable {
    public var range: ByteRange
    public var type: SemanticTokenType
    public var modifiers: SemanticTokenModifiers

    /// Creates a token.
    public init(range: ByteRange, type: SemanticTokenType, modifiers: SemanticTokenModifiers) {
        self.range = range
        self.type = type
        self.modifiers = modifiers
    }
}

extension Features {
    /// Semantic tokens of the document, sorted, never overlapping and never spanning lines.
    ///
    /// Scheme: actor references are typed by their actor's kind (linked mentions on their link text, bare
    /// mentions on `@id`, `by`/`via`/`member-of`/`outlet` on the id as written; unknown actors get none);
    /// actor heading names are typed with `declaration`. A claim or quote colours its bracketed text
    /// (`[`…`]`) minus the actor tokens inside it, with `unattributed` when nothing attributes it.
    /// Multi-line ranges are split per line (line terminators excluded).
    public static func semanticTokens(in id: DocumentID, snapshot: WorkspaceSnapshot, range: ByteRange? = nil) -> [SemanticTokenItem] {
        guard let syntax = snapshot.documents[id]?.syntax else { return [] }
        func kindType(_ actorID: String) -> SemanticTokenType? {
            snapshot.actor(actorID).map { .actor($0.definition.kind) }
        }
        var actorTokens: [SemanticTokenItem] = []
        func add(_ ref: ActorReferenceSyntax, _ range: ByteRange) {
            if let type = kindType(ref.id) { actorTokens.append(SemanticTokenItem(range: range, type: type, modifiers: [])) }
        }
        if let outlet = syntax.frontMatter?.outlet { add(outlet, outlet.range) }
        for actor in syntax.actors {
            actorTokens.append(SemanticTokenItem(range: actor.name.range, type: .actor(actor.kind), modifiers: .declaration))
            for member in actor.memberOf { add(member, member.range) }
        }
        for mention in syntax.mentions {
            if mention.reference.role == .bare, snapshot.actorSites[mention.reference.id] == nil { continue }
            add(mention.reference, mention.linkText ?? mention.reference.range)
        }
        for claim in syntax.claims { for ref in claim.by + claim.via { add(ref, ref.range) } }
        actorTokens.sort { $0.range < $1.range }

        var tokens: [SemanticTokenItem] = actorTokens
        for claim in syntax.claims {
            let type: SemanticTokenType = claim.kind == .quote ? .quote : .claim
            let modifiers: SemanticTokenModifiers = snapshot.isAttributed(claim) ? [] : .unattributed
            let span = ByteRange(claim.range.start, claim.textRange.end + 1)
            var cursor = span.start
            for token in actorTokens where token.range.overlaps(span) {
                if token.range.start > cursor {
                    tokens.append(SemanticTokenItem(range: ByteRange(cursor, token.range.start), type: type, modifiers: modifiers))
                }
                cursor = max(cursor, token.range.end)
            }
            if cursor < span.end { tokens.append(SemanticTokenItem(range: ByteRange(cursor, span.end), type: type, modifiers: modifiers)) }
        }
        tokens.sort { $0.range < $1.range }
        var result: [SemanticTokenItem] = []
        var reached = 0
        let lines = syntax.lines
        for token in tokens where token.range.start >= reached && token.range.length > 0 {
            if let range, !token.range.overlaps(range) { continue }
            reached = token.range.end
            var line = lines.line(containing: token.range.start)
            while line < lines.lineCount {
                let content = lines.lineRange(line)
                if content.start >= token.range.end { break }
                let piece = ByteRange(max(content.start, token.range.start), min(content.end, token.range.end))
                if piece.length > 0 { result.append(SemanticTokenItem(range: piece, type: token.type, modifiers: token.modifiers)) }
                line += 1
            }
        }
        return result
    }
}
