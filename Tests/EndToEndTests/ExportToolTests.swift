import Foundation
import Testing

/// `dossier export` of the seed brief, rendered by the real tools: Pandoc (HTML, DOCX, PDF through
/// WeasyPrint) from the Markdown, headless Chromium from the HTML page. Each test is skipped when its
/// tool is missing, and fails then under DOSSIER_REQUIRE_CLIENTS=1.
@Suite struct ExportToolTests {
    /// The seed brief exported in `format` into the test output folder; returns the file's path.
    static func exportBrief(_ format: String) throws -> String {
        let path = try testOutputFolder() + "/brief.\(format)"
        let result = try runDossier(["export", "seeds/brief.md", "--format", format, "--output", path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.isEmpty, "--output writes nothing to standard output")
        return path
    }

    @Test func exportWritesTheReadersVersionOfTheSeedBrief() throws {
        let markdown = try String(contentsOfFile: try Self.exportBrief("md"), encoding: .utf8)
        #expect(markdown.hasPrefix("---\npagetitle: \"Brief: U.S. to share Russian war-crimes evidence with the ICC\"\n---\n"))
        #expect(markdown.contains("overriding months of resistance by the Pentagon[^1]."))
        #expect(markdown.contains("[^1]: An unnamed source, described as “officials familiar with the matter”"))
        #expect(markdown.contains("[^6]: Lloyd Austin, U.S. Secretary of Defense (said)"))
        for markup in ["{.claim", "](@", "cite=#"] { #expect(!markdown.contains(markup), "\(markup) left in the export") }
        let html = try String(contentsOfFile: try Self.exportBrief("html"), encoding: .utf8)
        #expect(html.contains("<title>Brief: U.S. to share Russian war-crimes evidence with the ICC</title>"))
        #expect(html.contains(#"<li id="note-13">"#))
        let bad = try runDossier(["export", "seeds/no-such-brief.md"])
        #expect(bad.status == 2)
        #expect(bad.errors.contains("seeds/no-such-brief.md: no such file"), "\(bad.errors)")
        let notMarkdown = try runDossier(["export", "seeds/dossier.json"])
        #expect(notMarkdown.status == 2)
        #expect(notMarkdown.errors.contains("not a Markdown (.md) file"), "\(notMarkdown.errors)")
    }

    @Test(.enabled(if: toolTestRuns("pandoc"), "needs pandoc"))
    func pandocRendersTheExportToHTMLWithFootnotes() throws {
        let pandoc = try requiredTool("pandoc")
        let markdown = try Self.exportBrief("md")
        let output = try testOutputFolder() + "/brief.pandoc.html"
        let result = try runProgram(pandoc, [markdown, "--standalone", "-o", output], in: Paths.repo)
        #expect(result.status == 0, "\(result.errors)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("class=\"footnote") || html.contains("class=\"footnotes"), "no footnotes in pandoc's HTML")
        // Pandoc wraps long lines, the title's among them.
        #expect(html.contains("<title>Brief: U.S. to share Russian war-crimes evidence with the"))
        #expect(html.contains("officials familiar with the"))
        #expect(!html.contains("{.claim"))
        #expect(!result.errors.contains("WARNING"), "\(result.errors)")
    }

    @Test(.enabled(if: toolTestRuns("pandoc"), "needs pandoc"))
    func pandocRendersTheExportToDOCXWithItsFootnotes() throws {
        let pandoc = try requiredTool("pandoc")
        let markdown = try Self.exportBrief("md")
        let docx = try testOutputFolder() + "/brief.docx"
        let result = try runProgram(pandoc, [markdown, "-o", docx], in: Paths.repo)
        #expect(result.status == 0, "\(result.errors)")
        // Read back by Pandoc: the footnotes survive as notes of the Word document.
        let back = try runProgram(pandoc, [docx, "-t", "markdown"], in: Paths.repo)
        #expect(back.status == 0, "\(back.errors)")
        #expect(back.output.contains("[^1]"), "no footnotes in the DOCX")
        #expect(back.output.contains("Lloyd Austin, U.S. Secretary of Defense (said)"))
    }

    @Test(.enabled(if: toolTestRuns("pandoc", "weasyprint"), "needs pandoc and weasyprint (no LaTeX engine is installed here)"))
    func pandocRendersTheExportToPDF() throws {
        let pandoc = try requiredTool("pandoc")
        _ = try requiredTool("weasyprint")
        let markdown = try Self.exportBrief("md")
        let pdf = try testOutputFolder() + "/brief.pdf"
        let result = try runProgram(pandoc, [markdown, "--pdf-engine=weasyprint", "-o", pdf], in: Paths.repo, timeout: 180)
        #expect(result.status == 0, "\(result.errors)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.starts(with: Data("%PDF".utf8)))
        #expect(bytes.count > 10_000)
    }

    /// Renders the HTML export in headless Chromium and keeps the screenshot for a person to look at.
    @Test(.enabled(if: toolTestRuns("chromium"), "needs chromium"))
    func chromiumRendersTheHTMLExport() throws {
        let chromium = try requiredTool("chromium")
        let html = try Self.exportBrief("html")
        let png = try testOutputFolder() + "/brief.png"
        try? FileManager.default.removeItem(atPath: png)
        let profile = try temporaryFolder("chromium-profile")
        let result = try runProgram(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile)",
            "--window-size=1000,2600", "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString,
        ], in: Paths.repo, timeout: 120)
        #expect(result.status == 0, "\(result.errors)")
        let image = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(image.starts(with: Data([0x89, 0x50, 0x4E, 0x47])), "not a PNG")
        #expect(image.count > 50_000, "the page rendered nearly empty")
        print("exported brief rendered by Chromium: \(png)")
    }
}
