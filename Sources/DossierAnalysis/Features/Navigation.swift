import DossierSyntax

/// Why a rename was refused; `message` is shown to the user.
public enum RenameError: Error, Hashable, Sendable {
    /// The cursor is not on an actor or claim id.
    case notRenamable
    /// The new name is not a valid id.
    case invalidName(String)
    /// Another actor or claim already has the new id.
    case taken(String)

    /// A sentence for the user.
    public var message: String {
        switch self {
        case .notRenamable: "only actor ids (`@id`, `{#id .kind}`) and claim ids (`#id`, `cite=#id`) can be renamed"
        case let .invalidName(message), let .taken(message): message
        }
    }
}

extension Features {
    /// Where the actor or claim at `offset` is defined (every definition when duplicated).
    public static func definition(at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot) -> [Location] {
        guard let target = target(at: offset, in: id, snapshot: snapshot) else { return [] }
        switch target {
        case let .actor(actorID, _):
            return (snapshot.actorSites[actorID] ?? []).compactMap { site in
                snapshot.documents[site.document].map { Location(site.document, $0.syntax.actors[site.index].headingRange) }
            }.sorted(by: locationOrder)
        case let .claim(claimID, _):
            return (snapshot.claimSites[claimID] ?? []).compactMap { site in
                snapshot.documents[site.document].map { Location(site.document, $0.syntax.claims[site.index].range) }
            }.sorted(by: locationOrder)
        case let .unnamedClaim(index, _):
            guard let claim = snapshot.documents[id]?.syntax.claims[index] else { return [] }
            return [Location(id, claim.range)]
        }
    }

    /// Every reference to the actor or claim at `offset`, workspace-wide, in document then text order.
    /// Actor references are the ids as written (`@id`, `by=@id`, `member-of`, `outlet`); a declaration is the
    /// heading's `#id`. Claim references are `cite=` items; a declaration is the claim's `#id`.
    public static func references(
        at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot, includeDeclaration: Bool
    ) -> [Location] {
        guard let target = target(at: offset, in: id, snapshot: snapshot) else { return [] }
        switch target {
        case let .actor(actorID, _): return actorReferences(actorID, snapshot, includeDeclaration: includeDeclaration)
        case let .claim(claimID, _): return claimReferences(claimID, snapshot, includeDeclaration: includeDeclaration)
        case .unnamedClaim: return []
        }
    }

    /// Every reference to actor `actorID`, plus its definitions' `#id`s when `includeDeclaration`.
    public static func actorReferences(_ actorID: String, _ snapshot: WorkspaceSnapshot, includeDeclaration: Bool) -> [Location] {
        var result: [Location] = []
        for docID in snapshot.documents(referringTo: actorID) {
            guard let document = snapshot.documents[docID] else { continue }
            var ranges = (document.references[actorID] ?? []).map(\.range)
            if includeDeclaration {
                ranges += document.syntax.actors.filter { $0.id.text == actorID }.map(\.id.range)
            }
            result += ranges.sorted().map { Location(docID, $0) }
        }
        return result
    }

    /// Every `cite=#claimID` item, plus the claim's `#id` when `includeDeclaration`.
    public static func claimReferences(_ claimID: String, _ snapshot: WorkspaceSnapshot, includeDeclaration: Bool) -> [Location] {
        var result: [Location] = []
        for docID in snapshot.documents(citing: claimID) {
            guard let document = snapshot.documents[docID] else { continue }
            var ranges = (document.citations[claimID] ?? []).map(\.range)
            if includeDeclaration {
                ranges += (document.claimsByID[claimID] ?? []).compactMap { document.syntax.claims[$0].id?.range }
            }
            result += ranges.sorted().map { Location(docID, $0) }
        }
        return result
    }

    /// The id a rename at `offset` changes (without `@`/`#`) and its current text, or nil when nothing renamable is
    /// there. On a linked mention's text or an actor heading's name it is that mention's or heading's id, which may
    /// lie beside the cursor: references work there, so rename does too.
    public static func prepareRename(
        at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot
    ) -> (range: ByteRange, placeholder: String)? {
        guard let resolved = resolve(at: offset, in: id, snapshot: snapshot), let range = resolved.idRange else { return nil }
        switch resolved.target {
        case let .actor(name, _), let .claim(name, _): return (range, name)
        case .unnamedClaim: return nil
        }
    }

    /// Renames the actor or claim id at `offset` everywhere (definitions and references). A leading `@`
    /// or `#` on `newName` is dropped. Invalid and taken ids are refused.
    public static func rename(
        at offset: Int, in id: DocumentID, newName: String, snapshot: WorkspaceSnapshot
    ) -> Result<[DocumentID: [TextEdit]], RenameError> {
        guard let resolved = resolve(at: offset, in: id, snapshot: snapshot), resolved.idRange != nil else {
            return .failure(.notRenamable)
        }
        var name = newName.trimmingWhitespace()
        if name.hasPrefix("@") || name.hasPrefix("#") { name.removeFirst() }
        if let problem = Identifier.problem(name) { return .failure(.invalidName("`\(name)` is not a valid id: \(problem)")) }
        var edits: [DocumentID: [TextEdit]] = [:]
        switch resolved.target {
        case let .actor(old, _):
            if name == old { return .success([:]) }
            if let taken = snapshot.actor(name) {
                return .failure(.taken(
                    "`@\(name)` is already the id of \(taken.definition.name.text) (\(fileName(taken.site.document))): choose another id"))
            }
            for docID in snapshot.documents(referringTo: old) {
                guard let document = snapshot.documents[docID] else { continue }
                var ranges = (document.references[old] ?? []).map(\.idRange)
                ranges += document.syntax.actors.filter { $0.id.text == old }.map(\.id.range)
                if !ranges.isEmpty { edits[docID] = ranges.sorted().map { TextEdit(range: $0, newText: name) } }
            }
        case let .claim(old, _):
            if name == old { return .success([:]) }
            if let taken = snapshot.claim(name) {
                return .failure(.taken("`#\(name)` is already the id of a claim in \(fileName(taken.site.document)): choose another id"))
            }
            for docID in snapshot.documents(citing: old) {
                guard let document = snapshot.documents[docID] else { continue }
                var ranges = (document.citations[old] ?? []).map(\.range)
                ranges += (document.claimsByID[old] ?? []).compactMap { document.syntax.claims[$0].id?.range }
                if !ranges.isEmpty { edits[docID] = ranges.sorted().map { TextEdit(range: $0, newText: name) } }
            }
        case .unnamedClaim:
            return .failure(.notRenamable)
        }
        return .success(edits)
    }

    static func locationOrder(_ a: Location, _ b: Location) -> Bool {
        a.document != b.document ? a.document < b.document : a.range < b.range
    }
}
