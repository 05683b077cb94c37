import DossierSyntax

/// What the cursor stands on: an actor or a claim, with the range of the construct under the cursor.
public enum FeatureTarget: Hashable, Sendable {
    /// An actor reference, definition or unlinked name; `range` is the text under the cursor.
    case actor(id: String, range: ByteRange)
    /// A claim with an id (its `#id`, a `cite=#id` item or anywhere in its span).
    case claim(id: String, range: ByteRange)
    /// A claim without an id, by its index in the current document's claims (hover only).
    case unnamedClaim(index: Int, range: ByteRange)
}

/// A resolved target plus, when the cursor is on a written id, that id's bytes (without `@`/`#`).
struct ResolvedTarget {
    var target: FeatureTarget
    /// The written id a rename changes (without `@`/`#`): the one under the cursor, a linked mention's for its
    /// link text, an actor heading's `#id` anywhere on its line; nil on unlinked names and claim spans.
    var idRange: ByteRange?
}

extension Features {
    /// The actor or claim at `offset` in document `id`, or nil.
    public static func target(at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot) -> FeatureTarget? {
        resolve(at: offset, in: id, snapshot: snapshot)?.target
    }

    static func resolve(at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot) -> ResolvedTarget? {
        guard let document = snapshot.documents[id] else { return nil }
        let syntax = document.syntax
        func reference(_ ref: ActorReferenceSyntax) -> ResolvedTarget {
            ResolvedTarget(target: .actor(id: ref.id, range: ref.range), idRange: ref.idRange)
        }
        // Front matter `outlet:`.
        if let outlet = syntax.frontMatter?.outlet, outlet.range.touches(offset) { return reference(outlet) }
        // Actor headings and their member-of fields.
        for actor in syntax.actors {
            if actor.headingRange.touches(offset) {
                if ByteRange(actor.id.range.start - 1, actor.id.range.end).touches(offset) {
                    return ResolvedTarget(target: .actor(id: actor.id.text, range: actor.id.range), idRange: actor.id.range)
                }
                return ResolvedTarget(target: .actor(id: actor.id.text, range: actor.name.range), idRange: actor.id.range)
            }
            if actor.sectionRange.touches(offset) {
                for member in actor.memberOf where member.range.touches(offset) { return reference(member) }
            }
        }
        // Claim attributes: #id, by, via, cite.
        var enclosing: Int?
        for (index, claim) in syntax.claims.enumerated() where claim.range.touches(offset) {
            if claim.attributeRange.touches(offset) {
                if let claimID = claim.id, ByteRange(claimID.range.start - 1, claimID.range.end).touches(offset) {
                    return ResolvedTarget(target: .claim(id: claimID.text, range: claimID.range), idRange: claimID.range)
                }
                for ref in claim.by + claim.via where ref.range.touches(offset) { return reference(ref) }
                for cite in claim.cites where ByteRange(cite.range.start - 1, cite.range.end).touches(offset) {
                    return ResolvedTarget(target: .claim(id: cite.text, range: cite.range), idRange: cite.range)
                }
            }
            if enclosing == nil || claim.range.length < syntax.claims[enclosing!].range.length { enclosing = index }
        }
        // Mentions (inside or outside claims).
        for mention in syntax.mentions where mention.fullRange.touches(offset) {
            let ref = mention.reference
            if ref.role == .bare, snapshot.actorSites[ref.id] == nil { continue }
            let onID = ref.range.touches(offset)
            return ResolvedTarget(target: .actor(id: ref.id, range: onID ? ref.range : mention.fullRange), idRange: ref.idRange)
        }
        // Unlinked names and aliases.
        if let paragraph = syntax.paragraphs.first(where: { $0.range.touches(offset) }) {
            for segment in syntax.segments(of: paragraph) where segment.touches(offset) {
                for match in snapshot.nameMatcher.matches(in: syntax.bytes, range: segment) where match.range.touches(offset) {
                    let owners = snapshot.phraseOwners[match.phrase]
                    if owners.count == 1 { return ResolvedTarget(target: .actor(id: owners[0], range: match.range), idRange: nil) }
                }
            }
        }
        // Anywhere else in a claim span.
        if let enclosing {
            let claim = syntax.claims[enclosing]
            if let claimID = claim.id {
                return ResolvedTarget(target: .claim(id: claimID.text, range: claim.range), idRange: nil)
            }
            return ResolvedTarget(target: .unnamedClaim(index: enclosing, range: claim.range), idRange: nil)
        }
        return nil
    }
}
