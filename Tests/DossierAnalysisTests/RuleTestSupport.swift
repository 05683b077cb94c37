import DossierAnalysis
import DossierSyntax
import DossierTestSupport

/// The cast most rule tests share.
let testCast = """
    ---
    type: cast
    ---
    ## Lloyd Austin {#lloyd-austin .person}
    - aliases: Austin, Secretary Austin

    ## The New York Times {#nyt .outlet}
    - aliases: the Times

    ## Dick Durbin {#dick-durbin .person}
    """

/// Checks `article` (marked) in a workspace with `testCast`; returns its diagnostics of `codes`.
func check(_ article: Marked, codes: Set<DiagnosticCode>, configuration: Configuration = Configuration(), cast: String = testCast)
    -> [Diagnostic]
{
    let castDocument = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast.utf8))
    let articleID = DocumentID("file:///w/article.md")
    let snapshot = WorkspaceSnapshot(
        documents: [castDocument, Document(id: articleID, bytes: article.bytes)], configuration: configuration)
    return Checker.diagnostics(for: articleID, in: snapshot).filter { codes.contains($0.code) }
}
