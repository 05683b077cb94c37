import DossierSyntax

/// A lens over an actor heading: a count title and the actor whose references it opens.
public struct CodeLensItem: Hashable, Sendable {
    /// The heading line.
    public var range: ByteRange
    /// "12 mentions · 3 claims".
    public var title: String
    public var actorID: String
    /// Where the server's references command should start (the heading's `#id`).
    public var referencePosition: Int
}

extension Features {
    /// One lens per actor heading of the document: its mention and claim counts.
    public static func codeLenses(in id: DocumentID, snapshot: WorkspaceSnapshot) -> [CodeLensItem] {
        guard let syntax = snapshot.documents[id]?.syntax else { return [] }
        return syntax.actors.map { actor in
            let stats = snapshot.stats[actor.id.text] ?? ActorStats()
            var title = "\(plural(stats.mentions, "mention")) · \(plural(stats.claims, "claim"))"
            if stats.references == 0 {
                title += " · unused"
            } else if stats.mentions == 0 && stats.claims == 0 {
                title += " · \(plural(stats.references, "reference"))"
            }
            return CodeLensItem(range: actor.headingRange, title: title, actorID: actor.id.text, referencePosition: actor.id.range.start)
        }
    }
}
