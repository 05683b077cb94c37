import DossierSyntax

/// What a symbol is.
public enum SymbolCategory: Hashable, Sendable {
    case heading, actor(ActorKind), claim, quote, document
}

/// A symbol of one document, with its children.
public struct DocumentSymbolItem: Hashable, Sendable {
    public var name: String
    public var detail: String?
    public var category: SymbolCategory
    /// The whole construct (section, claim span).
    public var range: ByteRange
    /// The part to select (name, id).
    public var selectionRange: ByteRange
    public var children: [DocumentSymbolItem]
}

/// A workspace symbol matched by a query.
public struct WorkspaceSymbolItem: Hashable, Sendable {
    public var name: String
    public var category: SymbolCategory
    public var containerName: String?
    public var location: Location
    /// Higher is better.
    public var score: Int
}

extension Features {
    /// The document's outline: headings nested by level, actors and claims under the heading whose section holds them.
    public static func documentSymbols(in id: DocumentID, snapshot: WorkspaceSnapshot) -> [DocumentSymbolItem] {
        guard let syntax = snapshot.documents[id]?.syntax else { return [] }
        struct Node {
            var item: DocumentSymbolItem
            var level: Int
            var children: [Int] = []
        }
        var nodes: [Node] = []
        var roots: [Int] = []
        var stack: [Int] = []  // open headings
        let actorsByLine = Dictionary(syntax.actors.map { ($0.headingRange.start, $0) }, uniquingKeysWith: { first, _ in first })
        var events: [(start: Int, heading: HeadingSyntax?, claim: ClaimSyntax?)] = syntax.headings.map { ($0.range.start, $0, nil) }
        events += syntax.claims.map { ($0.range.start, nil, $0) }
        events.sort { $0.start < $1.start }
        for event in events {
            var level = Int.max
            let item: DocumentSymbolItem
            if let heading = event.heading {
                level = heading.level
                if let actor = actorsByLine[heading.range.start] {
                    var detail = "@\(actor.id.text) · \(actor.kind.rawValue)"
                    if let role = actor.role, !role.text.isEmpty { detail += " · " + role.text }
                    item = DocumentSymbolItem(
                        name: actor.name.text, detail: detail, category: .actor(actor.kind), range: heading.sectionRange,
                        selectionRange: actor.name.range, children: [])
                } else {
                    item = DocumentSymbolItem(
                        name: heading.text.text.isEmpty ? "(untitled)" : heading.text.text, detail: heading.anchor.map { "#" + $0.text }, category: .heading,
                        range: heading.sectionRange, selectionRange: heading.text.range, children: [])
                }
                while let top = stack.last, nodes[top].level >= level { stack.removeLast() }
            } else {
                let claim = event.claim!
                // Outlines such as Neovim's gO list names only: the name carries the first words too.
                let words = firstWords(squeeze(PlainText.fromMarkdown(syntax.text(claim.textRange))), 60)
                item = DocumentSymbolItem(
                    name: claim.id.map { "#\($0.text): \(words)" } ?? words, detail: "\(claim.kind.rawValue) · \(source(of: claim))",
                    category: claim.kind == .quote ? .quote : .claim, range: claim.range,
                    selectionRange: claim.id?.range ?? claim.textRange, children: [])
                while let top = stack.last, !nodes[top].item.range.contains(claim.range) { stack.removeLast() }
            }
            nodes.append(Node(item: item, level: level))
            let index = nodes.count - 1
            if let parent = stack.last { nodes[parent].children.append(index) } else { roots.append(index) }
            if event.heading != nil { stack.append(index) }
        }
        func build(_ index: Int) -> DocumentSymbolItem {
            var item = nodes[index].item
            item.children = nodes[index].children.map(build)
            return item
        }
        return roots.map(build)
    }

    /// Who a claim rests on, as written: `by @a, @b via @c`, `by “a description”`, `cites #x, #y`, or `no source`.
    static func source(of claim: ClaimSyntax) -> String {
        var parts: [String] = []
        var sources = claim.by.map { "@" + $0.id }
        if let description = claim.byDescription { sources.append("“\(description.text)”") }
        if !sources.isEmpty { parts.append("by " + sources.joined(separator: ", ")) }
        if !claim.via.isEmpty { parts.append("via " + claim.via.map { "@" + $0.id }.joined(separator: ", ")) }
        if !claim.cites.isEmpty { parts.append("cites " + claim.cites.map { "#" + $0.text }.joined(separator: ", ")) }
        return parts.isEmpty ? "no source" : parts.joined(separator: " ")
    }

    /// `text` cut after its last whole word within `limit` characters, with an ellipsis.
    static func firstWords(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit - 1)
        let words = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return words + "…"
    }

    /// Actors (by name, alias or id), claims with ids and documents (by title) fuzzily matching `query`,
    /// best first. An empty query lists everything, up to `limit`.
    public static func workspaceSymbols(query: String, snapshot: WorkspaceSnapshot, limit: Int = 200) -> [WorkspaceSymbolItem] {
        var results: [WorkspaceSymbolItem] = []
        for actorID in snapshot.actorIDs {
            for site in snapshot.actorSites[actorID] ?? [] {
                guard let document = snapshot.documents[site.document] else { continue }
                let actor = document.syntax.actors[site.index]
                let candidates = [actor.name.text, actorID] + actor.aliases.map(\.text)
                guard let score = candidates.compactMap({ fuzzyScore(query, $0) }).max() else { continue }
                results.append(WorkspaceSymbolItem(
                    name: actor.name.text, category: .actor(actor.kind), containerName: "@\(actorID) · \(fileName(site.document))",
                    location: Location(site.document, actor.headingRange), score: score))
            }
        }
        for (claimID, sites) in snapshot.claimSites {
            guard let score = fuzzyScore(query, claimID) else { continue }
            for site in sites {
                guard let claim = snapshot.documents[site.document]?.syntax.claims[site.index] else { continue }
                results.append(WorkspaceSymbolItem(
                    name: "#" + claimID, category: claim.kind == .quote ? .quote : .claim, containerName: fileName(site.document),
                    location: Location(site.document, claim.range), score: score))
            }
        }
        for docID in snapshot.sortedDocumentIDs {
            let name = snapshot.displayName(of: docID)
            guard let score = fuzzyScore(query, name) else { continue }
            let range = snapshot.documents[docID]?.syntax.frontMatter?.value("title")?.range ?? ByteRange(0, 0)
            results.append(WorkspaceSymbolItem(
                name: name, category: .document, containerName: fileName(docID), location: Location(docID, range), score: score))
        }
        results.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.name.count != $1.name.count { return $0.name.count < $1.name.count }
            return $0.name < $1.name
        }
        return Array(results.prefix(limit))
    }

    /// A case-insensitive subsequence match score: nil when `query` is not a subsequence of `candidate`.
    /// Exact, prefix, word-start and contiguous matches score higher; gaps cost.
    public static func fuzzyScore(_ query: String, _ candidate: String) -> Int? {
        let q = Array(query.lowercased().unicodeScalars.filter { $0 != " " })
        if q.isEmpty { return 0 }
        let c = Array(candidate.lowercased().unicodeScalars)
        let original = Array(candidate.unicodeScalars)
        var score = 0
        var qi = 0
        var previous = -2
        for (ci, scalar) in c.enumerated() where qi < q.count && scalar == q[qi] {
            let wordStart = ci == 0 || !original[ci - 1].properties.isAlphabetic
                || (original[ci].properties.isUppercase && !original[ci - 1].properties.isUppercase)
            score += 10
            if wordStart { score += 8 }
            if ci == previous + 1 { score += 6 } else if previous >= 0 { score -= min(ci - previous, 5) }
            previous = ci
            qi += 1
        }
        guard qi == q.count else { return nil }
        let lowered = candidate.lowercased()
        let needle = query.lowercased()
        if lowered == needle { score += 100 } else if lowered.hasPrefix(needle) { score += 50 }
        return score
    }
}
