import DossierTestSupport
import DossierSyntax
import Testing

@Suite struct FrontMatterTests {
    @Test func readsKeysTypeAndOutlet() {
        let doc = Marked("---\ntitle: Biden orders\ntype: brief   # a comment\noutlet: ⟦nyt⟧\npublished: 2023-07-26\n---\nBody\n")
        let syntax = doc.scan()
        let matter = try! #require(syntax.frontMatter)
        #expect(matter.type == .brief)
        #expect(matter.value("title")?.text == "Biden orders")
        #expect(matter.outlet?.id == "nyt")
        #expect(matter.outlet?.range == doc.ranges[0])
        #expect(syntax.diagnostics.isEmpty)
        #expect(syntax.paragraphs.count == 1)
    }

    @Test func quotedAtOutletIsAccepted() {
        let doc = Marked("---\noutlet: \"⟦@nyt⟧\"\n---\n")
        let syntax = doc.scan()
        #expect(syntax.frontMatter?.outlet?.range == doc.ranges[0])
        #expect(syntax.frontMatter?.outlet?.idRange == ByteRange(doc.ranges[0].start + 1, doc.ranges[0].end))
        #expect(syntax.diagnostics.isEmpty)
    }

    @Test func bareAtOutletIsAYAMLError() {
        let doc = Marked("---\noutlet: ⟦@nyt⟧\n---\n")
        let syntax = doc.scan()
        #expect(syntax.diagnostics.map(\.code) == [.syntax])
        #expect(syntax.diagnostics.first?.range == doc.ranges[0])
    }

    @Test func badDateURLAndTypeAreWarnings() {
        let doc = Marked("---\ntype: ⟦memo⟧\npublished: ⟦2023-02-30⟧\nurl: ⟦example.com⟧\n---\n")
        let syntax = doc.scan()
        #expect(syntax.diagnostics.map(\.code) == [.frontMatter, .frontMatter, .frontMatter])
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
    }

    @Test func unclosedFrontMatterIsReportedOnItsFirstLine() {
        let doc = Marked("⟦---⟧\ntitle: x\n")
        let syntax = doc.scan()
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
        #expect(syntax.frontMatter == nil)
    }

    @Test func crlfFrontMatter() {
        let doc = Marked("---\r\ntitle: A\r\noutlet: ⟦nyt⟧\r\n---\r\nText\r\n")
        let syntax = doc.scan()
        #expect(syntax.frontMatter?.outlet?.range == doc.ranges[0])
        #expect(syntax.frontMatter?.value("title")?.text == "A")
    }
}

@Suite struct ActorDefinitionTests {
    @Test func headingFieldsAndDescription() {
        let doc = Marked("""
        # People

        ## ⟦Lloyd Austin⟧ {#⟦lloyd-austin⟧ .person}

        - aliases: ⟦Austin⟧, ⟦Secretary Austin⟧, "⟦Washington, D.C.⟧"
        - role: ⟦U.S. Secretary of Defense⟧
        - member-of: ⟦@us-dod⟧
        - wikidata: ⟦Q1869253⟧

        ⟦Retired Army general.

        Second paragraph.⟧

        ## Next {#next .country}
        """)
        let syntax = doc.scan()
        #expect(syntax.diagnostics.isEmpty)
        #expect(syntax.actors.count == 2)
        let actor = syntax.actors[0]
        let r = doc.ranges
        #expect(actor.name == Located("Lloyd Austin", r[0]))
        #expect(actor.id == Located("lloyd-austin", r[1]))
        #expect(actor.kind == .person)
        #expect(actor.aliases.map(\.text) == ["Austin", "Secretary Austin", "Washington, D.C."])
        #expect(actor.aliases.map(\.range) == [r[2], r[3], r[4]])
        #expect(actor.role?.range == r[5])
        #expect(actor.memberOf.map(\.id) == ["us-dod"])
        #expect(actor.memberOf.first?.range == r[6])
        #expect(actor.wikidata?.range == r[7])
        #expect(actor.description?.range == r[8])
        #expect(syntax.headings.count == 3)
        #expect(syntax.headings[0].sectionRange.end == doc.bytes.count)
    }

    @Test func anchorWithoutClassIsNotAnActor() {
        let syntax = Marked("## Intro {#intro}\n\nText").scan()
        #expect(syntax.actors.isEmpty)
        #expect(syntax.diagnostics.isEmpty)
        #expect(syntax.headings.first?.anchor?.text == "intro")
    }

    @Test func unknownKindSuggestsTheNearest() {
        let doc = Marked("## Lloyd {#lloyd ⟦.persn⟧}")
        let syntax = doc.scan()
        #expect(syntax.actors.isEmpty)
        #expect(syntax.diagnostics.map(\.code) == [.invalidActor])
        #expect(syntax.diagnostics.first?.range == doc.ranges[0])
        #expect(syntax.diagnostics.first?.message.contains("`.person`") == true)
    }

    @Test func pandocClassesAreNotMisspeltKinds() {
        #expect(Marked("## Notes {#notes .unnumbered}").scan().diagnostics.isEmpty)
    }

    @Test func missingNameAndBadWikidata() {
        let doc = Marked("## {⟦#x⟧ .person}\n- wikidata: ⟦1869253⟧\n")
        let syntax = doc.scan()
        #expect(syntax.actors.count == 1)
        #expect(syntax.actors[0].name.text == "x")
        #expect(syntax.diagnostics.map(\.code) == [.invalidActor, .invalidActor])
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
    }

    @Test func badActorIdIsASyntaxError() {
        let doc = Marked("## Lloyd {#⟦Lloyd_Austin⟧ .person}")
        let syntax = doc.scan()
        #expect(syntax.actors.isEmpty)
        #expect(syntax.diagnostics.map(\.code) == [.syntax])
        #expect(syntax.diagnostics.first?.range == doc.ranges[0])
    }

    @Test func kindWithoutIdAsksForOne() {
        let syntax = Marked("## Lloyd Austin {.person}").scan()
        #expect(syntax.diagnostics.map(\.code) == [.invalidActor])
        #expect(syntax.diagnostics.first?.message.contains("#lloyd-austin") == true)
    }
}

@Suite struct MentionTests {
    @Test func linkedMentionRangeIsTheAtId() {
        let doc = Marked("Said [Lloyd Austin](⟦@lloyd-austin⟧) today.")
        let syntax = doc.scan()
        #expect(syntax.mentions.count == 1)
        let mention = syntax.mentions[0]
        #expect(mention.reference.role == .linked)
        #expect(mention.reference.range == doc.ranges[0])
        #expect(mention.reference.id == "lloyd-austin")
        #expect(syntax.text(mention.linkText!) == "Lloyd Austin")
        #expect(syntax.text(mention.fullRange) == "[Lloyd Austin](@lloyd-austin)")
    }

    @Test func bareMentionsAndTheirBoundaries() {
        let doc = Marked("⟦@nyt⟧ and ⟦@canada⟧’s, not a@b.com, x.@y, /@z, @@w, “⟦@icc⟧”")
        let syntax = doc.scan()
        #expect(syntax.mentions.map(\.reference.range) == doc.ranges)
        #expect(syntax.mentions.map(\.reference.id) == ["nyt", "canada", "icc"])
        #expect(syntax.mentions.allSatisfy { $0.reference.role == .bare })
    }

    @Test func nothingInCodeCommentsOrEscapes() {
        let text = """
        `@nyt` and ``[x](@a)`` and <!-- @nyt --> and \\@nyt and \\[x]{.claim}

        ```
        @nyt [x]{.claim}
        ```

        <!--
        @nyt
        -->
        ~~~~
        @nyt
        ~~~~
        """
        let syntax = Marked(text).scan()
        #expect(syntax.mentions.isEmpty)
        #expect(syntax.claims.isEmpty)
        #expect(syntax.diagnostics.isEmpty)
    }

    @Test func badLinkedIdIsASyntaxError() {
        let doc = Marked("[Austin](⟦@Lloyd⟧)")
        let syntax = doc.scan()
        #expect(syntax.mentions.isEmpty)
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
    }

    @Test func ordinaryLinksAreNotMentions() {
        let syntax = Marked("[site](https://example.com/@nyt) and [x](#anchor)").scan()
        #expect(syntax.mentions.isEmpty)
    }
}

@Suite struct ClaimTests {
    @Test func everyAttribute() {
        let doc = Marked("""
        ⟦[“I will always ⟦@lloyd-austin⟧,”]{.quote #⟦austin-reciprocity⟧ by=⟦@lloyd-austin⟧,⟦@us-dod⟧ via=⟦@nyt⟧ cue=⟦said⟧ cite=#⟦a⟧,#⟦b-2⟧ tone=⟦calm⟧}⟧
        """)
        let syntax = doc.scan()
        #expect(syntax.diagnostics.isEmpty)
        let claim = try! #require(syntax.claims.first)
        let r = doc.ranges
        #expect(claim.kind == .quote)
        #expect(claim.range == r[0])
        #expect(claim.id == Located("austin-reciprocity", r[2]))
        #expect(claim.by.map(\.range) == [r[3], r[4]])
        #expect(claim.via.map(\.range) == [r[5]])
        #expect(claim.cue == Located("said", r[6]))
        #expect(claim.cites == [Located("a", r[7]), Located("b-2", r[8])])
        #expect(claim.extra.map(\.key.text) == ["tone"])
        #expect(claim.extra.first?.value.range == r[9])
        #expect(syntax.mentions.map(\.reference.range) == [r[1]])
    }

    @Test func quotedDescriptionIsAnUnnamedSource() {
        let doc = Marked("[the evidence]{.claim by=\"⟦officials familiar with the matter⟧\" via=@nyt}")
        let claim = try! #require(doc.scan().claims.first)
        #expect(claim.byDescription == Located("officials familiar with the matter", doc.ranges[0]))
        #expect(claim.by.isEmpty)
    }

    @Test func attributeBlockMayWrapLines() {
        let syntax = Marked("[Biden overrode]{.claim\n  by=@nyt\n  #biden-order}").scan()
        #expect(syntax.claims.first?.id?.text == "biden-order")
        #expect(syntax.diagnostics.isEmpty)
    }

    @Test func ordinarySpansAreIgnored() {
        let syntax = Marked("[x]{.smallcaps} and [y]{#id} and {not attrs}").scan()
        #expect(syntax.claims.isEmpty)
        #expect(syntax.diagnostics.isEmpty)
    }

    @Test func nestedClaimIsReportedOnTheInnerSpan() {
        let doc = Marked("[outer ⟦[inner]{.claim by=@a}⟧ rest]{.claim by=@b}")
        let syntax = doc.scan()
        #expect(syntax.claims.count == 2)
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
        #expect(syntax.diagnostics.first?.message.contains("cannot hold another claim") == true)
    }

    @Test func claimCrossingABlankLineIsReportedAtItsBracket() {
        let doc = Marked("Intro ⟦[⟧The Pentagon\n\nis blocking]{.claim by=@nyt}")
        let syntax = doc.scan()
        #expect(syntax.claims.isEmpty)
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
        #expect(syntax.diagnostics.first?.message.contains("blank line on line 2") == true)
    }

    @Test func unclosedAttributeBlock() {
        let doc = Marked("[text]⟦{⟧.claim by=@nyt\n\nNext")
        let syntax = doc.scan()
        #expect(syntax.claims.isEmpty)
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
    }

    @Test func badAttributeValues() {
        let doc = Marked("[a]{.claim by=⟦nyt⟧ cite=⟦x⟧ #⟦Bad⟧}")
        let syntax = doc.scan()
        #expect(syntax.diagnostics.map(\.code) == [.syntax, .syntax, .syntax])
        #expect(syntax.diagnostics.map(\.range).sorted() == doc.ranges)
    }

    @Test func malformedTokenInsideAClaimIsReported() {
        let doc = Marked("[a]{.claim ⟦by⟧ @nyt}")
        let syntax = doc.scan()
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
    }
}

@Suite struct SuppressionTests {
    @Test func blockAndFileScopes() {
        let doc = Marked("""
        <!-- dossier-ignore-file unlinked-mention -->
        <!-- dossier-ignore vague-attribution, anonymous-source -->
        ⟦It is reportedly true.
        Still the same block.⟧

        Not suppressed.
        """)
        let syntax = doc.scan()
        #expect(syntax.suppressions.count == 2)
        #expect(syntax.suppressions[0].scope == .file)
        #expect(syntax.suppressions[1].rules.map(\.text) == ["vague-attribution", "anonymous-source"])
        #expect(syntax.suppressions[1].scope == .block(doc.ranges[0]))
        #expect(syntax.diagnostics.isEmpty)
    }

    @Test func aCommentInsideAParagraphReachesFromItselfToTheParagraphsEnd() {
        let doc = Marked("It reportedly is. ⟦<!-- dossier-ignore vague-attribution -->⟧⟦ It reportedly is.\nAnd again.⟧\n\nNext.")
        let syntax = doc.scan()
        #expect(syntax.suppressions.map(\.range) == [doc.ranges[0]])
        #expect(syntax.suppressions.map(\.scope) == [.sentence(doc.ranges[1])])
        #expect(syntax.paragraphs.count == 2)
    }

    @Test func aCommentOpeningALineOfTextBelongsToTheParagraphItOpens() {
        // Pandoc reads the text after `-->` as a paragraph; it was skipped with the comment, mention and all.
        let doc = Marked("Before.\n\n⟦<!-- dossier-ignore vague-attribution -->⟧⟦ Said [Austin](@lloyd-austin).⟧\n")
        let syntax = doc.scan()
        #expect(syntax.paragraphs.map(\.range) == [ByteRange(0, 7), ByteRange(doc.ranges[0].start, doc.ranges[1].end)])
        #expect(syntax.mentions.map(\.reference.id) == ["lloyd-austin"])
        #expect(syntax.suppressions.map(\.scope) == [.sentence(doc.ranges[1])])
    }

    @Test func aCommentOnALineOfItsOwnStillSilencesTheNextBlock() {
        let doc = Marked("Text.\n<!-- dossier-ignore vague-attribution -->\n⟦It reportedly is.⟧\n")
        let syntax = doc.scan()
        #expect(syntax.suppressions.map(\.scope) == [.block(doc.ranges[0])])
    }

    @Test func unknownRuleIsReported() {
        let doc = Marked("<!-- dossier-ignore ⟦vague⟧ -->\ntext")
        let syntax = doc.scan()
        #expect(syntax.diagnostics.map(\.range) == doc.ranges)
        #expect(syntax.diagnostics.first?.message.contains("vague-attribution") == true)
    }
}

@Suite struct ParagraphTests {
    @Test func segmentsLeaveOutCodeTargetsAndAttributes() {
        let doc = Marked("⟦Said [Austin]⟧(@lloyd-austin)⟦ and ⟧`code`⟦ then [x]⟧{.claim by=@a}⟦.⟧")
        let syntax = doc.scan()
        #expect(syntax.paragraphs.first.map { Array(syntax.segments(of: $0)) } == doc.ranges)
    }
}
