/// How a reporting cue relates its source and its content.
enum CueRole: UInt8, Hashable, Sendable {
    /// "said", "added", "insisted": the subject speaks; the content follows (a quotation or a clause, "that" optional).
    case speech
    /// "told", "asked", "warned": an addressee may stand between the cue and the content ("told reporters that").
    case address
    /// "called", "described", "dubbed": an object, then the content ("called it “a disaster”").
    case naming
    /// "praised", "accused", "thanked": an object, then what it is for ("accused Clinton of lying").
    case judgement
    /// "believes", "hopes", "wants": a reported state of mind; a clause follows, not a quotation.
    case cognition
    /// "according to": the source follows the cue.
    case accordingTo
    /// "in a statement", "in an interview": the source is the subject of the clause around it.
    case medium
}

extension CueRole {
    /// Speech, address or a medium: the verbs that govern a quotation they introduce.
    var isSpeech: Bool { self == .speech || self == .address || self == .medium }
    /// Speech, address, cognition or naming: verbs whose subject is on record for what follows.
    var reportsSpeechOrThought: Bool { self == .speech || self == .address || self == .cognition || self == .naming }
}

/// What a cue phrase of the lexicon is.
struct CueEntry: Hashable, Sendable {
    var role: CueRole
    var form: Inflection.Form
    /// "read", "shows": only a text is its subject ("the letter reads", "the poll shows"), not a banner or a person.
    var needsTextSubject = false
}

/// The reporting cues of SPEC 7: a few hundred speech, writing and cognition verbs in every
/// inflection, phrasal verbs ("pointed out"), "according to" and the media phrases ("in a
/// statement"), plus `cues.reporting` from `dossier.json`, in one case-insensitive matcher.
public struct ReportingLexicon: Sendable {
    /// Verbs of speaking and writing whose subject is the source: "Austin said", "she tweeted".
    static let speechVerbs = """
        say add state declare announce explain note observe remark comment mention continue conclude concede admit \
        acknowledge confirm deny insist maintain argue claim contend assert allege suggest propose predict speculate \
        recall recount testify report reveal disclose write tweet retweet post blog email e-mail text joke quip laugh \
        scoff sneer snap shout yell scream exclaim interject interrupt gush rave fume rant complain lament grumble \
        groan sigh whisper mutter murmur boast brag crow gloat retort rebut counter reply respond answer reason posit \
        theorize theorise hypothesize opine proclaim pronounce affirm reaffirm reiterate repeat restate emphasize \
        emphasise stress underscore highlight elaborate clarify specify summarize summarise plead promise pledge vow \
        threaten swear guarantee confess apologize apologise confide divulge agree disagree object protest concur \
        chant sing demand request beg implore appeal signal indicate imply hint insinuate allow wonder muse ponder \
        question dispute challenge dismiss reject refute tease mock taunt jab needle chide scold rebuke lecture preach \
        admonish chastise publish blurt stammer stutter drawl bellow roar thunder growl hiss grunt chuckle sob wail \
        howl cheer celebrate tout trumpet defend justify counsel cry quote cite pen broadcast caution volunteer \
        concede recollect reminisce narrate relate gripe whine moan huff snort bark bristle marvel cheer joke \
        proclaim vent complain recount lament insist rail react read riff express allude echo describe \
        acknowledge assure add declare retort scoff tout quip vouch attest concede predict warn \
        recommend advocate call urge float pitch insist emphasize surmise scold lash gripe chant exult enthuse \
        rave huff snipe sniff snarl spit ask demur quibble object hedge waffle equivocate hint clarify stipulate \
        certify verify attest admit concede allow grant acknowledge recant retract deny repudiate disavow \
        contradict correct amend update revise rephrase paraphrase translate summarize recap relay convey \
        transmit forward repeat echo parrot mimic mock imitate joke jest kid banter muse reflect ruminate \
        meditate speculate conjecture guess estimate project predict prophesy forecast warn caution alert \
        threaten menace vow swear pledge promise guarantee assure confirm affirm retaliate bemoan grouse exhort \
        speak talk show
        """
    /// Verbs that may name an addressee before the content: "told reporters (that)", "warned Congress".
    static let addressVerbs = """
        tell inform assure reassure remind warn advise notify brief instruct urge ask inquire enquire query promise \
        caution implore beseech challenge
        """
    /// Verbs that take an object and then the content: "called it “a disaster”".
    static let namingVerbs = """
        call describe dub label term brand characterize characterise portray depict nickname christen
        """
    /// Verbs of judgement whose object precedes what the judgement is for: "praised the Justice Department for…".
    static let judgementVerbs = """
        praise laud commend hail applaud welcome thank congratulate criticize criticise blast slam attack assail \
        lambaste denounce condemn decry deride ridicule bash knock skewer accuse charge blame fault credit urge \
        endorse support oppose
        """
    /// Verbs of belief, intention and knowledge: "Trump believes (that)…".
    static let cognitionVerbs = """
        believe think feel know hope fear worry expect doubt suspect assume presume suppose consider decide determine \
        find realize realise recognize recognise understand want wish plan intend view regard deem guess reckon \
        figure imagine envision anticipate forecast foresee accept learn discover trust bet calculate contemplate \
        remember sense perceive estimate vow acknowledge
        """
    /// Phrasal verbs, inflected on their first word: "pointed out", "went on to say".
    static let phrasalVerbs = [
        "point out", "weigh in", "chime in", "pipe up", "hit back", "fire back", "push back", "shoot back", "lash out",
        "speak out", "speak up", "sum up", "spell out", "go on to say", "go on to add", "make clear", "make it clear",
        "make the case", "take to twitter", "take to facebook", "lay out", "open up", "sound off", "go on", "cut in",
        "break in", "jump in", "put it", "allude to", "point to", "refer to", "issue a statement", "release a statement",
        "put out a statement", "send out a statement", "post a message",
    ]
    /// "In a statement, the campaign said…": the medium; the source is the clause's subject.
    static let mediumPhrases = [
        "in a statement", "in an interview", "in a tweet", "in an email", "in an e-mail", "in a post", "in a letter",
        "in a speech", "in a memo", "in a press release", "in a news release", "in remarks", "in an op-ed",
        "in his statement", "in her statement", "in their statement", "in its statement", "in a joint statement",
        "in a written statement", "in a prepared statement", "in a facebook post", "in a blog post",
        "in a radio interview", "in a television interview", "in a phone interview", "in a telephone interview",
        "in an interview with", "in a statement to", "in a series of tweets", "in a tweet on", "in a video",
        "in a message", "in a text message", "in an emailed statement", "in a conference call", "in a speech to",
    ]

    /// One matcher for every phrase; `entries[phrase]` says what the phrase is.
    let matcher: NameMatcher
    let entries: [CueEntry]

    /// The default lexicon plus `extra` phrases (`cues.reporting`), which count as speech verbs as
    /// written. Without extra phrases the lexicon is built once per process and shared.
    public init(extra: [String] = []) {
        if extra.isEmpty {
            self = ReportingLexicon.standard
        } else {
            self.init(building: extra)
        }
    }

    /// The default lexicon.
    private static let standard = ReportingLexicon(building: [])

    private init(building extra: [String]) {
        var phrases: [String] = []
        var entries: [CueEntry] = []
        var seen: Set<String> = []
        func add(_ phrase: String, _ role: CueRole, _ form: Inflection.Form, textSubject: Bool = false) {
            let key = phrase.lowercased()
            guard !key.isEmpty, seen.insert(key).inserted else { return }
            phrases.append(key)
            entries.append(CueEntry(role: role, form: form, needsTextSubject: textSubject))
        }
        for phrase in extra { add(phrase, .speech, .past) }
        add("according to", .accordingTo, .base)
        for phrase in ReportingLexicon.mediumPhrases { add(phrase, .medium, .base) }
        // "Braynard is quoted as saying": the subject spoke, though the verb is passive.
        for phrase in ["quoted as saying", "quoted as telling", "quoted as writing", "on record as saying"] { add(phrase, .speech, .base) }
        // "Hannity pressed.": only the past, "the press" and "press secretary" are nouns.
        add("pressed", .speech, .past)
        // Address before speech: "tell" is first an addressing verb, "promise" a speech verb second.
        let lists: [(String, CueRole)] = [
            (ReportingLexicon.addressVerbs, .address), (ReportingLexicon.namingVerbs, .naming),
            (ReportingLexicon.speechVerbs, .speech), (ReportingLexicon.judgementVerbs, .judgement),
            (ReportingLexicon.cognitionVerbs, .cognition),
        ]
        for (list, role) in lists {
            for lemma in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                for (word, form) in Inflection.forms(of: String(lemma)) { add(word, role, form, textSubject: lemma == "read" || lemma == "show") }
            }
        }
        for phrase in ReportingLexicon.phrasalVerbs {
            let words = phrase.split(separator: " ", maxSplits: 1)
            for (word, form) in Inflection.forms(of: String(words[0])) { add(word + " " + words[1], .speech, form) }
        }
        matcher = NameMatcher(phrases: phrases, caseInsensitive: true)
        self.entries = entries
    }

    /// The number of phrases, for tests and documentation.
    public var count: Int { entries.count }
}
