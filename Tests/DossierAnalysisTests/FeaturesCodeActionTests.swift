import DossierAnalysis
import Foundation
import DossierSyntax
import DossierTestSupport
import Testing

/// The text of document `id` after `action`'s edits to it.
private func apply(_ action: CodeActionItem, _ id: DocumentID, _ text: String) -> String {
    String(decoding: TextEdit.apply(action.edits[id] ?? [], to: Array(text.utf8)), as: UTF8.self)
}

@Suite struct FeaturesCodeActionTests {

    @Test func replaceMistypedIDAndCreateActor() throws {
        let text = "“Hi” 🎉 [Austin](@lloyd-austen) left.\n"
        let snap = workspace([("article.md", text)])
        let actions = Features.actions(for: range(of: "austen", in: text), in: articleID, snapshot: snap)
        #expect(actions.map(\.title) == [
            "Replace with `@lloyd-austin`", "Create actor `@lloyd-austen` in cast.md", "Ignore unknown-actor here",
            "Ignore unknown-actor in this file",
        ])
        #expect(apply(actions[0], articleID, text) == "“Hi” 🎉 [Austin](@lloyd-austin) left.\n")
        #expect(apply(actions[1], castID, castText).hasSuffix("- aliases: NYT\n\n## Lloyd Austen {#lloyd-austen .person}\n"))
        #expect(apply(actions[2], articleID, text) == "<!-- dossier-ignore unknown-actor --> " + text)
        let ignored = workspace([("article.md", apply(actions[2], articleID, text))])
        #expect(!Checker.diagnostics(for: articleID, in: ignored).contains { $0.code == .unknownActor })
    }

    @Test func linkUnlinkedMentionCRLF() throws {
        let text = "---\r\ntitle: T\r\n---\r\n\r\nThe Pentagon said no.\r\n"
        let snap = workspace([("article.md", text)])
        let actions = Features.actions(for: range(of: "Pentagon", in: text), in: articleID, snapshot: snap)
        let link = try #require(actions.first { $0.title.hasPrefix("Link") })
        #expect(link.title == "Link “Pentagon” to `@us-dod`")
        #expect(apply(link, articleID, text) == "---\r\ntitle: T\r\n---\r\n\r\nThe [Pentagon](@us-dod) said no.\r\n")
        let file = try #require(actions.first { $0.title == "Ignore unlinked-mention in this file" })
        let fixed = apply(file, articleID, text)
        #expect(fixed == "---\r\ntitle: T\r\n---\r\n<!-- dossier-ignore-file unlinked-mention -->\r\n\r\nThe Pentagon said no.\r\n")
        #expect(!Checker.diagnostics(for: articleID, in: workspace([("article.md", fixed)])).contains { $0.code == .unlinkedMention })
    }

    @Test func attributeClaim() throws {
        let text = "[The Pentagon](@us-dod) said [it would wait]{.claim}.\n"
        let snap = workspace([("article.md", text)])
        let diagnostics = Checker.diagnostics(for: articleID, in: snap)
        let actions = Features.actions(
            for: range(of: "wait", in: text), in: articleID, snapshot: snap, diagnostics: diagnostics)
        let attribute = try #require(actions.first { $0.title.hasPrefix("Attribute") })
        #expect(attribute.title == "Attribute to U.S. Department of Defense (by=@us-dod)")
        let fixed = apply(attribute, articleID, text)
        #expect(fixed == "[The Pentagon](@us-dod) said [it would wait]{.claim by=@us-dod}.\n")
        #expect(!Checker.diagnostics(for: articleID, in: workspace([("article.md", fixed)])).contains { $0.code == .unattributedClaim })
    }

    @Test func wrapVagueSentenceAndQuote() throws {
        let text = "Intro.\n\nThe base reportedly closed. Then more.\n"
        let snap = workspace([("article.md", text)])
        let actions = Features.actions(for: range(of: "reportedly", in: text), in: articleID, snapshot: snap)
        let wrap = try #require(actions.first { $0.title == "Mark the sentence as a claim to attribute" })
        let fixed = apply(wrap, articleID, text)
        #expect(fixed == "Intro.\n\n[The base reportedly closed.]{.claim} Then more.\n")
        let ignore = try #require(actions.first { $0.title == "Ignore vague-attribution here" })
        #expect(apply(ignore, articleID, text) == "Intro.\n\n<!-- dossier-ignore vague-attribution --> The base reportedly closed. Then more.\n")

        let quoteText = "Intro.\n\n“We will never ever share it,” the [Pentagon](@us-dod) insisted loudly. Then.\n\n“Another long quote with no source at all.”\n"
        let quoteSnap = workspace([("article.md", quoteText)])
        let diagnostics = Checker.diagnostics(for: articleID, in: quoteSnap).filter { $0.code == .unattributedQuote }
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            let actions = Features.actions(for: diagnostic.range, in: articleID, snapshot: quoteSnap)
            let wrapQuote = try #require(actions.first { $0.title.hasPrefix("Mark as a quote") })
            let result = apply(wrapQuote, articleID, quoteText)
            #expect(result.contains("[“Another long quote with no source at all.”]{.quote}"))
        }
    }
}

@Suite struct FeaturesSeedSmokeTests {
    /// Every feature at every few bytes of the annotated seeds: no crash, sane ranges.
    @Test func everyFeatureEverywhereOnSeeds() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        let documents = try names.map { name in
            Document(id: DocumentID("file:///seeds/\(name)"), bytes: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        let snapshot = WorkspaceSnapshot(documents: documents, configuration: Configuration())
        var hovers = 0
        for document in documents {
            let id = document.id
            let count = document.syntax.bytes.count
            for offset in stride(from: 0, through: count, by: 5) {
                if Features.hover(at: offset, in: id, snapshot: snapshot) != nil { hovers += 1 }
                _ = Features.definition(at: offset, in: id, snapshot: snapshot)
                _ = Features.prepareRename(at: offset, in: id, snapshot: snapshot)
                _ = Features.completions(at: offset, in: id, snapshot: snapshot)
            }
            let tokens = Features.semanticTokens(in: id, snapshot: snapshot)
            for (a, b) in zip(tokens, tokens.dropFirst()) { #expect(a.range.end <= b.range.start) }
            for token in tokens {
                let lines = document.syntax.lines
                #expect(lines.line(containing: token.range.start) == lines.line(containing: token.range.end))
            }
            _ = Features.documentSymbols(in: id, snapshot: snapshot)
            _ = Features.foldingRanges(in: id, snapshot: snapshot)
            _ = Features.codeLenses(in: id, snapshot: snapshot)
            _ = Features.actions(for: ByteRange(0, count), in: id, snapshot: snapshot)
        }
        #expect(hovers > 100)
        let austin = Features.actorReferences("lloyd-austin", snapshot, includeDeclaration: true)
        #expect(austin.count > 10)
    }
}

@Suite struct IgnoreHereTests {
    /// Applies “Ignore vague-attribution here” at the `reportedly` that starts at `cursor`; returns the new text.
    func ignoreHere(_ text: String, at cursor: Int) throws -> String {
        let snap = workspace([("article.md", text)])
        let actions = Features.actions(for: ByteRange(cursor, cursor + 10), in: articleID, snapshot: snap)
        let ignore = try #require(actions.first { $0.title == "Ignore vague-attribution here" })
        return apply(ignore, articleID, text)
    }

    func vagueRanges(_ text: String) -> [ByteRange] {
        Checker.diagnostics(for: articleID, in: workspace([("article.md", text)])).filter { $0.code == .vagueAttribution }.map(\.range)
    }

    @Test func silencesTheOneFindingNotItsNeighbours() throws {
        let text = "Talks reportedly stalled. Aides reportedly left, it is said. Envoys reportedly stayed.\n"
        let fixed = try ignoreHere(text, at: offset(of: "reportedly left", in: text))
        #expect(fixed == "Talks reportedly stalled. <!-- dossier-ignore vague-attribution --> Aides reportedly left, it is said. Envoys reportedly stayed.\n")
        let left = Marked("Talks ⟦reportedly⟧ stalled. <!-- dossier-ignore vague-attribution --> Aides reportedly left, it is said. Envoys ⟦reportedly⟧ stayed.\n")
        #expect(vagueRanges(fixed) == left.ranges)
    }

    @Test func aParagraphsFirstSentenceGetsTheCommentAfterItsListMarker() throws {
        let text = "Intro.\n\n- Talks reportedly stalled. Aides reportedly left.\n"
        let fixed = try ignoreHere(text, at: offset(of: "reportedly stalled", in: text))
        #expect(fixed == "Intro.\n\n- <!-- dossier-ignore vague-attribution --> Talks reportedly stalled. Aides reportedly left.\n")
        let left = Marked("Intro.\n\n- <!-- dossier-ignore vague-attribution --> Talks reportedly stalled. Aides ⟦reportedly⟧ left.\n")
        #expect(vagueRanges(fixed) == left.ranges)
    }
}
