/// The kind classes the generator uses, in the order the cast files list them.
enum Kind: Int, CaseIterable, Sendable {
    case person, organization, country, court, outlet, group, place, document, event

    /// The Pandoc class written after the id.
    var className: String {
        switch self {
        case .person: "person"
        case .organization: "organization"
        case .country: "country"
        case .court: "court"
        case .outlet: "outlet"
        case .group: "group"
        case .place: "place"
        case .document: "document"
        case .event: "event"
        }
    }

    /// The section heading the cast files put above actors of this kind.
    var sectionTitle: String {
        switch self {
        case .person: "People"
        case .organization: "Organisations"
        case .country: "Countries"
        case .court: "Courts"
        case .outlet: "Outlets"
        case .group: "Groups"
        case .place: "Places"
        case .document: "Documents"
        case .event: "Events"
        }
    }
}

/// One generated actor.
struct Actor: Sendable {
    var id: String
    var name: String
    var kind: Kind
    var aliases: [String]
    var role: String?
    var memberOf: [Int] = []
    var wikidata: String?
    var description: String
    /// For outlets: the host name used in article URLs.
    var domain: String?
}

/// Builds the cast: unique ids, unique names and aliases (no string names two actors).
struct CastBuilder {
    private var random: Random
    private var taken: Set<String>
    private var ids: Set<String> = []
    private(set) var actors: [Actor] = []
    private var countryCursor = 0

    /// `reserved` are strings no name or alias may take (the shared phrase the driver later turns into an alias).
    init(seed: UInt64, reserved: [String]) {
        random = Random(seed: seed, stream: 0)
        taken = Set(reserved)
    }

    /// How many actors of each kind a cast of `total` actors has (every kind at least once when possible).
    static func quota(total: Int) -> [(Kind, Int)] {
        let shares: [(Kind, Int)] = [
            (.organization, 16), (.country, 5), (.court, 2), (.outlet, 5), (.group, 4), (.place, 6), (.document, 2), (.event, 2),
        ]
        var result: [(Kind, Int)] = []
        var used = 0
        for (kind, percent) in shares {
            var n = max(total >= 20 ? 1 : 0, total * percent / 100)
            if kind == .outlet { n = max(n, min(total, 3)) }
            // Hundreds of made-up countries would read as noise; surplus goes to people.
            if kind == .country { n = min(n, 300) }
            n = min(n, total - used)
            result.append((kind, n))
            used += n
        }
        result.insert((.person, total - used), at: 0)
        return result
    }

    /// Generates `total` actors, grouped by kind.
    mutating func build(total: Int) {
        for (kind, count) in Self.quota(total: total) {
            for _ in 0..<count { makeActor(kind) }
        }
        assignMemberships()
    }

    // MARK: Names

    private mutating func claim(_ s: String) -> Bool {
        guard !s.isEmpty, !taken.contains(s) else { return false }
        taken.insert(s)
        return true
    }

    private mutating func uniqueID(_ name: String) -> String {
        var base = slug(name)
        if base.count > 56 { base = String(base.prefix(56)).trimmingTrailingHyphens() }
        if base.isEmpty { base = "actor" }
        var id = base
        var n = 2
        while ids.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        ids.insert(id)
        return id
    }

    private mutating func cityName() -> String {
        let form = random.pick(Words.cityForm)
        return form + random.pick(Words.cityPrefix) + random.pick(Words.citySuffix)
    }

    private mutating func countryName() -> String {
        if countryCursor < Words.countries.count {
            countryCursor += 1
            return Words.countries[countryCursor - 1]
        }
        return random.pick(Words.countryPrefix) + random.pick(Words.countryMiddle) + random.pick(Words.countrySuffix)
    }

    /// A country name of an existing actor, or a real one, for use in other names.
    private mutating func someCountry() -> String {
        random.pick(Words.countries)
    }

    private static func acronym(_ name: String) -> String {
        let skip: Set<Substring> = ["of", "the", "for", "and", "&", "The"]
        let letters = name.split(separator: " ").filter { !skip.contains($0) }.compactMap(\.first).filter(\.isUppercase)
        return letters.count >= 2 ? String(letters) : ""
    }

    /// Tries name candidates until one is free; nil when all attempts collide.
    private mutating func freshName(_ make: (inout CastBuilder) -> String) -> String? {
        for _ in 0..<40 {
            let candidate = make(&self)
            if claim(candidate) { return candidate }
        }
        return nil
    }

    private mutating func makeActor(_ kind: Kind) {
        var candidates: [String] = []
        var role: String?
        var domain: String?
        var name: String?
        var description = ""
        switch kind {
        case .person:
            let female = random.chance(50)
            let titleEntry = random.pick(Words.personTitles)
            let portfolio = random.pick(Words.portfolios)
            name = freshName { b in
                let first = b.random.pick(female ? Words.femaleFirst : Words.maleFirst)
                let last = b.random.pick(Words.last)
                if b.random.chance(25) {
                    let initial = Character(Unicode.Scalar(UInt8(65 + b.random.below(26))))
                    return "\(first) \(initial). \(last)"
                }
                return "\(first) \(last)"
            }
            guard let name else { return fallbackActor(kind) }
            let parts = name.split(separator: " ").map(String.init)
            let first = parts[0], last = parts[parts.count - 1]
            role = titleEntry.role.replacingOccurrences(of: "%P", with: portfolio)
            let honorific = female ? "Ms." : "Mr."
            // Short forms first (they collide often in big casts), then forms built on the unique full name.
            candidates = [
                last, "\(honorific) \(last)", "\(titleEntry.title) \(last)", "\(first.prefix(1)). \(last)",
                "\(titleEntry.title) \(name)", "\(first) \(last)", "\(honorific) \(name)",
                "\(titleEntry.title) \(first.prefix(1)). \(last)", "\(name.uppercased())",
            ]
            description = "\(female ? "She" : "He") has been \(withArticle(random.pick(Words.wikidataRoles))) in \(random.pick(Words.portfolios).lowercased()) policy since \(random.int(1985...2021))."
        case .organization:
            let country = someCountry()
            name = freshName { b in
                switch b.random.below(3) {
                case 0: return "\(country) Ministry of \(b.random.pick(Words.portfolios))"
                case 1: return "\(b.random.pick(Words.orgAdjectives)) \(b.random.pick(Words.sectors)) \(b.random.pick(Words.orgTypes))"
                default: return "\(b.random.pick(Words.companyStems))\(b.random.pick(Words.companyEnds)) \(b.random.pick(Words.companyTypes))"
                }
            }
            guard let name else { return fallbackActor(kind) }
            let words = name.split(separator: " ").map(String.init)
            if name.contains("Ministry of ") {
                let portfolio = name.components(separatedBy: "Ministry of ").last ?? ""
                candidates = ["\(portfolio) Ministry", "\(country)’s \(portfolio) Ministry", Self.acronym(name), "the \(name)"]
            } else if words.count == 2 {
                // A company: "Corvant Holdings" is "Corvant" in running text.
                candidates = [words[0], Self.acronym(name), "\(name) Ltd", "the \(name) group"]
            } else {
                candidates = [Self.acronym(name), words.dropFirst().joined(separator: " "), "the \(name)", "the \(words.last ?? "")"]
            }
            role = random.chance(50) ? "\(random.pick(["Regulator", "State agency", "Trade body", "Company", "Union"])) based in \(country)" : nil
            description = "Founded in \(random.int(1920...2015)); \(random.pick(["headquartered in the capital", "a frequent party to public tenders", "regularly cited in budget debates", "under review by auditors"]))."
        case .country:
            name = freshName { b in b.countryName() }
            guard let name else { return fallbackActor(kind) }
            candidates = ["Republic of \(name)", "the \(name) government", "\(name) authorities", "government of \(name)"]
            description = "Capital: \(cityName()). Population about \(random.int(1...90)) million."
        case .court:
            name = freshName { b in
                switch b.random.below(3) {
                case 0: return "Supreme Court of \(b.countryName())"
                case 1: return "\(b.cityName()) District Court"
                default: return "International Tribunal for the \(b.random.pick(Words.movementThemes))"
                }
            }
            guard let name else { return fallbackActor(kind) }
            let short = name.replacingOccurrences(of: " District Court", with: "")
            candidates = [
                Self.acronym(name), name.hasPrefix("Supreme") ? "the Supreme Court of \(name.dropFirst(17))" : "\(short) court",
                "\(short) judges", "the \(short) bench",
            ]
            role = "Court of \(random.pick(["first instance", "appeal", "last resort"]))"
            description = "Hears cases on \(random.pick(Words.portfolios).lowercased()) and public procurement."
        case .outlet:
            name = freshName { b in
                switch b.random.below(3) {
                case 0: return "The \(b.cityName()) \(b.random.pick(Words.paperNouns))"
                case 1: return "\(b.cityName()) \(b.random.pick(Words.paperNouns))"
                default: return "\(b.random.pick(Words.orgAdjectives)) \(b.random.pick(Words.broadcastNouns))"
                }
            }
            guard let name else { return fallbackActor(kind) }
            let bare = name.hasPrefix("The ") ? String(name.dropFirst(4)) : name
            candidates = [bare == name ? "the \(name)" : bare, Self.acronym(bare), "\(bare) reporters", "\(bare) newsroom"]
            role = random.pick(["Daily newspaper", "Public broadcaster", "News agency", "Weekly magazine", "Online outlet"])
            domain = slug(bare).replacingOccurrences(of: "-", with: "") + ".example"
            description = "Publishes in print and online since \(random.int(1880...2012))."
        case .group:
            name = freshName { b in
                let base = "\(b.random.pick(Words.movementAdjectives)) \(b.random.pick(Words.movementThemes)) \(b.random.pick(Words.movementNouns))"
                return b.random.chance(25) ? "\(base) of \(b.cityName())" : base
            }
            guard let name else { return fallbackActor(kind) }
            let words = name.split(separator: " ")
            candidates = [Self.acronym(name), words.dropLast().joined(separator: " "), "the \(name)", "\(name) supporters"]
            role = random.pick(["Political party", "Protest movement", "Armed group", "Advocacy group"])
            description = "Active since \(random.int(1990...2022)), mostly in the \(random.pick(["north", "south", "coastal provinces", "capital", "border regions"]))."
        case .place:
            name = freshName { b in b.cityName() }
            guard let name else { return fallbackActor(kind) }
            candidates = ["\(name) City", "the city of \(name)", "greater \(name)", "\(name) region"]
            description = "A \(random.pick(["port city", "market town", "provincial capital", "border town", "mining district"])) of about \(random.int(20...900)) thousand people."
        case .document:
            name = freshName { b in
                b.random.chance(50)
                    ? "\(b.cityName()) \(b.random.pick(Words.documentForms))"
                    : "\(b.random.pick(Words.sectors)) \(b.random.pick(Words.actForms)) of \(b.random.int(1990...2024))"
            }
            guard let name else { return fallbackActor(kind) }
            let words = name.split(separator: " ")
            candidates = [words.prefix(2).joined(separator: " "), Self.acronym(name), "the \(name)", "\(name) text"]
            description = "Signed or enacted after \(random.pick(["long negotiations", "a snap vote", "international pressure", "a court order"]))."
        case .event:
            name = freshName { b in "\(b.cityName()) \(b.random.pick(Words.eventForms)) \(b.random.int(2015...2025))" }
            guard let name else { return fallbackActor(kind) }
            let words = name.split(separator: " ")
            candidates = [words.dropLast().joined(separator: " "), "the \(words.dropLast().joined(separator: " "))", "\(words.dropLast().last ?? "") of \(words.last ?? "")"]
            description = "Held over \(random.int(2...5)) days with delegations from \(random.int(5...60)) countries."
        }
        guard let name else { return }
        var aliases: [String] = []
        let wanted = random.int(2...4)
        for candidate in candidates where aliases.count < wanted {
            if candidate != name, claim(candidate) { aliases.append(candidate) }
        }
        // Guaranteed-fresh forms, so every actor ends up with at least two aliases.
        var k = 0
        let suffixes = ["officials", "spokespeople", "leadership", "staff", "delegation", "representatives", "office", "camp"]
        while aliases.count < 2 {
            let candidate = k < suffixes.count ? "\(name) \(suffixes[k])" : "\(name) \(k)"
            if claim(candidate) { aliases.append(candidate) }
            k += 1
        }
        let wikidata = random.chance(30) ? "Q\(random.int(1000...99_999_999))" : nil
        actors.append(Actor(id: uniqueID(name), name: name, kind: kind, aliases: aliases, role: role,
                            wikidata: wikidata, description: description, domain: domain))
    }

    /// A name that cannot collide, used when the random forms are exhausted (very large casts).
    private mutating func fallbackActor(_ kind: Kind) {
        var n = actors.count
        var name = ""
        repeat {
            name = "\(random.pick(Words.orgAdjectives)) \(kind.sectionTitle) Office \(n)"
            n += 1
        } while !claim(name)
        var aliases: [String] = []
        for suffix in ["officials", "staff"] where claim("\(name) \(suffix)") { aliases.append("\(name) \(suffix)") }
        actors.append(Actor(id: uniqueID(name), name: name, kind: kind, aliases: aliases, role: nil,
                            wikidata: nil, description: "Generated filler actor.",
                            domain: kind == .outlet ? "office\(n).example" : nil))
    }

    /// People belong to organisations, groups and countries; organisations and courts to countries.
    private mutating func assignMemberships() {
        let orgs = actors.indices.filter { actors[$0].kind == .organization || actors[$0].kind == .group }
        let countries = actors.indices.filter { actors[$0].kind == .country }
        for i in actors.indices {
            switch actors[i].kind {
            case .person where !orgs.isEmpty && random.chance(60):
                var set = [random.pick(orgs)]
                if random.chance(30), !countries.isEmpty { set.append(random.pick(countries)) }
                actors[i].memberOf = set
            case .organization, .court:
                if !countries.isEmpty, random.chance(40) { actors[i].memberOf = [random.pick(countries)] }
            default:
                break
            }
        }
    }
}

/// "an adviser", "a lawyer".
func withArticle(_ noun: String) -> String {
    guard let first = noun.first else { return noun }
    return ("aeiou".contains(first) ? "an " : "a ") + noun
}

/// A valid Dossier id from a display name (diacritics folded, punctuation turned into hyphens).
func slug(_ name: String) -> String {
    var out = ""
    var pendingHyphen = false
    for scalar in name.unicodeScalars {
        var ascii: Unicode.Scalar? = nil
        switch scalar {
        case "a"..."z", "0"..."9": ascii = scalar
        case "A"..."Z": ascii = Unicode.Scalar(scalar.value + 32)
        case "á", "à", "â", "ä", "ã", "å", "Á", "À": ascii = "a"
        case "é", "è", "ê", "ë", "É": ascii = "e"
        case "í", "ì", "î", "ï": ascii = "i"
        case "ó", "ò", "ô", "ö", "õ", "ø", "Ö": ascii = "o"
        case "ú", "ù", "û", "ü", "Ü": ascii = "u"
        case "ñ": ascii = "n"
        case "ç", "ć", "č": ascii = "c"
        case "ś", "š": ascii = "s"
        case "ł": ascii = "l"
        case "ž", "ź", "ż": ascii = "z"
        case "’", "'": continue
        default: ascii = nil
        }
        if let ascii {
            if pendingHyphen, !out.isEmpty { out.append("-") }
            pendingHyphen = false
            out.unicodeScalars.append(ascii)
        } else {
            pendingHyphen = true
        }
    }
    return out
}

extension String {
    /// The string without hyphens at its end.
    func trimmingTrailingHyphens() -> String {
        var s = Substring(self)
        while s.last == "-" { s = s.dropLast() }
        return String(s)
    }
}

/// Renders cast files: `perFile` actors each, with a section heading whenever the kind changes.
func renderCastFile(_ actors: ArraySlice<Actor>, all: [Actor], number: Int, of total: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(actors.count * 420)
    out.append("---\ntitle: Cast, part \(number) of \(total)\ntype: cast\n---\n\nGenerated actors \(actors.startIndex + 1)–\(actors.endIndex).\n")
    var section: Kind? = nil
    for actor in actors {
        if actor.kind != section {
            section = actor.kind
            out.append("\n# \(actor.kind.sectionTitle)\n")
        }
        out.append("\n## \(actor.name) {#\(actor.id) .\(actor.kind.className)}\n\n")
        out.append("- aliases: \(actor.aliases.joined(separator: ", "))\n")
        if let role = actor.role { out.append("- role: \(role)\n") }
        if !actor.memberOf.isEmpty {
            out.append("- member-of: \(actor.memberOf.map { "@" + all[$0].id }.joined(separator: ", "))\n")
        }
        if let wikidata = actor.wikidata { out.append("- wikidata: \(wikidata)\n") }
        if let domain = actor.domain { out.append("- url: https://\(domain)/\n") }
        out.append("\n")
        if let first = actor.memberOf.first, !actor.description.isEmpty, actor.kind == .person {
            // A linked mention in a description, as analysts write them.
            out.append("\(actor.description) Affiliated with [\(all[first].name)](@\(all[first].id)).\n")
        } else {
            out.append("\(actor.description)\n")
        }
    }
    return out
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `s`.
    @inline(__always)
    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }
}
