import DossierSyntax

/// What a word can be to the attribution patterns: pronoun, determiner, title, clause boundary…
/// A word may have several classes ("her" is a pronoun and a possessive determiner).
struct WordClass: OptionSet, Hashable, Sendable {
    let rawValue: UInt32

    /// he, she, I, we, you: a person speaking.
    static let personPronoun = WordClass(rawValue: 1 << 0)
    /// they: a group, or people named together.
    static let pluralPronoun = WordClass(rawValue: 1 << 1)
    /// it: an organisation or a document.
    static let thingPronoun = WordClass(rawValue: 1 << 2)
    /// him, her, them, us, me: an addressee after "told".
    static let objectPronoun = WordClass(rawValue: 1 << 3)
    /// the, a, this, some, two…: starts a noun phrase.
    static let determiner = WordClass(rawValue: 1 << 4)
    /// the, this, that, these, those: a description that points back.
    static let definite = WordClass(rawValue: 1 << 5)
    /// his, her, their, its, our, my, your.
    static let possessive = WordClass(rawValue: 1 << 6)
    /// has, was, will, did…: skipped between a subject and its verb; a form of "be" before a participle makes a passive.
    static let auxiliary = WordClass(rawValue: 1 << 7)
    /// is, was, were, are, be, been, being.
    static let be = WordClass(rawValue: 1 << 8)
    /// also, later, repeatedly, not…: skipped between a subject and its verb (words in -ly are adverbs too).
    static let adverb = WordClass(rawValue: 1 << 9)
    /// and, but, that, because, which…: a clause starts after it.
    static let clauseBoundary = WordClass(rawValue: 1 << 10)
    /// of, for, at, from, with…
    static let preposition = WordClass(rawValue: 1 << 11)
    /// President, Sen., spokeswoman, former…: words before a name that are not the name.
    static let title = WordClass(rawValue: 1 << 12)
    /// spokeswoman, senator, official…: the head of a description of a person.
    static let personNoun = WordClass(rawValue: 1 << 13)
    /// campaign, committee, report, letter…: the head of a description of an organisation or a document.
    static let groupNoun = WordClass(rawValue: 1 << 14)
    /// she, her, Mrs., spokeswoman and common women's first names.
    static let female = WordClass(rawValue: 1 << 15)
    /// he, him, his, Mr., spokesman.
    static let male = WordClass(rawValue: 1 << 16)
    /// Monday, March, yesterday, week…: time words skipped between a subject and its verb ("Trump on Tuesday said").
    static let temporal = WordClass(rawValue: 1 << 17)
    /// who, which, that: a relative clause after a noun phrase.
    static let relative = WordClass(rawValue: 1 << 18)
    /// de, van, bin…: lower-case words inside a name.
    static let nameParticle = WordClass(rawValue: 1 << 19)
    /// Plural heads of descriptions: officials, aides, sources…
    static let pluralNoun = WordClass(rawValue: 1 << 20)
    /// Words that may not be, or end, a source: "there", "here", "what", "everyone"…
    static let notASource = WordClass(rawValue: 1 << 21)
    /// Nouns naming a written or spoken thing ("statement", "letter", "tweet") that may stand for its author.
    static let documentNoun = WordClass(rawValue: 1 << 22)
    /// Names of news organisations' kinds and outlets' heads ("Times", "Post", "News").
    static let outletWord = WordClass(rawValue: 1 << 23)

    private static let lists: [(WordClass, String)] = [
        (.personPronoun, "he she i we you"),
        (.pluralPronoun, "they"),
        (.thingPronoun, "it"),
        (.objectPronoun, "him her them us me"),
        (.determiner, "the a an this that these those his her their its our my your one some many several both each every no another any two three four five six seven eight nine ten dozens hundreds thousands most few all other such"),
        (.definite, "the this that these those"),
        (.possessive, "his her their its our my your"),
        (.auxiliary, "has have had having is was were are am be been being will would could should can may might must shall did does do 's 'd 've 're 'll 'm won't can't don't doesn't didn't wouldn't couldn't shouldn't isn't wasn't aren't weren't hasn't haven't hadn't cannot"),
        (.be, "is was were are am be been being 's 're 'm"),
        (.adverb, "also later then once again previously repeatedly recently initially earlier further subsequently just first finally ultimately not never always still even already often frequently since now too so yet long only soon quickly flatly publicly privately separately similarly likewise simply clearly directly openly strongly sharply bluntly candidly proudly quietly later afterward afterwards reportedly allegedly apparently ever sometimes n't rather instead therefore however meanwhile"),
        (.clauseBoundary, "and but or that because while as when after before since if so though although where whether which who whom whose what how why than until unless nor whereas whereby whilst once"),
        (.preposition, "according of for at from with in on to by about against among under over into through during without within like near per via across behind toward towards upon amid despite beyond along around throughout onto"),
        (.title, "president presidential sen senator senators rep reps representative gov governor secretary spokeswoman spokesman spokesperson judge justice dr mr mrs ms miss gen general adm admiral lt col colonel capt captain sgt sergeant prof professor rev reverend chairman chairwoman chair speaker leader mayor attorney director ambassador minister prime chancellor king queen prince princess pope ceo former vice deputy press counselor counsellor adviser advisor aide candidate nominee host anchor commentator correspondent reporter editor analyst chief senior democratic republican democrat gop majority minority whip congressman congresswoman lawmaker state first lady sir dame lord assemblyman assemblywoman councilman councilwoman commissioner superintendent sheriff detective officer agent inspector trooper author columnist economist strategist pollster activist businessman businesswoman billionaire founder co-founder executive manager chairperson treasurer comptroller lieutenant candidate frontrunner front-runner hopeful contender rival opponent challenger incumbent nominee coach pastor bishop cardinal rabbi imam actor actress singer rapper star comedian talk show radio tv television fox cnn msnbc abc cbs nbc u.s american british russian french german chinese mexican democratic-leaning conservative liberal progressive"),
        (.personNoun, "spokeswoman spokesman spokesperson spokespeople senator official aide adviser advisor candidate nominee governor secretary lawmaker congressman congresswoman representative judge lawyer attorney prosecutor source analyst expert strategist operative staffer supporter voter resident woman man leader chairman chairwoman director minister ambassador general officer agent investigator professor economist author writer reporter journalist host anchor businessman billionaire mogul contender rival opponent critic president mayor person insider diplomat negotiator witness advocate activist organizer organiser pollster consultant counsel friend ally aide member manager executive chief official historian scholar researcher scientist doctor physician teacher student worker employee citizen veteran father mother son daughter wife husband brother sister spouse commentator columnist blogger pundit surrogate delegate donor fundraiser campaigner chair speaker justice sheriff detective trooper police military commander soldier protester protestor demonstrator observer participant attendee caller listener viewer reader user republican democrat conservative liberal progressive libertarian independent"),
        (.pluralNoun, "officials aides advisers advisors sources analysts experts strategists operatives staffers supporters voters residents leaders lawmakers senators congressmen democrats republicans critics people investigators prosecutors lawyers attorneys officers agents diplomats negotiators witnesses advocates activists organizers pollsters consultants allies members managers executives historians scholars researchers scientists doctors workers employees citizens veterans commentators columnists bloggers pundits surrogates delegates donors campaigners spokespeople spokesmen spokeswomen chairmen chairwomen congresswomen governors mayors judges justices generals secretaries ministers ambassadors directors commissioners presidents candidates nominees authorities insiders observers participants protesters protestors demonstrators conservatives liberals progressives independents americans reporters journalists critics opponents rivals friends families parents students teachers police reports documents statements studies polls surveys records emails memos"),
        (.groupNoun, "campaign committee department agency administration company group organization organisation party union newspaper paper network magazine site website report study poll survey letter statement memo document filing lawsuit complaint ruling decision order bill law court government office team board council foundation association institute center centre firm group coalition caucus panel commission bureau ministry embassy service station channel show program programme outlet publication journal blog column editorial article story account release video ad advertisement book memoir speech transcript tweet post message email note page white house pentagon kremlin senate house congress parliament assembly legislature city state country nation police army military navy fbi cia nsa pac super-pac superpac university college school hospital church mosque synagogue family"),
        (.documentNoun, "count tally letter statement memo document filing lawsuit suit sign banner headline caption placard complaint ruling decision order report study poll survey release video ad advertisement book memoir speech transcript tweet post message email note editorial column article story account op-ed petition resolution brief motion indictment affidavit"),
        (.outletWord, "times post news journal herald tribune globe chronicle gazette examiner telegraph guardian review magazine press wire reuters ap bloomberg politico breitbart axios daily weekly star sun mirror monitor observer independent insider beast hill atlantic nation"),
        (.female, "she her hers herself mrs ms miss madam spokeswoman congresswoman chairwoman businesswoman woman actress queen princess sister mother daughter wife lady dame hillary nancy elizabeth kellyanne hope sarah megyn carly michelle huma donna debbie jennifer mary susan karen lisa patricia linda barbara margaret jessica jane ann anne anna maria marie laura amy emily emma olivia sophia ava isabella mia abigail madison chloe kate katie kathleen katherine catherine christine christina helen heather diane dianne deborah dorothy sandra sharon carol carolyn janet julie julia joan joanne judy judith kelly kim kimberly rachel rebecca ruth samantha stephanie teresa theresa valerie victoria virginia wendy melania ivanka tiffany chelsea condoleezza loretta hope marsha kirsten tammy dianne amy kamala tulsi elise nikki jeanne dana andrea alicia angela ashley beth betsy bonnie brenda cheryl cindy claire connie dana dawn denise donna ellen erin eva frances gail gina grace gwen hannah irene jackie jacqueline jean jill jo joyce kathy kristen leslie lynn marcia marilyn martha megan melissa michele monica nicole pam pamela paula peggy rosa rose sally shannon sheila sue suzanne tina tracy vicki yvonne zoe huma neera jen jennifer brooke abby alexandra alexis allison amanda april audrey brittany caroline cassandra charlotte courtney crystal danielle erica faith gloria holly jasmine jenna jordan josephine kara kayla kristin lauren lindsay lindsey lori lucy mallory meghan molly natalie noelle olga rita robin sabrina sara savannah shelby sierra stacy susanna sylvia tara tessa tonya vanessa veronica whitney"),
        (.male, "he him his himself mr sir spokesman congressman chairman businessman man actor king prince brother father son husband lord"),
        (.temporal, "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december today yesterday tonight tomorrow last this next week weekend month year night morning afternoon evening earlier day days weeks months years ago recently later on hours minutes moments"),
        (.relative, "who which that whom whose"),
        (.nameParticle, "de van von der den bin ibn al la le du di da del dos das y"),
        (.notASource, "there here what everyone everybody someone somebody anyone anybody nobody something anything nothing everything this that which who whom it's that's there's here's what's thing things way ways time times lot one"),
    ]

    /// The lists as an open-addressing table of (hash, classes), a power of two long: a lookup is
    /// one hash of the word's bytes and a probe or two, with no `Hasher`, no string and no retain.
    private static let table = WordTable(lists)


    /// The classes of the word `bytes[range]`, case-insensitively (a curly apostrophe reads as a
    /// straight one, a final period is left out: "Sen." is "sen").
    static func of(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> WordClass {
        var end = range.end
        if end - range.start > 1, bytes[end - 1] == 0x2E { end -= 1 }
        var found: WordClass
        if bytes[range.start..<end].contains(0xE2) {
            // "it’s": the curly apostrophe as a straight one.
            var plain: [UInt8] = []
            var index = range.start
            while index < end {
                if bytes[index] == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                    plain.append(0x27)
                    index += 3
                } else {
                    plain.append(bytes[index])
                    index += 1
                }
            }
            found = plain.withUnsafeBufferPointer { table.classes(of: key($0, 0, $0.count)) }
        } else {
            found = table.classes(of: key(bytes, range.start, end))
        }
        // A lower-case word in -ly that the lists do not know is an adverb ("angrily", "tersely").
        let lowercase = bytes[range.start] >= 0x61 && bytes[range.start] <= 0x7A
        if found.isEmpty, lowercase, range.length > 3, bytes[range.end - 2] == 0x6C, bytes[range.end - 1] == 0x79 { found.insert(.adverb) }
        return found
    }

    /// The table key of `bytes[start..<end]`: eight bytes at a time, ASCII letters folded to lower
    /// case (`| 0x20` leaves digits, `-`, `.` and `'` as they are), mixed so that any two words
    /// the lists can tell apart get different keys; never 0.
    @inline(__always)
    fileprivate static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(end - start)
        var index = start
        while index < end {
            var chunk: UInt64 = 0
            let stop = min(end, index + 8)
            while index < stop {
                chunk = chunk << 8 | UInt64(bytes[index] | 0x20)
                index += 1
            }
            hash = (hash ^ chunk) &* 0x100_0000_01b3
            hash ^= hash >> 29
        }
        return hash == 0 ? 1 : hash
    }

    /// The key of a word of the lists.
    fileprivate static func key(_ word: String) -> UInt64 {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { key($0, 0, $0.count) }
    }
}

/// The word lists' table: keys and classes in memory allocated once and never freed, read through
/// pointers (the lists never change).
private struct WordTable: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<UInt64>
    private let values: UnsafeMutablePointer<WordClass>
    private let mask: Int

    init(_ lists: [(WordClass, String)]) {
        var merged: [UInt64: WordClass] = [:]
        for (wordClass, words) in lists {
            for word in words.split(separator: " ") {
                merged[WordClass.key(String(word)), default: []].insert(wordClass)
            }
        }
        var size = 1
        while size < merged.count * 4 { size <<= 1 }
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: [], count: size)
        mask = size - 1
        for (key, value) in merged {
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    func classes(of key: UInt64) -> WordClass {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return [] }
            slot = (slot + 1) & mask
        }
    }
}
