@testable import DossierAnalysis
import DossierSyntax
import DossierTestSupport
import Testing

/// The shortcut `dossier check` takes for the commonest quotation must agree with inference.
@Suite struct QuoteTagShortcutTests {
    static let cast = """
        ---
        type: cast
        ---
        ## Ingrid Yadav {#ingrid-yadav .person}

        ## Malaysia {#malaysia .country}
        """

    private func check(_ text: String) -> (shortcut: Bool, found: Bool) {
        let cast = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(QuoteTagShortcutTests.cast.utf8))
        let article = Document(id: DocumentID("file:///w/a.md"), bytes: Array(text.utf8))
        let snapshot = WorkspaceSnapshot(documents: [cast, article], configuration: Configuration())
        let paragraph = article.syntax.paragraphs[0]
        let shortcut = QuoteTagShortcut.applies(paragraph, in: article.syntax, lexicon: snapshot.cues.lexicon)
        let quotes = Attributions.infer(in: article, snapshot: snapshot).filter { $0.kind == .quote }
        return (shortcut, quotes.count == 1 && (quotes[0].source != nil || quotes[0].sourceRange != nil))
    }

    @Test func acceptsTheCommonTags() {
        for text in [
            "“We will not accept any agreement that ignores the people,” [Ingrid Yadav](@ingrid-yadav) said. The cabinet met.",
            "“We have asked for the documents three times,” @malaysia told reporters. Analysts warned.",
            "“Nobody in this building was told what was in it,” Ingrid Yadav added in a statement.",
            "“We are prepared to go back to the table,” he said.",
            "“We will not accept any agreement that ignores the people who depend on this industry,” [Canada](@canada) added. [Selin Ilunga](@selin-e-ilunga) warned against new sanctions in March.",
            "“I have never seen a procurement process handled like this one,” [Professor Ilunga](@selin-e-ilunga) added. Auditors withdrew support for the state broadcaster's funding in a late-night session, a decision that surprised investors.",
        ] {
            let result = check(text)
            #expect(result.shortcut, "\(text)")
            #expect(result.found, "\(text)")
        }
    }
}
