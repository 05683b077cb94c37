import DossierSyntax

/// Runs every rule of SPEC 3 on one document against a workspace snapshot.
public enum Checker {
    /// The diagnostics of `document` at `minimum` severity or above, suppressions applied, sorted by position.
    public static func diagnostics(for id: DocumentID, in snapshot: WorkspaceSnapshot, minimum: Severity = .hint) -> [Diagnostic] {
        guard let document = snapshot.documents[id] else { return [] }
        var sink = DiagnosticSink(configuration: snapshot.configuration, minimum: minimum)
        for diagnostic in document.syntax.diagnostics {
            sink.add(diagnostic.code, diagnostic.range, diagnostic.message)
        }
        if document.encodingError == nil {
            // Looked up once per id the document refers to, not once per mention.
            let unknownActors = document.references.indices.filter { snapshot.actorSites[document.references.keys[$0]] == nil }
            ReferenceRules.check(document, snapshot, unknownActors: unknownActors, &sink)
            RegistryRules.check(document, snapshot, &sink)
            ProseRules(document: document, snapshot: snapshot).check(&sink)
        }
        // Sorted in place: a sorted copy would retain every diagnostic's strings and arrays once more.
        var diagnostics = suppress(sink.items, in: document)
        diagnostics.sort {
            $0.range.start != $1.range.start ? $0.range.start < $1.range.start : $0.code.rawValue < $1.code.rawValue
        }
        return diagnostics
    }

    private static func suppress(_ diagnostics: [Diagnostic], in document: Document) -> [Diagnostic] {
        let suppressions = document.syntax.suppressions
        guard !suppressions.isEmpty else { return diagnostics }
        let bytes = document.syntax.bytes
        // Each comment's reach: nil for the whole file.
        let reaches: [ByteRange?] = suppressions.map { suppression in
            switch suppression.scope {
            case .file: nil
            case .block(let block): block
            case .sentence(let rest): ByteRange(suppression.range.start, Sentences.first(bytes, rest).end)
            }
        }
        return diagnostics.filter { diagnostic in
            !suppressions.indices.contains { index in
                suppressions[index].rules.contains { $0.text == diagnostic.code.rawValue }
                    && (reaches[index].map { $0.contains(diagnostic.range) || $0.overlaps(diagnostic.range) } ?? true)
            }
        }
    }
}
