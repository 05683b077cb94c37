import DossierSyntax

/// `unknown-actor`: references to ids no document defines, with "did you mean" suggestions.
enum ReferenceRules {
    /// Reports the references of `unknownActors`, the groups of `document.references` whose id no document defines.
    static func check(_ document: Document, _ snapshot: WorkspaceSnapshot, unknownActors: [Int], _ sink: inout DiagnosticSink) {
        for (id, sites) in unknownActors.map({ document.references[$0] }) {
            // Each suggestion scans every actor id: worked out once per id, not per reference, and
            // only for the kinds of reference present.
            let bare = sites.contains { $0.role == .bare } ? EditDistance.nearest(to: id, in: snapshot.actorIDs, limit: 2) : nil
            let suggestion = sites.contains { $0.role != .bare } ? snapshot.suggestActor(for: id) : nil
            for site in sites {
                if site.role == .bare {
                    guard let near = bare else { continue }
                    sink.add(
                        .unknownActor, site.range, "`@\(id)` is not an actor id: did you mean `@\(near)`?",
                        severity: .hint, fixes: [.replaceID(near)])
                    continue
                }
                let written = site.range.length > site.idRange.length ? "@\(id)" : id
                var message = "no actor has the id `\(id)`"
                message += suggestion.map { ": did you mean `\(written.hasPrefix("@") ? "@" : "")\($0)`?" } ?? ": define it with a heading like `## Name {#\(id) .person}`"
                var fixes: [DiagnosticFix] = suggestion.map { [.replaceID($0)] } ?? []
                fixes.append(.createActor(id))
                sink.add(.unknownActor, site.range, message, fixes: fixes)
            }
        }
    }
}
