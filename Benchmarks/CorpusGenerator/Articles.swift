/// What must be known about an article before any article is written: its file name, and the
/// ids of the claims it defines (later articles cite them, so they must exist).
struct ArticlePlan: Sendable {
    /// The article's number (the big article gets `articles`, one past the last regular one).
    var index: Int
    var title: String
    /// Relative path of the file, from the workspace root.
    var path: String
    /// Prefix of the article's claim ids: claim k is `<claimPrefix>-c<k>`, k = 1…idCount.
    var claimPrefix: String
    var idCount: Int
    var outlet: Int
    var lead: Int
    /// The article's generator state after planning: writing resumes from here.
    var random: Random

    /// The id of claim `k` (1-based).
    func claimID(_ k: Int) -> String { "\(claimPrefix)-c\(k)" }
}

/// Indices of actors by kind, and the rest of what every article needs to read.
struct CorpusContext: Sendable {
    var actors: [Actor]
    var byKind: [[Int]]
    /// Plain text present in every article that is nobody's name or alias (the driver's cast edit makes it one).
    var sharedPhrase: String

    /// Indexes `actors` by kind.
    init(actors: [Actor], sharedPhrase: String) {
        self.actors = actors
        self.sharedPhrase = sharedPhrase
        var byKind = Array(repeating: [Int](), count: Kind.allCases.count)
        for (i, a) in actors.enumerated() { byKind[a.kind.rawValue].append(i) }
        self.byKind = byKind
    }

    /// Actors of `kind`, or all actors when there are none of that kind (tiny casts).
    func pool(_ kind: Kind) -> [Int] {
        let p = byKind[kind.rawValue]
        return p.isEmpty ? Array(actors.indices) : p
    }
}

/// Plans article `index` (regular articles go into `articles/NNNN/`, a hundred per folder).
func planArticle(index: Int, seed: UInt64, context: CorpusContext, big: Bool) -> ArticlePlan {
    var random = Random(seed: seed, stream: UInt64(index) + 1)
    let outlet = random.pick(context.pool(.outlet))
    let lead = random.chance(70) ? random.pick(context.pool(.person)) : random.pick(context.pool(.organization))
    let verb = random.pick(Words.titleVerbs)
    let object = random.pick(Words.titleObjects)
    let title = "\(context.actors[lead].name) \(verb) \(object)"
    let idCount = big ? 40 : random.int(1...3)
    let fileSlug = String(slug(title).prefix(60)).trimmingTrailingHyphens()
    let path = big
        ? "articles/big/big-article-\(fileSlug).md"
        : "articles/\(pad(index / 100, 4))/\(pad(index, 6))-\(fileSlug).md"
    let claimPrefix = "\(slug(object))-\(index)"
    return ArticlePlan(index: index, title: title, path: path, claimPrefix: claimPrefix, idCount: idCount,
                       outlet: outlet, lead: lead, random: random)
}

/// `n` as a decimal string left-padded with zeros to `width` digits.
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Writes one article: front matter, then paragraphs until the size target is met and every planned claim id exists.
struct ArticleWriter {
    private let context: CorpusContext
    private let plan: ArticlePlan
    private let plans: [ArticlePlan]
    private var random: Random
    private var out: [UInt8] = []
    /// Actors this article is about; mentions are drawn from them so names recur, as in real reporting.
    private var cast: [Int] = []
    private var mentioned: Set<Int> = []
    private var idsWritten = 0

    /// A writer for `plan`; `plans` are every regular article's plans, for citations.
    init(plan: ArticlePlan, plans: [ArticlePlan], context: CorpusContext) {
        self.plan = plan
        self.plans = plans
        self.context = context
        self.random = plan.random
    }

    /// The article's bytes, about `targetBytes` long.
    mutating func write(targetBytes: Int) -> [UInt8] {
        out.reserveCapacity(targetBytes + 1024)
        let actors = context.actors
        let outlet = actors[plan.outlet]
        cast = [plan.lead]
        for _ in 0..<random.int(2...4) { cast.append(random.pick(context.pool(.person))) }
        cast.append(random.pick(context.pool(.organization)))
        cast.append(random.pick(context.pool(.country)))
        if random.chance(50) { cast.append(random.pick(context.pool(.group))) }
        if random.chance(40) { cast.append(random.pick(context.pool(.court))) }
        // A few actors from anywhere in the cast, so references spread over the whole registry.
        for _ in 0..<random.int(1...3) { cast.append(random.below(actors.count)) }

        let year = random.int(2019...2024), month = random.int(1...12), day = random.int(1...28)
        let author = "\(random.pick(random.chance(50) ? Words.femaleFirst : Words.maleFirst)) \(random.pick(Words.last))"
        let domain = outlet.domain ?? "news.example"
        out.append("---\ntitle: \(plan.title)\ntype: article\noutlet: \(outlet.id)\nauthor: \(author)\n")
        out.append("published: \(year)-\(pad(month, 2))-\(pad(day, 2))\n")
        out.append("url: https://\(domain)/\(year)/\(pad(month, 2))/\(pad(day, 2))/\(slug(plan.title))\n---\n\n")

        // Lede with a dateline.
        let place = actors[random.pick(context.pool(.place))].name.uppercased()
        out.append("\(place), \(Words.months[month - 1]) \(day) — ")
        sentenceAction(lead: plan.lead)
        out.append("\n\n")

        let footerReserve = 160
        while out.count + footerReserve < targetBytes || idsWritten < plan.idCount {
            paragraph(mustDefineID: out.count + footerReserve >= targetBytes)
            out.append("\n\n")
        }
        out.append("Additional reporting by the \(context.sharedPhrase); editing by ")
        linked(plan.outlet, alias: false)
        out.append(".\n\n© \(year) ")
        linked(plan.outlet, alias: false)
        out.append("\n")
        return out
    }

    // MARK: Mentions

    private mutating func linked(_ a: Int, alias: Bool) {
        let actor = context.actors[a]
        let text = alias && !actor.aliases.isEmpty ? random.pick(actor.aliases) : actor.name
        out.append("[\(text)](@\(actor.id))")
    }

    /// Writes a mention of `a` in one of the forms the spec knows: linked, bare, or plain text.
    private mutating func mention(_ a: Int) {
        let actor = context.actors[a]
        if !mentioned.contains(a) {
            // Reporters name someone in full the first time.
            mentioned.insert(a)
            if random.chance(85) { linked(a, alias: false) } else { out.append(actor.name) }
            return
        }
        switch random.below(100) {
        case 0..<35: linked(a, alias: true)
        case 35..<50: linked(a, alias: false)
        case 50..<62: out.append("@\(actor.id)")
        case 62..<80: out.append(actor.aliases.isEmpty ? actor.name : random.pick(actor.aliases))
        default: out.append(actor.name)
        }
    }

    private mutating func someone() -> Int { random.pick(cast) }

    /// A subject: an actor mention or a common noun phrase.
    private mutating func subject(capitalised: Bool) {
        if random.chance(60) {
            mention(someone())
        } else {
            let s = random.pick(Words.commonSubjects)
            out.append(capitalised ? s.prefix(1).uppercased() + s.dropFirst() : s)
        }
    }

    // MARK: Sentences

    private mutating func sentenceAction(lead: Int? = nil) {
        if let lead { mention(lead) } else { subject(capitalised: true) }
        out.append(" \(random.pick(Words.pastVerbs)) \(random.pick(Words.objects)) \(random.pick(Words.times))")
        if random.chance(50) { out.append(", \(random.pick(Words.consequences))") }
        out.append(".")
    }

    private mutating func sentenceState() {
        if random.chance(40) { out.append("\(random.pick(Words.connectors)) ") ; subject(capitalised: false) } else { subject(capitalised: true) }
        out.append(" \(random.pick(Words.presentVerbs)) \(random.pick(Words.objects))")
        if random.chance(40) {
            out.append(", and ")
            mention(someone())
            out.append(" \(random.pick(["declined to comment", "did not respond to requests for comment", "denied any wrongdoing", "called for calm"]))")
        }
        out.append(".")
    }

    /// Claim text: who did what (mentions allowed inside, as the spec permits).
    private mutating func claimText() {
        if random.chance(55) { mention(someone()) } else { out.append(random.pick(Words.commonSubjects)) }
        out.append(" \(random.pick(Words.claimClauses))")
    }

    /// ` #id` for the next planned claim id, or nothing once all are written.
    private mutating func nextIDAttribute(force: Bool) -> String {
        guard idsWritten < plan.idCount, force || random.chance(60) else { return "" }
        idsWritten += 1
        return " #\(plan.claimID(idsWritten))"
    }

    /// A claim id that exists: one written earlier in this article, or one planned by an earlier article.
    private mutating func existingClaimID() -> String? {
        if idsWritten > 0, random.chance(40) { return plan.claimID(random.int(1...idsWritten)) }
        guard plan.index > 0 else { return nil }
        let lower = max(0, min(plan.index, plans.count) - 500)
        let upper = min(plan.index, plans.count)
        guard lower < upper else { return nil }
        let earlier = plans[random.int(lower...(upper - 1))]
        return earlier.claimID(random.int(1...earlier.idCount))
    }

    // MARK: Paragraphs

    private mutating func paragraph(mustDefineID: Bool) {
        let roll = mustDefineID ? 20 : random.below(100)
        switch roll {
        case 0..<20: // narrative
            sentenceAction()
            out.append(" ")
            sentenceState()
            if random.chance(50) { out.append(" "); sentenceAction() }
        case 20..<34: // claim with a named source and a cue
            let source = someone()
            mention(source)
            let cue = random.pick(["said", "told reporters", "insisted", "wrote"])
            out.append(" \(cue) [")
            claimText()
            out.append("]{.claim\(nextIDAttribute(force: mustDefineID)) by=@\(context.actors[source].id) cue=\(cue.contains(" ") ? "\"\(cue)\"" : cue)}.")
            if random.chance(50) { out.append(" "); sentenceState() }
        case 34..<41: // according to an outlet, relayed
            let outlet = random.pick(context.pool(.outlet))
            out.append("According to ")
            linked(outlet, alias: random.chance(30))
            out.append(", [")
            claimText()
            out.append("]{.claim\(nextIDAttribute(force: false)) by=@\(context.actors[outlet].id) cue=\"according to\"}. ")
            sentenceAction()
        case 41..<48: // unnamed source in a claim
            let source = random.pick(Words.anonymousSources)
            out.append("[")
            claimText()
            out.append(",]{.claim\(nextIDAttribute(force: false)) by=\"\(source)\" via=@\(context.actors[plan.outlet].id)} \(source) said. ")
            sentenceState()
        case 48..<54: // a claim resting on earlier claims
            if let cited = existingClaimID() {
                out.append(random.pick(["As previously reported, ", "Earlier reporting found that ", "This follows reports that "]))
                out.append("[")
                claimText()
                out.append("]{.claim cite=#\(cited)}. ")
            }
            sentenceState()
        case 54..<58: // a claim nobody is on record for
            out.append("[")
            claimText()
            out.append("]{.claim}. ")
            sentenceAction()
        case 58..<68: // verbatim quote span
            let speaker = someone()
            let cue = random.pick(["said", "added", "told reporters", "said in a statement"])
            out.append("[“\(random.pick(Words.quoteLines)),”]{.quote\(nextIDAttribute(force: false)) by=@\(context.actors[speaker].id) cue=\(cue.contains(" ") ? "\"\(cue)\"" : cue)} ")
            mention(speaker)
            out.append(" \(cue).")
            if random.chance(40) { out.append(" "); sentenceState() }
        case 68..<75: // quote in prose, attributed by its cue
            out.append("“\(random.pick(Words.quoteLines)),” ")
            mention(someone())
            out.append(" \(random.pick(Words.reportingCues)). ")
            sentenceAction()
        case 75..<79: // quote in prose with no source
            out.append("Banners reading “\(random.pick(Words.slogans))” lined the avenue outside the ministry. ")
            out.append("The crowd grew through the afternoon.")
        case 79..<86: // vague attribution
            out.append("\(random.pick(Words.vagueSentences)) ")
            sentenceState()
        case 86..<91: // unnamed source in prose
            let source = random.pick(Words.anonymousSources)
            out.append("According to \(source), ")
            subject(capitalised: false)
            out.append(" \(random.pick(Words.presentVerbs)) \(random.pick(Words.objects)).")
        case 91..<95: // bare mentions, as in notes pasted from a chat
            let a = someone(), b = someone()
            out.append("Both @\(context.actors[a].id) and @\(context.actors[b].id) were invited to the hearing, ")
            out.append("but only one attended. ")
            sentenceAction()
        default: // section break
            out.append("## \(random.pick(Words.subheadings))\n\n")
            sentenceAction()
        }
    }
}
