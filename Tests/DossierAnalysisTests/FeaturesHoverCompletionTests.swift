import DossierAnalysis
import DossierSyntax
import Testing

@Suite struct FeaturesHoverTests {
    let article = FeatureText("""
    [Austin](@lloyd-austin) said [“we will not share”]{.quote #no-share by=@lloyd-austin via=@nyt cue=said}.

    """)
    let brief = FeatureText("""
    ---
    type: brief
    title: The brief
    ---

    [The secretary refused]{.claim #brief-refusal cite=#no-share}
    [Loop]{.claim #a cite=#b} [Back]{.claim #b cite=#a}

    """)

    var snapshot: WorkspaceSnapshot { workspace([("article.md", article.text), ("brief.md", brief.text)]) }

    @Test func actorCard() throws {
        let hover = try #require(Features.hover(at: 3, in: articleID, snapshot: snapshot))
        #expect(hover.range == range(of: "[Austin](@lloyd-austin)", in: article.text))
        #expect(hover.markdown == """
        **Lloyd Austin** · person · U.S. Secretary of Defense  
        member of U.S. Department of Defense  
        aka Austin, Secretary Austin  
        [Wikidata Q1869253](https://www.wikidata.org/wiki/Q1869253)  
        party: none

        Retired Army general.

        `@lloyd-austin` · mentioned 1× in 1 document · 1 claim on record · cast.md
        """)
    }

    @Test func countsOnlyWhatTheyName() throws {
        // The cast names @us-dod in Lloyd Austin's member-of: a reference, not a mention, so not a document it is mentioned in.
        let text = "[The Pentagon](@us-dod) refused. [It](@us-dod) still refuses.\n"
        let snap = workspace([("article.md", text)])
        let hover = try #require(Features.hover(at: 3, in: articleID, snapshot: snap))
        #expect(hover.markdown.hasSuffix("`@us-dod` · mentioned 2× in 1 document · 0 claims on record · cast.md"))
        let unmentioned = try #require(Features.hover(at: offset(of: "The New York Times", in: castText), in: castID, snapshot: snap))
        #expect(unmentioned.markdown.hasSuffix("`@nyt` · not mentioned · 0 claims on record · cast.md"))
    }

    @Test func unknownActor() throws {
        let snap = workspace([("article.md", "[X](@nobody)\n")])
        let hover = try #require(Features.hover(at: 1, in: articleID, snapshot: snap))
        #expect(hover.markdown.hasPrefix("**unknown actor** `@nobody`"))
    }

    @Test func claimWithChainAndCitations() throws {
        let hover = try #require(Features.hover(at: offset(of: "The secretary", in: brief.text), in: briefID, snapshot: snapshot))
        #expect(hover.markdown == """
        **claim** `#brief-refusal` · attributed

        > The secretary refused

        - cites `#no-share`: ““we will not share”” (article.md)
          - by Lloyd Austin (`@lloyd-austin`) → via The New York Times (`@nyt`) → cue “said”
        """)
        let quote = try #require(Features.hover(at: offset(of: "#no-share", in: article.text, plus: 2), in: articleID, snapshot: snapshot))
        #expect(quote.markdown.hasSuffix("cited by The brief (brief.md:6)"))
    }

    @Test func citeCycleTerminates() throws {
        let hover = try #require(Features.hover(at: offset(of: "Loop", in: brief.text), in: briefID, snapshot: snapshot))
        #expect(hover.markdown.contains("- cites `#b`: “Back” (brief.md)\n  - cites `#a` (cycle)"))
        #expect(hover.markdown.contains("**unattributed**"))
    }
}

@Suite struct FeaturesCompletionTests {
    func complete(_ source: String, _ configuration: Configuration = Configuration()) -> (CompletionResult, FeatureText) {
        let text = FeatureText(source)
        let snap = workspace([("article.md", text.text)], configuration: configuration)
        return (Features.completions(at: text.cursor!, in: articleID, snapshot: snap), text)
    }

    /// `text` with `item` accepted: its insert text in place of its range.
    func accept(_ item: CompletionItem, in text: String) -> String {
        String(decoding: TextEdit.apply([TextEdit(range: item.replaceRange, newText: item.insertText)], to: Array(text.utf8)), as: UTF8.self)
    }

    @Test func actorsAfterAt() {
        let (result, text) = complete("“Hi” 🎉 met @lloy‸ today.\n")
        #expect(result.items.map(\.label) == ["Lloyd Austin"])
        #expect(!result.isIncomplete)
        let item = result.items[0]
        #expect(item.insertText == "lloyd-austin")
        #expect(item.detail == "person · U.S. Secretary of Defense")
        #expect(item.filterText == "lloyd-austin Lloyd Austin Austin Secretary Austin")
        // The card is built on demand, and reads like the hover.
        #expect(item.documentation == nil && item.card == .actor("lloyd-austin"))
        let snap = workspace([("article.md", text.text)])
        #expect(Features.cardMarkdown(item.card!, snap)?.hasPrefix("**Lloyd Austin** · person") == true)
        #expect(Features.cardMarkdown(.actor("nobody"), snap) == nil)
        #expect(item.replaceRange == range(of: "lloy", in: text.text))
        #expect(item.kind == .actor)
    }

    @Test func noActorsAfterEmailAt() {
        #expect(complete("mail a@b‸\n").0.items.isEmpty)
    }

    @Test func byInsideAttributeBlock() {
        let (result, text) = complete("[x]{.claim by=@‸}\n")
        #expect(result.items.count == 3)
        #expect(result.items[0].replaceRange == ByteRange(text.cursor!, text.cursor!))
    }

    @Test func claimIdsInCite() {
        let (result, text) = complete("[a]{.claim #first by=@nyt} [b]{.claim cite=#fi‸}\n")
        #expect(result.items.map(\.label) == ["first"])
        #expect(result.items[0].detail == "@nyt · a")
        #expect(result.items[0].replaceRange == range(of: "fi}", in: text.text).shrunk(1))
    }

    @Test func attributeNames() {
        let (result, text) = complete("[a]{.claim b‸}\n")
        #expect(result.items.map(\.label) == [".claim", ".quote", "by=", "via=", "cite=", "cue=", "#"])
        #expect(result.items[2].replaceRange == range(of: "b}", in: text.text).shrunk(1))
        // No sigil: the `@` (or `#` after cite=) the user types next by habit must not double it.
        #expect(result.items.map(\.insertText) == [".claim", ".quote", "by=", "via=", "cite=", "cue=", "#"])
    }

    @Test func byThenAnAtTypedByHabitLeavesOneAt() throws {
        let (names, text) = complete("[a]{.claim b‸}\n")
        let afterBy = accept(try #require(names.items.first { $0.label == "by=" }), in: text.text)
        #expect(afterBy == "[a]{.claim by=}\n")
        let typed = afterBy.replacingOccurrences(of: "by=", with: "by=@‸")
        let (actors, atText) = complete(typed)
        #expect(accept(try #require(actors.items.first { $0.label == "Lloyd Austin" }), in: atText.text) == "[a]{.claim by=@lloyd-austin}\n")
    }

    @Test func anAttributeNameBeforeAnEqualsSignTakesItOver() throws {
        let (result, text) = complete("[a]{.claim b‸=@nyt}\n")
        let by = try #require(result.items.first { $0.label == "by=" })
        #expect(accept(by, in: text.text) == "[a]{.claim by=@nyt}\n")
    }

    @Test func afterAHashInAClaimBlockNothingReplacesTheHash() {
        #expect(complete("[a]{#‸}\n").0.items.isEmpty)
        #expect(complete("[a]{.claim #fir‸}\n").0.items.isEmpty)
    }

    @Test func afterAHashInAnActorHeadingTheIdMadeFromItsName() throws {
        let (result, text) = complete("## Jane Roe {#‸}\n")
        #expect(result.items.map(\.label) == ["jane-roe"])
        #expect(accept(result.items[0], in: text.text) == "## Jane Roe {#jane-roe}\n")
        let (typed, typedText) = complete("## Jane Roe {#ja‸ .person}\n")
        #expect(typed.items.map(\.replaceRange) == [range(of: "ja", in: typedText.text)])
    }

    @Test func headingKinds() {
        let (result, _) = complete("## X {#x .‸}\n")
        #expect(result.items.first?.label == ".person")
        #expect(result.items.count == ActorKind.allCases.count)
    }

    @Test func actorFieldKeysUnderTheHeading() throws {
        let (result, text) = complete("## Jane Roe {#jane-roe .person}\n\n- ro‸\n")
        #expect(result.items.map(\.label) == ["aliases", "role", "member-of", "wikidata", "url"])
        let role = try #require(result.items.first { $0.label == "role" })
        #expect(accept(role, in: text.text) == "## Jane Roe {#jane-roe .person}\n\n- role:\n")
        #expect(role.kind == .key)
        let (next, _) = complete("## Jane Roe {#jane-roe .person}\n- aliases: Jane\n- role: Envoy\n- ‸\n")
        #expect(next.items.map(\.label) == ["member-of", "wikidata", "url"])
        let (hyphen, hyphenText) = complete("## Jane Roe {#jane-roe .person}\nmember-o‸\n")
        #expect(hyphen.items.first { $0.label == "member-of" }?.replaceRange == range(of: "member-o", in: hyphenText.text))
        // Not in a description, nor in a list elsewhere.
        #expect(complete("## Jane Roe {#jane-roe .person}\n\nShe met them.\n\n- ro‸\n").0.items.isEmpty)
        #expect(complete("Intro.\n\n- ro‸\n").0.items.isEmpty)
    }

    @Test func frontMatterKeysAndValues() {
        let (keys, _) = complete("---\ntitle: A\nau‸\n---\n")
        #expect(keys.items.map(\.label) == ["type", "outlet", "author", "published", "url"])
        // No trailing space: clients that cut an edit's text at its first space would drop it anyway.
        #expect(keys.items.map(\.insertText) == ["type:", "outlet:", "author:", "published:", "url:"])
        let (outlets, text) = complete("---\noutlet: n‸\n---\n")
        #expect(outlets.items.map(\.insertText) == ["nyt"])
        #expect(outlets.items[0].replaceRange == range(of: "n\n---", in: text.text).shrunk(4))
        let (types, _) = complete("---\ntype: ‸\n---\n")
        #expect(types.items.map(\.label) == ["article", "brief", "cast"])
    }

    @Test func proseNamesAsLinks() {
        let (result, text) = complete("Talks with Lloy‸ stalled.\n")
        #expect(result.items.map(\.label) == ["Lloyd Austin"])
        #expect(result.items[0].insertText == "[Lloyd Austin](@lloyd-austin)")
        #expect(result.items[0].filterText == "Lloyd Austin")
        #expect(result.items[0].replaceRange == range(of: "Lloy", in: text.text))
        #expect(result.items[0].replacesTypedWord)
        #expect(accept(result.items[0], in: text.text) == "Talks with [Lloyd Austin](@lloyd-austin) stalled.\n")
        // Only names that start at the word being typed: editors replace that word and nothing before it.
        let (later, laterText) = complete("Then “Lloyd” 🎉 Secretary Aus‸ spoke.\n")
        #expect(later.items.map(\.label) == ["Austin"])
        #expect(later.items[0].replaceRange == range(of: "Aus", in: laterText.text))
        #expect(complete("Then [Lloy‸\n").0.items.isEmpty)
        #expect(complete("Then U.Sec‸\n").0.items.isEmpty)
        var plain = Configuration()
        plain.linkNames = false
        #expect(complete("Then Pent‸\n", plain).0.items.map(\.insertText) == ["Pentagon"])
        #expect(complete("Then Pe‸\n").0.items.isEmpty)
        #expect(complete("Then pent‸\n").0.items.isEmpty)
    }

    @Test func crlfText() {
        let (result, text) = complete("Intro line\r\nmet @ny‸\r\n")
        // Actors are narrowed to those whose id, name or alias holds what was typed (the client filters further).
        #expect(result.items.map(\.insertText) == ["nyt"])
        #expect(result.items.first?.replaceRange == range(of: "ny\r", in: text.text).shrunk(1))
        #expect(complete("Intro line\r\nmet @‸\r\n").0.items.map(\.insertText) == ["lloyd-austin", "nyt", "us-dod"])
    }
}

@Suite struct LargeCastCompletionTests {
    @Test func atCompletionIsCappedAndIncompleteForALargeCast() {
        let cast = (0..<120).map { "## Person \($0) {#person-\($0) .person}\n" }.joined(separator: "\n")
        let text = FeatureText("See @‸ and more.\n")
        let snap = workspace([("article.md", text.text)], cast: cast)
        let result = Features.completions(at: text.cursor!, in: articleID, snapshot: snap)
        #expect(result.items.count == 50)
        #expect(result.isIncomplete)
        let narrowed = FeatureText("See @person-11‸ and more.\n")
        let snap2 = workspace([("article.md", narrowed.text)], cast: cast)
        let labels = Features.completions(at: narrowed.cursor!, in: articleID, snapshot: snap2).items.map(\.label)
        #expect(labels.first == "Person 11" && labels.count == 11)
    }
}

@Suite struct PlainTextCardTests {
    @Test func markdownMarksGoAndTextStays() {
        #expect(PlainText.fromMarkdown("**Lloyd Austin** · person  \nmember of X") == "Lloyd Austin · person\nmember of X")
        #expect(PlainText.fromMarkdown("`@lloyd-austin` · mentioned 3×") == "@lloyd-austin · mentioned 3×")
        #expect(PlainText.fromMarkdown("[Wikidata Q1](https://www.wikidata.org/wiki/Q1) · https://a.gov")
            == "Wikidata Q1 (https://www.wikidata.org/wiki/Q1) · https://a.gov")
        #expect(PlainText.fromMarkdown("evidence with the [ICC](@icc), he said") == "evidence with the ICC, he said")
        #expect(PlainText.fromMarkdown("[The [White House](@white-house) had]{.claim by=@nyt} it") == "The White House had it")
        #expect(PlainText.fromMarkdown("**quote** `#a-b` · **unattributed**\n\n> “I will,”\n\n- by X") == "quote #a-b · unattributed\n\n> “I will,”\n\n- by X")
        #expect(PlainText.fromMarkdown("snake_case_name, a \\* b, a * b, [x] and <!-- note -->end") == "snake_case_name, a * b, a * b, [x] and end")
        #expect(PlainText.fromMarkdown("``a ` b`` and *it* and __bold__") == "a ` b and it and bold")
    }

    @Test func actorAndClaimCardsReadWithoutMarks() throws {
        let text = "[The base closed]{.claim #base by=@lloyd-austin} said [Austin](@lloyd-austin).\n"
        let snap = workspace([("article.md", text)])
        let actor = PlainText.fromMarkdown(try #require(Features.cardMarkdown(.actor("lloyd-austin"), snap)))
        #expect(actor.hasPrefix("Lloyd Austin · person · U.S. Secretary of Defense\nmember of U.S. Department of Defense\n"))
        #expect(actor.contains("Wikidata Q1869253 (https://www.wikidata.org/wiki/Q1869253)"))
        #expect(!actor.contains("**") && !actor.contains("`"))
        let claim = PlainText.fromMarkdown(try #require(Features.cardMarkdown(.claim("base"), snap)))
        #expect(claim.hasPrefix("claim #base · attributed\n\n> The base closed"))
        let hover = try #require(Features.hover(at: offset(of: "Austin]", in: text), in: articleID, snapshot: snap))
        #expect(PlainText.fromMarkdown(hover.markdown).hasPrefix("Lloyd Austin · person"))
    }
}
