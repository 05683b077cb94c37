import DossierSyntax

/// The patterns of reported statements (SPEC 7): `X said (that) …`, `…, X said`, `according to X, …`,
/// `X told Y (that) …`, `X wrote/argued/warned/denied …`, `in a statement, X …`.
extension ParagraphAnalysis {
    /// One candidate per reported statement, in order of cue; only those whose cue lies in `focus` when given.
    /// `objects`: also what cues report without a clause (`AttributionKind.object`).
    func statementCandidates(_ context: AttributionContext, within focus: [ByteRange]? = nil, objects: Bool = false) -> [Candidate] {
        var candidates: [Candidate] = []
        var taken = 0  // the first token not yet inside a statement's content
        for cue in cues.indices {
            let found = cues[cue]
            if let focus, !focus.contains(where: { $0.contains(tokens[found.tokens.lowerBound].range) }) { continue }
            guard found.tokens.lowerBound >= taken || found.entry.role == .accordingTo, !found.tagsQuotation else { continue }
            let candidate: Candidate?
            switch found.entry.role {
            case .accordingTo: candidate = accordingToStatement(found)
            case .medium: candidate = mediumStatement(found)
            case .judgement:
                // "praised the decision", "was criticized by Clinton": what is judged is no clause.
                candidate = objects ? verbStatement(found, objects: true).map { var object = $0; object.kind = .object; return object } : nil
            case .speech, .address, .naming, .cognition: candidate = verbStatement(found, objects: objects)
            }
            guard let candidate, candidate.content.length > 0 else { continue }
            if candidate.kind == .object {
                // An object takes no tokens from the statements after it. (Candidates come in the
                // order of their cues: the last one is the one an object may overlap.)
                if candidates.last.map({ !$0.content.overlaps(candidate.content) }) ?? true { candidates.append(candidate) }
                continue
            }
            // "Austin responded: “…”" reports the quotation, already found.
            if let start = tokenIndex(startingAt: candidate.content.start), tokens[start].quotation >= 0,
                quotations[Int(tokens[start].quotation)].range == candidate.content
            {
                continue
            }
            if candidates.suffix(4).contains(where: { $0.content.overlaps(candidate.content) && $0.cue == candidate.cue }) { continue }
            candidates.append(candidate)
            if let last = tokenIndex(endingAt: candidate.content.end) { taken = max(taken, last + 1) }
        }
        if objects {
            // Those that overlap no other candidate, found by one walk of both in order of start.
            let taken = candidates.map(\.content).sorted { $0.start < $1.start }
            var next = 0
            var reach = 0
            for candidate in nominalObjects() {
                while next < taken.count, taken[next].start < candidate.content.end {
                    reach = max(reach, taken[next].end)
                    next += 1
                }
                if reach <= candidate.content.start { candidates.append(candidate) }
            }
        }
        return candidates
    }

    /// The nouns of speech and stance that report what follows them after a name's possessive:
    /// "Graham’s call for an inquiry", "Durbin’s attacks on the Pentagon".
    private static let reportingNouns: Set<String> = [
        "attack", "attacks", "support", "endorsement", "criticism", "critique", "opposition", "embrace", "position", "positions",
        "stance", "announcement", "call", "calls", "view", "views", "response", "commitment", "tirade", "comment", "comments",
        "remark", "remarks", "claim", "claims", "warning", "warnings", "promise", "promises", "pledge", "assertion", "suggestion",
        "proposal", "praise", "defense", "defence", "enthusiasm", "disdain", "contempt", "concern", "concerns", "denial", "insistence",
        "declarations", "congratulations", "demand", "demands", "plea", "appeal", "objection", "objections", "take",
    ]

    /// `Name’s NOUN of/on/for/against/to/about/with/that …` with a reporting noun: an object of the name's.
    private func nominalObjects() -> [Candidate] {
        var found: [Candidate] = []
        var index = 1
        while index + 2 < tokens.count {
            defer { index += 1 }
            guard tokens[index].kind == .possessive, tokens[index].quotation < 0, isNameLike(index - 1), tokens[index + 1].isWord,
                !tokens[index + 1].isCapitalized, tokens[index + 1].range.length <= 16,
                ParagraphAnalysis.reportingNouns.contains(word(index + 1))
            else { continue }
            let link = index + 2
            guard tokens[link].isWord, isWord(link, "of") || isWord(link, "on") || isWord(link, "for") || isWord(link, "against")
                || isWord(link, "to") || isWord(link, "about") || isWord(link, "with") || isWord(link, "that"),
                link + 1 < tokens.count
            else { continue }
            var start = index - 1
            while start > 0, index - start < 6, isNameLike(start - 1) { start -= 1 }
            // A noun phrase: up to the clause's end or its first comma ("attacks on the court, which…").
            // (At most 64 tokens: a paragraph of a megabyte with a thousand of these stays linear.)
            let clause = min(statementEnd(from: link + 1), link + 1 + 64)
            var end = contentEnd(from: link + 1, end: clause)
            if let comma = ((link + 1)..<end).first(where: { tokens[$0].kind == .comma }) { end = comma }
            guard let range = contentRange(trimming: (link + 1)..<end) else { continue }
            found.append(Candidate(kind: .object, content: range, cue: (index + 1)..<(index + 2), phrase: start..<index, confidence: 0.6))
        }
        return found
    }

    /// `X said (that) CLAUSE`, `X told Y (that) CLAUSE`, and `CLAUSE, X said` / `CLAUSE, said X`.
    private func verbStatement(_ found: FoundCue, objects: Bool = false) -> Candidate? {
        let cue = found.tokens
        let sentence = sentenceStart(cue.lowerBound)
        var floor = sentence
        // Not across a quotation before the cue.
        if let previous = quotation(endingBefore: cue.lowerBound), let close = quotations[previous].close, close + 1 > floor {
            floor = close + 1
        }
        // An object is short: what a verb of judgement judges is read over 64 tokens at most (objects
        // take no tokens from later cues, so a long clause full of them stays linear).
        let end = found.entry.role == .judgement ? min(statementEnd(from: cue.upperBound), cue.upperBound + 64) : statementEnd(from: cue.upperBound)
        let lookup = subject(before: cue.lowerBound, floor: floor, form: found.entry.form)
        // ", said state university professor Lena Hart." closing a clause: a finite verb with
        // no subject before it ("…, telling the Examiner" names an addressee).
        if case .phrase = lookup {} else if found.entry.form == .past || found.entry.form == .present, cue.lowerBound > sentence,
            tokens[cue.lowerBound - 1].kind == .comma, let inverted = inverted(after: cue.upperBound, ceiling: end),
            endsClause(after: inverted.upperBound, end: end), let range = contentRange(trimming: sentence..<(cue.lowerBound - 1))
        {
            return Candidate(kind: .statement, content: range, cue: cue, phrase: inverted, confidence: 0.85)
        }
        var phrase: Range<Int>?
        var confidence = 0.9
        switch lookup {
        case let .phrase(found): phrase = found
        case .sharesSubject:
            phrase = self.cue(startingAt: cue.lowerBound).flatMap { sharedSubject(of: $0) }
            confidence = 0.75
        case .passive:
            // "was first reported by MSNBC": the agent.
            if let by = (cue.upperBound..<min(end, cue.upperBound + 3)).first(where: { tokens[$0].isWord && isWord($0, "by") }),
                let agent = self.phrase(startingAt: by + 1, ceiling: end)
            {
                let content = sentence..<(cue.lowerBound)
                guard let range = contentRange(trimming: content) else { return nil }
                return Candidate(kind: .statement, content: range, cue: cue, phrase: agent, confidence: 0.8)
            }
            return nil
        case .none:
            // ", said Trump." closing a clause.
            guard cue.lowerBound > sentence, tokens[cue.lowerBound - 1].kind == .comma,
                let inverted = self.phrase(startingAt: cue.upperBound, ceiling: end),
                let range = contentRange(trimming: sentence..<(cue.lowerBound - 1))
            else { return nil }
            return Candidate(kind: .statement, content: range, cue: cue, phrase: inverted, confidence: 0.85)
        }
        guard let phrase, accepts(phrase, for: found.entry) else { return nil }
        // The tag closes the clause before it: "CLAUSE, Trump said." (not an infinitive: "…, Monaco declined to comment").
        let infinitive = cue.lowerBound > 0 && isWord(cue.lowerBound - 1, "to")
        if phrase.lowerBound > sentence, !infinitive, tokens[phrase.lowerBound - 1].kind == .comma, closesClause(after: cue.upperBound, end: end),
            let range = contentRange(trimming: sentence..<(phrase.lowerBound - 1))
        {
            return Candidate(kind: .statement, content: range, cue: cue, phrase: phrase, confidence: confidence)
        }
        guard !declines(cue) else { return nil }
        guard let start = contentStart(after: cue, role: found.entry.role, end: end) else {
            // "called for a ban", "warned against the deal": the object of the preposition.
            guard objects, cue.upperBound + 1 < end, tokens[cue.upperBound].isWord,
                isWord(cue.upperBound, "for") || isWord(cue.upperBound, "about") || isWord(cue.upperBound, "against") || isWord(cue.upperBound, "on"),
                isPhraseStart(cue.upperBound + 1) || tokens[cue.upperBound + 1].isWord && hasSuffix(cue.upperBound + 1, "ing"),
                !isTime(cue.upperBound + 1),
                let range = contentRange(trimming: (cue.upperBound + 1)..<contentEnd(from: cue.upperBound + 1, end: min(end, cue.upperBound + 65)))
            else { return nil }
            return Candidate(kind: .object, content: range, cue: cue, phrase: phrase, confidence: confidence - 0.2)
        }
        let stop = contentEnd(from: start, end: end)
        // "dismissed the warrant", "denies the allegations": an object, not a clause reported
        // ("said that the evidence was shared" and "said the evidence was shared" are clauses).
        let object = start == cue.upperBound && stop - start <= 4 && tokens[start].isWord
            && (tokens[start].classes.contains(.determiner) || tokens[start].classes.contains(.possessive))
            && !(start..<stop).contains(where: { tokens[$0].kind == .doubleQuote || tokens[$0].classes.contains(.auxiliary) || readsAsVerb($0) })
        if object || found.entry.role == .judgement {
            guard objects, let range = contentRange(trimming: start..<stop) else { return nil }
            return Candidate(kind: .object, content: range, cue: cue, phrase: phrase, confidence: confidence - 0.2)
        }
        guard let range = contentRange(trimming: start..<stop) else { return nil }
        return Candidate(kind: .statement, content: range, cue: cue, phrase: phrase, confidence: confidence)
    }

    /// "declined to confirm", "refused to say", "did not say": the cue reports what was not said.
    func declines(_ cue: Range<Int>) -> Bool {
        var index = cue.lowerBound - 1
        guard index >= 0 else { return false }
        if isWord(index, "not") || isWord(index, "never") || tokens[index].isWord && (hasSuffix(index, "n't") || hasSuffix(index, "n’t")) { return true }
        guard isWord(index, "to") else { return false }
        index -= 1
        guard index >= 0, tokens[index].isWord else { return false }
        for verb: StaticString in ["declined", "declines", "decline", "refused", "refuses", "refuse", "failed", "fails", "fail"] where isWord(index, verb) {
            return true
        }
        return false
    }

    /// Where the clause reported after a cue starts: past an addressee ("told reporters"), an
    /// object ("called it"), "that", a medium or a time ("said in a statement that", "said Tuesday that").
    private func contentStart(after cue: Range<Int>, role: CueRole, end: Int) -> Int? {
        var index = cue.upperBound
        // "said in a statement Tuesday that", "said on Fox News that".
        func skipPhrasesBeforeThat() {
            var probe = index
            // Not past a subject ("said on Monday she wrote to them and that…": the clause starts at "she").
            while probe < end, probe - index < 10, !(tokens[probe].isWord && isWord(probe, "that")), tokens[probe].kind == .word || tokens[probe].kind == .comma,
                tokens[probe].classes.isDisjoint(with: [.personPronoun, .pluralPronoun])
            {
                probe += 1
            }
            if probe < end, probe > index, tokens[probe].isWord, isWord(probe, "that"), tokens[index].classes.contains(.preposition) || tokens[index].classes.contains(.temporal) {
                index = probe
            }
        }
        skipPhrasesBeforeThat()
        // "said on Monday she wrote…", "said Tuesday they would": a time, then a clause without "that".
        if index == cue.upperBound {
            var probe = index
            var sawTime = false
            while probe < end, probe - index < 4, tokens[probe].isWord,
                tokens[probe].classes.contains(.temporal) || (!sawTime && tokens[probe].classes.contains(.preposition))
            {
                if isTime(probe) { sawTime = true }
                probe += 1
            }
            if sawTime, probe < end, tokens[probe].isWord,
                !tokens[probe].classes.isDisjoint(with: [.personPronoun, .pluralPronoun, .thingPronoun]) || isNameLike(probe)
            {
                index = probe
            }
        }
        if role == .address || role == .naming {
            // An addressee or object: "reporters", "the Washington Examiner", "him", "it".
            if index < end, tokens[index].isWord, tokens[index].classes.contains(.objectPronoun) || tokens[index].classes.contains(.thingPronoun) {
                index += 1
            } else if index < end, let object = phrase(startingAt: index, ceiling: end), object.count <= 6,
                !(object.count == 1 && tokens[object.lowerBound].classes.contains(.personPronoun))
            {
                index = object.upperBound
            }
            if index < end, tokens[index].kind == .comma { index += 1 }
            if role == .naming, index < end, tokens[index].isWord, isWord(index, "as") { index += 1 }
        }
        while index < end, tokens[index].kind == .comma || tokens[index].kind == .colon { index += 1 }
        if index < end, tokens[index].isWord, isWord(index, "that") { index += 1 }
        guard index < end else { return nil }
        let first = tokens[index]
        if first.kind == .doubleQuote || first.kind == .singleQuote { return index }
        guard first.isWord else { return nil }
        // "said on Tuesday." / "said in a statement." report no clause.
        if first.classes.contains(.preposition), !isWord(index, "to") { return nil }
        if first.classes.contains(.adverb), first.classes.contains(.temporal) { return nil }
        return index
    }

    /// Where the content that starts at `start` ends: the clause's end, or before ", adding…" / ", X said".
    private func contentEnd(from start: Int, end: Int) -> Int {
        var index = start
        while index < end {
            if tokens[index].kind == .comma, index + 1 < end {
                if let cue = cue(startingAt: index + 1), cues[cue].entry.form == .gerund { return index }
                // ", and said he will…": a second verb of the same subject.
                if index + 2 < end, isWord(index + 1, "and"), cue(startingAt: index + 2) != nil { return index }
                if index + 2 < end, isNameLike(index + 1) || tokens[index + 1].classes.contains(.personPronoun),
                    !cues(startingIn: (index + 2)..<(index + 5)).isEmpty
                {
                    return index
                }
            }
            index += 1
        }
        return end
    }

    /// Whether the clause ends at `start`: the end, a comma, or a time ("said Trump on Tuesday").
    private func endsClause(after start: Int, end: Int) -> Bool {
        start >= end || tokens[start].kind == .comma || isTime(start)
    }

    /// Whether nothing but a time, a place or a medium follows the cue before `end`: the cue tags the clause before it.
    private func closesClause(after start: Int, end: Int) -> Bool {
        guard start < end else { return true }
        let token = tokens[start]
        // "…, Ruiz said, “…”": a lead-in to a quotation, not a tag closing the clause before.
        if token.kind == .comma { return !(start + 1 < end && tokens[start + 1].kind == .doubleQuote) }
        guard token.isWord else { return false }
        if isWord(start, "that") { return false }
        return token.classes.contains(.preposition) || isTime(start) || token.classes.contains(.adverb)
    }

    /// `according to X, CLAUSE`, `CLAUSE, according to X`, and `A, according to X, B`.
    private func accordingToStatement(_ found: FoundCue) -> Candidate? {
        let cue = found.tokens
        let end = statementEnd(from: cue.upperBound)
        guard let phrase = phrase(startingAt: cue.upperBound, ceiling: end) else { return nil }
        let sentence = sentenceStart(cue.lowerBound)
        let startsClause = cue.lowerBound == sentence || tokens[cue.lowerBound - 1].kind == .comma
        if cue.lowerBound == sentence, phrase.upperBound < end, tokens[phrase.upperBound].kind == .comma {
            guard let range = contentRange(trimming: (phrase.upperBound + 1)..<end) else { return nil }
            return Candidate(kind: .statement, content: range, cue: cue, phrase: phrase, confidence: 0.9)
        }
        if startsClause, cue.lowerBound > sentence {
            // "…, according to X." or "A, according to X, B": the whole sentence is what X says.
            let contentEnd = phrase.upperBound >= end || tokens[phrase.upperBound].kind != .comma ? cue.lowerBound - 1 : end
            guard let range = contentRange(trimming: sentence..<contentEnd) else { return nil }
            return Candidate(kind: .statement, content: range, cue: cue, phrase: phrase, confidence: 0.9)
        }
        // "… includes material, according to the Times" without a comma.
        guard let range = contentRange(trimming: sentence..<cue.lowerBound) else { return nil }
        return Candidate(kind: .statement, content: range, cue: cue, phrase: phrase, confidence: 0.8)
    }

    /// `In a statement, the campaign blasted the decision`: the subject after the medium and what follows its verb.
    private func mediumStatement(_ found: FoundCue) -> Candidate? {
        let cue = found.tokens
        let end = statementEnd(from: cue.upperBound)
        var index = cue.upperBound
        if index < end, tokens[index].kind == .comma { index += 1 }
        guard var phrase = phrase(startingAt: index, ceiling: end), phrase.upperBound < end else { return nil }
        // "Durbin and Graham praised…".
        while phrase.upperBound + 1 < end, isWord(phrase.upperBound, "and"), isNameLike(phrase.upperBound + 1),
            let next = self.phrase(startingAt: phrase.upperBound + 1, ceiling: end)
        {
            phrase = phrase.lowerBound..<next.upperBound
        }
        var verb = phrase.upperBound
        while verb < end, tokens[verb].isWord, tokens[verb].classes.contains(.adverb) || tokens[verb].classes.contains(.auxiliary) { verb += 1 }
        // A cue the lexicon knows makes its own statement, but for a verb of judgement ("In a joint statement, they praised the shift").
        guard verb < end, tokens[verb].isWord, self.cue(startingAt: verb).map({ cues[$0].entry.role == .judgement }) ?? true else { return nil }
        var start = verb + 1
        if start < end, tokens[start].isWord, isWord(start, "that") { start += 1 }
        guard let range = contentRange(trimming: start..<end) else { return nil }
        return Candidate(kind: .statement, content: range, cue: cue, phrase: phrase, confidence: 0.8)
    }

    /// The bytes of tokens `range` without commas and dashes at either end, or nil when nothing is left.
    func contentRange(trimming range: Range<Int>) -> ByteRange? {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, tokens[start].isSeparator { start += 1 }
        while end > start, tokens[end - 1].isSeparator { end -= 1 }
        guard start < end, (start..<end).contains(where: { tokens[$0].isWord }) else { return nil }
        return ByteRange(tokens[start].range.start, tokens[end - 1].range.end)
    }

    /// The token whose range ends at byte `offset`, if any.
    private func tokenIndex(endingAt offset: Int) -> Int? { token(endingAt: offset) }

    /// The token whose range starts at byte `offset`, if any.
    private func tokenIndex(startingAt offset: Int) -> Int? {
        let low = partitionPoint(tokens.count) { mid in tokens[mid].range.start < offset }
        return low < tokens.count && tokens[low].range.start == offset ? low : nil
    }
}
