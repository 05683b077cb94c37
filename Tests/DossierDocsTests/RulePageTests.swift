import DossierAnalysis
import DossierDocs
import DossierSyntax
import DossierWorkspace
import Foundation
import Testing

/// The rule pages in `docs/rules/`: one per code, embedded in the binary as written, and every
/// example on them behaving as the page says.
@Suite struct RulePageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesFolder = repository.appendingPathComponent("docs/rules")
    static let generatedFile = repository.appendingPathComponent("Sources/DossierDocs/RulePages+Generated.swift")

    /// Every page on disk, by code (the folder's README.md is the index, not a page).
    static func pagesOnDisk() throws -> [(code: String, markdown: String)] {
        try FileManager.default.contentsOfDirectory(atPath: rulesFolder.path).sorted()
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }
            .map { name in (String(name.dropLast(3)), try String(contentsOf: rulesFolder.appendingPathComponent(name), encoding: .utf8)) }
    }

    @Test func everyCodeHasAPageAndEveryPageACode() throws {
        let onDisk = Set(try Self.pagesOnDisk().map(\.code))
        let codes = Set(RuleCode.allCases.map(\.rawValue))
        #expect(codes.subtracting(onDisk).isEmpty, "codes with no page in docs/rules: \(codes.subtracting(onDisk).sorted())")
        #expect(onDisk.subtracting(codes).isEmpty, "pages for no code: \(onDisk.subtracting(codes).sorted())")
    }

    /// The binary carries the pages as they are on disk; `DOSSIER_UPDATE_DOCS=1` rewrites the generated file.
    @Test func embeddedPagesMatchTheFiles() throws {
        let expected = RulePages.generatedSource(try Self.pagesOnDisk())
        if ProcessInfo.processInfo.environment["DOSSIER_UPDATE_DOCS"] == "1" {
            try expected.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
            return
        }
        // Compared as a Bool: the message names the fix instead of printing both files.
        let upToDate = try String(contentsOf: Self.generatedFile, encoding: .utf8) == expected
        #expect(upToDate, "docs/rules changed: run `DOSSIER_UPDATE_DOCS=1 swift test --filter RulePageTests` and rebuild")
        for (code, markdown) in try Self.pagesOnDisk() {
            let rule = try #require(RuleCode(rawValue: code))
            let same = RulePage(code: rule).markdown == markdown
            #expect(same, "\(code): embedded page differs from docs/rules/\(code).md")
        }
    }

    @Test func everyPageHasTheSectionsAUserNeeds() throws {
        for (code, markdown) in try Self.pagesOnDisk() {
            #expect(markdown.hasPrefix("# \(code)\n"), "\(code).md starts with `# \(code)`")
            for section in ["## Why it matters", "## Examples", "## How to fix it", "## Configure or silence it"] {
                #expect(markdown.contains("\n\(section)\n"), "\(code).md has no `\(section)` section")
            }
            let blocks = ExampleBlock.blocks(in: markdown)
            #expect(blocks.contains { $0.expectation == .fires }, "\(code).md has no example that fires")
            #expect(blocks.contains { $0.expectation == .passes }, "\(code).md has no example that passes")
        }
    }

    /// Each `fires` example gives at least one finding of the page's code, each `passes` example none;
    /// a `dossier.json` example is valid, and one that turns the rule off silences every `fires` example.
    @Test(arguments: RuleCode.allCases.map(\.rawValue))
    func examplesBehaveAsThePageSays(code: String) throws {
        let file = Self.rulesFolder.appendingPathComponent("\(code).md")
        let markdown = try String(contentsOf: file, encoding: .utf8)
        let rule = try #require(RuleCode(rawValue: code))
        var cast: String?
        var firing: [ExampleBlock] = []
        var silencing: [Configuration] = []
        for block in ExampleBlock.blocks(in: markdown) {
            switch (block.language, block.expectation) {
            case ("markdown", .context):
                cast = block.text
            case ("markdown", .fires), ("markdown", .passes):
                let findings = ExampleCheck.findings(of: rule, in: block.text, cast: cast)
                if block.expectation == .fires {
                    #expect(!findings.isEmpty, "\(code).md line \(block.line): this example should fire \(code) and does not")
                    firing.append(block)
                } else {
                    #expect(findings.isEmpty, "\(code).md line \(block.line): this example should not fire \(code): \(findings)")
                }
            case ("json", let expectation):
                let (configuration, problems) = ConfigurationParser.parse(bytes: Array(block.text.utf8))
                if expectation == .fires {
                    #expect(!problems.isEmpty, "\(code).md line \(block.line): this dossier.json should have problems")
                } else {
                    #expect(problems.isEmpty, "\(code).md line \(block.line): this dossier.json has problems: \(problems.map(\.message))")
                    if case .diagnostic(let diagnostic) = rule, configuration.severity(of: diagnostic) == nil {
                        silencing.append(configuration)
                    }
                }
            default:
                Issue.record("\(code).md line \(block.line): unknown example fence `\(block.language) \(block.expectation)`")
            }
        }
        for configuration in silencing {
            for block in firing {
                let findings = ExampleCheck.findings(of: rule, in: block.text, cast: cast, configuration: configuration)
                #expect(findings.isEmpty, "\(code).md line \(block.line): still fires with the rule turned off in dossier.json")
            }
        }
    }
}

/// A fenced block on a rule page labelled for the tests: ```` ```markdown fires ````,
/// ```` ```markdown passes ````, ```` ```markdown cast ```` (a cast the later examples use), or
/// ```` ```json dossier.json ```` (add `fires` for one that has problems).
struct ExampleBlock {
    enum Expectation: String, CustomStringConvertible {
        case fires, passes, context
        var description: String { rawValue }
    }

    var language: String
    var expectation: Expectation
    var text: String
    /// The 1-based line of the opening fence.
    var line: Int

    /// The labelled blocks of `markdown`; unlabelled blocks (like a sample of command output) are left out.
    static func blocks(in markdown: String) -> [ExampleBlock] {
        var blocks: [ExampleBlock] = []
        var open: (language: String, labels: [String], line: Int, lines: [String])?
        for (offset, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                if let current = open {
                    if let block = ExampleBlock(current.language, current.labels, current.lines, current.line) { blocks.append(block) }
                    open = nil
                } else {
                    let words = line.dropFirst(3).split(separator: " ").map(String.init)
                    open = (words.first ?? "", Array(words.dropFirst()), offset + 1, [])
                }
            } else {
                open?.lines.append(String(line))
            }
        }
        return blocks
    }

    private init?(_ language: String, _ labels: [String], _ lines: [String], _ line: Int) {
        self.language = language
        self.line = line
        text = lines.joined(separator: "\n") + "\n"
        if labels.contains("fires") {
            expectation = .fires
        } else if labels.contains("passes") || labels.contains("dossier.json") {
            expectation = .passes
        } else if labels.contains("cast") {
            expectation = .context
        } else {
            return nil
        }
    }
}

/// Runs the checker on an example as the only article of a workspace (with the page's cast, if any).
enum ExampleCheck {
    static func findings(of rule: RuleCode, in text: String, cast: String?, configuration: Configuration = Configuration()) -> [String] {
        guard case .diagnostic(let code) = rule else { return [] }
        let exampleID = DocumentID("file:///example/example.md")
        var documents = [Document(id: exampleID, bytes: Array(text.utf8))]
        if let cast { documents.append(Document(id: DocumentID("file:///example/cast.md"), bytes: Array(cast.utf8))) }
        let snapshot = WorkspaceSnapshot(documents: documents, configuration: configuration)
        return Checker.diagnostics(for: exampleID, in: snapshot, minimum: .hint).filter { $0.code == code }.map(\.message)
    }
}
