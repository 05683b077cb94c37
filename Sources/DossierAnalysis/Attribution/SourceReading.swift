import DossierSyntax

/// What is known of a source's gender, from pronouns, titles and first names.
enum Gender: UInt8, Sendable {
    case unknown, female, male
}

/// A source phrase read: sources it names outright, or a pronoun or definite description to resolve.
enum SourceReading {
    /// Actors, names or unnamed descriptions named outright (several when coordinated: "Durbin and Graham").
    case named([AttributionSource], traits: ReferentTraits)
    /// he, she, they, it, I, we.
    case pronoun(ReferentTraits)
    /// "the senator", "the spokesman", "the letter": points back to an earlier referent with a compatible head.
    case definite(head: String, text: String, traits: ReferentTraits)
}

/// What a referent is, for matching pronouns and descriptions to it.
struct ReferentTraits: Sendable {
    /// True for a person, false for an organisation or a thing, nil when unknown.
    var person: Bool?
    var gender: Gender = .unknown
    var plural = false
    /// Lower-cased words that describe it ("senator", "spokeswoman", "campaign"), for definite descriptions.
    var words: [String] = []
}

extension ParagraphAnalysis {
    /// Reads the source phrase `phrase`.
    func read(_ phrase: Range<Int>, _ context: AttributionContext) -> SourceReading {
        // Coordinated names: "Durbin and Graham", "A, B and C".
        let parts = splitCoordination(phrase)
        if parts.count > 1 {
            var sources: [AttributionSource] = []
            var traits = ReferentTraits(person: true, plural: true)
            for part in parts {
                if case let .named(found, partTraits) = read(part, context) {
                    sources += found
                    traits.words += partTraits.words
                }
            }
            if !sources.isEmpty { return .named(sources, traits: traits) }
        }
        if phrase.count == 1, tokens[phrase.lowerBound].isWord {
            let classes = tokens[phrase.lowerBound].classes
            if classes.contains(.personPronoun) {
                let gender: Gender = classes.contains(.female) ? .female : classes.contains(.male) ? .male : .unknown
                let text = word(phrase.lowerBound)
                return .pronoun(ReferentTraits(person: text == "we" ? nil : true, gender: gender, plural: text == "we"))
            }
            if classes.contains(.pluralPronoun) { return .pronoun(ReferentTraits(person: nil, plural: true)) }
            if classes.contains(.thingPronoun) { return .pronoun(ReferentTraits(person: false)) }
        }
        // "Trump’s tweet", "the senators’ letter": a document stands for its owner.
        var head = phrase
        if let possessive = phrase.last(where: { tokens[$0].kind == .possessive }), possessive > phrase.lowerBound {
            let rest = (possessive + 1)..<phrase.upperBound
            if !rest.isEmpty, let last = rest.last, tokens[last].classes.contains(.documentNoun), !tokens[last].isCapitalized {
                return read(phrase.lowerBound..<possessive, context)
            }
            if !rest.isEmpty { head = rest }
        }
        if let name = nameRun(head) {
            if let entity = entity(in: name.tokens, context) {
                return .named([.actor(entity.actor)], traits: traits(ofActor: entity.actor, phrase, context))
            }
            if let text = name.text {
                var traits = self.traits(of: phrase, context)
                if traits.person == nil, name.isOrganisation { traits.person = false }
                return .named([.name(text)], traits: traits)
            }
        }
        if let entity = entity(in: head, context), entity.tokens.upperBound == head.upperBound {
            return .named([.actor(entity.actor)], traits: traits(ofActor: entity.actor, phrase, context))
        }
        let text = self.text(phrase, context.bytes)
        let traits = self.traits(of: phrase, context)
        let first = tokens[phrase.lowerBound]
        if first.isWord, first.classes.contains(.definite), let headWord = headNoun(phrase) {
            return .definite(head: headWord, text: text, traits: traits)
        }
        return .named([.description(text)], traits: traits)
    }

    /// The parts of "A and B", "A, B and C" when every part is a name.
    private func splitCoordination(_ phrase: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = phrase.lowerBound
        for index in phrase {
            let token = tokens[index]
            if token.kind == .comma || (token.isWord && isWord(index, "and")) {
                if index > start { parts.append(start..<index) }
                start = index + 1
            }
        }
        if start < phrase.upperBound { parts.append(start..<phrase.upperBound) }
        guard parts.count > 1, parts.allSatisfy({ isNameLike($0.lowerBound) }) else { return [phrase] }
        return parts
    }

    /// The trailing run of capitalised words of `range` that names someone, titles left out of its text.
    private func nameRun(_ range: Range<Int>) -> (tokens: Range<Int>, text: String?, isOrganisation: Bool)? {
        var start = range.upperBound
        while start > range.lowerBound {
            let token = tokens[start - 1]
            let particle = token.isWord && token.classes.contains(.nameParticle) && !token.isCapitalized && start < range.upperBound
            guard token.isWord, token.isCapitalized || token.flags.contains(.mention) || particle || token.flags.contains(.numeric) && start < range.upperBound
            else { break }
            start -= 1
        }
        guard start < range.upperBound else { return nil }
        // "Secretary of Defense Lloyd Austin" continues over "of" when all before it is a title.
        var preposition = start - 1
        if preposition > range.lowerBound, tokens[preposition].isWord, tokens[preposition].classes.contains(.determiner) { preposition -= 1 }
        if preposition > range.lowerBound, tokens[preposition].isWord, tokens[preposition].classes.contains(.preposition) {
            let before = range.lowerBound..<preposition
            if isWord(preposition, "of"),
                before.allSatisfy({ tokens[$0].isWord && (tokens[$0].classes.contains(.title) || tokens[$0].classes.contains(.determiner)) })
            {
                start = range.lowerBound
            } else if before.contains(where: { tokens[$0].isWord && !tokens[$0].isCapitalized && !tokens[$0].classes.contains(.determiner) }) {
                // "the head of the ICC", "a Dutch analyst from Utrecht": the head is before the preposition.
                return nil
            }
        }
        let run = start..<range.upperBound
        let last = tokens[run.upperBound - 1]
        let isOrganisation = last.classes.contains(.outletWord) || last.classes.contains(.groupNoun)
        // The words that are not titles, in order.
        var first = run.lowerBound
        if !isOrganisation {
            while first < run.upperBound, tokens[first].isWord,
                tokens[first].classes.contains(.title) || tokens[first].classes.contains(.determiner) || isWord(first, "of")
            {
                first += 1
            }
        } else if tokens[first].classes.contains(.determiner), !tokens[first].isCapitalized {
            first += 1
        }
        guard first < run.upperBound else { return (run, nil, isOrganisation) }
        // A lone capitalised word at a sentence's start that the lists know as a common noun ("Officials") is no name.
        if run.count == 1, startsSentence(run.lowerBound),
            !last.classes.intersection([.personNoun, .pluralNoun, .groupNoun, .determiner, .notASource]).isEmpty
        {
            return nil
        }
        if last.classes.contains(.notASource) { return nil }
        var text = self.text(first..<run.upperBound, bytes)
        if last.flags.contains(.allCaps), run.count <= 3, !isOrganisation, text.count > 4 { text = titleCased(text) }
        return (first..<run.upperBound, text, isOrganisation)
    }

    /// "DURBIN" → "Durbin": a transcript label written as a name.
    private func titleCased(_ text: String) -> String {
        text.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    /// The actor named by `range`: the entity that ends where the range ends, else the last one inside it.
    func entity(in range: Range<Int>, _ context: AttributionContext) -> NamedEntity? {
        var found: NamedEntity?
        for entity in entities(overlapping: range) {
            if entity.tokens.contains(range.upperBound - 1) { return entity }
            found = entity
        }
        if found == nil, range.count <= 3, tokens[range.upperBound - 1].flags.contains(.allCaps) {
            // A transcript label ("DURBIN:") written in capitals.
            let text = self.text(range, bytes)
            if let actor = context.actor(namedIgnoringCase: text) { return NamedEntity(tokens: range, actor: actor) }
        }
        return found
    }

    /// The lower-cased head noun of a description: its last word before a preposition or a comma.
    func headNoun(_ phrase: Range<Int>) -> String? {
        var head: Int?
        for index in phrase {
            let token = tokens[index]
            if token.isWord, token.classes.contains(.preposition) { break }
            if token.isWord, !token.classes.contains(.determiner) || token.classes.contains(.personNoun) { head = index }
        }
        return head.map { word($0) }
    }

    /// What the words of `phrase` say about who it is.
    func traits(of phrase: Range<Int>, _ context: AttributionContext) -> ReferentTraits {
        var traits = ReferentTraits()
        for index in phrase where tokens[index].isWord {
            let classes = tokens[index].classes
            let text = word(index)
            if classes.contains(.female) { traits.gender = .female }
            if classes.contains(.male), traits.gender == .unknown { traits.gender = .male }
            if classes.contains(.personNoun) || classes.contains(.title) { traits.person = true }
            if classes.contains(.pluralNoun) { traits.plural = true }
            if classes.contains(.groupNoun) || classes.contains(.outletWord) || classes.contains(.documentNoun), !classes.contains(.personNoun) {
                if index == phrase.upperBound - 1 { traits.person = false }
            }
            traits.words.append(text)
        }
        if let last = phrase.last, tokens[last].isWord, tokens[last].classes.contains(.personNoun) { traits.person = true }
        // A first name known to be a woman's makes the name a woman's.
        return traits
    }

    /// The traits of actor `id`, with those of the phrase that names it.
    func traits(ofActor id: String, _ phrase: Range<Int>, _ context: AttributionContext) -> ReferentTraits {
        var traits = self.traits(of: phrase, context)
        if let actor = context.facts(ofActor: id) {
            traits.person = actor.person
            traits.plural = actor.group
            traits.words += actor.roleWords
            if traits.gender == .unknown, actor.female { traits.gender = .female }
        }
        return traits
    }
}

extension WordClass {
    /// Whether `word` (lower-cased) is one of the women's first names the lists know.
    static func isFemaleName(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            of(buffer, ByteRange(0, buffer.count)).contains(WordClass.female)
        }
    }
}
