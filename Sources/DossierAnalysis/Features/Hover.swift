import DossierSyntax

/// Hover content: Markdown and the range it describes.
public struct HoverResult: Hashable, Sendable {
    public var markdown: String
    public var range: ByteRange
}

extension Features {
    /// The hover for whatever stands at `offset`: an actor card, a claim with its attribution chain,
    /// or an unannotated quotation or statement with its inferred source and cue.
    public static func hover(at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot) -> HoverResult? {
        guard let target = target(at: offset, in: id, snapshot: snapshot) else { return attributionHover(at: offset, in: id, snapshot: snapshot) }
        switch target {
        case let .actor(actorID, range):
            return HoverResult(markdown: actorMarkdown(actorID, snapshot), range: range)
        case let .claim(claimID, range):
            guard let found = snapshot.claim(claimID) else {
                return HoverResult(markdown: "**unknown claim** `#\(claimID)` — no claim has this id", range: range)
            }
            return HoverResult(markdown: claimMarkdown(found.claim, in: found.site.document, snapshot), range: range)
        case let .unnamedClaim(index, range):
            guard let claim = snapshot.documents[id]?.syntax.claims[index] else { return nil }
            return HoverResult(markdown: claimMarkdown(claim, in: id, snapshot), range: range)
        }
    }

    /// The Markdown card for actor `id`.
    public static func actorMarkdown(_ id: String, _ snapshot: WorkspaceSnapshot) -> String {
        let stats = snapshot.stats[id] ?? ActorStats()
        guard let (site, actor) = snapshot.actor(id) else {
            return "**unknown actor** `@\(id)` — no heading defines it\n\nreferenced \(stats.references)× in \(plural(stats.documents, "document"))"
        }
        var head = "**\(actor.name.text)** · \(actor.kind.rawValue)"
        if let role = actor.role, !role.text.isEmpty { head += " · \(role.text)" }
        var lines = [head]
        if !actor.memberOf.isEmpty {
            lines.append("member of " + actor.memberOf.map { actorName($0.id, snapshot) }.joined(separator: ", "))
        }
        if !actor.aliases.isEmpty { lines.append("aka " + actor.aliases.map(\.text).joined(separator: ", ")) }
        var links: [String] = []
        if let wikidata = actor.wikidata, !wikidata.text.isEmpty {
            links.append("[Wikidata \(wikidata.text)](https://www.wikidata.org/wiki/\(wikidata.text))")
        }
        if let url = actor.url, !url.text.isEmpty { links.append(url.text) }
        if !links.isEmpty { lines.append(links.joined(separator: " · ")) }
        let known: Set<String> = ["aliases", "role", "member-of", "wikidata", "url"]
        for field in actor.fields where !known.contains(field.key.text) {
            lines.append("\(field.key.text): \(field.value.text)")
        }
        var blocks = [lines.joined(separator: "  \n")]
        if let description = actor.description, !description.text.isEmpty {
            blocks.append(truncate(description.text.trimmingWhitespace(), 600))
        }
        // Each count says what it counts: the documents are those the actor is mentioned in (a member-of
        // line or a `by` is a reference, not a mention).
        let mentioned = stats.mentions == 0 ? "not mentioned" : "mentioned \(stats.mentions)× in \(plural(stats.mentionDocuments, "document"))"
        var footer = "`@\(id)` · \(mentioned) · \(plural(stats.claims, "claim")) on record"
        let definitions = snapshot.actorSites[id]?.count ?? 1
        if definitions > 1 { footer += " · defined \(definitions)× (duplicate)" }
        footer += " · \(fileName(site.document))"
        blocks.append(footer)
        return blocks.joined(separator: "\n\n")
    }

    /// The Markdown card for a claim: kind, id, text, attribution chain and citing places.
    public static func claimMarkdown(_ claim: ClaimSyntax, in document: DocumentID, _ snapshot: WorkspaceSnapshot) -> String {
        guard let syntax = snapshot.documents[document]?.syntax else { return "" }
        var head = "**\(claim.kind.rawValue)**"
        if let claimID = claim.id { head += " `#\(claimID.text)`" }
        head += snapshot.isAttributed(claim) ? " · attributed" : " · **unattributed**"
        var blocks = [head, "> " + truncate(squeeze(syntax.text(claim.textRange)), 400)]
        var chain: [String] = []
        var visited: Set<String> = claim.id.map { [$0.text] } ?? []
        attribution(claim, depth: 0, visited: &visited, snapshot, into: &chain)
        if chain.isEmpty { chain = ["no source on record"] }
        blocks.append(chain.joined(separator: "\n"))
        if let claimID = claim.id {
            var places: [String] = []
            for docID in snapshot.documents(citing: claimID.text) {
                guard let other = snapshot.documents[docID], let sites = other.citations[claimID.text] else { continue }
                for site in sites {
                    let line = other.syntax.lines.line(containing: site.range.start) + 1
                    places.append("\(snapshot.displayName(of: docID)) (\(fileName(docID)):\(line))")
                }
            }
            if !places.isEmpty { blocks.append("cited by " + places.joined(separator: "; ")) }
        }
        return blocks.joined(separator: "\n\n")
    }

    private static func attribution(
        _ claim: ClaimSyntax, depth: Int, visited: inout Set<String>, _ snapshot: WorkspaceSnapshot, into lines: inout [String]
    ) {
        let indent = String(repeating: "  ", count: depth)
        var parts: [String] = []
        var sources = claim.by.map { "\(actorName($0.id, snapshot)) (`@\($0.id)`)" }
        if let description = claim.byDescription { sources.append("“\(description.text)” (unnamed)") }
        if !sources.isEmpty { parts.append("by " + sources.joined(separator: ", ")) }
        if !claim.via.isEmpty {
            parts.append("via " + claim.via.map { "\(actorName($0.id, snapshot)) (`@\($0.id)`)" }.joined(separator: ", "))
        }
        if let cue = claim.cue { parts.append("cue “\(cue.text)”") }
        if !parts.isEmpty { lines.append(indent + "- " + parts.joined(separator: " → ")) }
        for cite in claim.cites {
            guard depth < 6 else { break }
            guard visited.insert(cite.text).inserted else {
                lines.append(indent + "- cites `#\(cite.text)` (cycle)")
                continue
            }
            guard let cited = snapshot.claim(cite.text) else {
                lines.append(indent + "- cites `#\(cite.text)` — no such claim")
                continue
            }
            let text = snapshot.documents[cited.site.document].map { squeeze($0.syntax.text(cited.claim.textRange)) } ?? ""
            lines.append(indent + "- cites `#\(cite.text)`: “\(truncate(text, 80))” (\(fileName(cited.site.document)))")
            attribution(cited.claim, depth: depth + 1, visited: &visited, snapshot, into: &lines)
        }
    }

    static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
