import DossierSyntax

/// Rules over the workspace registries: duplicate ids, alias conflicts, unused actors, unknown claims.
enum RegistryRules {
    static func check(_ document: Document, _ snapshot: WorkspaceSnapshot, _ sink: inout DiagnosticSink) {
        for (index, actor) in document.syntax.actors.enumerated() {
            let id = actor.id.text
            let sites = snapshot.actorSites[id] ?? []
            if sites.count > 1 {
                let others = sites.filter { $0 != ActorSite(document: document.id, index: index) }.compactMap { site in
                    snapshot.documents[site.document].map {
                        RelatedLocation(location: Location(site.document, $0.syntax.actors[site.index].id.range), message: "also defined here")
                    }
                }
                sink.add(
                    .duplicateActor, actor.id.range, "actor id `\(id)` is defined \(sites.count) times: keep one definition or rename the others",
                    related: others)
            }
            for name in [actor.name] + actor.aliases {
                let owners = snapshot.actors(named: name.text).filter { $0 != id }
                guard let other = owners.first else { continue }
                let related = snapshot.actor(other).map {
                    [RelatedLocation(location: Location($0.site.document, $0.definition.headingRange), message: "`\(other)` is defined here")]
                } ?? []
                sink.add(
                    .aliasConflict, name.range, "“\(name.text)” also names `@\(other)`: keep the name on one actor so mentions stay unambiguous",
                    related: related)
            }
            if (snapshot.stats[id]?.references ?? 0) == 0 {
                sink.add(.unusedActor, actor.id.range, "no document refers to `@\(id)`: mention it, or remove the definition")
            }
        }
        for (id, indices) in document.claimsByID {
            let sites = snapshot.claimSites[id] ?? []
            guard sites.count > 1 else { continue }
            for index in indices {
                let claim = document.syntax.claims[index]
                let others = sites.filter { $0 != ClaimSite(document: document.id, index: index) }.compactMap { site in
                    snapshot.documents[site.document].flatMap { other in
                        other.syntax.claims[site.index].id.map { RelatedLocation(location: Location(site.document, $0.range), message: "also used here") }
                    }
                }
                sink.add(
                    .duplicateClaim, claim.id?.range ?? claim.range, "claim id `\(id)` is used \(sites.count) times: give each claim its own id",
                    related: others)
            }
        }
        for (id, cites) in document.citations where snapshot.claimSites[id] == nil {
            // Unsorted: sorting every claim id of the workspace for each unknown citation cost more than the search.
            let suggestion = EditDistance.nearest(to: id, amongUnordered: snapshot.claimSites.keys, limit: 3)
            for cite in cites {
                sink.add(
                    .unknownClaim, ByteRange(cite.range.start - 1, cite.range.end),
                    "no claim has the id `\(id)`" + (suggestion.map { ": did you mean `#\($0)`?" } ?? ": give the cited claim `#\(id)`"),
                    fixes: suggestion.map { [.replaceID($0)] } ?? [])
            }
        }
    }
}
