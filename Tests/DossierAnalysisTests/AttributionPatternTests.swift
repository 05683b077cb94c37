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

/// Expects the quotations of `text` to be its marked ranges, with `sources` in order.
private func expectQuotes(_ text: Marked, _ sources: [AttributionSource?], sourceLocation: SourceLocation = #_sourceLocation) {
    let quotes = attributions(text.text).filter { $0.kind == .quote }
    #expect(quotes.map(\.content) == text.ranges, sourceLocation: sourceLocation)
    #expect(quotes.map(\.source) == sources, sourceLocation: sourceLocation)
}

/// Each quotation pattern of SPEC 7: the marked ranges are the quotations, each with the source expected.
@Suite struct QuotationPatternTests {
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

    @Test func aTimeBetweenTheCueAndAClauseWithoutThat() {
        // The clause starts at its subject, not at a later "that".
        expectStatements(
            Marked("Durbin said on Monday ⟦she wrote to the clerks in March and that nobody answered the letter⟧."), [.actor("dick-durbin")])
        expectStatements(Marked("Graham said Tuesday ⟦they would vote in May⟧."), [.actor("lindsey-graham")])
        expectStatements(Marked("Durbin said in a letter Tuesday that ⟦the vote would wait⟧."), [.actor("dick-durbin")])
    }

    @Test func subjectsWithAParticipleAndATimeOrARelativeClause() {
        expectStatements(
            Marked("A county memo released Thursday says that ⟦the bridge will close for a month⟧."), [.description("A county memo")])
        expectStatements(
            Marked("Rep. Ana Ruiz (D-Ill.), an organizer who has made rent control her cause, said ⟦the bill would pass⟧."), [.name("Ana Ruiz")])
    }

    @Test func speakTalkAndWhatATextShows() {
        expectStatements(Marked("Graham spoke about the storm at length."), [])
        expectStatements(Marked("A new poll shows ⟦the senator is trailing by ten points⟧."), [.description("A new poll")])
        // Only a text shows: "Durbin showed the crowd his notes" reports nothing.
        expectStatements(Marked("Durbin showed them the notes he had taken."), [])
    }

    @Test func aTextAndWhoWroteIt() {
        expectStatements(
            Marked("⟦The mayor carried 31 precincts⟧, according to a tally by the Tulsa Herald."),
            [.description("a tally by the Tulsa Herald")])
        expectStatements(Marked("⟦The bond vote is close⟧, according to a column in Newsday."), [.description("a column in Newsday")])
        // Not a place after a person: "a spokeswoman in Tulsa" ends before "in".
        expectStatements(Marked("⟦The road is closed⟧, according to a spokeswoman in Tulsa."), [.description("a spokeswoman")])
    }

    @Test func appositionsWithAPartyAStateOrAPlace() {
        expectStatements(Marked("Sen. Mara Quist, D-Minn., the ranking member, said ⟦the plan was failing⟧."), [.name("Mara Quist")])
        expectStatements(Marked("Ana Ruiz, 41, of Tulsa, Okla., who runs the food bank, said ⟦she was worried about the winter⟧."), [.name("Ana Ruiz")])
        expectStatements(Marked("One organizer at the rally, Lena Hart of the Tenants Union in Tulsa, said ⟦she had knocked on 300 doors⟧."), [.name("Lena Hart")])
        // A name with its party and state before the tag of a quotation, after a clause of time and place.
        expectQuotes(Marked("Monday in Tulsa, after the count, Gov. Ann Ruiz (R-OK), said, ⟦“We start on the roads next week.”⟧"), [.name("Ann Ruiz")])
        #expect(attributions("Monday in Tulsa, after the count, Gov. Ann Ruiz (R-OK), said, “We start on the roads next week.”").filter { $0.kind == .statement }.isEmpty)
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

    @Test func aBareQuotationAfterAReportingSentenceInItsParagraph() {
        expectQuotes(Marked("Lena Hart argues that the landlord ignored every letter. ⟦“We wrote to him eleven times.”⟧"), [.name("Lena Hart")])
        expectQuotes(Marked("With the cameras rolling, Durbin says the clerks feel ignored. ⟦“Nobody returns their calls.”⟧"), [.actor("dick-durbin")])
        // A verb of judgement reports too, here and at the end of the paragraph before.
        expectQuotes(Marked("Graham praised the road crews after the flood.\n\n⟦“They worked through three nights without a break.”⟧"), [.actor("lindsey-graham")])
        // Not when the quotation goes on into its sentence, nor after a denial.
        expectQuotes(Marked("Durbin argues that the plan failed. ⟦“A failure”⟧ is what the papers called it."), [nil])
        expectQuotes(Marked("Durbin declined to say how the plan failed. ⟦“It did not fail.”⟧"), [nil])
    }

    @Test func moreReportingSentencesBeforeABareQuotation() {
        // A second verb of the sentence's subject; a quotation earlier in the sentence than the verb and subject.
        expectQuotes(
            Marked("Durbin paused and noted that the contract was signed in May. ⟦“Who read it before it was signed?”⟧"),
            [.actor("dick-durbin")])
        expectQuotes(
            Marked("Why ⟦“the plan”⟧ failed is unclear, since Graham spoke only briefly.\n\n⟦“Nobody funded the second phase.”⟧"),
            [.actor("lindsey-graham"), .actor("lindsey-graham")])
        // A description before a colon.
        expectQuotes(
            Marked("A memo from the agency was blunt about the pumps: ⟦“They were never tested at full load.”⟧"),
            [.description("A memo from the agency")])
    }

    @Test func tagsPastATimeOrAnAddresseePronoun() {
        expectQuotes(Marked("⟦“The ferry will run again in spring,”⟧ Graham, after a short silence, said of the harbor."), [.actor("lindsey-graham")])
        expectQuotes(Marked("⟦“Are you ready for this?”⟧ Durbin asked them."), [.actor("dick-durbin")])
        // A quotation that ends its sentence inside its marks, then another sentence, after a reporting one.
        expectQuotes(
            Marked("Durbin says the clerks feel ignored. ⟦“Nobody returns their calls.”⟧ The office has two phones for the county."),
            [.actor("dick-durbin")])
    }

    @Test func dashesAroundAnAppositionAndBeforeAQuotation() {
        expectQuotes(
            Marked("A former mayor -- Dick Durbin, who lost in 2019 -- said the budget ⟦\"cut the wrong things first.\"⟧"),
            [.actor("dick-durbin")])
        expectQuotes(
            Marked("Graham - who once said he would ⟦\"pave every road in the county\"⟧ by May - spoke at a rally."), [.actor("lindsey-graham")])
        expectQuotes(Marked("Graham also backed the new zoning rules -- ⟦\"I think they are overdue by a decade.\"⟧"), [.actor("lindsey-graham")])
        // Not after a dash whose clause has no name for a subject.
        expectQuotes(Marked("The hall went quiet -- ⟦\"We open the doors at noon tomorrow!\"⟧"), [nil])
    }

    @Test func peopleCountedOrAnotherAsSubjects() {
        expectQuotes(Marked("⟦“The zoning board never published its minutes,”⟧ the three write."), [.description("the three")])
        expectQuotes(Marked("Another wrote, ⟦“The bus came twice in a whole week.”⟧"), [.description("Another")])
        // Still adjectives: "another reported case", "the two reported cases".
        #expect(attributions("Another reported case surfaced on Monday. The two reported cases surfaced too.").isEmpty)
    }

    @Test func aNameThatIsAlsoAnAuxiliary() {
        // "Will" before a verb in the past is a name: a modal never comes before a past form.
        expectQuotes(Marked("⟦“The council has forgotten who pays for the buses,”⟧ Will wrote."), [.name("Will")])
        expectQuotes(Marked("⟦“It will rain all week,”⟧ Graham said, and it will."), [.actor("lindsey-graham")])
    }

    @Test func aTagPastARelativeClauseWithAVerbOfItsOwn() {
        expectQuotes(
            Marked("⟦“They want me to say, ‘Build it now, whatever it costs,’”⟧ Durbin, who has proposed delaying the bridge, said at the hearing."),
            [.actor("dick-durbin")])
        // "And then" before the subject of a participle.
        expectQuotes(Marked("And then Graham turned to the clerk, saying, ⟦\"Is the committee going to meet at all?\"⟧"), [.actor("lindsey-graham")])
    }

    @Test func aRelativeClauseAfterTheTagDoesNotEndTheSpeakersTurn() {
        expectQuotes(
            Marked("⟦“The river took the old mill, the whole thing,”⟧ said Graham, who believes the town will rebuild it.\n\n⟦“We still have the drawings for it.”⟧"),
            [.actor("lindsey-graham"), .actor("lindsey-graham")])
        // Past an auxiliary and an adverb.
        expectQuotes(
            Marked("⟦“The mill is gone,”⟧ said Graham, who has always believed the town would rebuild it.\n\n⟦“We still have the drawings for it.”⟧"),
            [.actor("lindsey-graham"), .actor("lindsey-graham")])
    }

    @Test func aSignatureLineUnderAQuotation() {
        expectQuotes(Marked("⟦“The bridge has been closed for longer than it was open.”⟧\n\n- Dick Durbin."), [.actor("dick-durbin")])
        expectQuotes(Marked("⟦“Nobody on our street was asked about the new bus route.”⟧\n\n—Tomas Vidal, Tucson."), [.name("Tomas Vidal")])
        // The signature wins over the speaker of the paragraph before.
        expectQuotes(
            Marked("⟦“We will win,”⟧ Graham said.\n\n⟦“Nobody has asked us what we want.”⟧\n\n– Dick Durbin"),
            [.actor("lindsey-graham"), .actor("dick-durbin")])
        // A caption on the quotation's own line: a horizontal bar as much as a dash.
        expectQuotes(Marked("⟦“The library is the only warm room in town after six.”⟧ ― Maria Lopez"), [.name("Maria Lopez")])
        // Not a list item that goes on, nor a line under prose.
        expectQuotes(Marked("⟦“We need a new road.”⟧\n\n- Durbin, Graham and the rest of the committee will vote on the road in May after the hearings."), [nil])
    }

    @Test func aTagAfterThePartyAndStateOfItsSubject() {
        expectQuotes(
            Marked("⟦“The ferry schedule was written for tourists,”⟧ Rep. Ana Ruiz (D-Ill.), a committee member, said in an interview. ⟦“Not for workers.”⟧"),
            [.name("Ana Ruiz"), .name("Ana Ruiz")])
    }

    @Test func aNoBreakSpaceBeforeTheSecondHalfOfASplitQuote() {
        expectQuotes(
            Marked("⟦\"The clinic opens at eight on weekdays,\"⟧ Durbin said.\u{A0}⟦\"On weekends it depends on the volunteers.\"⟧"),
            [.actor("dick-durbin"), .actor("dick-durbin")])
    }

    @Test func aTagWithAMediumOrWhenAskedCarriesOnIntoTheNextParagraph() {
        expectQuotes(
            Marked("⟦“The budget comes first,”⟧ Graham told the Times in an interview when asked about the vote.\n\n⟦“The budget comes first because every other promise depends on it.”⟧"),
            [.actor("lindsey-graham"), .actor("lindsey-graham")])
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
