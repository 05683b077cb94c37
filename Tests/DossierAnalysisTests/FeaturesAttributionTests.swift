import DossierAnalysis
import DossierSyntax
import Testing

/// The attribution queries of the editor: hover, inlay hints and the annotation actions (SPEC 4, 7).
@Suite struct FeaturesAttributionTests {
    func apply(_ action: CodeActionItem, _ id: DocumentID, _ text: String) -> String {
        String(decoding: TextEdit.apply(action.edits[id] ?? [], to: Array(text.utf8)), as: UTF8.self)
    }

    @Test func hoverOnAnUnannotatedQuotationShowsItsSourceAndCue() throws {
        let text = FeatureText("“I will always prio‸ritize the protection of personnel,” Austin said.\n")
        let snapshot = workspace([("article.md", text.text)])
        let cursor = try #require(text.cursor)
        let hover = try #require(Features.hover(at: cursor, in: articleID, snapshot: snapshot))
        #expect(hover.markdown.hasPrefix("**quotation** · inferred source"))
        #expect(hover.markdown.contains("by Lloyd Austin (`@lloyd-austin`) → cue “said”"))
        #expect(hover.range == ByteRange(0, text.text.utf8.count - "Austin said.\n".utf8.count - 1))
        // On the name itself, the actor's card as before.
        let onName = try #require(Features.hover(at: text.text.utf8.count - 9, in: articleID, snapshot: snapshot))
        #expect(onName.markdown.hasPrefix("**Lloyd Austin**"))
    }

    @Test func hoverSaysWhenNoSourceIsFound() throws {
        let text = FeatureText("“This is a quotation with no so‸urce at all.” Nothing else.\n")
        let snapshot = workspace([("article.md", text.text)])
        let cursor = try #require(text.cursor)
        let hover = try #require(Features.hover(at: cursor, in: articleID, snapshot: snapshot))
        #expect(hover.markdown.contains("**no source found**"))
    }

    @Test func inlayHintsFollowQuotations() {
        let text = FeatureText("“We will not share it with the court,”⟦⟧ Austin said. “Never.”\n\n[“Annotated already,”]{.quote by=@lloyd-austin} he said.\n")
        let snapshot = workspace([("article.md", text.text)])
        let hints = Features.inlayHints(in: articleID, range: ByteRange(0, text.text.utf8.count), snapshot: snapshot)
        // The second quotation (“Never.”) is a split half: it has the source too; the annotated one has none.
        #expect(hints.map(\.offset).first == text.ranges[0].start)
        #expect(hints.map(\.label) == ["— Lloyd Austin", "— Lloyd Austin"])
        #expect(hints[0].tooltip.contains("cue “said”"))
        var quiet = Configuration()
        quiet.inlayHints = false
        let off = workspace([("article.md", text.text)], configuration: quiet)
        #expect(Features.inlayHints(in: articleID, range: ByteRange(0, text.text.utf8.count), snapshot: off).isEmpty)
    }

    @Test func annotateOneQuotationWithItsInferredSourceFirst() throws {
        let text = "The Pentagon declined.\n\n“We will always protect our personnel,” Austin said.\n"
        let snapshot = workspace([("article.md", text)])
        let offset = text.utf8.count - 20
        let actions = Features.actions(for: ByteRange(offset, offset), in: articleID, snapshot: snapshot)
        let annotate = try #require(actions.first { $0.title.hasPrefix("Annotate:") })
        #expect(annotate.title == "Annotate: by=@lloyd-austin cue=said")
        #expect(annotate.isPreferred && annotate.diagnostic == nil && annotate.category == .rewrite)
        let result = apply(annotate, articleID, text)
        #expect(result.contains("[“We will always protect our personnel,”]{.quote #austin-always-protect-personnel by=@lloyd-austin cue=said} Austin said."))
        // Annotated, it offers no annotation of the quotation again.
        let after = workspace([("article.md", result)])
        #expect(!Features.actions(for: ByteRange(offset, offset), in: articleID, snapshot: after).contains { $0.title.hasPrefix("Annotate:") })
    }

    @Test func annotateTheParagraphOrTheDocument() throws {
        let text = "“We will always protect our personnel,” Austin said. The Pentagon said it disagreed.\n\nThe New York Times reported that the evidence was shared.\n"
        let snapshot = workspace([("article.md", text)])
        let actions = Features.actions(for: ByteRange(3, 3), in: articleID, snapshot: snapshot)
        let paragraph = try #require(actions.first { $0.title.hasPrefix("Annotate all quotations and statements in this paragraph") })
        let document = try #require(actions.first { $0.title.hasPrefix("Annotate all quotations and statements in this document") })
        let paragraphResult = apply(paragraph, articleID, text)
        #expect(paragraphResult.contains("{.quote #") && paragraphResult.contains("by=@us-dod"))
        #expect(!paragraphResult.contains("by=@nyt"))
        #expect(apply(document, articleID, text).contains("by=@nyt"))
    }

    @Test func createAnActorForASourceNotInTheCast() throws {
        let text = "“We have the evidence,” Karim Khan said. Khan left.\n"
        let snapshot = workspace([("article.md", text)])
        let actions = Features.actions(for: range(of: "Karim", in: text), in: articleID, snapshot: snapshot)
        let create = try #require(actions.first { $0.title.hasPrefix("Create actor") })
        #expect(create.title == "Create actor Karim Khan (aliases: Khan) and link its mentions")
        #expect(apply(create, articleID, text) == "“We have the evidence,” [Karim Khan](@karim-khan) said. [Khan](@karim-khan) left.\n")
        #expect(apply(create, castID, castText).hasSuffix("\n## Karim Khan {#karim-khan .person}\n\n- aliases: Khan\n"))
        // Annotating the quotation proposes the same actor.
        let annotate = try #require(actions.first { $0.title.hasPrefix("Annotate:") })
        #expect(annotate.title == "Annotate: by=@karim-khan cue=said (creates actor Karim Khan)")
        #expect(annotate.edits[castID] != nil)
    }

    @Test func linkKnownNamesAndMarkTheSelection() throws {
        let text = "The Pentagon disagreed with Austin on the matter.\n"
        let snapshot = workspace([("article.md", text)])
        let actions = Features.actions(for: range(of: "disagreed with", in: text), in: articleID, snapshot: snapshot)
        let link = try #require(actions.first { $0.title.hasPrefix("Link every mention of known names") })
        #expect(apply(link, articleID, text) == "The [Pentagon](@us-dod) disagreed with [Austin](@lloyd-austin) on the matter.\n")
        let mark = try #require(actions.first { $0.title == "Mark the selection as a claim" })
        #expect(apply(mark, articleID, text) == "The Pentagon [disagreed with]{.claim} Austin on the matter.\n")
        // A selection that cuts a mention in two is no claim.
        let linked = "The [Pentagon](@us-dod) disagreed.\n"
        let cut = Features.actions(for: range(of: "gon](@us-dod) dis", in: linked), in: articleID, snapshot: workspace([("article.md", linked)]))
        #expect(!cut.contains { $0.title == "Mark the selection as a claim" })
    }
}
