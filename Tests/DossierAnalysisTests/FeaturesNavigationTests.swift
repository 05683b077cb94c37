import DossierAnalysis
import DossierSyntax
import Testing

@Suite struct FeaturesTargetTests {
    let article = FeatureText("""
    ---
    outlet: nyt
    ---

    “Quoted” 🎉 [Austin](@lloyd-austin) met @us-dod and Secretary Austin.
    [The Pentagon refused]{.claim #refusal by=@lloyd-austin via=@nyt} and [it was bad]{.claim}.
    Mail me at a@us-dod please.

    """)

    var snapshot: WorkspaceSnapshot { workspace([("article.md", article.text)]) }

    func at(_ needle: String, _ delta: Int = 0) -> FeatureTarget? {
        Features.target(at: offset(of: needle, in: article.text, plus: delta), in: articleID, snapshot: snapshot)
    }

    @Test func linkedMentionAnywhere() {
        let full = range(of: "[Austin](@lloyd-austin)", in: article.text)
        #expect(at("[Austin]", 2) == .actor(id: "lloyd-austin", range: full))
        #expect(at("@lloyd-austin)", 3) == .actor(id: "lloyd-austin", range: range(of: "@lloyd-austin", in: article.text)))
    }

    @Test func bareMentionOnlyWhenDefined() {
        #expect(at("@us-dod and", 2) == .actor(id: "us-dod", range: range(of: "@us-dod and", in: article.text).shrunk(4)))
        #expect(at("a@us-dod", 3) == nil)
    }

    @Test func unlinkedAliasLongestMatch() {
        #expect(at("Secretary Austin", 2) == .actor(id: "lloyd-austin", range: range(of: "Secretary Austin", in: article.text)))
    }

    @Test func outletAndAttributes() {
        #expect(at("nyt\n", 1) == .actor(id: "nyt", range: range(of: "nyt", in: article.text)))
        #expect(at("via=@nyt", 5) == .actor(id: "nyt", range: range(of: "@nyt}", in: article.text).shrunk(1)))
        #expect(at("#refusal", 0) == .claim(id: "refusal", range: range(of: "refusal", in: article.text)))
        #expect(at("Pentagon refused", 0) == .actor(id: "us-dod", range: range(of: "Pentagon", in: article.text)))
        #expect(at("refused]", 2) == .claim(id: "refusal", range: range(of: "[The Pentagon refused]{.claim #refusal by=@lloyd-austin via=@nyt}", in: article.text)))
        #expect(at("was bad", 1) == .unnamedClaim(index: 1, range: range(of: "[it was bad]{.claim}", in: article.text)))
    }

    @Test func headingLine() {
        let cast = castText
        let snap = snapshot
        let name = range(of: "Lloyd Austin {", in: cast).shrunk(2)
        #expect(Features.target(at: offset(of: "## Lloyd", in: cast), in: castID, snapshot: snap) == .actor(id: "lloyd-austin", range: name))
        #expect(Features.target(at: offset(of: "#lloyd-austin", in: cast), in: castID, snapshot: snap)
            == .actor(id: "lloyd-austin", range: range(of: "lloyd-austin .person", in: cast).shrunk(8)))
        #expect(Features.target(at: offset(of: "@us-dod\n", in: cast, plus: 2), in: castID, snapshot: snap)
            == .actor(id: "us-dod", range: range(of: "@us-dod\n", in: cast).shrunk(1)))
    }
}

extension ByteRange {
    /// This range with `count` bytes cut off its end.
    func shrunk(_ count: Int) -> ByteRange { ByteRange(start, end - count) }
}

@Suite struct FeaturesNavigationTests {
    let article = FeatureText("""
    [Austin](@lloyd-austin) said [“we will not share”]{.quote #no-share by=@lloyd-austin cue=said}.

    """)
    let brief = FeatureText("""
    ---
    type: brief
    title: The brief
    ---

    [The secretary refused]{.claim #brief-refusal cite=#no-share}

    """)

    var snapshot: WorkspaceSnapshot { workspace([("article.md", article.text), ("brief.md", brief.text)]) }

    @Test func definitionOfActorAndClaim() {
        let locations = Features.definition(at: 3, in: articleID, snapshot: snapshot)
        #expect(locations == [Location(castID, range(of: "## Lloyd Austin {#lloyd-austin .person}", in: castText))])
        let cite = Features.definition(at: offset(of: "no-share}", in: brief.text), in: briefID, snapshot: snapshot)
        #expect(cite == [Location(articleID, range(of: "[“we will not share”]{.quote #no-share by=@lloyd-austin cue=said}", in: article.text))])
    }

    @Test func actorReferencesAcrossWorkspace() {
        let refs = Features.references(at: 3, in: articleID, snapshot: snapshot, includeDeclaration: false)
        #expect(refs == [
            Location(articleID, range(of: "@lloyd-austin)", in: article.text).shrunk(1)),
            Location(articleID, range(of: "@lloyd-austin cue", in: article.text).shrunk(4)),
        ])
        let withDeclaration = Features.references(at: 3, in: articleID, snapshot: snapshot, includeDeclaration: true)
        #expect(withDeclaration.count == 3)
        #expect(withDeclaration.first == Location(articleID, range(of: "@lloyd-austin)", in: article.text).shrunk(1)))
        #expect(withDeclaration.last == Location(castID, range(of: "lloyd-austin .person", in: castText).shrunk(8)))
        // member-of and outlet count as references.
        let dod = Features.actorReferences("us-dod", snapshot, includeDeclaration: false)
        #expect(dod == [Location(castID, range(of: "@us-dod\n", in: castText).shrunk(1))])
    }

    @Test func claimReferences() {
        let refs = Features.references(
            at: offset(of: "#no-share", in: article.text, plus: 1), in: articleID, snapshot: snapshot, includeDeclaration: true)
        #expect(refs == [
            Location(articleID, range(of: "no-share by", in: article.text).shrunk(3)),
            Location(briefID, range(of: "no-share}", in: brief.text).shrunk(1)),
        ])
    }

    @Test func prepareRenameRanges() {
        let snap = snapshot
        let onLink = Features.prepareRename(at: offset(of: "@lloyd", in: article.text, plus: 1), in: articleID, snapshot: snap)
        #expect(onLink?.range == range(of: "lloyd-austin)", in: article.text).shrunk(1))
        #expect(onLink?.placeholder == "lloyd-austin")
        // On the link text, where references work too: the actor's id, which is what a rename changes.
        let onText = Features.prepareRename(at: 2, in: articleID, snapshot: snap)
        #expect(onText?.range == range(of: "lloyd-austin)", in: article.text).shrunk(1))
        #expect(onText?.placeholder == "lloyd-austin")
        // On an actor heading's name: its `#id`.
        let onHeading = Features.prepareRename(at: offset(of: "Lloyd Austin {", in: castText), in: castID, snapshot: snap)
        #expect(onHeading?.range == range(of: "lloyd-austin .person", in: castText).shrunk(8))
        // On a cite item, the `#` included.
        let onCite = Features.prepareRename(at: offset(of: "#no-share}", in: brief.text), in: briefID, snapshot: snap)
        #expect(onCite?.range == range(of: "no-share}", in: brief.text).shrunk(1))
        // Unlinked names are not renamable.
        let plain = FeatureText("Austin spoke.\n")
        let snap2 = workspace([("article.md", plain.text)])
        #expect(Features.target(at: 1, in: articleID, snapshot: snap2) != nil)
        #expect(Features.prepareRename(at: 1, in: articleID, snapshot: snap2) == nil)
    }

    @Test func renameActorEverywhere() throws {
        let snap = snapshot
        let result = Features.rename(at: 12, in: articleID, newName: "@l-austin", snapshot: snap)
        let edits = try result.get()
        #expect(edits.keys.sorted() == [articleID, castID])
        let article = String(decoding: TextEdit.apply(edits[articleID]!, to: Array(self.article.text.utf8)), as: UTF8.self)
        #expect(article == "[Austin](@l-austin) said [“we will not share”]{.quote #no-share by=@l-austin cue=said}.\n")
        let cast = String(decoding: TextEdit.apply(edits[castID]!, to: Array(castText.utf8)), as: UTF8.self)
        #expect(cast.contains("{#l-austin .person}"))
    }

    @Test func renameClaim() throws {
        let edits = try Features.rename(
            at: offset(of: "no-share}", in: brief.text), in: briefID, newName: "refusal", snapshot: snapshot).get()
        #expect(edits[articleID] == [TextEdit(range: range(of: "no-share by", in: article.text).shrunk(3), newText: "refusal")])
        #expect(edits[briefID] == [TextEdit(range: range(of: "no-share}", in: brief.text).shrunk(1), newText: "refusal")])
    }

    @Test func renameRefusals() {
        let snap = snapshot
        #expect(Features.rename(at: 12, in: articleID, newName: "Lloyd", snapshot: snap) == .failure(.invalidName(
            "`Lloyd` is not a valid id: ids use lowercase letters, digits and single hyphens between them (like lloyd-austin)")))
        #expect(Features.rename(at: 12, in: articleID, newName: "", snapshot: snap) == .failure(.invalidName("`` is not a valid id: an id cannot be empty")))
        guard case let .failure(.taken(message)) = Features.rename(at: 12, in: articleID, newName: "nyt", snapshot: snap) else {
            Issue.record("expected taken")
            return
        }
        #expect(message == "`@nyt` is already the id of The New York Times (cast.md): choose another id")
        guard case .failure(.taken) = Features.rename(
            at: offset(of: "no-share}", in: brief.text), in: briefID, newName: "brief-refusal", snapshot: snap) else {
            Issue.record("expected taken claim")
            return
        }
        let plain = workspace([("article.md", "Austin spoke.\n")])
        #expect(Features.rename(at: 2, in: articleID, newName: "x", snapshot: plain) == .failure(.notRenamable))
    }

    @Test func renameFromTheLinkTextRenamesTheActor() throws {
        let edits = try Features.rename(at: 2, in: articleID, newName: "l-austin", snapshot: snapshot).get()
        let renamed = String(decoding: TextEdit.apply(edits[articleID]!, to: Array(article.text.utf8)), as: UTF8.self)
        #expect(renamed.hasPrefix("[Austin](@l-austin) said"))
        #expect(edits[castID]?.count == 1)
    }
}
