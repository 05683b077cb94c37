import DossierSyntax

/// One semantic token: a single-line byte range, a type index into `Features.tokenTypes`, a modifier bit set.
public struct SemanticTokenItem: Hashable, Sendable {
    public var range: ByteRange
    public var type: Int
    public var modifiers: Int

    /// Creates a token.
    public init(range: ByteRange, type: Int, modifiers: Int) {
        self.range = range
        self.type = type
        self.modifiers = modifiers
    }
}

extension Features {
    /// The token types legend, in index order.
    public static let tokenTypes = [
        "person", "organization", "country", "court", "outlet", "group", "place", "document", "event", "claim", "quote",
    ]
    /// The token modifiers legend: bit 0 `declaration`, bit 1 `unattributed`.
    public static let tokenModifiers = ["declaration", "unattributed"]

    /// Semantic tokens of the document, sorted, never overlapping and never spanning lines.
    ///
    /// Scheme: actor references are typed by their actor's kind (linked mentions on their link text, bare
    /// mentions on `@id`, `by`/`via`/`member-of`/`outlet` on the id as written; unknown actors get none);
    /// actor heading names are typed with `declaration`. A claim or quote colours its bracketed text
    /// (`[`…`]`) minus the actor tokens inside it, with `unattributed` when nothing attributes it.
    /// Multi-line ranges are split per line (line terminators excluded).
    public static func semanticTokens(in id: DocumentID, snapshot: WorkspaceSnapshot, range: ByteRange? = nil) -> [SemanticTokenItem] {
        guard let syntax = snapshot.documents[id]?.syntax else { return [] }
        func kindIndex(_ actorID: String) -> Int? {
            guard let kind = snapshot.actor(actorID)?.definition.kind else { return nil }
            return tokenTypes.firstIndex(of: kind.rawValue)
        }
        var actorTokens: [SemanticTokenItem] = []
        func add(_ ref: ActorReferenceSyntax, _ range: ByteRange) {
            if let type = kindIndex(ref.id) { actorTokens.append(SemanticTokenItem(range: range, type: type, modifiers: 0)) }
        }
        if let outlet = syntax.frontMatter?.outlet { add(outlet, outlet.range) }
        for actor in syntax.actors {
            if let type = tokenTypes.firstIndex(of: actor.kind.rawValue) {
                actorTokens.append(SemanticTokenItem(range: actor.name.range, type: type, modifiers: 1))
            }
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
            let type = claim.kind == .quote ? 10 : 9
            let modifiers = snapshot.isAttributed(claim) ? 0 : 2
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
