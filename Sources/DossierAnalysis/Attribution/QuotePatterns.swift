import DossierSyntax

/// An attribution found in a paragraph before its source is resolved.
struct Candidate {
    var kind: AttributionKind
    var content: ByteRange
    /// The cue's tokens.
    var cue: Range<Int>?
    /// The source phrase's tokens.
    var phrase: Range<Int>?
    /// Where the source comes from when it is not a phrase of this attribution.
    var inherit: Inheritance?
    var confidence: Double
    /// The quotation of the paragraph this is, if it is one.
    var quotation: Int?
}

/// Where a quotation with no tag of its own takes its source from.
enum Inheritance {
    /// Another quotation of the same paragraph (a split quote, or the quote before).
    case quotation(Int)
    /// The last quotation of the paragraph before (a quote continued in a new paragraph).
    case previousParagraph
    /// A tag of its own in the sentence before ("Souders said in a statement. “…”").
    case phrase(cue: Range<Int>, phrase: Range<Int>)
}

/// The patterns that tie a quotation to its source, in order of strength (SPEC 7).
extension ParagraphAnalysis {
    /// One candidate per quotation, in order.
    mutating func quoteCandidates(_ context: AttributionContext, previous: ParagraphSummary?) -> [Candidate] {
        var candidates: [Candidate] = []
        let label = transcriptLabel()
        for number in quotations.indices {
            let quotation = quotations[number]
            var candidate = Candidate(kind: .quote, content: quotation.range, confidence: 0, quotation: number)
            if let found = tagAfter(number) {
                candidate.cue = found.cue
                candidate.phrase = found.phrase
                candidate.confidence = found.confidence
                markTag(found.cue)
            } else if let found = leadIn(number) ?? accordingTo(number) ?? labelled(number) ?? colonLeadIn(number) ?? dashLeadIn(number) {
                candidate.cue = found.cue
                candidate.phrase = found.phrase
                candidate.confidence = found.confidence
            } else if let label {
                candidate.cue = label.cue
                candidate.phrase = label.phrase
                candidate.confidence = 0.8
            } else if let inherited = inheritance(number, previous: previous) {
                candidate.inherit = inherited.from
                candidate.confidence = inherited.confidence
            } else if let found = sentenceSubject(number) {
                candidate.cue = found.cue
                candidate.phrase = found.phrase
                candidate.confidence = 0.5
            }
            candidates.append(candidate)
        }
        return candidates
    }

    private mutating func markTag(_ cue: Range<Int>?) {
        guard let cue, let index = cues.firstIndex(where: { $0.tokens == cue }) else { return }
        cues[index].tagsQuotation = true
    }

    /// The tokens of the quotation before `number` in the same sentence, or the sentence's start.
    private func leftFloor(_ number: Int) -> Int {
        let open = quotations[number].open
        var floor = sentenceStart(open)
        if number > 0, let previousClose = quotations[number - 1].close, previousClose + 1 > floor { floor = previousClose + 1 }
        return floor
    }

    /// `“…,” Austin said`, `“…,” said the letter`, `“…” — Lloyd Austin`: a tag right after the quotation.
    private func tagAfter(_ number: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let quotation = quotations[number]
        guard let close = quotation.close else { return nil }
        var start = close + 1
        let ceiling = clauseEnd(from: start)
        // The quotation's own last sign: a comma asks for a tag, a period allows one.
        // (“…, ‘…,’” ends with a comma inside a nested quotation.)
        var last = close - 1
        while last > 0, tokens[last].kind == .singleQuote { last -= 1 }
        let endsWithComma = last >= 0 && tokens[last].kind == .comma || (start < ceiling && tokens[start].kind == .comma)
        while start < ceiling, tokens[start].kind == .comma || tokens[start].kind == .closeParen { start += 1 }
        guard start < ceiling else { return nil }
        // A caption: "— Name".
        if tokens[start].kind == .dash, let phrase = phrase(startingAt: start + 1, ceiling: ceiling), isNameLike(phrase.lowerBound) {
            return (nil, phrase, 0.75)
        }
        // Inversion: "said Trump", "asked the senator" (a finite verb: "“…,” telling reporters" is no tag).
        // ("read the statement": read's past is spelled as its base.)
        if let cue = cueIndex(at: start, ceiling: ceiling), cues[cue].entry.role != .medium,
            cues[cue].entry.form == .past || cues[cue].entry.form == .present || cues[cue].entry.role == .accordingTo || cues[cue].entry.needsTextSubject
        {
            let cueTokens = cues[cue].tokens
            if cues[cue].entry.role == .accordingTo {
                if let phrase = phrase(startingAt: cueTokens.upperBound, ceiling: ceiling) { return (cueTokens, phrase, 0.9) }
                return nil
            }
            if let phrase = inverted(after: cueTokens.upperBound, ceiling: ceiling) { return (cueTokens, phrase, 0.95) }
        }
        // Subject and verb: "Austin said", "the spokesman continued", "Durbin, a Democrat, asked".
        for cue in cues(startingIn: start..<max(start, ceiling)) {
            let entry = cues[cue].entry
            // "“…,” Bolton charged.": a verb of judgement that ends the clause is a tag too.
            let judgementTag = entry.role == .judgement && (entry.form == .past || entry.form == .present)
                && endsTag(after: cues[cue].tokens.upperBound, ceiling: ceiling, role: .speech)
            guard entry.role == .speech || entry.role == .address || judgementTag else { continue }
            // The phrase opens the tag, or follows what belongs with it ("his wife, Anna Berg,
            // wrote", "tenants union organizer Maria Solis told").
            guard case let .phrase(phrase) = subject(before: cues[cue].tokens.lowerBound, floor: start, form: entry.form),
                accepts(phrase, for: entry), phrase.lowerBound - start <= 14,
                (start..<phrase.lowerBound).allSatisfy({ !tokens[$0].endsTag })
            else { continue }
            // A verb of a relative clause about the subject is not the tag ("Cruz, who has proposed…, said").
            if isInRelativeClause(cue: cues[cue].tokens.lowerBound, floor: phrase.upperBound) { continue }
            // After a period the tag must end the clause ("“….” Trump said." but not "Trump said Clinton lied").
            if !endsWithComma, !endsTag(after: cues[cue].tokens.upperBound, ceiling: ceiling, role: entry.role) { return nil }
            return (cues[cue].tokens, phrase, 0.95)
        }
        // Later in the clause, closing it: "“…” for the second time, Durbin said." / "…, said professor Lena Hart."
        // Not after a quotation that ends its sentence: what follows is another sentence.
        let endsSentence = close > 0 && tokens[close - 1].kind == .terminator
        for cue in cues(startingIn: (start + 1)..<max(start + 1, ceiling)) where !endsSentence {
            let entry = cues[cue].entry
            guard entry.role != .accordingTo, entry.role != .medium else { continue }
            let cueTokens = cues[cue].tokens
            let lookup = subject(before: cueTokens.lowerBound, floor: start, form: entry.form)
            if endsTag(after: cueTokens.upperBound, ceiling: ceiling, role: entry.role), case let .phrase(phrase) = lookup, phrase.lowerBound > start,
                tokens[phrase.lowerBound - 1].kind == .comma
            {
                return (cueTokens, phrase, 0.85)
            }
            if case .phrase = lookup { continue }
            if entry.form == .past || entry.form == .present, tokens[cueTokens.lowerBound - 1].kind == .comma,
                let phrase = inverted(after: cueTokens.upperBound, ceiling: ceiling), endsTag(after: phrase.upperBound, ceiling: ceiling, role: .speech)
            {
                return (cueTokens, phrase, 0.85)
            }
        }
        return nil
    }

    /// Whether what follows a cue at `start` is no clause of its own: the end, a comma, a time or a
    /// place ("said on Tuesday", "said in a statement"), an addressee ("told reporters").
    private func endsTag(after start: Int, ceiling: Int, role: CueRole) -> Bool {
        var start = start
        // "asked Austin, …", "told reporters.", "urged them": past the addressee.
        if role == .address || role == .naming || role == .judgement, start < ceiling {
            if tokens[start].isWord, tokens[start].classes.contains(.objectPronoun) {
                start += 1
            } else if let object = phrase(startingAt: start, ceiling: ceiling), object.count <= 6 {
                start = object.upperBound
            }
        }
        guard start < ceiling else { return true }
        let token = tokens[start]
        if token.kind != .word { return token.kind == .comma || token.kind == .terminator || token.kind == .dash || token.kind == .openParen }
        if token.classes.contains(.preposition) || isTime(start) || token.classes.contains(.clauseBoundary) && !isWord(start, "that") {
            return true
        }
        // "asked rhetorically, shaking…", "said pleasantly into the phone".
        if !token.isCapitalized, token.classes.contains(.adverb) || hasSuffix(start, "ly") && token.range.length > 4 {
            return endsTag(after: start + 1, ceiling: ceiling, role: .speech)
        }
        return false
    }

    /// The cue that starts at `start`, after adverbs ("then asked"), if any.
    private func cueIndex(at start: Int, ceiling: Int) -> Int? {
        var index = start
        while index < ceiling, tokens[index].isWord, tokens[index].classes.contains(.adverb), cue(startingAt: index) == nil { index += 1 }
        return cue(startingAt: index)
    }

    /// `The leaflet blames a “rigged housing market”`, `Durbin lamented a mood in which voters “…”`:
    /// a quotation inside a sentence with no cue, whose subject (a name, a pronoun, a person, a group
    /// or a text) does something other than be: the subject, and its verb as the cue.
    private func sentenceSubject(_ number: Int) -> (cue: Range<Int>, phrase: Range<Int>)? {
        let open = quotations[number].open
        let sentence = sentenceStart(open)
        guard open > sentence, tokens[sentence].quotation < 0, let subject = mainSubject(of: open, limit: open), let head = subject.last,
            subject.upperBound < open, tokens[head].isWord
        else { return nil }
        let classes = tokens[head].classes
        // Not a number, nor a plural of anyone ("Many Americans saw the party as “…”").
        guard !tokens[subject.lowerBound].flags.contains(.numeric), !tokens[head].flags.contains(.numeric), !classes.contains(.pluralNoun) else { return nil }
        if isNameLike(head) {
            // A lone capitalised word opening the sentence may be any word ("Couple", "Section"):
            // a name only when the paragraph writes it so inside a sentence too.
            if subject.count == 1, startsSentence(head), entity(at: head) == nil, !writtenInsideASentence(head) { return nil }
        } else if !tokens[head].isCapitalized, !classes.isDisjoint(with: [.personNoun, .title, .groupNoun, .documentNoun]), !classes.contains(.pluralNoun) {
            // "The ad", "the senator", "the campaign".
        } else if subject.count == 1, classes.contains(.personPronoun) || classes.contains(.pluralPronoun) {
            // he, she, they.
        } else {
            return nil
        }
        var verb = subject.upperBound
        while verb < open, tokens[verb].isWord, tokens[verb].classes.contains(.adverb) || tokens[verb].classes.contains(.auxiliary) && !tokens[verb].classes.contains(.be) {
            verb += 1
        }
        // "Trump is “unfit”", "Clinton was called “…”": the quotation is no word of the subject's.
        guard verb < open, tokens[verb].isWord, !tokens[verb].isCapitalized, tokens[verb].classes.isDisjoint(with: [.be, .preposition, .clauseBoundary, .determiner]),
            !(subject.upperBound..<verb).contains(where: { tokens[$0].classes.contains(.be) }), !hasSuffix(verb, "ing")
        else { return nil }
        return (verb..<(verb + 1), subject)
    }

    /// Whether the capitalised word at `index` is written the same inside a sentence of the paragraph
    /// (not first), within a hundred tokens either side.
    private func writtenInsideASentence(_ index: Int) -> Bool {
        let range = tokens[index].range
        for other in max(0, index - 100)..<min(tokens.count, index + 100) where other != index && tokens[other].isWord {
            let candidate = tokens[other].range
            guard candidate.length == range.length, !startsSentence(other) else { continue }
            if bytes[candidate.start..<candidate.end].elementsEqual(bytes[range.start..<range.end]) { return true }
        }
        return false
    }

    /// `Durbin asked Austin: “…”`, `He added, “…”`, `Morris says the candidate has “…”`,
    /// `…, telling the Washington Examiner, “…”`: the last cue before the quotation in its sentence.
    private func leadIn(_ number: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let open = quotations[number].open
        let floor = leftFloor(number)
        if let found = leadIn(before: open, floor: floor) { return found }
        // "Trump argued that Cruz has “A” on ethanol, “B”": the verb before an earlier quotation of the sentence.
        let sentence = sentenceStart(open)
        guard sentence < floor else { return nil }
        let earlier = cues(startingIn: sentence..<floor).filter {
            cues[$0].tokens.upperBound <= floor && !cues[$0].tagsQuotation
                && cues[$0].entry.role.reportsSpeechOrThought
        }
        for cue in earlier.reversed() {
            if let found = leadIn(cue: cue, open: open, floor: sentence) { return (found.cue, found.phrase, found.confidence - 0.1) }
        }
        return nil
    }

    /// The lead-in cue between `floor` and the token `open` (a quotation's opening mark, or a colon
    /// ending a paragraph): a verb of speech governs what it reports ("A spokesperson said the United
    /// States supports a “…”"), so speech verbs first, then the others, nearest first.
    func leadIn(before open: Int, floor: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let candidates = cues(startingIn: floor..<max(floor, open)).filter { cues[$0].tokens.upperBound <= open && cues[$0].entry.role != .accordingTo }
        let speech = Array(candidates.filter { cues[$0].entry.role.isSpeech }.reversed())
        let others = Array(candidates.filter { !cues[$0].entry.role.isSpeech }.reversed())
        // "Ruiz says the board won’t allow “…”": a cue denied comes after every other.
        var denied: (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)?
        for cue in speech + others {
            guard let found = leadIn(cue: cue, open: open, floor: floor) else { continue }
            if cues[cue].entry.role != .medium, declines(cues[cue].tokens) {
                if denied == nil { denied = found }
                continue
            }
            return found
        }
        return denied
    }

    /// `Cruz continued:` / `Breitbart News responded:` ending the paragraph: the source of the block
    /// or quotation in the next paragraph.
    func leadInAtEnd() -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        guard let last = tokens.indices.last, tokens[last].kind == .colon, tokens[last].quotation < 0 else { return nil }
        var floor = sentenceStart(last)
        if let quotation = quotations.last, quotation.after(tokens.count) > floor { floor = quotation.after(tokens.count) }
        guard floor < last else { return nil }
        if let found = leadIn(before: last, floor: floor) { return found }
        let named = phrase(endingAt: last - 1, floor: floor).flatMap { isNameLike($0.upperBound - 1) ? $0 : nil }
        guard let subject = named ?? mainSubject(of: last, limit: last) ?? phrase(endingAt: last - 1, floor: floor),
            isNameLike(subject.lowerBound) || tokens[subject.lowerBound].classes.contains(.personPronoun)
        else { return nil }
        return (last..<(last + 1), subject, 0.7)
    }

    private func leadIn(cue: Int, open: Int, floor: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let entry = cues[cue].entry
        let cueTokens = cues[cue].tokens
        let distance = open - cueTokens.upperBound
        let confidence = distance <= 4 ? 0.95 : distance <= 12 ? 0.85 : 0.7
        if entry.role == .medium {
            // "In a statement, the campaign said: “…”" is the verb's; "In a statement, Trump: “…”" is rare.
            guard let phrase = mainSubject(of: open, limit: open) else { return nil }
            return (cueTokens, phrase, confidence - 0.1)
        }
        switch subject(before: cueTokens.lowerBound, floor: floor, form: entry.form) {
        case let .phrase(phrase):
            return accepts(phrase, for: entry) ? (cueTokens, phrase, confidence) : nil
        case .sharesSubject:
            guard let phrase = sharedSubject(of: cue), accepts(phrase, for: entry) else { return nil }
            return (cueTokens, phrase, confidence - 0.1)
        case .passive:
            // "Trump was asked, “…”" names the addressee, not the speaker.
            return nil
        case .none:
            // "Said Trump: “…”" inverted at the sentence's start.
            if startsSentence(cueTokens.lowerBound), let phrase = phrase(startingAt: cueTokens.upperBound, ceiling: open) {
                return (cueTokens, phrase, confidence)
            }
            return nil
        }
    }

    /// `According to Trump, “…”` and `“…,” according to the letter`.
    private func accordingTo(_ number: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let open = quotations[number].open
        let floor = leftFloor(number)
        guard let cue = cues(startingIn: floor..<max(floor, open)).last(where: { cues[$0].entry.role == .accordingTo && cues[$0].tokens.upperBound <= open }),
            let phrase = phrase(startingAt: cues[cue].tokens.upperBound, ceiling: open)
        else { return nil }
        return (cues[cue].tokens, phrase, 0.9)
    }

    /// `NYT (“Biden Orders…”):` a quotation in parentheses right after a name: its title or words.
    private func labelled(_ number: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let open = quotations[number].open
        guard open >= 2, tokens[open - 1].kind == .openParen, let phrase = phrase(endingAt: open - 2, floor: leftFloor(number)),
            isNameLike(phrase.upperBound - 1)
        else { return nil }
        return (nil, phrase, 0.6)
    }

    /// `Mook: “…”`, `Meghan McCain, Twitter: "…"`: a colon right before the quotation after a name,
    /// with or without a verb the lexicon knows.
    private func colonLeadIn(_ number: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let open = quotations[number].open
        guard open >= 2, tokens[open - 1].kind == .colon else { return nil }
        let floor = leftFloor(number)
        let colon = open - 1
        var named = phrase(endingAt: colon - 1, floor: floor).flatMap { isNameLike($0.upperBound - 1) ? $0 : nil }
        // "Meghan McCain, Twitter:": the name before the comma is the speaker, the one after it where.
        if let near = named, near.lowerBound > floor, tokens[near.lowerBound - 1].kind == .comma,
            let before = phrase(endingAt: near.lowerBound - 2, floor: floor), isNameLike(before.upperBound - 1)
        {
            named = before
        }
        // "A memo from the agency was blunt about the pumps:": a description too.
        guard let subject = named ?? mainSubject(of: colon, limit: colon) ?? phrase(endingAt: colon - 1, floor: floor), isNameLike(subject.lowerBound)
            || tokens[subject.lowerBound].classes.contains(.personPronoun) || tokens[subject.lowerBound].classes.contains(.definite)
            || tokens[subject.lowerBound].classes.contains(.determiner) && subject.contains(where: { isKnownNoun($0) })
        else { return nil }
        return (colon..<open, subject, 0.7)
    }

    /// `Ruiz also backed the new rules -- "I think…"`: a quotation after a dash that ends a clause
    /// whose subject is a name or a person's pronoun and whose verb follows it.
    private func dashLeadIn(_ number: Int) -> (cue: Range<Int>?, phrase: Range<Int>, confidence: Double)? {
        let open = quotations[number].open
        let dash = open - 1
        guard open >= 2, tokens[dash].kind == .dash, let close = quotations[number].close, isBare(after: close), let subject = mainSubject(of: dash, limit: dash), subject.upperBound < dash,
            isNameLike(subject.lowerBound) && isNameLike(subject.upperBound - 1) || subject.count == 1 && tokens[subject.lowerBound].classes.contains(.personPronoun),
            readsAsVerb(subject.upperBound) || tokens[subject.upperBound].classes.contains(.adverb)
        else { return nil }
        return (dash..<open, subject, 0.6)
    }

    /// `Dick Durbin: The Pentagon Is ‘Holding Back’ the Evidence`: a headline that opens
    /// with a name (a few capitalised words) and a colon, the rest being what the name says.
    func headlineLabel() -> (cue: Range<Int>, phrase: Range<Int>)? {
        guard isHeadline else { return nil }
        var colon = 0
        while colon < tokens.count, colon < 7, tokens[colon].kind != .colon {
            guard tokens[colon].isWord || tokens[colon].kind == .possessive else { return nil }
            colon += 1
        }
        guard colon > 0, colon < tokens.count, tokens[colon].kind == .colon, tokens[colon].quotation < 0,
            ((colon + 1)..<tokens.count).filter({ tokens[$0].isWord }).count >= 2,
            (0..<colon).allSatisfy({ tokens[$0].kind == .possessive || isNameLike($0) || tokens[$0].flags.contains(.allCaps) }),
            !(colon == 1 && Self.labelsOfNoSpeaker.contains(word(0))),
            !(0..<colon).contains(where: { tokens[$0].isWord && (tokens[$0].classes.contains(.adverb) || cue(startingAt: $0) != nil) })
        else { return nil }
        return (colon..<(colon + 1), 0..<colon)
    }

    /// "UPDATE:", "BREAKING:", "WATCH:": one word before a colon that labels no speaker.
    private static let labelsOfNoSpeaker: Set<String> = [
        "update", "breaking", "correction", "editor", "note", "watch", "related", "read", "exclusive", "photos", "video", "live",
        "wow", "bombshell", "listen", "analysis", "opinion",
    ]

    /// `DURBIN: Why are you…`: a paragraph that opens with a name in capitals and a colon.
    func transcriptLabel() -> (cue: Range<Int>, phrase: Range<Int>)? {
        var end = 0
        while end < tokens.count, end < 4, tokens[end].isWord, tokens[end].flags.contains(.allCaps) || tokens[end].classes.contains(.nameParticle) {
            end += 1
        }
        guard end > 0, end < tokens.count, tokens[end].kind == .colon, end + 1 < tokens.count else { return nil }
        // A headline in capitals ("HUNTER BIDEN PLEA: PRESIDENT’S SON PLEADS…") is no transcript.
        let rest = tokens[(end + 1)...].filter(\.isWord)
        if rest.count >= 2, rest.filter({ $0.flags.contains(.allCaps) }).count * 2 >= rest.count { return nil }
        if end == 1, Self.labelsOfNoSpeaker.contains(word(0)) { return nil }
        return (end..<(end + 1), 0..<end)
    }

    /// The statement a transcript label introduces: everything after its colon.
    func transcriptContent(_ label: (cue: Range<Int>, phrase: Range<Int>)) -> ByteRange? {
        let start = label.cue.upperBound
        guard start < tokens.count else { return nil }
        return ByteRange(tokens[start].range.start, tokens[tokens.count - 1].range.end)
    }

    /// A quotation with no tag: the second half of a split quote, a quote after another one of the
    /// same speaker, or a paragraph continuing the quote of the one before.
    private func inheritance(_ number: Int, previous: ParagraphSummary?) -> (from: Inheritance, confidence: Double)? {
        let quotation = quotations[number]
        let bareStart = isBare(before: quotation.open, floor: number > 0 ? quotations[number - 1].after(tokens.count) : 0)
        // A comma inside the marks asks for a tag right after (“…,” she said); with none there, only
        // the first half of a split quote in the same sentence may lend its source.
        let wantsTag = quotation.close.map { $0 > 0 && tokens[$0 - 1].kind == .comma } ?? false
        // The quotation before, leaving out short ones inside a tag ("he said on the “Evening Hour” program").
        var previousNumber = number - 1
        while previousNumber > 0, words(in: quotations[previousNumber]) < 4 {
            let open = quotations[previousNumber].open
            let earlierEnd = quotations[previousNumber - 1].after(tokens.count)
            guard cues(startingIn: earlierEnd..<max(earlierEnd, open)).contains(where: { cues[$0].tokens.upperBound <= open && open - cues[$0].tokens.upperBound < 12 })
            else { break }
            previousNumber -= 1
        }
        if number > 0 {
            // “A,” she said. “B.” / “A,” she said, “B.”
            let previousQuote = quotations[previousNumber]
            let between = previousQuote.after(tokens.count)..<quotation.open
            let sameSentence = sentenceOf[previousQuote.open] == sentenceOf[quotation.open] || between.allSatisfy { tokens[$0].kind != .word }
            if !cues(startingIn: between).isEmpty && (sameSentence || !wantsTag) || (bareStart && !wantsTag) {
                return (.quotation(previousNumber), 0.9)
            }
        }
        if wantsTag { return nil }
        if number + 1 < quotations.count, let close = quotation.close {
            // “A.” “B,” Trump said.
            let between = (close + 1)..<quotations[number + 1].open
            if between.allSatisfy({ tokens[$0].kind != .word }) { return (.quotation(number + 1), 0.8) }
        }
        // A quotation that opens the paragraph continues the one before (`ParagraphInference` relies on it).
        if number == 0, quotation.open == 0, let previous, let ending = previous.ending {
            switch ending {
            case .quote: return (.previousParagraph, quotation.continuesPrevious || previous.leftQuoteOpen ? 0.85 : 0.75)
            case .leadIn: return (.previousParagraph, 0.85)
            case .statement:
                if quotations.count == 1, let close = quotation.close, isBare(after: close), clauseEnd(from: close + 1) >= tokens.count - 1 {
                    return (.previousParagraph, 0.6)
                }
            }
        }
        if number > 0, bareStart { return (.quotation(number - 1), 0.7) }
        // "… she said on Monday. “Our office will…”": a tag in the sentence before.
        if bareStart, number == 0 || sentenceOf[quotations[number - 1].open] < sentenceOf[quotation.open] - 1,
            let tag = tagSentence(before: sentenceStart(quotation.open))
        {
            return (.phrase(cue: tag.cue, phrase: tag.phrase), 0.75)
        }
        // "Ruiz says the tenants feel ignored. “Nobody calls…”": a quotation standing alone after
        // a sentence that reports what its subject says carries on that subject's words.
        if bareStart, number == 0, let close = quotation.close, isBare(after: close) || endsItsSentence(close),
            let report = reportingSentence(endingBefore: sentenceStart(quotation.open))
        {
            return (.phrase(cue: report.cue, phrase: report.phrase), 0.6)
        }
        return nil
    }

    /// The sentence that ends right before `start`, when its first reporting verb after its last
    /// quotation (speech, thought, naming or judgement, said not denied) has a subject: that verb and subject.
    func reportingSentence(endingBefore start: Int) -> (cue: Range<Int>, phrase: Range<Int>)? {
        guard start > 0, tokens[start - 1].kind == .terminator else { return nil }
        let sentence = sentenceStart(start - 1)
        guard sentence < start else { return nil }
        return reportingVerbAndSubject(afterQuotationsIn: sentence..<start)
    }

    /// `reportingVerbAndSubject(in:)` for the part of `sentence` after its last quotation ("Why “the plan”
    /// failed is unclear, since Ruiz spoke only briefly."): verb and subject both there.
    func reportingVerbAndSubject(afterQuotationsIn sentence: Range<Int>) -> (cue: Range<Int>, phrase: Range<Int>)? {
        let rest = sentence.last(where: { tokens[$0].quotation >= 0 }).map { ($0 + 1)..<sentence.upperBound } ?? sentence
        guard !rest.isEmpty else { return nil }
        return reportingVerbAndSubject(in: rest)
    }

    /// The first reporting verb of `sentence` (speech, thought, naming or judgement, in the past or
    /// present and not denied) with its subject phrase.
    func reportingVerbAndSubject(in sentence: Range<Int>) -> (cue: Range<Int>, phrase: Range<Int>)? {
        guard let index = cues(startingIn: sentence).first(where: { index in
            let found = cues[index]
            return (found.entry.role.reportsSpeechOrThought || found.entry.role == .judgement)
                && (found.entry.form == .past || found.entry.form == .present) && !declines(found.tokens)
        }) else { return nil }
        let found = cues[index]
        switch subject(before: found.tokens.lowerBound, floor: sentence.lowerBound, form: found.entry.form) {
        case let .phrase(phrase) where accepts(phrase, for: found.entry):
            return (found.tokens, phrase)
        case .sharesSubject:
            // "Ruiz paused and noted that…": the sentence's subject.
            guard let phrase = sharedSubject(of: index), phrase.lowerBound >= sentence.lowerBound, accepts(phrase, for: found.entry) else { return nil }
            return (found.tokens, phrase)
        default:
            return nil
        }
    }

    /// The sentence that ends right before `start` when it is a tag with nothing after its cue but a
    /// time, a place or a medium ("Pat Souders said in a statement."): its cue and subject.
    private func tagSentence(before start: Int) -> (cue: Range<Int>, phrase: Range<Int>)? {
        guard start > 0, tokens[start - 1].kind == .terminator else { return nil }
        let sentence = sentenceStart(start - 1)
        // "Souders said in a statement.": the verb, not the medium after it.
        guard let cue = cues(startingIn: sentence..<max(sentence, start)).last(where: { cues[$0].tokens.upperBound < start && cues[$0].entry.role != .medium }),
            cues[cue].entry.role == .speech || cues[cue].entry.role == .address,
            tokens[sentence..<start].allSatisfy({ $0.quotation < 0 }),
            endsTag(after: cues[cue].tokens.upperBound, ceiling: start - 1, role: cues[cue].entry.role),
            case let .phrase(phrase) = subject(before: cues[cue].tokens.lowerBound, floor: sentence, form: cues[cue].entry.form)
        else { return nil }
        return (cues[cue].tokens, phrase)
    }

    /// Whether the paragraph is quotations and nothing else but signs between them.
    var isOnlyQuotations: Bool {
        guard let first = quotations.first, first.open == 0 else { return false }
        var index = 0
        for quotation in quotations {
            guard (index..<quotation.open).allSatisfy({ !tokens[$0].isWord }) else { return false }
            index = quotation.after(tokens.count)
        }
        return (index..<tokens.count).allSatisfy { !tokens[$0].isWord }
    }

    /// Whether the quotation closing at `close` ends its sentence inside its marks (“….” Then a new sentence.).
    private func endsItsSentence(_ close: Int) -> Bool {
        close > 0 && tokens[close - 1].kind == .terminator && close + 1 < tokens.count && tokens[close + 1].isWord && tokens[close + 1].isCapitalized
    }

    /// Whether nothing stands between `floor` and the quotation opening at `open` in its sentence.
    private func isBare(before open: Int, floor: Int) -> Bool {
        max(floor, sentenceStart(open)) >= open
    }

    /// The words between a quotation's marks.
    private func words(in quotation: Quotation) -> Int {
        (quotation.open..<quotation.after(tokens.count)).filter { tokens[$0].isWord }.count
    }

    /// Whether only signs follow the mark at `close` up to the end of its sentence.
    private func isBare(after close: Int) -> Bool {
        let end = clauseEnd(from: close + 1)
        return ((close + 1)..<end).allSatisfy { tokens[$0].kind != .word }
    }
}

/// What the next paragraph needs to know of the one before.
struct ParagraphSummary {
    /// How a paragraph ends, for a quotation that opens the next one with no tag of its own.
    enum Ending {
        /// With a quotation and its tag ("“…,” Cruz said."): the next quotation is likely more of it.
        case quote
        /// With a lead-in ("Cruz continued:").
        case leadIn
        /// With a sentence that reports ("Carter said that…", "Howard continued his remarks."): a
        /// paragraph that is one bare quotation is likely the same speaker's.
        case statement
    }

    var ending: Ending?
    /// The paragraph ends inside a quotation.
    var leftQuoteOpen = false
    /// The sources of the quotation or lead-in it ends with, and the words that name them.
    var sources: [AttributionSource] = []
    var sourceRange: ByteRange?
    var cue: ByteRange?
}
