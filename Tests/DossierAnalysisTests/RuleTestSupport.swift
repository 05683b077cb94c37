import DossierAnalysis
import DossierSyntax

/// A text whose expected ranges are marked with `⟦` and `⟧`; the markers are stripped.
struct MarkedText {
    let bytes: [UInt8]
    let ranges: [ByteRange]

    init(_ source: String) {
        var bytes: [UInt8] = []
        var opens: [Int] = []
        var ranges: [ByteRange] = []
        for scalar in source.unicodeScalars {
            if scalar == "⟦" {
                opens.append(bytes.count)
            } else if scalar == "⟧" {
                ranges.append(ByteRange(opens.removeLast(), bytes.count))
            } else {
                bytes += Array(String(scalar).utf8)
            }
        }
        self.bytes = bytes
        self.ranges = ranges.sorted()
    }
}

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
func check(_ article: MarkedText, codes: Set<DiagnosticCode>, configuration: Configuration = Configuration(), cast: String = testCast)
    -> [Diagnostic]
{
    let castDocument = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast.utf8))
    let articleID = DocumentID("file:///w/article.md")
    let snapshot = WorkspaceSnapshot(
        documents: [castDocument, Document(id: articleID, bytes: article.bytes)], configuration: configuration)
    return Checker.diagnostics(for: articleID, in: snapshot).filter { codes.contains($0.code) }
}
