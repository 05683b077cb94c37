import DossierSyntax

/// What stands before a cue where its subject should be.
enum SubjectLookup {
    /// The subject's tokens.
    case phrase(Range<Int>)
    /// The cue is a passive participle ("was told"): its subject is not the source.
    case passive
    /// No subject right before the cue, but a comma or "and" before it: a participle clause or a
    /// second verb, whose subject is the sentence's ("…, telling the Examiner", "… and said").
    case sharesSubject
    case none
}

extension ParagraphAnalysis {
    /// The words that can be part of a source's noun phrase.
    func isPhraseWord(_ index: Int) -> Bool {
        let token = tokens[index]
        if token.kind == .possessive { return true }
        guard token.isWord, token.quotation < 0 else { return false }
        if token.flags.contains(.mention) || token.flags.contains(.numeric) { return true }
        let classes = token.classes
        let pronoun = classes.contains(.personPronoun) || classes.contains(.pluralPronoun) || classes.contains(.thingPronoun)
        // "that" introduces a clause far more often than it points at a noun.
        if classes.contains(.relative), !classes.contains(.personNoun), !pronoun { return false }
        if token.isCapitalized {
            // A capitalised function word starts a sentence; it is not a name, unless a name follows ("Will Doyle").
            if classes.contains(.determiner) || pronoun || classes.contains(.title) { return true }
            return !classes.contains(.clauseBoundary) && !classes.contains(.adverb) && !classes.contains(.auxiliary)
                && !classes.contains(.preposition) || startsName(index) || isNameBeforeAPastCue(index)
        }
        if classes.contains(.determiner) || classes.contains(.possessive) || pronoun { return true }
        if classes.contains(.clauseBoundary) || classes.contains(.auxiliary) || classes.contains(.preposition) || classes.contains(.adverb) {
            return false
        }
        return cue(startingAt: index) == nil
    }

    /// Whether the word at `index` is a verb of a clause before the phrase that ends to its right,
    /// so that the phrase stops there going leftwards ("his campaign sent out a message" stops at
    /// "sent"; "this Trump look-alike" does not stop at "look-alike").
    func breaksLeftwards(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord, !token.isCapitalized, index > 0, tokens[index - 1].isWord else { return false }
        let previous = tokens[index - 1]
        if previous.classes.contains(.personPronoun) || previous.classes.contains(.pluralPronoun) { return true }
        if previous.isCapitalized { return hasSuffix(index, "ed") && !isKnownNoun(index) }
        return readsAsVerb(index)
    }

    /// Whether a time opens at `index`: "Tuesday", "yesterday", "last week" (but not "this" alone).
    func isTime(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord, token.classes.contains(.temporal) else { return false }
        if token.classes.isDisjoint(with: [.determiner, .preposition, .auxiliary]) { return true }
        return index + 1 < tokens.count && tokens[index + 1].isWord && tokens[index + 1].classes.contains(.temporal)
            && tokens[index + 1].classes.isDisjoint(with: [.determiner, .preposition])
    }

    /// A known noun of a description: "spokeswoman", "campaign", "officials", "letter", "former".
    func isKnownNoun(_ index: Int) -> Bool {
        !tokens[index].classes.intersection([.personNoun, .pluralNoun, .groupNoun, .title, .documentNoun]).isEmpty
    }

    /// Whether the lower-case word at `index` reads as a verb after the word before it: any word but
    /// a known noun after a name or a pronoun ("Trump went", "He echoed"), a word in -ed or -ing
    /// after a noun ("the campaign issued").
    func readsAsVerb(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord, !token.isCapitalized, index > 0 else { return false }
        let classes = token.classes
        if classes.contains(.determiner) || classes.contains(.possessive) { return false }
        let previous = tokens[index - 1]
        if previous.kind == .possessive { return false }
        guard previous.isWord else { return false }
        let verbLike = hasSuffix(index, "ed") || hasSuffix(index, "ing")
        // "Senate leadership aide", "former bank executive Lena Hart": a modifier before a noun or a name.
        if !verbLike, index + 1 < tokens.count, tokens[index + 1].isWord, isKnownNoun(index + 1) || isNameLike(index + 1),
            cue(startingAt: index + 1) == nil
        {
            return false
        }
        if isNameLike(index - 1) || previous.classes.contains(.personPronoun) || previous.classes.contains(.pluralPronoun)
            || previous.classes.contains(.thingPronoun)
        {
            return !isKnownNoun(index) || verbLike && !classes.contains(.personNoun)
        }
        if verbLike { return !isKnownNoun(index) && !previous.classes.contains(.determiner) }
        // "The billionaire businessman began", "the senator sought": a word that is no noun after a
        // person's role is a verb, though not in -ed (a modifier before a noun was ruled out above).
        return !previous.isCapitalized && !previous.classes.isDisjoint(with: [.personNoun, .title]) && !previous.classes.contains(.determiner)
            && !isKnownNoun(index) && classes.isDisjoint(with: [.preposition, .adverb, .auxiliary, .clauseBoundary, .temporal, .title])
            && !hasSuffix(index, "s")
    }

    /// "“…,” Will wrote.": a capitalised auxiliary right before a reporting verb in the past is a name (a
    /// modal never comes before a past form).
    func isNameBeforeAPastCue(_ index: Int) -> Bool {
        guard tokens[index].classes.contains(.auxiliary), index + 1 < tokens.count, let cue = cue(startingAt: index + 1) else { return false }
        return cues[cue].entry.form == .past
    }

    /// Whether a phrase may start at `index`: a determiner, a name, a pronoun, a number, a known noun.
    func isPhraseStart(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord else { return false }
        if token.isCapitalized || token.flags.contains(.mention) || token.flags.contains(.numeric) { return true }
        let classes = token.classes
        return !classes.intersection([.determiner, .possessive, .personPronoun, .pluralPronoun, .thingPronoun, .personNoun, .pluralNoun, .groupNoun, .title]).isEmpty
    }

    /// Skips, leftwards from `index`, what may stand between a subject and its verb: adverbs,
    /// auxiliaries, time phrases ("on Tuesday", "last week"), a parenthesis, ", however,".
    /// Returns the index of the first token that is none of these, and whether a form of "be" was skipped last.
    func skipBackOverModifiers(from index: Int, floor: Int) -> (index: Int, afterBe: Bool) {
        var index = index
        var afterBe = false
        var first = true
        // A subject is near its verb: past at most a dozen modifiers.
        let floor = max(floor, index - 12)
        while index >= floor {
            let token = tokens[index]
            if token.kind == .closeParen {
                let before = beforeParenthesis(index, floor: floor)
                guard before != index else { break }
                index = before
                continue
            }
            if token.kind == .possessive, first {
                // "he’s said": the contraction of "has".
                index -= 1
                first = false
                continue
            }
            guard token.isWord, !token.flags.contains(.mention) else { break }
            let classes = token.classes
            // "Trump Just Announced" in a headline: a capitalised adverb too.
            let name = token.isCapitalized && classes.contains(.auxiliary) && isNameBeforeAPastCue(index)
            if !name, classes.contains(.auxiliary) || (classes.contains(.adverb) && (!token.isCapitalized || isHeadline && !startsSentence(index))) {
                if first { afterBe = classes.contains(.be) }
                index -= 1
                first = false
                continue
            }
            if classes.contains(.temporal), token.isCapitalized || !classes.contains(.preposition) {
                // "on Tuesday", "last week", "earlier this month".
                var start = index - 1
                while start >= floor, tokens[start].isWord, tokens[start].classes.contains(.temporal) || tokens[start].classes.contains(.preposition),
                    !tokens[start].isCapitalized || tokens[start].classes.contains(.temporal)
                {
                    start -= 1
                }
                if start < index - 1 || token.isCapitalized || classes.contains(.adverb) {
                    index = start
                    first = false
                    continue
                }
            }
            // "A court filing released Thursday says": a participle between a description and its time.
            if index + 1 < tokens.count, tokens[index + 1].isWord, tokens[index + 1].classes.contains(.temporal), !token.isCapitalized,
                hasSuffix(index, "ed"), index > floor, isKnownNoun(index - 1)
            {
                index -= 1
                continue
            }
            break
        }
        return (index, afterBe)
    }

    /// Whether `phrase` can be the subject of `entry`: "read" takes only a text ("the statement read").
    func accepts(_ phrase: Range<Int>, for entry: CueEntry) -> Bool {
        guard entry.needsTextSubject, let last = phrase.last else { return true }
        return tokens[last].classes.contains(.documentNoun) || tokens[last].classes.contains(.thingPronoun)
    }

    /// The subject before the cue whose first token is `cue`, not looking before `floor`.
    func subject(before cue: Int, floor: Int, form: Inflection.Form) -> SubjectLookup {
        let (end, afterBe) = skipBackOverModifiers(from: cue - 1, floor: floor)
        if afterBe, form == .past { return .passive }
        // "…, telling the Examiner", "an email to members asking": a participle takes the
        // sentence's subject; "he is saying" is a progressive (the auxiliary was skipped above).
        if form == .gerund, !afterBe, end == cue - 1 || end < floor || tokens[end].kind == .comma {
            let pronoun = end >= floor && tokens[end].isWord && (tokens[end].classes.contains(.personPronoun) || tokens[end].classes.contains(.pluralPronoun))
            if !pronoun { return .sharesSubject }
        }
        guard end >= floor else { return .none }
        let token = tokens[end]
        if token.kind == .comma {
            if let apposed = subjectBeforeApposition(comma: end, floor: floor) { return .phrase(apposed) }
            return .sharesSubject
        }
        // "A former mayor -- Lena Hart, who lost in 2019 -- said": the phrase before an apposition between dashes.
        if token.kind == .dash {
            var open = end - 1
            while open > floor, end - open < 30, tokens[open].kind != .dash, tokens[open].kind != .terminator { open -= 1 }
            guard open > floor, tokens[open].kind == .dash, let phrase = phrase(endingAt: open - 1, floor: floor) else { return .none }
            // "A former mayor -- Lena Hart, who lost -- said": the name in apposition to a description.
            var nameEnd = open + 1
            while nameEnd < end, isNameLike(nameEnd) { nameEnd += 1 }
            if !isNameLike(phrase.lowerBound), nameEnd - open > 2, nameEnd == end || tokens[nameEnd].kind == .comma { return .phrase((open + 1)..<nameEnd) }
            return .phrase(coordinated(phrase, floor: floor))
        }
        // "took to Twitter to say", "used the debate to argue": the infinitive's subject is the sentence's.
        if token.isWord, form == .base, isWord(end, "to") { return .sharesSubject }
        if token.isWord, token.classes.contains(.relative), !token.isCapitalized {
            // "Durbin, who said…", "a letter that said…": the phrase before the relative pronoun.
            var before = end - 1
            if before >= floor, tokens[before].kind == .comma || tokens[before].kind == .dash { before -= 1 }
            guard let phrase = phrase(endingAt: before, floor: floor) else { return .none }
            return .phrase(coordinated(phrase, floor: floor))
        }
        if token.isWord, token.classes.contains(.clauseBoundary), !isPhraseWord(end) {
            // "and said", "but added": a second verb of the sentence's subject.
            return isWord(end, "and") || isWord(end, "but") || isWord(end, "or") ? .sharesSubject : .none
        }
        guard let phrase = phrase(endingAt: end, floor: floor) else { return .none }
        return .phrase(coordinated(phrase, floor: floor))
    }

    /// A noun phrase that ends at `end` (included), at most ten tokens, starting where a phrase may start.
    func phrase(endingAt end: Int, floor: Int) -> Range<Int>? {
        guard end >= floor, isPhraseWord(end) else { return nil }
        var start = end
        while start > floor, end - start < 14 {
            let previous = start - 1
            if isPhraseWord(previous), !breaksLeftwards(start) {
                start = previous
                continue
            }
            // "a spokeswoman for the court", "Secretary of Defense Lloyd Austin", "people close to Durbin".
            let token = tokens[previous]
            if token.isWord, token.classes.contains(.preposition), previous > floor, isPhraseWord(previous - 1) {
                let before = tokens[previous - 1]
                let nounBefore = before.isCapitalized || !before.classes.intersection([.personNoun, .pluralNoun, .groupNoun, .title]).isEmpty
                    || (previous - 2 >= floor && tokens[previous - 2].isWord && tokens[previous - 2].classes.contains(.determiner))
                let closeTo = before.isWord && (isWord(previous - 1, "close") || isWord(previous - 1, "familiar"))
                if nounBefore || closeTo {
                    start = closeTo ? previous - 1 : previous
                    if closeTo { start = max(floor, previous - 1) }
                    continue
                }
            }
            break
        }
        // Trim from the left to a token a phrase may start with.
        while start <= end, !isPhraseStart(start) || tokens[start].kind == .possessive { start += 1 }
        guard start <= end else { return nil }
        // A phrase does not end with a determiner or a possessive determiner alone ("his").
        let last = tokens[end]
        if last.isWord, last.classes.contains(.determiner), !last.isCapitalized, !last.classes.contains(.personPronoun), !isPeopleByNumber(endingAt: end) {
            return nil
        }
        if last.isWord, last.classes.contains(.notASource), start == end { return nil }
        return start..<(end + 1)
    }

    /// "Durbin, a Democrat, said", "Ana Ruiz, 41, of Tulsa, Okla., who was asked, said": the
    /// phrase before the appositions that end with the comma at `comma`. "the committee chairman,
    /// Dick Durbin, wrote": a name in apposition to a description is the subject.
    func subjectBeforeApposition(comma: Int, floor: Int) -> Range<Int>? {
        var closing = comma
        var appositions: [Range<Int>] = []
        while appositions.count < 5 {
            var open = closing - 1
            while open >= floor, tokens[open].kind != .comma {
                if tokens[open].kind == .terminator || tokens[open].kind == .colon || tokens[open].kind == .semicolon || tokens[open].quotation >= 0 {
                    return nil
                }
                open -= 1
            }
            let segment = (open + 1)..<closing
            guard !segment.isEmpty, segment.count <= 25, tokens[segment.lowerBound].isWord else { return nil }
            // A name after an apposition is the subject's ("a spokesman, Dick Durbin, said"), but not a state or a
            // party and state, which read as names ("Ana Ruiz, 41, of Tulsa, Okla., said"; "Graham, R-S.C., said").
            let placeOrParty = segment.count == 1 && (isPartyAndState(segment.lowerBound) || rawWord(segment.lowerBound).hasSuffix("."))
            // A name with its party and state ("Gov. Ann Ruiz (R-OH), said") is the subject, never an apposition.
            let partyAfterName = segment.count >= 4 && tokens[closing - 1].kind == .closeParen && isPartyAndState(closing - 2)
            if open < floor || !isApposition(segment) || partyAfterName || (isNameRun(segment) && !appositions.isEmpty && !placeOrParty) {
                // The subject's segment.
                // "Rep. Ana Ruiz (D-Ill.), a committee member, said", "Gov. Ann Ruiz (R-OH), said": the party and state stay out.
                let parenthesis = tokens[closing - 1].kind == .closeParen
                // "Lena Hart of the Tenants Union in Tulsa, said": a name and where it is from.
                if appositions.isEmpty, !parenthesis, let name = leadingName(of: segment), name != segment { return name }
                guard !appositions.isEmpty || parenthesis,
                    let subject = phrase(endingAt: beforeParenthesis(closing - 1, floor: max(floor, open + 1)), floor: max(floor, open + 1))
                else { return nil }
                // "One organizer, Lena Hart of the Tenants Union, said": the name that opens the last apposition.
                if let apposition = appositions.last, !isNameLike(subject.lowerBound), let name = leadingName(of: apposition) { return name }
                return coordinated(subject, floor: floor)
            }
            appositions.append(segment)
            closing = open
        }
        return nil
    }

    /// The whole of `segment` when it is a name, or the name that opens it before "of", "from" or "at"
    /// ("Lena Hart of the Tenants Union"); else nil.
    func leadingName(of segment: Range<Int>) -> Range<Int>? {
        if isNameRun(segment) { return segment }
        var end = segment.lowerBound
        while end < segment.upperBound, isNameLike(end) { end += 1 }
        guard end - segment.lowerBound >= 2, end < segment.upperBound,
            isWord(end, "of") || isWord(end, "from") || isWord(end, "at")
        else { return nil }
        return segment.lowerBound..<end
    }

    /// The token before a short parenthesis ending at `end`, else `end`.
    func beforeParenthesis(_ end: Int, floor: Int) -> Int {
        guard end > floor, tokens[end].kind == .closeParen else { return end }
        var open = end - 1
        while open > floor, end - open < 8, tokens[open].kind != .openParen { open -= 1 }
        return tokens[open].kind == .openParen ? open - 1 : end
    }

    /// Whether the cue starting at `cue` is the verb of a relative clause ("Cruz, who has proposed…",
    /// "said Ruiz, who believes…"): a relative pronoun before it, past auxiliaries and adverbs, not before `floor`.
    func isInRelativeClause(cue: Int, floor: Int) -> Bool {
        var before = cue - 1
        while before > floor, tokens[before].isWord, tokens[before].classes.contains(.auxiliary) || tokens[before].classes.contains(.adverb) {
            before -= 1
        }
        return before >= floor && tokens[before].isWord && !tokens[before].isCapitalized
            && (tokens[before].classes.contains(.relative) || isWord(before, "whose"))
    }

    /// Whether a segment between commas reads as an apposition: a description ("a Democrat",
    /// "the chief of staff"), a relative clause ("who was among those asked"), an age, a place
    /// ("of Tulsa", "Okla."), a party and state ("D-Ill."), a role ("housing policy director at…").
    func isApposition(_ segment: Range<Int>) -> Bool {
        let first = tokens[segment.lowerBound]
        let classes = first.classes
        if classes.contains(.relative), !first.isCapitalized { return true }
        // No reporting verb, and no verb of a clause of its own ("Trump, meanwhile, said" aside) but
        // in a relative clause ("a candidate who has made farm aid his cause").
        var inRelativeClause = false
        for index in segment {
            if cue(startingAt: index) != nil { return false }
            let token = tokens[index]
            if token.isWord, token.classes.contains(.relative), !token.isCapitalized, index > segment.lowerBound { inRelativeClause = true }
            if token.isWord, token.classes.contains(.auxiliary), !token.classes.contains(.temporal), !inRelativeClause { return false }
            if token.isWord, token.classes.contains(.personPronoun) || token.classes.contains(.pluralPronoun) { return false }
        }
        // "after a short silence", "before the vote": a time with no clause of its own (pronouns and auxiliaries were refused above).
        let timePhrase = isWord(segment.lowerBound, "after") || isWord(segment.lowerBound, "before")
        if classes.contains(.determiner) || first.flags.contains(.numeric) || classes.contains(.title) || classes.contains(.personNoun)
            || classes.contains(.adverb) || classes.contains(.preposition) || isPartyAndState(segment.lowerBound) || timePhrase
        {
            return true
        }
        // "N.C.", "Calif.": a state after a city.
        if segment.count == 1, first.isCapitalized, rawWord(segment.lowerBound).hasSuffix(".") { return true }
        // "the committee chairman, Dick Durbin, wrote", "Durbin's chief of staff, Pat Souders,
        // said": a name after a description is the subject.
        if first.isCapitalized, isNameRun(segment), let before = open(before: segment) {
            let descriptionBefore = tokens[before].isWord && tokens[before].classes.contains(.determiner)
                || isKnownNoun(segment.lowerBound - 2)
            if descriptionBefore { return true }
        }
        // "Durbin' press aide", "the court’s director of communications": a role.
        if first.isCapitalized, !isNameRun(segment), segment.contains(where: { tokens[$0].classes.contains(.personNoun) || tokens[$0].classes.contains(.title) && !tokens[$0].isCapitalized }) {
            return true
        }
        if first.isCapitalized { return isTitleRun(segment) }
        // A role in lower case: "housing policy director at the tenants union".
        return segment.contains { isKnownNoun($0) }
    }

    /// The first token of the comma-separated segment before `segment` in its sentence.
    private func open(before segment: Range<Int>) -> Int? {
        guard segment.lowerBound >= 2, tokens[segment.lowerBound - 1].kind == .comma else { return nil }
        var index = segment.lowerBound - 2
        let sentence = sentenceStart(segment.lowerBound)
        while index > sentence, tokens[index - 1].kind != .comma { index -= 1 }
        return index
    }

    /// Whether `range` is capitalised words (a name) and nothing else.
    func isNameRun(_ range: Range<Int>) -> Bool {
        range.allSatisfy { isNameLike($0) || (tokens[$0].isWord && tokens[$0].classes.contains(.nameParticle)) }
    }

    /// "D-Ill.", "R-S.C.": a party and a state.
    private func isPartyAndState(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord, token.range.length >= 3 else { return false }
        let text = rawWord(index)
        guard let first = text.first, "DRI".contains(first), text.dropFirst().first == "-" else { return false }
        return true
    }

    /// Whether every word of `range` is a capitalised title or name word of an apposition such as
    /// "Republican of South Carolina" or "Democrat of Illinois".
    private func isTitleRun(_ range: Range<Int>) -> Bool {
        guard let first = range.first, tokens[first].classes.contains(.title) else { return false }
        return range.allSatisfy { tokens[$0].isWord }
    }

    /// Extends `phrase` leftwards over "A and B" / "A, B and C" when its neighbours are names too.
    func coordinated(_ phrase: Range<Int>, floor: Int) -> Range<Int> {
        var start = phrase.lowerBound
        // "A and B", then "C, " before them: a list ends with "and".
        guard start - 2 >= floor, tokens[start - 1].isWord, isWord(start - 1, "and") else { return phrase }
        while start - 2 >= floor {
            let joiner = tokens[start - 1]
            let isAnd = joiner.isWord && isWord(start - 1, "and")
            guard isAnd || joiner.kind == .comma, isNameLike(start), isNameLike(start - 2) else { break }
            guard let previous = self.phrase(endingAt: start - 2, floor: floor), isNameLike(previous.lowerBound),
                isAnd || isNameRun(previous) || previous.allSatisfy({ tokens[$0].kind == .possessive || isNameLike($0) || tokens[$0].classes.contains(.title) })
            else { break }
            start = previous.lowerBound
        }
        return start..<phrase.upperBound
    }

    /// A capitalised word that may belong to a name, or a mention.
    func isNameLike(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord else { return false }
        if token.flags.contains(.mention) { return true }
        guard token.isCapitalized else { return false }
        let classes = token.classes
        return classes.intersection([.determiner, .clauseBoundary, .adverb, .auxiliary, .preposition, .personPronoun, .pluralPronoun, .thingPronoun, .notASource]).isEmpty
            || startsName(index)
    }

    /// A capitalised function word followed by a capitalised word that is no function word: a first name ("Will Doyle", "May Stevens").
    private func startsName(_ index: Int) -> Bool {
        guard index + 1 < tokens.count, tokens[index].isCapitalized,
            tokens[index].classes.isDisjoint(with: [.personPronoun, .preposition, .clauseBoundary, .determiner, .pluralPronoun, .thingPronoun])
        else { return false }
        let next = tokens[index + 1]
        return next.isWord && next.isCapitalized && next.flags.contains(.spaceBefore)
            && next.classes.intersection([.determiner, .clauseBoundary, .adverb, .auxiliary, .preposition, .personPronoun, .pluralPronoun, .thingPronoun, .notASource]).isEmpty
    }

    /// The noun phrase that starts at `start` (inversion "said Trump", "according to the Times"), up
    /// to `ceiling`: phrase words, and "of"/"for"/"at" followed by more of them.
    func phrase(startingAt start: Int, ceiling: Int) -> Range<Int>? {
        guard start < ceiling, isPhraseWord(start), isPhraseStart(start) else { return nil }
        // A pronoun is a phrase of its own.
        if tokens[start].classes.contains(.personPronoun) || tokens[start].classes.contains(.pluralPronoun)
            || tokens[start].classes.contains(.thingPronoun), !tokens[start].classes.contains(.possessive)
        {
            return start..<(start + 1)
        }
        var end = start + 1
        while end < ceiling, end - start < 14 {
            let token = tokens[end]
            let afterPreposition = tokens[end - 1].isWord && tokens[end - 1].classes.contains(.preposition)
            if isPhraseWord(end), !readsAsVerb(end) || afterPreposition,
                !(token.classes.contains(.determiner) && !token.classes.contains(.possessive) && tokens[end - 1].kind != .possessive
                    && !token.isCapitalized && !afterPreposition)
            {
                end += 1
                continue
            }
            // "the recently court-released playbook": an adverb inside the phrase.
            if token.isWord, token.classes.contains(.adverb), !token.isCapitalized, end + 1 < ceiling, isPhraseWord(end + 1),
                tokens[end - 1].isWord, tokens[end - 1].classes.contains(.determiner)
            {
                end += 1
                continue
            }
            if token.isWord, token.classes.contains(.preposition), end + 1 < ceiling, isPhraseWord(end + 1), isKnownNoun(end - 1) || tokens[end - 1].isCapitalized {
                if isWord(end, "of") || isWord(end, "for") || isWord(end, "at") || isWord(end, "from") {
                    end += 1
                    continue
                }
                // "a tally by the Tulsa Herald", "a column in Newsday": a text and who wrote it.
                if isWord(end, "by") || isWord(end, "in"), tokens[end - 1].classes.contains(.documentNoun),
                    isNameLike(end + 1) || end + 2 < ceiling && tokens[end + 1].classes.contains(.definite) && isNameLike(end + 2)
                {
                    end += 1
                    continue
                }
            }
            break
        }
        // Not ending with a preposition or a determiner ("Stu Rothenberg of").
        while end > start + 1, tokens[end - 1].isWord, tokens[end - 1].classes.contains(.preposition) || tokens[end - 1].classes.contains(.determiner)
            && !tokens[end - 1].isCapitalized && !tokens[end - 1].classes.contains(.personPronoun)
        {
            end -= 1
        }
        return start..<end
    }

    /// The subject after an inverted cue ("said Trump", "said undecided voter Stephanie Hooton"):
    /// a phrase, or lower-case words of a role before a name.
    func inverted(after start: Int, ceiling: Int) -> Range<Int>? {
        if let phrase = phrase(startingAt: start, ceiling: ceiling) { return phrase }
        var name = start
        while name < ceiling, name - start < 4, tokens[name].isWord, !tokens[name].isCapitalized, isPhraseWord(name) { name += 1 }
        guard name > start, name < ceiling, isNameLike(name), let rest = phrase(startingAt: name, ceiling: ceiling) else { return nil }
        return start..<rest.upperBound
    }

    /// The subject of a participle or a second verb ("Hart said, adding that…", "Austin expressed
    /// his concerns and said…"): the subject of the nearest cue before it in the sentence, else the sentence's.
    func sharedSubject(of cue: Int) -> Range<Int>? {
        let start = cues[cue].tokens.lowerBound
        let sentence = sentenceStart(start)
        for earlier in cues[..<cue].indices.reversed() where cues[earlier].tokens.lowerBound >= sentence {
            let entry = cues[earlier].entry
            guard entry.role != .accordingTo, entry.role != .medium else { continue }
            if case let .phrase(phrase) = subject(before: cues[earlier].tokens.lowerBound, floor: sentence, form: entry.form) { return phrase }
            // ", said Trump, adding…" (not ", celebrating a victory, is pledging…").
            if entry.form == .past || entry.form == .present, cues[earlier].tokens.lowerBound > sentence,
                tokens[cues[earlier].tokens.lowerBound - 1].kind == .comma,
                let phrase = inverted(after: cues[earlier].tokens.upperBound, ceiling: start)
            {
                return phrase
            }
        }
        return mainSubject(of: start, limit: start)
    }

    /// The subject of the sentence holding `token`: the phrase at the sentence's start, after an
    /// introduction ("In May,", "When pressed,") and before `limit`.
    func mainSubject(of token: Int, limit: Int) -> Range<Int>? {
        var start = sentenceStart(token)
        // Past quotations and their tags that open the sentence.
        while start < limit, tokens[start].quotation >= 0 { start += 1 }
        while start < limit, !tokens[start].isWord { start += 1 }
        // "BRUSSELS, May 3 (Wire) — Durbin’s aide…": past a dateline (capitalised words, numbers,
        // commas and parentheses before a dash).
        if start < limit, tokens[start].isWord, tokens[start].flags.contains(.allCaps) {
            var dash = start + 1
            while dash < limit, dash - start < 12, tokens[dash].kind != .dash,
                tokens[dash].isWord && (tokens[dash].isCapitalized || tokens[dash].flags.contains(.numeric)) || tokens[dash].kind == .comma
                    || tokens[dash].kind == .openParen || tokens[dash].kind == .closeParen
            {
                dash += 1
            }
            if dash + 1 < limit, tokens[dash].kind == .dash { start = dash + 1 }
        }
        // "But Sen. Durbin, noting…, said": a conjunction opening the sentence without a comma.
        if start + 1 < limit, isWord(start, "but") || isWord(start, "and") || isWord(start, "yet"), tokens[start + 1].kind != .comma {
            start += 1
        }
        // Past introductions: "In May,", "When pressed,", "Speaking to reporters,", "Later,".
        var introductions = 0
        while start < limit, introductions < 3, isIntroduction(start) {
            // "And then Ruiz turned…": a lone adverb before the subject, no comma.
            if start + 1 < limit, tokens[start].classes.contains(.adverb), !tokens[start].isCapitalized || isWord(start, "then"),
                isNameLike(start + 1) || tokens[start + 1].isWord && tokens[start + 1].classes.contains(.personPronoun)
            {
                start += 1
                break
            }
            var comma = start
            while comma < limit, comma - start < 40, tokens[comma].kind != .comma { comma += 1 }
            guard comma < limit else { return nil }
            start = comma + 1
            introductions += 1
        }
        guard start < limit, let phrase = phrase(startingAt: start, ceiling: limit) else { return nil }
        return phrase
    }

    /// Whether the word at `index` opens an introductory phrase rather than the subject.
    private func isIntroduction(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord else { return false }
        let classes = token.classes
        if classes.contains(.preposition) || classes.contains(.clauseBoundary) || classes.contains(.adverb) { return true }
        if classes.contains(.temporal), !classes.contains(.determiner) { return true }
        if hasSuffix(index, "ing") || (hasSuffix(index, "ed") && !token.isCapitalized) { return true }
        // "Shortly after…," "Immediately,": an adverb opening the sentence.
        if hasSuffix(index, "ly"), token.range.length > 4, startsSentence(index), index + 1 < tokens.count, !tokens[index + 1].isCapitalized {
            return true
        }
        if hasSuffix(index, "ed"), !isKnownNoun(index), entity(at: index) == nil, index + 1 < tokens.count, tokens[index + 1].isWord,
            !tokens[index + 1].isCapitalized
        {
            return true
        }
        return !isPhraseStart(index)
    }

    /// Whether the token at `index` is the lower-case ASCII word `text`, in any case (no string is made).
    func isWord(_ index: Int, _ text: StaticString) -> Bool {
        let token = tokens[index]
        guard token.isWord, token.range.length == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            for offset in 0..<expected.count where bytes[token.range.start + offset] | 0x20 != expected[offset] { return false }
            return true
        }
    }

    /// Whether the word at `index` ends with the lower-case ASCII `suffix` (no string is made).
    func hasSuffix(_ index: Int, _ suffix: StaticString) -> Bool {
        let range = tokens[index].range
        guard range.length > suffix.utf8CodeUnitCount else { return false }
        return suffix.withUTF8Buffer { expected in
            let start = range.end - expected.count
            for offset in 0..<expected.count where bytes[start + offset] != expected[offset] { return false }
            return true
        }
    }

    /// The lower-cased text of one token.
    func word(_ index: Int) -> String { rawWord(index).lowercased() }

    /// The text of one token as written.
    func rawWord(_ index: Int) -> String { bytes.string(in: tokens[index].range) }
}
