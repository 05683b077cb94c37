import Dispatch
import DossierLocking
import DossierSyntax

/// Where an actor is defined: a document and the index of the definition in its syntax.
public struct ActorSite: Hashable, Sendable {
    public var document: DocumentID
    public var index: Int

    /// Definitions of one id are kept in document order, then text order: the first is the one that counts, a
    /// function of the files alone (not of the order they were read or edited in).
    static func definitionOrder(_ a: ActorSite, _ b: ActorSite) -> Bool {
        a.document != b.document ? a.document < b.document : a.index < b.index
    }
}

/// Where a claim is: a document and the index of the claim in its syntax.
public struct ClaimSite: Hashable, Sendable {
    public var document: DocumentID
    public var index: Int

    /// Claims with one id are kept in document order, then text order, as actor definitions are.
    static func definitionOrder(_ a: ClaimSite, _ b: ClaimSite) -> Bool {
        a.document != b.document ? a.document < b.document : a.index < b.index
    }
}

/// How often an actor is referred to across the workspace.
public struct ActorStats: Hashable, Sendable {
    /// Linked and bare mentions.
    public var mentions = 0
    /// Documents holding any reference.
    public var documents = 0
    /// Documents holding a mention (a `member-of` or `by` alone does not make one).
    public var mentionDocuments = 0
    /// Claims with the actor in `by`.
    public var claims = 0
    /// All references: mentions, by, via, member-of, outlet.
    public var references = 0

    /// No references.
    public init(mentions: Int = 0, documents: Int = 0, mentionDocuments: Int = 0, claims: Int = 0, references: Int = 0) {
        self.mentions = mentions
        self.documents = documents
        self.mentionDocuments = mentionDocuments
        self.claims = claims
        self.references = references
    }

    static func of(_ sites: ArraySlice<ReferenceSite>) -> ActorStats {
        var stats = ActorStats(documents: sites.isEmpty ? 0 : 1, references: sites.count)
        var claims: Set<Int> = []
        for site in sites {
            switch site.role {
            case .linked, .bare: stats.mentions += 1
            case .by: if let claim = site.claim { claims.insert(claim) }
            default: break
            }
        }
        stats.mentionDocuments = stats.mentions > 0 ? 1 : 0
        stats.claims = claims.count
        return stats
    }

    mutating func add(_ other: ActorStats, sign: Int) {
        mentions += sign * other.mentions
        documents += sign * other.documents
        mentionDocuments += sign * other.mentionDocuments
        claims += sign * other.claims
        references += sign * other.references
    }
}

/// Actor ids by name, the matcher over those names, the owners of each matcher phrase, and all
/// actor ids sorted: rebuilt together when a name or alias changes.
typealias NameIndex = (byName: [String: [String]], byLowercasedName: [String: [String]], matcher: NameMatcher, owners: [[String]], ids: [String])

/// An immutable view of the whole workspace: documents, the actor and claim registries, reference
/// counts and the name matcher. Queries and rules read it from any thread; an edit makes a new
/// snapshot that shares everything the edit did not touch.
public final class WorkspaceSnapshot: Sendable {
    public let configuration: Configuration
    public let documents: PersistentMap<DocumentID, Document>
    /// Actor definitions by id (more than one is a duplicate).
    public let actorSites: PersistentMap<String, [ActorSite]>
    /// Claims by id (more than one is a duplicate).
    public let claimSites: PersistentMap<String, [ClaimSite]>
    /// Reference counts by actor id.
    public let stats: PersistentMap<String, ActorStats>
    /// The documents referring to each actor, and citing each claim: queries visit only these.
    private let referringDocuments: PersistentMap<String, [DocumentID]>
    private let citingDocuments: PersistentMap<String, [DocumentID]>
    /// Actor ids by name or alias (more than one is a conflict).
    public let actorsByName: [String: [String]]
    /// Actor ids by name or alias in lower case, from the names that stand for one actor alone.
    public let actorsByLowercasedName: [String: [String]]
    /// Finds names and aliases in prose; phrase i is `matcherNames[i]`.
    public let nameMatcher: NameMatcher
    /// The actor ids each of the matcher's phrases stands for (`actorsByName` by phrase index).
    public let phraseOwners: [[String]]
    public let cues: CueSet
    /// Sorted actor ids, for suggestions and completion.
    public let actorIDs: [String]

    /// An empty workspace.
    public convenience init(configuration: Configuration = Configuration()) {
        self.init(documents: [], configuration: configuration)
    }

    /// A workspace of `documents`.
    public convenience init(documents: [Document], configuration: Configuration) {
        typealias Registries = (actorSites: PersistentMap<String, [ActorSite]>, claimSites: PersistentMap<String, [ClaimSite]>, stats: PersistentMap<String, ActorStats>)
        // The registries, and the document table with its users, do not depend on each other:
        // built side by side, they take a loaded workspace's serial step down to the longer of the two.
        let registries = Locked<Registries?>(nil)
        let tables = Locked<(documents: PersistentMap<DocumentID, Document>, users: DocumentUsers)?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                var built: Registries = (PersistentMap(), PersistentMap(), PersistentMap())
                for document in documents {
                    WorkspaceSnapshot.register(document, actorSites: &built.actorSites, claimSites: &built.claimSites, stats: &built.stats)
                }
                registries.withLock { $0 = built }
            } else {
                var table = PersistentMap<DocumentID, Document>()
                var users = DocumentUsers()
                for document in documents {
                    table[document.id] = document
                    users.update(from: nil, to: document)
                }
                tables.withLock { $0 = (table, users) }
            }
        }
        let (actorSites, claimSites, stats) = registries.withLock { $0! }
        let (table, users) = tables.withLock { $0! }
        self.init(
            configuration: configuration, documents: table, actorSites: actorSites, claimSites: claimSites, stats: stats,
            users: users, names: nil, cues: CueSet(configuration: configuration))
    }

    private init(
        configuration: Configuration, documents: PersistentMap<DocumentID, Document>, actorSites: PersistentMap<String, [ActorSite]>,
        claimSites: PersistentMap<String, [ClaimSite]>, stats: PersistentMap<String, ActorStats>, users: DocumentUsers,
        names: NameIndex?, cues: CueSet
    ) {
        self.configuration = configuration
        self.documents = documents
        self.actorSites = actorSites
        self.claimSites = claimSites
        self.stats = stats
        referringDocuments = users.referring
        citingDocuments = users.citing
        self.cues = cues
        let names = names ?? WorkspaceSnapshot.nameIndex(actorSites: actorSites, documents: documents)
        actorsByName = names.byName
        actorsByLowercasedName = names.byLowercasedName
        nameMatcher = names.matcher
        phraseOwners = names.owners
        actorIDs = names.ids
    }

    /// This workspace with `document` added or replaced: only that document's entries change.
    public func replacing(_ document: Document) -> WorkspaceSnapshot {
        update(removing: documents[document.id], adding: document)
    }

    /// This workspace without the document `id`.
    public func removing(_ id: DocumentID) -> WorkspaceSnapshot {
        guard let old = documents[id] else { return self }
        return update(removing: old, adding: nil)
    }

    /// This workspace under another configuration (cue lists and severities change; documents stay).
    public func reconfigured(_ configuration: Configuration) -> WorkspaceSnapshot {
        WorkspaceSnapshot(
            configuration: configuration, documents: documents, actorSites: actorSites, claimSites: claimSites, stats: stats,
            users: DocumentUsers(referring: referringDocuments, citing: citingDocuments),
            names: (actorsByName, actorsByLowercasedName, nameMatcher, phraseOwners, actorIDs), cues: CueSet(configuration: configuration))
    }

    private func update(removing old: Document?, adding new: Document?) -> WorkspaceSnapshot {
        var documents = self.documents
        var actorSites = self.actorSites
        var claimSites = self.claimSites
        var stats = self.stats
        var users = DocumentUsers(referring: referringDocuments, citing: citingDocuments)
        if let old { documents[old.id] = nil }
        if let new { documents[new.id] = new }
        WorkspaceSnapshot.reregister(from: old, to: new, actorSites: &actorSites, claimSites: &claimSites, stats: &stats)
        users.update(from: old, to: new)
        let sameNames = WorkspaceSnapshot.sameActorNames(old, new)
        return WorkspaceSnapshot(
            configuration: configuration, documents: documents, actorSites: actorSites, claimSites: claimSites, stats: stats,
            users: users, names: sameNames ? (actorsByName, actorsByLowercasedName, nameMatcher, phraseOwners, actorIDs) : nil, cues: cues)
    }

    /// Whether two versions of a document define the same actor ids, names and aliases, which is
    /// all the name index reads from them (compared in place: a cast has hundreds of actors).
    private static func sameActorNames(_ old: Document?, _ new: Document?) -> Bool {
        let before = old?.syntax.actors ?? [], after = new?.syntax.actors ?? []
        guard before.count == after.count else { return false }
        for index in before.indices {
            guard before[index].id.text == after[index].id.text, before[index].name.text == after[index].name.text,
                before[index].aliases.elementsEqual(after[index].aliases, by: { $0.text == $1.text })
            else { return false }
        }
        return true
    }

    /// Adds a document's actor definitions, claim ids and reference counts (building a snapshot).
    private static func register(
        _ document: Document, actorSites: inout PersistentMap<String, [ActorSite]>,
        claimSites: inout PersistentMap<String, [ClaimSite]>, stats: inout PersistentMap<String, ActorStats>
    ) {
        for (index, actor) in document.syntax.actors.enumerated() {
            actorSites.modify(actor.id.text, default: []) { sites in
                sites.append(ActorSite(document: document.id, index: index))
                if sites.count > 1 { sites.sort(by: ActorSite.definitionOrder) }
            }
        }
        for (id, indices) in document.claimsByID {
            claimSites.modify(id, default: []) { sites in
                sites += indices.map { ClaimSite(document: document.id, index: $0) }
                if sites.count > 1 { sites.sort(by: ClaimSite.definitionOrder) }
            }
        }
        for (id, sites) in document.references {
            stats.modify(id, default: ActorStats()) { $0.add(ActorStats.of(sites), sign: 1) }
        }
    }

    /// Replaces one document's version `old` by `new` (either may be nil) in the registries. Only
    /// the keys whose entries differ are written, so an edit that keeps the document's actors,
    /// claim ids and reference counts copies no shard at all.
    private static func reregister(
        from old: Document?, to new: Document?, actorSites: inout PersistentMap<String, [ActorSite]>,
        claimSites: inout PersistentMap<String, [ClaimSite]>, stats: inout PersistentMap<String, ActorStats>
    ) {
        guard let id = new?.id ?? old?.id else { return }
        func actorIndices(_ document: Document?) -> [String: [Int]] {
            var indices: [String: [Int]] = [:]
            for (index, actor) in (document?.syntax.actors ?? []).enumerated() { indices[actor.id.text, default: []].append(index) }
            return indices
        }
        func claimIndices(_ document: Document?) -> [String: [Int]] {
            var indices: [String: [Int]] = [:]
            for (claim, group) in document?.claimsByID ?? KeyedGroups([]) { indices[claim] = Array(group) }
            return indices
        }
        func referenceStats(_ document: Document?) -> [String: ActorStats] {
            var counts: [String: ActorStats] = [:]
            for (actor, sites) in document?.references ?? KeyedGroups([]) { counts[actor] = ActorStats.of(sites) }
            return counts
        }
        forEachChange(actorIndices(old), actorIndices(new)) { key, _, indices in
            replaceSites(
                key, of: id, by: (indices ?? []).map { ActorSite(document: id, index: $0) }, in: &actorSites, document: \.document,
                order: ActorSite.definitionOrder)
        }
        forEachChange(claimIndices(old), claimIndices(new)) { key, _, indices in
            replaceSites(
                key, of: id, by: (indices ?? []).map { ClaimSite(document: id, index: $0) }, in: &claimSites, document: \.document,
                order: ClaimSite.definitionOrder)
        }
        forEachChange(referenceStats(old), referenceStats(new)) { key, before, after in
            if let before { stats.modifyExisting(key, removingIf: { $0 == ActorStats() }) { $0.add(before, sign: -1) } }
            if let after { stats.modify(key, default: ActorStats()) { $0.add(after, sign: 1) } }
        }
    }

    /// Calls `body` with each key whose value differs between `old` and `new`.
    private static func forEachChange<Value: Equatable>(
        _ old: [String: Value], _ new: [String: Value], _ body: (String, Value?, Value?) -> Void
    ) {
        for (key, before) in old where new[key] != before { body(key, before, new[key]) }
        for (key, after) in new where old[key] == nil { body(key, nil, after) }
    }

    /// Puts `sites` in place of document `id`'s sites under `key`, in definition order.
    private static func replaceSites<Site>(
        _ key: String, of id: DocumentID, by sites: [Site], in map: inout PersistentMap<String, [Site]>, document: KeyPath<Site, DocumentID>,
        order: (Site, Site) -> Bool
    ) {
        var all = map[key] ?? []
        all.removeAll { $0[keyPath: document] == id }
        all += sites
        if all.count > 1 { all.sort(by: order) }
        map[key] = all.isEmpty ? nil : all
    }

    private static func nameIndex(
        actorSites: PersistentMap<String, [ActorSite]>, documents: PersistentMap<DocumentID, Document>
    ) -> NameIndex {
        let ids = actorSites.keys.sorted()
        var byName: [String: [String]] = [:]
        byName.reserveCapacity(4 * ids.count)  // a name and about three aliases each: no regrowth
        for id in ids {
            for site in actorSites[id]! {
                // Read in place: copying each definition would retain every one of its fields.
                guard let actors = documents[site.document]?.syntax.actors, site.index < actors.count else { continue }
                add(actors[site.index].name.text, owner: id, to: &byName)
                for alias in actors[site.index].aliases { add(alias.text, owner: id, to: &byName) }
            }
        }
        // Keys and values of one dictionary list in the same order. Unsorted: the matcher orders
        // the phrases itself and reports each match by its index.
        let phrases = Array(byName.keys)
        var byLowercasedName: [String: [String]] = [:]
        for (name, owners) in byName where owners.count == 1 {
            byLowercasedName[lowercased(name), default: []].appendIfAbsent(owners[0])
        }
        return (byName, byLowercasedName, NameMatcher(phrases: phrases), Array(byName.values), ids)
    }

    /// `name` in lower case; ASCII names (nearly all) without the Unicode tables.
    static func lowercased(_ name: String) -> String {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.lowercased() }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Adds `owner` to the actors `name` stands for (one hash lookup).
    private static func add(_ name: String, owner: String, to byName: inout [String: [String]]) {
        guard !name.isEmpty else { return }
        byName[name, default: []].appendIfAbsent(owner)
    }

    // MARK: Lookups

    /// The definition of actor `id` that counts: the first in document order when it is defined more than once.
    public func actor(_ id: String) -> (site: ActorSite, definition: ActorDefinitionSyntax)? {
        guard let site = actorSites[id]?.first, let document = documents[site.document] else { return nil }
        return (site, document.syntax.actors[site.index])
    }

    /// The claim with id `id` that counts: the first in document order when the id is used more than once.
    public func claim(_ id: String) -> (site: ClaimSite, claim: ClaimSyntax)? {
        guard let site = claimSites[id]?.first, let document = documents[site.document] else { return nil }
        return (site, document.syntax.claims[site.index])
    }

    /// The actor ids a name or alias stands for.
    public func actors(named name: String) -> [String] { actorsByName[name] ?? [] }

    /// Whether the claim (following `cite=` chains) has a source on record.
    public func isAttributed(_ claim: ClaimSyntax) -> Bool {
        var visited: Set<String> = []
        return isAttributed(claim, visited: &visited)
    }

    private func isAttributed(_ claim: ClaimSyntax, visited: inout Set<String>) -> Bool {
        if claim.hasBy { return true }
        for cite in claim.cites where visited.insert(cite.text).inserted {
            if let cited = self.claim(cite.text), isAttributed(cited.claim, visited: &visited) { return true }
        }
        return false
    }

    /// The documents in a stable order.
    public var sortedDocumentIDs: [DocumentID] { documents.keys.sorted() }

    /// The documents that refer to actor `id` or define it, in a stable order.
    public func documents(referringTo id: String) -> [DocumentID] {
        Set(referringDocuments[id] ?? []).union((actorSites[id] ?? []).map(\.document)).sorted()
    }

    /// The documents that cite claim `id` or hold it, in a stable order.
    public func documents(citing id: String) -> [DocumentID] {
        Set(citingDocuments[id] ?? []).union((claimSites[id] ?? []).map(\.document)).sorted()
    }

    /// The nearest known actor id to `id` within `limit` edits.
    public func suggestActor(for id: String, limit: Int = 3) -> String? {
        EditDistance.nearest(to: id, in: actorIDs, limit: min(limit, max(1, id.count / 2)))
    }
}

/// For each actor and claim id, the documents that use it; kept up to date per document. Arrays,
/// not sets: building the workspace only appends (no hashing of every URI), and an edit removes
/// one document from the few ids it uses.
struct DocumentUsers {
    var referring = PersistentMap<String, [DocumentID]>()
    var citing = PersistentMap<String, [DocumentID]>()

    /// Replaces document `old`'s uses by `new`'s (same document, or either absent). Only the ids
    /// that differ are touched: an edit rarely changes which actors a document names, and an
    /// actor's list can hold thousands of documents.
    mutating func update(from old: Document?, to new: Document?) {
        guard let id = new?.id ?? old?.id else { return }
        guard let old, let new else {
            // Keys within one document are distinct: no set needed when only one side exists.
            let add = new != nil
            for key in (new ?? old)?.references.keys ?? [] { Self.update(&referring, key, id, add: add) }
            for key in (new ?? old)?.citations.keys ?? [] { Self.update(&citing, key, id, add: add) }
            return
        }
        let oldReferring = Set(old.references.keys), newReferring = Set(new.references.keys)
        for key in oldReferring.subtracting(newReferring) { Self.update(&referring, key, id, add: false) }
        for key in newReferring.subtracting(oldReferring) { Self.update(&referring, key, id, add: true) }
        let oldCiting = Set(old.citations.keys), newCiting = Set(new.citations.keys)
        for key in oldCiting.subtracting(newCiting) { Self.update(&citing, key, id, add: false) }
        for key in newCiting.subtracting(oldCiting) { Self.update(&citing, key, id, add: true) }
    }

    private static func update(_ table: inout PersistentMap<String, [DocumentID]>, _ id: String, _ document: DocumentID, add: Bool) {
        if add {
            table.modify(id, default: []) { $0.append(document) }
        } else {
            table.modifyExisting(id, removingIf: \.isEmpty) { $0.removeAll { $0 == document } }
        }
    }
}

extension Array where Element: Equatable {
    /// Appends `element` unless it is already there.
    mutating func appendIfAbsent(_ element: Element) {
        if !contains(element) { append(element) }
    }
}
