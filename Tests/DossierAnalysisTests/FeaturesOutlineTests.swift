import DossierAnalysis
import DossierSyntax
import Testing

@Suite struct FeaturesOutlineTests {
    let article = FeatureText("""
    ---
    title: Pentagon story
    url: https://example.com/story
    ---

    # Story

    “Hi” 🎉 [Austin](@lloyd-austin) said [the [Pentagon](@us-dod) is
    stalling]{.claim #stall by=@lloyd-austin}.

    ## Aside

    [Nobody said this]{.quote}

    ```
    [not](@nyt)
    ```

    """)

    var snapshot: WorkspaceSnapshot { workspace([("article.md", article.text)]) }

    @Test func documentSymbolsTree() {
        let symbols = Features.documentSymbols(in: articleID, snapshot: snapshot)
        #expect(symbols.map(\.name) == ["Story"])
        let story = symbols[0]
        // A claim reads as its id and first words (outlines such as Neovim's gO show names only), its detail as kind · source.
        #expect(story.children.map(\.name) == ["#stall: the Pentagon is stalling", "Aside"])
        #expect(story.children[0].detail == "claim · by @lloyd-austin")
        #expect(story.children[0].category == .claim)
        #expect(story.children[0].selectionRange == range(of: "stall by", in: article.text).shrunk(3))
        #expect(story.children[1].children.map(\.name) == ["Nobody said this"])
        #expect(story.children[1].children.map(\.detail) == ["quote · no source"])
        #expect(story.children[1].children[0].category == .quote)
        let cast = Features.documentSymbols(in: castID, snapshot: snapshot)
        #expect(cast.map(\.name) == ["People"])
        #expect(cast[0].children.map(\.name) == ["Lloyd Austin", "U.S. Department of Defense", "The New York Times"])
        #expect(cast[0].children[0].category == .actor(.person))
        #expect(cast[0].children[0].selectionRange == range(of: "Lloyd Austin {", in: castText).shrunk(2))
    }

    @Test func claimSymbolsNameTheirSources() {
        let text = """
            [A very long claim whose text goes on and on well past what an outline can show in one line]{.claim #long by="an aide" via=@nyt}
            [Cited]{.claim cite=#long,#other} [Two]{.quote #two by=@nyt,@us-dod}

            """
        let symbols = Features.documentSymbols(in: articleID, snapshot: workspace([("article.md", text)]))
        #expect(symbols.map(\.name) == [
            "#long: A very long claim whose text goes on and on well past what…", "Cited", "#two: Two",
        ])
        #expect(symbols.map(\.detail) == ["claim · by “an aide” via @nyt", "claim · cites #long, #other", "quote · by @nyt, @us-dod"])
    }

    @Test func headingAnchorsShowAsDetail() {
        let snap = workspace([("article.md", "# Intro {#intro}\n\nText.\n\n# Plain\n")])
        let symbols = Features.documentSymbols(in: articleID, snapshot: snap)
        #expect(symbols.map(\.name) == ["Intro", "Plain"])
        #expect(symbols.map(\.detail) == ["#intro", nil])
    }

    @Test func workspaceSymbolsFuzzy() {
        let results = Features.workspaceSymbols(query: "lau", snapshot: snapshot)
        #expect(results.first?.name == "Lloyd Austin")
        #expect(Features.workspaceSymbols(query: "stall", snapshot: snapshot).first?.name == "#stall")
        #expect(Features.workspaceSymbols(query: "pentstory", snapshot: snapshot).map(\.name) == ["Pentagon story"])
        #expect(Features.workspaceSymbols(query: "zzz", snapshot: snapshot).isEmpty)
        #expect(Features.fuzzyScore("nyt", "nyt")! > Features.fuzzyScore("nyt", "New York Times")!)
    }

    @Test func semanticTokensDoNotOverlapOrSpanLines() {
        let tokens = Features.semanticTokens(in: articleID, snapshot: snapshot)
        let text = article.text
        func token(_ needle: String, _ type: SemanticTokenType, _ modifiers: SemanticTokenModifiers = []) -> SemanticTokenItem {
            SemanticTokenItem(range: range(of: needle, in: text), type: type, modifiers: modifiers)
        }
        #expect(tokens == [
            token("Austin", .actor(.person)),
            token("[the [", .claim),
            token("Pentagon](", .actor(.organization)).shrunkToken(2),
            token("](@us-dod) is", .claim),
            token("stalling]", .claim),
            token("@lloyd-austin}", .actor(.person)).shrunkToken(1),
            token("[Nobody said this]", .quote, .unattributed),
        ])
        for (a, b) in zip(tokens, tokens.dropFirst()) { #expect(a.range.end <= b.range.start) }
        let ranged = Features.semanticTokens(in: articleID, snapshot: snapshot, range: range(of: "[Nobody", in: text))
        #expect(ranged.count == 1)
        let cast = Features.semanticTokens(in: castID, snapshot: snapshot)
        #expect(cast.first == SemanticTokenItem(range: range(of: "Lloyd Austin {", in: castText).shrunk(2), type: .actor(.person), modifiers: .declaration))
    }

    @Test func foldingRanges() {
        let folds = Features.foldingRanges(in: articleID, snapshot: snapshot)
        #expect(folds.contains(FoldingItem(startLine: 0, endLine: 3, kind: .region)))
        #expect(folds.contains(FoldingItem(startLine: 5, endLine: 16, kind: nil)))  // # Story
        #expect(folds.contains(FoldingItem(startLine: 7, endLine: 8, kind: nil)))  // claim
        #expect(folds.contains(FoldingItem(startLine: 10, endLine: 16, kind: nil)))  // ## Aside
        #expect(folds.contains(FoldingItem(startLine: 14, endLine: 16, kind: .region)))  // code
    }

    @Test func documentLinks() {
        let links = Features.documentLinks(in: articleID, snapshot: snapshot)
        #expect(links.map(\.target) == ["https://example.com/story"])
        #expect(links[0].range == range(of: "https://example.com/story", in: article.text))
        let castLinks = Features.documentLinks(in: castID, snapshot: snapshot)
        #expect(castLinks.map(\.target) == ["https://www.wikidata.org/wiki/Q1869253", "https://www.defense.gov"])
        #expect(castLinks[0].range == range(of: "Q1869253", in: castText))
    }

    @Test func codeLenses() {
        let lenses = Features.codeLenses(in: castID, snapshot: snapshot)
        #expect(lenses.map(\.title) == ["1 mention · 1 claim", "1 mention · 0 claims", "0 mentions · 0 claims · unused"])
        #expect(lenses[0].actorID == "lloyd-austin")
        #expect(lenses[0].range == range(of: "## Lloyd Austin {#lloyd-austin .person}", in: castText))
    }
}

extension SemanticTokenItem {
    func shrunkToken(_ count: Int) -> SemanticTokenItem { SemanticTokenItem(range: range.shrunk(count), type: type, modifiers: modifiers) }
}
