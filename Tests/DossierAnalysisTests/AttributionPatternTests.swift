import DossierAnalysis
import DossierSyntax
import DossierTestSupport
import Testing

/// The cast the attribution tests share.
let attributionCast = """
    ---
    type: cast
    ---
    ## Lloyd Austin {#lloyd-austin .person}
    - aliases: Austin, Secretary Austin

    ## Dick Durbin {#dick-durbin .person}
    - aliases: Durbin

    ## Lindsey Graham {#lindsey-graham .person}
    - aliases: Graham

    ## Adrienne Watson {#adrienne-watson .person}
    - role: National Security Council spokeswoman

    ## The New York Times {#nyt .outlet}
    - aliases: the Times, NYT

    ## U.S. Department of Defense {#us-dod .organization}
    - aliases: Pentagon
    """

/// The attributions of `text` (marked or not) in a workspace with `attributionCast`.
func attributions(_ text: String) -> [Attribution] {
    let cast = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(attributionCast.utf8))
    let article = Document(id: DocumentID("file:///w/article.md"), bytes: Array(text.utf8))
    let snapshot = WorkspaceSnapshot(documents: [cast, article], configuration: Configuration())
    return Attributions.infer(in: article, snapshot: snapshot)
}

/// Each quotation pattern of SPEC 7: the marked ranges are the quotations, each with the source expected.
@Suite struct QuotationPatternTests {
    private func expectQuotes(_ text: Marked, _ sources: [AttributionSource?], sourceLocation: SourceLocation = #_sourceLocation) {
        let quotes = attributions(text.text).filter { $0.kind == .quote }
        #expect(quotes.map(\.content) == text.ranges, sourceLocation: sourceLocation)
        #expect(quotes.map(\.source) == sources, sourceLocation: sourceLocation)
    }

    @Test func tagAfterTheQuotation() {
        expectQuotes(Marked("⟦“I will always prioritize the protection of personnel,”⟧ Austin said."), [.actor("lloyd-austin")])
        expectQuotes(Marked("⟦“We will not share it with anyone at all,”⟧ said Secretary Austin on Tuesday."), [.actor("lloyd-austin")])
        expectQuotes(Marked("⟦“Why are you reluctant to share the evidence?”⟧ Durbin asked Austin, referring to Putin."), [.actor("dick-durbin")])
        expectQuotes(Marked("⟦“This is not the end of the matter,”⟧ Haley Morris, a campaign spokeswoman, told reporters."), [.name("Haley Morris")])
    }

    @Test func leadInsBeforeTheQuotation() {
        expectQuotes(Marked("When pressed, Austin responded: ⟦“We support the goal of holding them accountable.”⟧"), [.actor("lloyd-austin")])
        expectQuotes(Marked("Durbin added, ⟦“We have gathered the evidence in the United States.”⟧"), [.actor("dick-durbin")])
        expectQuotes(Marked("Morris says the mayor has ⟦“kept every promise on the bridge and will keep this one.”⟧"), [.name("Morris")])
        expectQuotes(Marked("Mook agreed: ⟦“There is no path for them to win this.”⟧"), [.name("Mook")])
        expectQuotes(Marked("Meghan McCain, Twitter: ⟦\"This is the worst debate I have seen.\"⟧"), [.name("Meghan McCain")])
        expectQuotes(Marked("According to the Times, ⟦“the decision was made last week by the president.”⟧"), [.actor("nyt")])
    }

    @Test func splitQuotesGiveBothHalvesTheSource() {
        expectQuotes(
            Marked("Adrienne Watson declined. ⟦“We support a range of investigations,”⟧ she said in a statement. ⟦“On the I.C.C. specifically, we will not comment.”⟧"),
            [.actor("adrienne-watson"), .actor("adrienne-watson")])
        expectQuotes(
            Marked("⟦“We support a range of investigations,”⟧ Watson said, ⟦“and we will say no more about it.”⟧"),
            [.name("Watson"), .name("Watson")])
        expectQuotes(
            Marked("⟦“I heard what they said.”⟧ ⟦“And I do not agree with any of it,”⟧ Graham said."),
            [.actor("lindsey-graham"), .actor("lindsey-graham")])
    }

    @Test func pronounsAndDescriptionsPointBack() {
        let text = Marked("""
            Adrienne Watson, a National Security Council spokeswoman, declined to address the court.

            ⟦“We support a range of international investigations,”⟧ she said.

            A Pentagon spokesman declined to comment.

            ⟦“We have deployed teams of investigators to assist them,”⟧ the spokesman continued.
            """)
        expectQuotes(text, [.actor("adrienne-watson"), .description("A Pentagon spokesman")])
    }

    @Test func continuedParagraphsKeepTheSpeaker() {
        let text = Marked("""
            ⟦“The hearing today showed why the families have stopped waiting for answers,”⟧ Durbin said.

            ⟦“You look at the questions and you see what they want.”⟧
            """)
        expectQuotes(text, [.actor("dick-durbin"), .actor("dick-durbin")])
        let leadIn = Marked("""
            Graham continued:

            ⟦“Why not spend the hearing on the evidence the families gathered?”⟧
            """)
        expectQuotes(leadIn, [.actor("lindsey-graham")])
    }

    @Test func transcriptLabelsAndCaptions() {
        let transcript = attributions("DURBIN: Why are you reluctant to share the evidence with the court?")
        #expect(transcript.map(\.source) == [.actor("dick-durbin")])
        expectQuotes(Marked("⟦“The evidence speaks for itself and the courts will decide.”⟧ — Lloyd Austin"), [.actor("lloyd-austin")])
        expectQuotes(Marked("NYT (⟦“Biden Orders U.S. to Share Evidence With the Court“⟧):"), [.actor("nyt")])
    }

    @Test func nestedQuotationsStayInside() {
        expectQuotes(Marked("⟦“He called it ‘a disaster’ and walked out of the room,”⟧ Graham said."), [.actor("lindsey-graham")])
        expectQuotes(Marked("⟦\"The slogan was “Equal Justice Under Law” for a reason,\"⟧ Durbin said."), [.actor("dick-durbin")])
    }

    @Test func noSourceWhereTheTextGivesNone() {
        expectQuotes(Marked("Banners reading ⟦“no more empty promises from the capital”⟧ lined the avenue."), [nil])
        expectQuotes(Marked("⟦“This is a quote with no source at all.”⟧ Nothing else here."), [nil])
        // A comma asking for a tag that is not there: no guess from the paragraph before.
        let missing = Marked("""
            ⟦“We will not accept it,”⟧ Austin said.

            ⟦“We will never accept any of it,”⟧ .
            """)
        expectQuotes(missing, [.actor("lloyd-austin"), nil])
    }

    @Test func neverANameInsideTheQuotation() {
        for text in [
            "“Austin will never share the evidence with the court.”",
            "“Why is the Pentagon blocking it, Senator Graham?” the reporter asked.",
            "“Durbin said it, and Graham agreed with him completely.”",
        ] {
            for attribution in attributions(text) {
                if let source = attribution.sourceRange { #expect(!attribution.content.contains(source), "\(text)") }
                #expect(attribution.source != .actor("lloyd-austin") && attribution.source != .actor("dick-durbin"), "\(text)")
            }
        }
    }
}

/// The reported statements of SPEC 7: the marked ranges are the contents.
@Suite struct StatementPatternTests {
    private func expectStatements(_ text: Marked, _ sources: [AttributionSource], sourceLocation: SourceLocation = #_sourceLocation) {
        let statements = attributions(text.text).filter { $0.kind == .statement }
        #expect(statements.map(\.content) == text.ranges, sourceLocation: sourceLocation)
        #expect(statements.map(\.source) == sources, sourceLocation: sourceLocation)
    }

    @Test func saidThatAndTagsAfter() {
        expectStatements(Marked("Durbin said that ⟦the Pentagon was refusing to cooperate⟧."), [.actor("dick-durbin")])
        expectStatements(Marked("⟦The Pentagon was refusing to cooperate⟧, Durbin said."), [.actor("dick-durbin")])
        expectStatements(Marked("⟦The evidence includes decisions to strike civilian targets⟧, said Haley Morris."), [.name("Haley Morris")])
    }

    @Test func accordingToToldWroteAndMedia() {
        expectStatements(Marked("According to the Times, ⟦the president ordered the sharing of evidence⟧."), [.actor("nyt")])
        expectStatements(Marked("⟦The president ordered the sharing of evidence⟧, according to the Times."), [.actor("nyt")])
        expectStatements(Marked("Graham told reporters that ⟦the court deserved the evidence⟧."), [.actor("lindsey-graham")])
        expectStatements(Marked("Austin wrote ⟦he would always protect the troops⟧."), [.actor("lloyd-austin")])
        expectStatements(Marked("In a joint statement, Durbin and Graham praised ⟦the shift as a step forward⟧."), [.actor("dick-durbin")])
    }

    @Test func notStatements() {
        // What was not said, an object rather than a clause, a vague cue.
        #expect(attributions("At the time, Monaco declined to comment on internal discussions.").filter { $0.kind == .statement }.isEmpty)
        #expect(attributions("The Kremlin quickly dismissed the warrant.").filter { $0.kind == .statement }.isEmpty)
        #expect(attributions("Austin is said to be objecting to the move.").filter { $0.kind == .statement }.isEmpty)
    }

    @Test func coordinatedSourcesAreAllKept() {
        let statement = attributions("Durbin and Graham said the evidence should be shared.").first { $0.kind == .statement }
        #expect(statement?.sources == [.actor("dick-durbin"), .actor("lindsey-graham")])
        #expect(statement?.namedAtCue == true)
    }
}

/// Cue words read as verbs or nouns, and subjects read up to their verb.
@Suite struct CueAndSubjectReadingTests {
    private func expectQuotes(_ text: Marked, _ sources: [AttributionSource?], sourceLocation: SourceLocation = #_sourceLocation) {
        let quotes = attributions(text.text).filter { $0.kind == .quote }
        #expect(quotes.map(\.content) == text.ranges, sourceLocation: sourceLocation)
        #expect(quotes.map(\.source) == sources, sourceLocation: sourceLocation)
    }

    @Test func addressVerbsInThePresentBeforeTheirAddressee() {
        expectQuotes(Marked("Perez tells reporters that ⟦“the rules will be written by the end of the month.”⟧"), [.name("Perez")])
        expectQuotes(Marked("Durbin asks voters to ⟦“look at the record before they decide.”⟧"), [.actor("dick-durbin")])
    }

    @Test func presentFormsBeforeANounAreVerbs() {
        expectQuotes(Marked("Graham says rival Durbin took the union’s endorsement and ⟦“will regret it by the fall.”⟧"), [.actor("lindsey-graham")])
        expectQuotes(Marked("Durbin quotes former aide Haley Morris: ⟦“The budget was never going to pass.”⟧"), [.actor("dick-durbin")])
        // A base form before a noun stays a noun.
        #expect(attributions("The press secretary held a briefing and the report card was mixed.").isEmpty)
    }

    @Test func nounsThatLookLikeCues() {
        // "a fundraising call", "his home state": nouns, so the subject of the sentence speaks.
        expectQuotes(
            Marked("Graham held a fundraising call on Monday, asking donors to ⟦“give whatever they can this week.”⟧"),
            [.actor("lindsey-graham")])
        expectQuotes(
            Marked("Graham, celebrating his win at the county fair in his home state, is vowing to ⟦“carry the fight to every county.”⟧"),
            [.actor("lindsey-graham")])
        // "read" in the past after a text is still a cue.
        expectQuotes(Marked("⟦“We will appeal the ruling at once,”⟧ the statement read."), [.description("the statement")])
        #expect(attributions("He spent the weekend in his home state with a fundraising call on Monday.").isEmpty)
        #expect(attributions("On a conference call with donors, nothing was decided.").isEmpty)
    }

    @Test func subjectsEndAtTheirVerb() {
        expectQuotes(
            Marked("The retired senator sought to steady the donors, saying their party would ⟦“come back stronger than before.”⟧"),
            [.description("The retired senator")])
        expectQuotes(Marked("But Durbin, noting the size of the crowd, said, ⟦“This is more than we expected.”⟧"), [.actor("dick-durbin")])
    }

    @Test func aTagSentenceWithAMediumBeforeAQuotation() {
        expectQuotes(
            Marked("Haley Morris, a spokeswoman for the campaign, said in a statement. ⟦“The count is final and we accept it.”⟧"),
            [.name("Haley Morris")])
        // A party and a state in parentheses end no sentence.
        expectQuotes(
            Marked("⟦“The merger was approved in the dark,”⟧ Carla Moreno (D-Nev.) said in a statement. ⟦“We will hold hearings on it.”⟧"),
            [.name("Carla Moreno"), .name("Carla Moreno")])
    }

    @Test func moreVerbsOfSpeech() {
        expectQuotes(
            Marked("⟦“Is the wall still on the table?”⟧ Maddow pressed. ⟦“Or is it gone for good?”⟧"), [.name("Maddow"), .name("Maddow")])
        expectQuotes(Marked("⟦“Our city will stay open to everyone,”⟧ an angry Ortega retaliated."), [.name("Ortega")])
        // "press" is no verb: a quotation after a press conference has no source.
        expectQuotes(Marked("Graham held a press conference. ⟦“Nothing was said at all.”⟧"), [nil])
    }

    @Test func twoApostrophesStandForADoubleQuotationMark() {
        expectQuotes(
            Marked("⟦''The plan worked better than anyone thought,''⟧ said Haley Morris. ⟦''And we will keep to it.''⟧"),
            [.name("Haley Morris"), .name("Haley Morris")])
        expectQuotes(Marked("Durbin said on Tuesday: ⟦''We have the evidence we need.''⟧"), [.actor("dick-durbin")])
        // One apostrophe at a time is no quotation mark.
        #expect(attributions("In the '90s the rock 'n' roll bands played the senators' songs.").isEmpty)
    }

    @Test func aQuotationWithoutCueTakesTheSubjectOfItsSentence() {
        expectQuotes(Marked("The video targeted a ⟦“cozy club of insiders who never lose an election.”⟧"), [.description("The video")])
        expectQuotes(Marked("Durbin ripped the plan as ⟦“a giveaway to the banks”⟧ on Monday."), [.actor("dick-durbin")])
        // Not after a form of "be", a word that only opens the sentence, a plural of anyone, a participle.
        expectQuotes(Marked("Graham is ⟦“unfit to serve in any office”⟧, his rivals say."), [.description("his rivals")])
        expectQuotes(Marked("Graham is ⟦“unfit to serve in any office.”⟧"), [nil])
        expectQuotes(Marked("Imagine that with a ⟦“mayor who never answers the phone”⟧ in charge."), [nil])
        expectQuotes(Marked("Many Americans saw the new tax as ⟦“a burden on every family.”⟧"), [nil])
        expectQuotes(Marked("Durbin standing ⟦“alone at the back of the hall”⟧ was the picture of the night."), [nil])
    }

    @Test func aBareQuotationParagraphAfterAReportingSentence() {
        expectQuotes(Marked("Durbin said that the committee would meet again in March.\n\n⟦“We will not be rushed by anyone.”⟧"), [.actor("dick-durbin")])
        expectQuotes(Marked("Graham continued his speech.\n\n⟦“Nobody asked us what we wanted.”⟧"), [.actor("lindsey-graham")])
        // Not a quotation followed by more, nor one after a denial, nor one that asks for its tag.
        expectQuotes(Marked("Durbin said the committee would meet.\n\n⟦“We will not be rushed.”⟧ The vote is set for May."), [nil])
        expectQuotes(Marked("Graham declined to say when the committee would meet.\n\n⟦“We will see about that.”⟧"), [nil])
        expectQuotes(Marked("Durbin said the committee would meet.\n\n⟦“We will not be rushed,”⟧ ."), [nil])
    }

    @Test func aVerbOfJudgementClosingTheClauseIsATag() {
        expectQuotes(Marked("⟦“That leaves the workers with nothing,”⟧ Durbin charged."), [.actor("dick-durbin")])
        expectQuotes(Marked("⟦“You have broken every promise,”⟧ Durbin charged in his opening remarks."), [.actor("dick-durbin")])
        expectQuotes(Marked("⟦“They have done their jobs well.”⟧ Graham praised the crews again."), [nil])
    }

    @Test func tagsWithAnAdverbOrAText() {
        expectQuotes(Marked("⟦“Who pays for all of this?”⟧ Graham asked rhetorically, waving the bill."), [.actor("lindsey-graham")])
        expectQuotes(Marked("⟦“The doors open at nine,”⟧ Haley Morris said cheerfully to the crowd."), [.name("Haley Morris")])
        expectQuotes(Marked("⟦“The board reviewed every contract twice,”⟧ read the statement."), [.description("the statement")])
        expectQuotes(Marked("⟦“The landlord ignored every repair request,”⟧ the suit reads."), [.description("the suit")])
        // An adverb before a clause of its own is no tag.
        expectQuotes(Marked("⟦“Is that fair to anyone?”⟧ Graham said repeatedly that it was."), [nil])
    }

    @Test func theSentencesSubjectPastADatelineOrATime() {
        expectQuotes(
            Marked("BOSTON, March 3 (AP) — Graham toured the docks on Monday, saying: ⟦“The next month decides everything.”⟧"),
            [.actor("lindsey-graham")])
        expectQuotes(Marked("Hours later, Graham repaid the favor, telling reporters, ⟦“She has my vote in the fall.”⟧"), [.actor("lindsey-graham")])
    }

    @Test func aDeniedCueGivesWayToTheSpeaker() {
        expectQuotes(Marked("Durbin says the board won’t allow ⟦“any more delays on the bridge repairs.”⟧"), [.actor("dick-durbin")])
        // With no other cue, the denied one still names who is meant.
        expectQuotes(Marked("Graham would not comment on a memo meant ⟦“to end the overtime rules for nurses.”⟧"), [.actor("lindsey-graham")])
    }
}

/// What a cue reports without a clause (`AttributionKind.object`): found with its source, never wrapped.
@Suite struct ObjectPatternTests {
    private func expectObjects(_ text: Marked, _ sources: [AttributionSource], sourceLocation: SourceLocation = #_sourceLocation) {
        let objects = attributions(text.text).filter { $0.kind == .object }
        #expect(objects.map(\.content) == text.ranges, sourceLocation: sourceLocation)
        #expect(objects.map(\.source) == sources, sourceLocation: sourceLocation)
    }

    @Test func nounPhrasesAndPrepositionalObjects() {
        expectObjects(Marked("Graham announced ⟦his resignation⟧."), [.actor("lindsey-graham")])
        expectObjects(Marked("Durbin called for ⟦an inquiry into the strikes⟧."), [.actor("dick-durbin")])
        expectObjects(Marked("Austin praised ⟦the court for its patience⟧."), [.actor("lloyd-austin")])
        // Up to a participle that reports more.
        expectObjects(Marked("Austin criticized ⟦Durbin and Graham on Monday⟧, saying that the letter was late."), [.actor("lloyd-austin")])
    }

    @Test func headlines() {
        let label = attributions("Maria Lopez: The New Stadium Is a Waste of Public Money")
        #expect(label.map(\.kind) == [.statement])
        #expect(label.map(\.source) == [.name("Maria Lopez")])
        #expect(label.first.map { Array("Maria Lopez: The New Stadium Is a Waste of Public Money".utf8)[$0.content.start..<$0.content.end] }
            == Array("The New Stadium Is a Waste of Public Money".utf8)[...])
        let says = attributions("Harbor County Says Ferry Service Should Resume This Spring")
        #expect(says.map(\.kind) == [.statement])
        #expect(says.map(\.source) == [.name("Harbor County")])
        let announced = attributions("Dana Brooks Just Announced Her Retirement")
        #expect(announced.map(\.kind) == [.object])
        #expect(announced.map(\.source) == [.name("Dana Brooks")])
        // A label that names no one, a base form in capitals, a sentence of prose.
        #expect(attributions("Update: The Vote Is Delayed Until Monday").isEmpty)
        #expect(attributions("The Washington Post Editorial Board Meets Today").isEmpty)
        #expect(attributions("The Committee Says so in the letter, which the senators had never read at all before the vote.").isEmpty)
    }

    @Test func aNamesReportingNoun() {
        expectObjects(Marked("Several mayors backed Graham’s call for ⟦an inquiry into the strikes⟧."), [.actor("lindsey-graham")])
        expectObjects(Marked("Durbin’s attacks on ⟦the court⟧, which began in May, continued."), [.actor("dick-durbin")])
        // Not a noun that reports, nor one without what it is about.
        #expect(attributions("Graham’s office on the hill is small.").isEmpty)
        #expect(attributions("Nobody doubted Graham’s support.").isEmpty)
    }

    @Test func aMegabyteParagraphOfObjectsStaysLinear() {
        // 24,000 objects in one paragraph of a megabyte: each read over a bounded window and checked
        // against its neighbours only (when every object was checked against every candidate, and read
        // to the end of the clause, this took 33 s in a debug build; now about 2 s).
        let text = String(repeating: "Graham praised the court, Durbin’s call for a vote, Austin called for a ban; ", count: 12_000) + ".\n"
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure { count = attributions(text).count }
        #expect(count == 24_000)
        #expect(elapsed < .seconds(15))
    }

    @Test func clausesStayStatementsAndDenialsReportNothing() {
        #expect(attributions("Durbin said the evidence should be shared.").map(\.kind) == [.statement])
        #expect(attributions("At the time, Monaco declined to comment on internal discussions.").isEmpty)
        #expect(attributions("Graham did not criticize the court.").isEmpty)
        #expect(attributions("The critics of the plan met on Monday.").isEmpty)
    }

    @Test func objectsAreNeverWrappedNorHovered() {
        let text = "Graham announced his resignation. Durbin called for an inquiry into the strikes."
        let cast = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(attributionCast.utf8))
        let article = Document(id: DocumentID("file:///w/article.md"), bytes: Array(text.utf8))
        let snapshot = WorkspaceSnapshot(documents: [cast, article], configuration: Configuration())
        #expect(Attributions.infer(in: article, snapshot: snapshot).count == 2)
        #expect(Annotator.plan(article, snapshot: snapshot).wrapped == 0)
        #expect(Features.hover(at: 20, in: article.id, snapshot: snapshot) == nil)
    }
}
