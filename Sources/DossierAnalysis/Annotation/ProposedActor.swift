import DossierSyntax

/// A person (or organisation) the text attributes something to that no actor of the cast names:
/// what annotation proposes to add to the cast.
public struct ProposedActor: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: ActorKind
    public var aliases: [String]

    /// The actor heading for a cast file, with its aliases: `## Karim Khan {#karim-khan .person}`.
    public func stub(newline: String = "\n") -> String {
        var text = "## \(name) {#\(id) .\(kind.rawValue)}\(newline)"
        if !aliases.isEmpty { text += "\(newline)- aliases: \(aliases.joined(separator: ", "))\(newline)" }
        return text
    }

    /// "Karim Khan (aliases: Khan)".
    public var summary: String { aliases.isEmpty ? name : "\(name) (aliases: \(aliases.joined(separator: ", ")))" }

    /// The actor for `name`, with an id no actor of `snapshot` nor `taken` has (it joins `taken`);
    /// nil when the name makes no id. A person's last name is an alias unless something else has it.
    static func make(name: String, snapshot: WorkspaceSnapshot, taken: inout Set<String>) -> ProposedActor? {
        guard let base = Identifiers.slug(name) else { return nil }
        var id = base
        var number = 2
        while taken.contains(id) || snapshot.actorSites[id] != nil {
            id = "\(base)-\(number)"
            number += 1
        }
        taken.insert(id)
        let words = name.split(separator: " ")
        let last = words.last.map(String.init) ?? ""
        let kind = kind(of: words.map(String.init))
        var aliases: [String] = []
        if kind == .person, words.count >= 2, last.count >= 3, last.first?.isUppercase == true, snapshot.actors(named: last).isEmpty,
            !last.hasSuffix(".")
        {
            aliases.append(last)
        }
        return ProposedActor(id: id, name: name, kind: kind, aliases: aliases)
    }

    /// An outlet for "The New York Times", an organisation for "Clinton Foundation", else a person.
    private static func kind(of words: [String]) -> ActorKind {
        guard let last = words.last?.lowercased() else { return .person }
        let outlets: Set<String> = ["times", "post", "news", "journal", "herald", "tribune", "globe", "chronicle", "gazette", "examiner", "telegraph", "guardian", "magazine", "press", "reuters", "politico", "axios", "bloomberg"]
        if outlets.contains(last) { return .outlet }
        let organisations: Set<String> = [
            "campaign", "committee", "department", "agency", "administration", "company", "group", "organization", "organisation",
            "party", "union", "council", "foundation", "association", "institute", "center", "centre", "court", "office",
            "house", "senate", "congress", "coalition", "commission", "bureau", "ministry", "pac", "network", "university",
        ]
        return organisations.contains(last) ? .organization : .person
    }
}
