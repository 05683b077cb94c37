import DossierAnalysis
import DossierSyntax
import DossierTestSupport
import Foundation
import Testing

/// Properties of inference and annotation on every seed, raw and hand-annotated, and on generated paragraphs.
@Suite struct AnnotationPropertyTests {
    /// The documents to try: the raw seeds annotated, and the hand-annotated seeds.
    static func documents() throws -> [(String, Document, WorkspaceSnapshot)] {
        var documents: [(String, Document, WorkspaceSnapshot)] = []
        for name in SeedAnnotationTests.names {
            let (annotated, snapshot) = try SeedAnnotationTests.annotate(name)
            documents.append(("annotated \(name)", annotated, snapshot))
            let hand = try Data(contentsOf: SeedAnnotationTests.repository.appendingPathComponent("seeds/\(name).md"))
            let cast = try Data(contentsOf: SeedAnnotationTests.repository.appendingPathComponent("seeds/cast.md"))
            let handDocument = Document(id: DocumentID("file:///hand/\(name).md"), bytes: Array(hand))
            let handSnapshot = WorkspaceSnapshot(
                documents: [Document(id: DocumentID("file:///hand/cast.md"), bytes: Array(cast)), handDocument], configuration: Configuration())
            documents.append(("hand \(name)", handDocument, handSnapshot))
        }
        return documents
    }

    @Test func annotatingAnAnnotatedDocumentChangesNothing() throws {
        for (name, document, snapshot) in try AnnotationPropertyTests.documents() {
            let once = TextEdit.apply(Annotator.plan(document, snapshot: snapshot).edits, to: document.syntax.bytes)
            let onceDocument = Document(id: document.id, bytes: once)
            let twice = TextEdit.apply(Annotator.plan(onceDocument, snapshot: snapshot.replacing(onceDocument)).edits, to: once)
            #expect(twice == once, "\(name)")
        }
    }

    @Test func annotationAddsMarkupOnlyAndParsesCleanly() throws {
        for name in SeedAnnotationTests.names {
            let raw = try Data(contentsOf: SeedAnnotationTests.repository.appendingPathComponent("Tests/Fixtures/raw-seeds/\(name).txt"))
            let markdown = RawArticle(Array(raw)).markdown
            let cast = try Data(contentsOf: SeedAnnotationTests.repository.appendingPathComponent("seeds/cast.md"))
            let id = DocumentID("file:///w/\(name).md")
            let document = Document(id: id, bytes: markdown)
            let snapshot = WorkspaceSnapshot(
                documents: [Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast)), document], configuration: Configuration())
            let plan = Annotator.plan(document, snapshot: snapshot)
            // Insertions only, each of them markup: the prose is kept byte for byte around them.
            #expect(plan.edits.allSatisfy { $0.range.length == 0 }, "\(name)")
            for edit in plan.edits {
                let markup = edit.newText.first == "[" || edit.newText.hasPrefix("](@") || edit.newText.hasPrefix("]{")
                #expect(markup, "\(name): \(edit.newText)")
            }
            let annotated = TextEdit.apply(plan.edits, to: markdown)
            var stripped: [UInt8] = []
            var cursor = 0
            var shift = 0
            for edit in plan.edits {
                let at = edit.range.start + shift
                stripped += annotated[cursor..<at]
                cursor = at + edit.newText.utf8.count
                shift += edit.newText.utf8.count
            }
            stripped += annotated[cursor...]
            #expect(stripped == markdown, "\(name)")
            // With the proposed actors in the cast, the annotated article has no syntax finding and no unknown actor.
            let stubs = plan.proposedActors.map { $0.stub() }.joined(separator: "\n")
            let fullCast = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast) + Array(("\n" + stubs).utf8))
            let annotatedSnapshot = WorkspaceSnapshot(documents: [fullCast, Document(id: id, bytes: annotated)], configuration: Configuration())
            let findings = Checker.diagnostics(for: id, in: annotatedSnapshot)
            #expect(!findings.contains { $0.code == .syntax || $0.code == .unknownActor || $0.code == .unknownClaim }, "\(name): \(findings.filter { $0.code == .syntax || $0.code == .unknownActor }.map(\.message))")
        }
    }

    @Test func inferenceNeverNamesAnActorInsideTheQuotation() throws {
        for (name, document, snapshot) in try AnnotationPropertyTests.documents() {
            for attribution in Attributions.infer(in: document, snapshot: snapshot) where attribution.kind == .quote {
                if let source = attribution.sourceRange { #expect(!attribution.content.contains(source), "\(name)") }
            }
        }
        // Generated paragraphs: names inside and around quotations.
        var random = SplitMix64(seed: 15)
        let names = ["Austin", "Durbin", "Graham", "the Pentagon", "Adrienne Watson"]
        let verbs = ["said", "added", "told reporters", "asked", "wrote"]
        for _ in 0..<300 {
            let inside = names[Int(random.next() % UInt64(names.count))]
            let outside = names[Int(random.next() % UInt64(names.count))]
            let verb = verbs[Int(random.next() % UInt64(verbs.count))]
            let shapes = [
                "“\(inside) will not share it with anyone,” \(outside) \(verb).",
                "\(outside) \(verb): “\(inside) said nothing of the sort today.”",
                "“What did \(inside) know and when?” Nobody answered.",
                "“\(inside) \(verb) it and meant it.”",
            ]
            let text = shapes[Int(random.next() % UInt64(shapes.count))]
            for attribution in attributions(text) where attribution.kind == .quote {
                if let source = attribution.sourceRange { #expect(!attribution.content.contains(source), "\(text)") }
            }
        }
    }

    @Test func checkAndFullInferenceAgreeOnQuotesWithoutASource() throws {
        // The raw seeds as they come (unannotated), the annotated ones, and paragraphs that try the patterns.
        var documents = try AnnotationPropertyTests.documents()
        let cast = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(attributionCast.utf8))
        for name in SeedAnnotationTests.names {
            let raw = try Data(contentsOf: SeedAnnotationTests.repository.appendingPathComponent("Tests/Fixtures/raw-seeds/\(name).txt"))
            let document = Document(id: DocumentID("file:///w/\(name).md"), bytes: RawArticle(Array(raw)).markdown)
            documents.append(("raw \(name)", document, WorkspaceSnapshot(documents: [cast, document], configuration: Configuration())))
        }
        let paragraphs = [
            "“We will not accept it,” Austin said.\n\n“We will never accept any of it.”\n\nThe crowd left.\n\n“Nobody told us anything at all.”",
            "Graham continued:\n\n“Why not spend the hearing on the evidence?”\n\n“Banners reading the old slogans again.”",
            "Banners reading “no more empty promises from the capital” lined the avenue. It reportedly rained, Durbin said.",
            "“A,” she said. “We will say nothing more about it.”\n\n“And that is final for all of us.”",
        ]
        for (number, text) in paragraphs.enumerated() {
            let document = Document(id: DocumentID("file:///w/p\(number).md"), bytes: Array(text.utf8))
            documents.append(("paragraphs \(number)", document, WorkspaceSnapshot(documents: [cast, document], configuration: Configuration())))
        }
        for (name, document, snapshot) in documents {
            let flagged = Checker.diagnostics(for: document.id, in: snapshot).filter { $0.code == .unattributedQuote }.map(\.range)
            let unsourced = Attributions.infer(in: document, snapshot: snapshot).filter {
                $0.kind == .quote && !$0.annotated && $0.source == nil && $0.sourceRange == nil
                    && $0.content.length > 0 && String(decoding: document.syntax.bytes[$0.content.start..<$0.content.end], as: UTF8.self)
                        .split(whereSeparator: { $0 == " " || $0 == "\n" }).count >= 4
            }.map(\.content)
            #expect(flagged == unsourced, "\(name)")
        }
    }
}

/// The editor reads a long range in parts on all cores, each after its own lead-in: what it finds
/// must be what one reading from the start finds.
@Suite struct AttributionPartsTests {
    @Test func inlayHintsOfALongDocumentMatchOneReadingFromTheStart() throws {
        // The five seeds' bodies, five times over: some 300 paragraphs, so the whole range is read in parts.
        var body = ""
        for name in SeedAnnotationTests.names {
            let hand = try String(contentsOf: SeedAnnotationTests.repository.appendingPathComponent("seeds/\(name).md"), encoding: .utf8)
            body += hand.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n") + "\n\n"
        }
        // Unannotated, so that every quotation gets a hint: the claim spans' markup goes.
        let plain = PlainText.fromMarkdown(String(repeating: body, count: 5))
        let cast = try Data(contentsOf: SeedAnnotationTests.repository.appendingPathComponent("seeds/cast.md"))
        let document = Document(id: DocumentID("file:///w/long.md"), bytes: Array(plain.utf8))
        let snapshot = WorkspaceSnapshot(documents: [Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast)), document], configuration: Configuration())
        #expect(document.syntax.paragraphs.count >= 256)

        let expected = Attributions.infer(in: document, snapshot: snapshot)
            .filter { $0.kind == .quote && !$0.annotated && !$0.sources.isEmpty }.map(\.content.end)
        let whole = Features.inlayHints(in: document.id, range: ByteRange(0, plain.utf8.count), snapshot: snapshot)
        #expect(expected.count >= 100)
        #expect(whole.map(\.offset) == expected)
        // Paragraph by paragraph (as an editor asks for what is on screen): the same hints.
        let byParagraph = document.syntax.paragraphs.flatMap { Features.inlayHints(in: document.id, range: $0.range, snapshot: snapshot) }
        #expect(byParagraph == whole)
    }
}
