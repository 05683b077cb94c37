import DossierSyntax
import DossierTestSupport

extension Marked {
    /// Scans the marked text.
    func scan() -> DocumentSyntax { DocumentScanner.scan(bytes) }
}
