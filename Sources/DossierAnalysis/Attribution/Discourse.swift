import DossierSyntax

/// How prominent a referent is: a speaker is the likeliest antecedent of "he said", a sentence's
/// subject the next, a name elsewhere the last.
enum Salience: UInt8, Comparable, Sendable {
    case mention, subject, speaker

    static func < (lhs: Salience, rhs: Salience) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Someone or something a pronoun or a description may point back to.
struct Referent: Sendable {
    var sources: [AttributionSource]
    var traits: ReferentTraits
    var paragraph: Int
    var token: Int
    var salience: Salience
}

/// The referents of the paragraphs read so far, for resolving pronouns and definite descriptions
/// to "the nearest compatible earlier speaker or actor in the paragraph or the one before" (SPEC 7).
struct Discourse {
    private(set) var referents: [Referent] = []
    /// How many paragraphs back a pronoun may find a speaker when its own and the one before have none.
    static let speakerReach = 4

    /// Adds a referent.
    mutating func add(_ referent: Referent) {
        referents.append(referent)
        // A bound on the memory and on each search: the most recent referents are the likely ones.
        if referents.count > 2 * Discourse.capacity { referents.removeFirst(referents.count - Discourse.capacity) }
    }

    /// How many referents are kept.
    static let capacity = 400

    /// Forgets referents older than the reach, so that the memory stays small.
    mutating func forget(before paragraph: Int) {
        if let first = referents.firstIndex(where: { $0.paragraph >= paragraph - Discourse.speakerReach }), first > 0 {
            referents.removeFirst(first)
        }
    }

    /// The referent a pronoun with `traits` at `token` of paragraph `paragraph` points to, and how sure that is.
    func resolvePronoun(_ traits: ReferentTraits, paragraph: Int, token: Int) -> (Referent, Double)? {
        let compatible = { (referent: Referent) in Discourse.isCompatible(pronoun: traits, referent.traits) }
        return find(paragraph: paragraph, token: token, compatible)
    }

    /// The referent a definite description ("the senator") points to.
    func resolveDescription(head: String, traits: ReferentTraits, paragraph: Int, token: Int) -> (Referent, Double)? {
        let family = Discourse.family(of: head)
        let compatible = { (referent: Referent) in
            if traits.plural != referent.traits.plural, !referent.traits.plural || family.isEmpty { return false }
            return referent.traits.words.contains { family.contains($0) || $0 == head }
        }
        return find(paragraph: paragraph, token: token, compatible, reach: 1)
    }

    /// Speakers of this paragraph (nearest first), then of the one before; then the other referents
    /// of both, most salient first; then speakers up to `speakerReach` paragraphs back.
    private func find(paragraph: Int, token: Int, _ compatible: (Referent) -> Bool, reach: Int = Discourse.speakerReach) -> (Referent, Double)? {
        func before(_ referent: Referent) -> Bool { referent.paragraph < paragraph || (referent.paragraph == paragraph && referent.token < token) }
        for (scope, confidence) in [(paragraph, 0.85), (paragraph - 1, 0.8)] {
            if let found = referents.last(where: { $0.paragraph == scope && $0.salience == .speaker && before($0) && compatible($0) }) {
                return (found, confidence)
            }
        }
        for (scope, confidence) in [(paragraph, 0.75), (paragraph - 1, 0.7)] {
            let candidates = referents.filter { $0.paragraph == scope && $0.salience != .speaker && before($0) && compatible($0) }
            if let best = candidates.max(by: { ($0.salience, $0.token) < ($1.salience, $1.token) }) { return (best, confidence) }
        }
        guard reach > 1 else { return nil }
        if let found = referents.last(where: { $0.paragraph >= paragraph - reach && $0.paragraph < paragraph - 1 && $0.salience == .speaker && compatible($0) }) {
            return (found, 0.6)
        }
        return nil
    }

    /// Whether a pronoun can stand for a referent: "she" for a woman or a person of unknown gender,
    /// "they" for a group, an organisation or several people, "it" for a thing or an organisation.
    static func isCompatible(pronoun: ReferentTraits, _ referent: ReferentTraits) -> Bool {
        if pronoun.person == false { return referent.person == false && !referent.plural }
        if pronoun.plural, pronoun.person == nil {
            return referent.plural || referent.person == false
        }
        guard referent.person != false, !referent.plural else { return false }
        switch pronoun.gender {
        case .female: return referent.gender != .male
        case .male: return referent.gender != .female
        case .unknown: return true
        }
    }

    /// Words that name the same role: "spokesman", "spokeswoman", "spokesperson"…
    static func family(of head: String) -> Set<String> {
        for family in families where family.contains(head) { return family }
        return [head]
    }

    private static let families: [Set<String>] = [
        ["spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"],
        ["senator", "sen", "sen.", "senators", "lawmaker"],
        ["representative", "rep", "rep.", "congressman", "congresswoman", "lawmaker"],
        ["governor", "gov", "gov."],
        ["president", "pres"],
        ["candidate", "nominee", "contender", "hopeful"],
        ["secretary"],
        ["judge", "justice"],
        ["general", "gen", "gen."],
        ["official", "officials", "administrator"],
        ["campaign", "campaigns"],
        ["newspaper", "paper", "times", "post", "journal", "outlet"],
    ]
}
