import DossierSyntax

/// What replacing one document can change in the findings of the others.
public enum CrossDocumentEffect: Equatable, Sendable {
    /// Nothing: only this document's own findings can change.
    case none
    /// Only whether these actors are referred to at all: the findings of the documents defining them
    /// (`unused-actor`).
    case referencesTo(Set<String>)
    /// Anything: its definitions changed.
    case definitions
}

extension WorkspaceSnapshot {
    /// What replacing document version `old` by `new` (either nil: added or removed) can change in the findings of
    /// other documents; an edit that only starts or stops referring to actors reaches only the documents defining
    /// them. `before` and `after` are the snapshots around the change.
    ///
    /// Another document's findings read from this one only: the actors it defines (ids, kinds, names, aliases and
    /// fields, for unknown-actor, alias-conflict, unlinked-mention and attribution), the claims it defines (ids,
    /// kinds, sources and citations, for unknown-claim, duplicate-claim and attributed `cite` chains), which actors
    /// it refers to (unused-actor), and the positions of its definitions where another document points at them
    /// (the related locations of a duplicated id or a conflicting name). The test suite compares every document's
    /// findings after random edits with a fresh snapshot's, so a fact missing here fails it.
    public static func crossDocumentEffect(
        from old: Document?, to new: Document?, before: WorkspaceSnapshot, after: WorkspaceSnapshot
    ) -> CrossDocumentEffect {
        definitionsDiffer(old, new, before, after) ? .definitions : referencesDiffer(old, new)
    }

    /// Whether the actors or claims `old` and `new` define differ in anything another document can read.
    private static func definitionsDiffer(_ old: Document?, _ new: Document?, _ before: WorkspaceSnapshot, _ after: WorkspaceSnapshot) -> Bool {
        if old == nil && new == nil { return false }
        let oldActors = old?.syntax.actors ?? [], newActors = new?.syntax.actors ?? []
        guard oldActors.count == newActors.count else { return true }
        for (a, b) in zip(oldActors, newActors) {
            guard a.id.text == b.id.text, a.kind == b.kind, a.name.text == b.name.text,
                a.aliases.elementsEqual(b.aliases, by: { $0.text == $1.text }),
                a.memberOf.elementsEqual(b.memberOf, by: { $0.id == $1.id }),
                a.fields.elementsEqual(b.fields, by: { $0.key.text == $1.key.text && $0.value.text == $1.value.text })
            else { return true }
            if shared(a.id.text, before, after) {
                guard a.id.range == b.id.range else { return true }
            }
            for (name, other) in zip([a.name] + a.aliases, [b.name] + b.aliases) where nameShared(name.text, before, after) {
                guard name.range == other.range, a.headingRange == b.headingRange else { return true }
            }
        }
        let oldClaims = old?.syntax.claims ?? [], newClaims = new?.syntax.claims ?? []
        let oldDefined = oldClaims.filter { $0.id != nil }, newDefined = newClaims.filter { $0.id != nil }
        guard oldDefined.count == newDefined.count else { return true }
        for (a, b) in zip(oldDefined, newDefined) {
            guard a.id?.text == b.id?.text, a.kind == b.kind, a.hasBy == b.hasBy,
                a.cites.elementsEqual(b.cites, by: { $0.text == $1.text })
            else { return true }
            if let id = a.id?.text, (before.claimSites[id]?.count ?? 0) > 1 || (after.claimSites[id]?.count ?? 0) > 1 {
                guard a.id?.range == b.id?.range else { return true }
            }
        }
        return false
    }

    /// The actors `old` refers to and `new` does not, or the other way round: whether they are referred to at all
    /// (`unused-actor`) is all another document reads of references.
    private static func referencesDiffer(_ old: Document?, _ new: Document?) -> CrossDocumentEffect {
        let oldReferred = Set(old?.references.keys ?? []), newReferred = Set(new?.references.keys ?? [])
        let changed = oldReferred.symmetricDifference(newReferred)
        return changed.isEmpty ? .none : .referencesTo(changed)
    }

    /// Whether actor `id` has more than one definition in either snapshot (its definitions point at each other).
    private static func shared(_ id: String, _ before: WorkspaceSnapshot, _ after: WorkspaceSnapshot) -> Bool {
        (before.actorSites[id]?.count ?? 0) > 1 || (after.actorSites[id]?.count ?? 0) > 1
    }

    /// Whether a name or alias belongs to more than one actor in either snapshot (an alias conflict points at the
    /// other actor's heading).
    private static func nameShared(_ name: String, _ before: WorkspaceSnapshot, _ after: WorkspaceSnapshot) -> Bool {
        before.actors(named: name).count > 1 || after.actors(named: name).count > 1
    }
}
