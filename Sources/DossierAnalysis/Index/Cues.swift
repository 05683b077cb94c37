/// The phrase lists behind the heuristic rules (SPEC 3): vague attributions and unnamed sources
/// (the reporting verbs are `ReportingLexicon`'s). Defaults follow Wikipedia's "words to watch" on
/// unsupported attribution and newsroom style guides; `dossier.json` extends them.
public enum CueKind: Sendable, Hashable {
    case vague, unnamed
}

/// The cue phrases in force and one matcher for all of them.
public struct CueSet: Sendable {
    public static let defaultVague = [
        "reportedly", "allegedly", "it is said", "it was said", "is said to", "are said to", "was said to",
        "were said to", "it is reported", "it was reported", "it has been reported", "reports indicate",
        "reports suggest", "reports say", "according to reports", "according to media reports", "some say",
        "some believe", "some have said", "many say", "many believe", "critics say", "experts say", "observers say",
        "it is believed", "it is thought", "it is understood", "is believed to", "are believed to", "is thought to",
        "are thought to", "widely believed", "rumoured", "rumored", "it is rumoured", "it is rumored",
        "word has it", "sources say",
    ]
    public static let defaultUnnamed = [
        "officials familiar with the matter", "people familiar with the matter", "sources familiar with the matter",
        "a person familiar with the matter", "officials familiar with", "people familiar with",
        "a person familiar with", "a source familiar with", "sources familiar with", "a person close to",
        "people close to", "a source close to", "sources close to", "an official who", "officials who spoke",
        "on condition of anonymity", "on the condition of anonymity", "an anonymous source", "anonymous sources",
        "anonymous officials", "an anonymous official", "a senior official", "senior officials",
        "a senior administration official", "senior administration officials", "according to the officials",
        "according to the people", "according to sources", "according to a source", "insiders",
    ]

    public let matcher: NameMatcher
    public let kinds: [CueKind]
    /// The reporting cues of attribution inference, with `cues.reporting` added.
    public let lexicon: ReportingLexicon

    /// The defaults plus the configuration's extra cues (`cues.reporting` extends the lexicon).
    public init(configuration: Configuration) {
        var phrases: [String] = []
        var kinds: [CueKind] = []
        var seen: Set<String> = []
        func add(_ list: [String], _ kind: CueKind) {
            for phrase in list {
                let key = phrase.lowercased()
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                phrases.append(key)
                kinds.append(kind)
            }
        }
        add(configuration.extraVagueCues, .vague)
        add(configuration.extraUnnamedCues, .unnamed)
        add(CueSet.defaultVague, .vague)
        add(CueSet.defaultUnnamed, .unnamed)
        matcher = NameMatcher(phrases: phrases, caseInsensitive: true)
        self.kinds = kinds
        lexicon = ReportingLexicon(extra: configuration.extraReportingCues)
    }
}
