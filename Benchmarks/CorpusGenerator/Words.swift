// Word lists for names and prose. None of them may contain Dossier syntax characters
// (`[ ] { } @ # \` ` and backticks), so that every annotation in the corpus is one the
// generator meant to write.

/// Word lists used to build names and prose.
enum Words {
    static let femaleFirst: [String] = [
        "Maria", "Anna", "Elena", "Sofia", "Amara", "Leila", "Ingrid", "Hana", "Chiara", "Fatima",
        "Olga", "Grace", "Nadia", "Priya", "Mei", "Yuki", "Zanele", "Camille", "Lucía", "Ayesha",
        "Katarzyna", "Marta", "Ruth", "Sarah", "Helen", "Noor", "Irina", "Beatriz", "Ines", "Adaeze",
        "Julia", "Freya", "Astrid", "Clara", "Dalia", "Esther", "Greta", "Ilse", "Joanna", "Karin",
        "Linnea", "Miriam", "Nora", "Oksana", "Paula", "Rania", "Selin", "Tamar", "Ursula", "Valeria",
        "Wanjiru", "Ximena", "Yasmin", "Zofia", "Agnieszka", "Bianca", "Daniela", "Emilia", "Françoise", "Gabriela",
    ]

    static let maleFirst: [String] = [
        "James", "Mohammed", "Carlos", "Dmitri", "Kwame", "Hiroshi", "Lars", "Pierre", "Rahul", "Tomasz",
        "Ahmed", "Viktor", "Samuel", "Diego", "Jonas", "Mateo", "Oleksandr", "Arjun", "Chen", "Emeka",
        "Felix", "Gustavo", "Hamid", "Ivan", "Jakob", "Karim", "Luis", "Marco", "Nikolai", "Omar",
        "Pavel", "Rafael", "Stefan", "Tariq", "Umar", "Vusi", "William", "Yusuf", "Zoltán", "Anders",
        "Bruno", "Cyril", "Daniel", "Erik", "François", "Georg", "Henrik", "Idris", "Joaquín", "Kenji",
        "Lukas", "Mikhail", "Nathan", "Otto", "Paolo", "Ricardo", "Sergei", "Thomas", "Václav", "Walter",
    ]

    static let last: [String] = [
        "Okafor", "Lindqvist", "Moreau", "Kowalski", "Tanaka", "Haddad", "Petrov", "Silva", "Nguyen", "Mensah",
        "Schneider", "Rossi", "Kapoor", "Ivanova", "Andersson", "Dubois", "Mwangi", "Costa", "Yilmaz", "Novak",
        "Fischer", "Herrera", "Nakamura", "Abebe", "Castillo", "Dimitrov", "Eriksen", "Ferreira", "Gallagher", "Hoffmann",
        "Ibrahim", "Jansen", "Kovacs", "Lopez", "Mahmoud", "Nielsen", "Oyelaran", "Pereira", "Quinn", "Romero",
        "Sato", "Tremblay", "Urquhart", "Vasquez", "Weber", "Xu", "Yamamoto", "Zielinski", "Adeyemi", "Bergström",
        "Chaudhry", "Delgado", "Esposito", "Fontaine", "García", "Horvath", "Iqbal", "Jovanović", "Kim", "Larsen",
        "Marchetti", "Nowak", "O'Brien", "Popescu", "Qureshi", "Richter", "Santos", "Takahashi", "Ueda", "Van Dijk",
        "Wójcik", "Yadav", "Zhang", "Alvarez", "Brandt", "Czerny", "Demir", "Eze", "Farouk", "Grünewald",
        "Hashemi", "Ilunga", "Jaber", "Kariuki", "Lefebvre", "Medina", "Nascimento", "Osei", "Park", "Rahman",
        "Sokolov", "Toure", "Ulrich", "Volkov", "Wagner", "Yeo", "Zapata", "Asante", "Bianchi", "Cruz",
        "Danso", "Engel", "Falk", "Gomes", "Holm", "Ito", "Juarez", "Keller", "Lund", "Mbeki",
        "Nolan", "Ortiz", "Pavlov", "Reyes", "Sandoval", "Teller", "Vidal", "Wolff", "Yusuf", "Zeller",
        "Achterberg", "Barros", "Cardoso", "Duarte", "Ekström", "Fagerlund", "Gutiérrez", "Halvorsen", "Ishikawa", "Jensen",
        "Khoury", "Laine", "Moretti", "Nordin", "Olsen", "Pacheco", "Ramos", "Salazar", "Tavares", "Uribe",
    ]

    /// Real country names: the first countries of a cast come from here, later ones are made up.
    static let countries: [String] = [
        "France", "Germany", "Brazil", "India", "Japan", "Kenya", "Nigeria", "Canada", "Mexico", "Poland",
        "Ukraine", "Turkey", "Egypt", "Norway", "Sweden", "Chile", "Peru", "Ghana", "Vietnam", "Indonesia",
        "Argentina", "Colombia", "Portugal", "Spain", "Italy", "Greece", "Romania", "Hungary", "Austria", "Finland",
        "Denmark", "Ireland", "Morocco", "Tunisia", "Ethiopia", "Tanzania", "Uganda", "Senegal", "Pakistan", "Bangladesh",
        "Thailand", "Malaysia", "Philippines", "Australia", "New Zealand", "South Africa", "Saudi Arabia", "Jordan", "Lebanon", "Iraq",
        "Kazakhstan", "Georgia", "Armenia", "Serbia", "Croatia", "Slovakia", "Estonia", "Latvia", "Lithuania", "Iceland",
    ]

    static let countryPrefix: [String] = [
        "Val", "Kor", "Bel", "Mar", "Tor", "Ald", "Ost", "Var", "Sel", "Dun", "Cal", "Ner", "Lus", "Zer", "Fen", "Quar",
    ]
    static let countryMiddle: [String] = ["", "an", "ov", "er", "il", "or", "ed", "un"]
    static let countrySuffix: [String] = [
        "doria", "avia", "esia", "istan", "onia", "ania", "land", "mark", "ovia", "ethia", "aria", "enia",
    ]

    static let cityPrefix: [String] = [
        "River", "Stone", "Ash", "Oak", "Mill", "Bright", "Fair", "Green", "Harbor", "Iron", "Kings", "Lake",
        "Marsh", "North", "Pine", "Red", "Salt", "Silver", "South", "West", "East", "Wolf", "Elm", "Cedar",
    ]
    static let citySuffix: [String] = [
        "ton", "field", "ford", "haven", "port", "bridge", "wick", "mouth", "stead", "burg", "vale", "gate",
    ]
    static let cityForm: [String] = ["", "", "", "Port ", "New ", "Lake ", "Fort ", "Upper "]

    static let portfolios: [String] = [
        "Finance", "Defence", "Foreign Affairs", "Justice", "Health", "Energy", "Agriculture", "Trade",
        "Transport", "Education", "Interior", "Labour", "Environment", "Digital Affairs", "Housing", "Fisheries",
    ]

    static let orgAdjectives: [String] = [
        "National", "Northern", "Southern", "Global", "United", "Federal", "Central", "Western", "Eastern", "Continental",
        "Allied", "Independent", "Coastal", "Atlantic", "Pacific", "Royal", "Regional", "International", "Metropolitan", "Civic",
    ]
    static let sectors: [String] = [
        "Grain", "Energy", "Shipping", "Rail", "Steel", "Textile", "Mining", "Fisheries", "Aviation", "Pharmaceutical",
        "Telecom", "Water", "Timber", "Port", "Dockworkers", "Farmers", "Teachers", "Nurses", "Drivers", "Builders",
    ]
    static let orgTypes: [String] = [
        "Union", "Authority", "Council", "Corporation", "Association", "Agency", "Commission", "Federation", "Board", "Institute",
    ]
    static let companyStems: [String] = [
        "Corv", "Alt", "Nex", "Bren", "Sol", "Vant", "Ter", "Hal", "Quin", "Mer", "Ost", "Lum", "Dar", "Kest", "Orb", "Pel",
    ]
    static let companyEnds: [String] = ["ant", "ix", "era", "ova", "is", "on", "ex", "ara", "ium", "eon"]
    static let companyTypes: [String] = ["Holdings", "Group", "Industries", "Energy", "Logistics", "Capital", "Systems", "Partners"]

    static let paperNouns: [String] = [
        "Herald", "Courier", "Tribune", "Gazette", "Observer", "Chronicle", "Post", "Times", "Ledger", "Sentinel",
        "Dispatch", "Examiner", "Record", "Journal", "Monitor", "Standard",
    ]
    static let broadcastNouns: [String] = ["Broadcasting Network", "News Service", "Radio", "Television", "Press Agency", "News Wire"]

    static let movementNouns: [String] = ["Movement", "Front", "Alliance", "Coalition", "Party", "Brigade", "League", "Initiative"]
    static let movementAdjectives: [String] = [
        "Free", "Popular", "Democratic", "Green", "Patriotic", "Progressive", "Liberation", "Reform", "Workers", "Citizens",
    ]
    static let movementThemes: [String] = ["Harbour", "Valley", "Homeland", "Future", "Dawn", "Unity", "Justice", "Highlands", "Delta", "Coast"]

    static let documentForms: [String] = ["Accord", "Treaty", "Protocol", "Declaration", "Memorandum", "Charter"]
    static let actForms: [String] = ["Reform Act", "Security Act", "Transparency Act", "Budget Act", "Protection Act"]
    static let eventForms: [String] = ["Summit", "Conference", "Forum", "Talks", "Hearings", "Games"]

    static let personTitles: [(title: String, role: String)] = [
        ("Minister", "Minister of %P"), ("Senator", "Senator"), ("Ambassador", "Ambassador"), ("General", "Army general"),
        ("Judge", "Judge"), ("Prosecutor", "Chief prosecutor"), ("Governor", "Governor"), ("Mayor", "Mayor"),
        ("President", "President"), ("Prime Minister", "Prime Minister"), ("Commissioner", "Commissioner for %P"),
        ("Deputy", "Member of parliament"), ("Dr.", "Economist"), ("Professor", "Professor of %P policy"),
        ("Spokesperson", "Spokesperson"), ("Director", "Director of %P"), ("Colonel", "Army colonel"), ("Chairman", "Board chairman"),
    ]

    static let wikidataRoles: [String] = ["analyst", "adviser", "negotiator", "lawyer", "activist", "economist", "executive", "diplomat"]

    // MARK: Prose

    static let commonSubjects: [String] = [
        "the government", "lawmakers", "investigators", "the ministry", "officials", "the committee", "opposition leaders",
        "regulators", "prosecutors", "union leaders", "diplomats", "the central bank", "analysts", "the coalition",
        "negotiators", "local authorities", "the delegation", "the board", "auditors", "the cabinet",
    ]
    static let pastVerbs: [String] = [
        "announced plans to review", "rejected", "approved", "criticised", "called for an inquiry into", "postponed",
        "warned against", "defended", "signed off on", "challenged", "backed", "delayed a vote on", "questioned",
        "withdrew support for", "proposed changes to", "cleared the way for", "raised concerns about", "welcomed",
        "suspended", "published details of",
    ]
    // Past perfect and modal forms agree with singular and plural subjects alike.
    static let presentVerbs: [String] = [
        "had been preparing", "had been weighing", "had been blocking", "had quietly expanded", "would revise",
        "had refused to release", "could still scrap", "had been negotiating", "planned to scrap", "had already drafted",
    ]
    static let objects: [String] = [
        "a new tariff on grain imports", "the proposed budget", "the port concession", "an emergency aid package",
        "the pipeline contract", "the draft constitution", "a ceasefire proposal", "the mining licences",
        "the fisheries agreement", "a cross-border rail project", "the pension reform", "the election timetable",
        "an arms export licence", "the water-sharing deal", "the telecom spectrum auction", "new sanctions",
        "the anti-corruption bill", "the refinery expansion", "a debt restructuring plan", "the border checkpoints",
        "the state broadcaster's funding", "the vaccine procurement deal", "a sovereign bond issue", "the harbour dredging contract",
    ]
    static let times: [String] = [
        "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "over the weekend", "last week",
        "earlier this month", "in March", "after months of talks", "late on Sunday", "this year", "in a late-night session",
        "ahead of the summit", "before the recess", "in a closed-door meeting",
    ]
    static let connectors: [String] = [
        "Meanwhile,", "However,", "Separately,", "In a statement,", "At the same time,", "Earlier,", "By contrast,",
        "On the ground,", "In the capital,", "For now,",
    ]
    static let consequences: [String] = [
        "a move that could delay the project by a year", "which critics called premature",
        "raising questions about oversight", "in a sharp reversal of policy", "despite objections from the opposition",
        "as pressure mounted from trading partners", "after a review found irregularities",
        "in what observers described as a compromise", "a decision that surprised investors",
        "with little public debate",
    ]
    static let claimClauses: [String] = [
        "had withheld key documents from auditors for months", "was never consulted on the final text",
        "had approved the payments before the tender closed", "would not seek another term",
        "had been warned about the shortfall last year", "would appeal the ruling",
        "had no plans to reopen the negotiations", "ordered the review after the leak",
        "had underreported the costs by a third", "had offered to resume talks within weeks",
        "blocked the transfer of the evidence", "misled the committee about the timetable",
        "would cut the subsidy by half", "paid the consultants twice for the same report",
        "had agreed to share the intelligence", "signed the waiver without cabinet approval",
    ]
    static let quoteLines: [String] = [
        "We will not accept any agreement that ignores the people who depend on this industry",
        "There needs to be accountability for every decision taken behind closed doors",
        "This is the beginning of a long process, not the end of one",
        "Nobody in this building was told what was in the contract",
        "We have asked for the documents three times and received nothing",
        "Our priority remains the safety of the workers and their families",
        "The numbers simply do not add up, and everyone here knows it",
        "We are prepared to go back to the table as soon as tomorrow",
        "I have never seen a procurement process handled like this one",
        "The evidence speaks for itself and the courts will decide",
        "This government will not be intimidated by threats from abroad",
        "We expect a full and transparent investigation into what happened",
    ]
    static let slogans: [String] = [
        "no more empty promises from the capital", "the harbour belongs to the people", "bread before bonds",
        "we will not pay for their mistakes", "justice delayed is justice denied", "open the books now",
    ]
    static let reportingCues: [String] = ["said", "told reporters", "said in a statement", "added", "wrote", "told the newspaper"]
    static let vagueSentences: [String] = [
        "The contract was reportedly signed before the tender closed.",
        "It is said that several ministers opposed the plan in private.",
        "According to reports, the talks stalled over the final clause.",
        "Some say the decision was made weeks before it was announced.",
        "The minister is said to have threatened to resign over the issue.",
        "Reports indicate that the funds were moved offshore last year.",
        "It is believed that the auditors were never given access to the accounts.",
    ]
    static let anonymousSources: [String] = [
        "officials familiar with the matter", "a person close to the negotiations", "two people briefed on the talks",
        "a senior official who asked not to be named", "people with knowledge of the plan", "a diplomat familiar with the discussions",
    ]
    static let subheadings: [String] = ["Background", "What happens next", "Reaction", "The money trail", "A long dispute", "Analysis"]
    static let titleVerbs: [String] = [
        "rejects", "backs", "delays", "probes", "defends", "scraps", "approves", "questions", "blocks", "revives",
    ]
    static let titleObjects: [String] = [
        "grain tariff plan", "port concession", "aid package", "pipeline deal", "budget", "ceasefire proposal",
        "mining licences", "fisheries pact", "rail project", "pension reform", "election timetable", "arms exports",
        "water-sharing deal", "spectrum auction", "sanctions", "anti-corruption bill", "refinery expansion", "debt plan",
    ]
    static let months: [String] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
