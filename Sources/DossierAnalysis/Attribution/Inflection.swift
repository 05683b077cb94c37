/// The inflections of an English verb: enough rules for the reporting lexicon, with its irregular
/// verbs listed and the verbs that double their last consonant named.
enum Inflection {
    /// The grammatical form of a cue word.
    enum Form: UInt8, Hashable, Sendable {
        /// "say": after "to", "will", "did"; also a present tense with a plural subject.
        case base
        /// "says".
        case present
        /// "said": past tense or past participle ("has said", passive "was told").
        case past
        /// "saying".
        case gerund
    }

    /// Irregular past tense and participle (the same word when one is given).
    static let irregular: [String: (past: String, participle: String)] = [
        "say": ("said", "said"), "tell": ("told", "told"), "write": ("wrote", "written"), "speak": ("spoke", "spoken"),
        "think": ("thought", "thought"), "feel": ("felt", "felt"), "know": ("knew", "known"), "find": ("found", "found"),
        "see": ("saw", "seen"), "read": ("read", "read"), "swear": ("swore", "sworn"), "sing": ("sang", "sung"),
        "forecast": ("forecast", "forecast"), "foresee": ("foresaw", "foreseen"), "hear": ("heard", "heard"),
        "hold": ("held", "held"), "bet": ("bet", "bet"), "shoot": ("shot", "shot"), "hit": ("hit", "hit"),
        "understand": ("understood", "understood"), "make": ("made", "made"), "take": ("took", "taken"),
        "go": ("went", "gone"), "mean": ("meant", "meant"), "put": ("put", "put"), "give": ("gave", "given"),
        "spell": ("spelled", "spelt"), "fight": ("fought", "fought"), "lead": ("led", "led"), "teach": ("taught", "taught"),
        "forbid": ("forbade", "forbidden"), "withhold": ("withheld", "withheld"), "retell": ("retold", "retold"),
        "rewrite": ("rewrote", "rewritten"), "foretell": ("foretold", "foretold"), "lay": ("laid", "laid"),
        "sweep": ("swept", "swept"), "strike": ("struck", "struck"), "dream": ("dreamed", "dreamt"),
        "learn": ("learned", "learnt"),
    ]

    /// Verbs that double their final consonant before -ed and -ing (stress on the last syllable).
    static let doubling: Set<String> = [
        "quip", "admit", "rebut", "snap", "jab", "chat", "plan", "beg", "prod", "nod", "slam", "rip", "pan", "fret",
        "permit", "commit", "omit", "regret", "refer", "prefer", "confer", "concur", "deter", "abhor", "compel",
        "propel", "dispel", "spar", "stop", "tap", "gab", "sob", "drop", "ban", "bar", "swap", "step", "submit",
        "transmit", "emit", "infer", "defer", "aver", "stir", "jot", "pin", "dub", "scrap", "slap", "zap",
    ]

    /// Every form of `lemma` (for "say": say, says, said, saying); the past participle too when it differs.
    static func forms(of lemma: String) -> [(word: String, form: Form)] {
        var result: [(String, Form)] = [(lemma, .base), (present(lemma), .present)]
        if let irregular = irregular[lemma] {
            result.append((irregular.past, .past))
            if irregular.participle != irregular.past { result.append((irregular.participle, .past)) }
        } else {
            result.append((past(lemma), .past))
        }
        result.append((gerund(lemma), .gerund))
        return result
    }

    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]

    /// "says", "watches", "denies".
    static func present(_ lemma: String) -> String {
        if lemma.hasSuffix("s") || lemma.hasSuffix("x") || lemma.hasSuffix("z") || lemma.hasSuffix("ch") || lemma.hasSuffix("sh")
            || lemma.hasSuffix("o")
        {
            return lemma + "es"
        }
        if endsInConsonantY(lemma) { return String(lemma.dropLast()) + "ies" }
        return lemma + "s"
    }

    /// "argued", "denied", "quipped", "added".
    static func past(_ lemma: String) -> String {
        if lemma.hasSuffix("e") { return lemma + "d" }
        if endsInConsonantY(lemma) { return String(lemma.dropLast()) + "ied" }
        if doubling.contains(lemma), let last = lemma.last { return lemma + String(last) + "ed" }
        return lemma + "ed"
    }

    /// "arguing", "lying", "quipping", "agreeing".
    static func gerund(_ lemma: String) -> String {
        if lemma.hasSuffix("ie") { return String(lemma.dropLast(2)) + "ying" }
        if lemma.hasSuffix("e"), !lemma.hasSuffix("ee"), !lemma.hasSuffix("ye"), !lemma.hasSuffix("oe"), lemma.count > 2 {
            return String(lemma.dropLast()) + "ing"
        }
        if doubling.contains(lemma), let last = lemma.last { return lemma + String(last) + "ing" }
        return lemma + "ing"
    }

    private static func endsInConsonantY(_ word: String) -> Bool {
        guard word.hasSuffix("y"), word.count > 1 else { return false }
        return !vowels.contains(word[word.index(word.endIndex, offsetBy: -2)])
    }
}
