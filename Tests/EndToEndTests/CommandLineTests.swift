import DossierJSON
import Foundation
import Testing

/// The command line itself: help, mistakes answered with the nearest flag or command, explain, init,
/// and check's handling of file lists.
@Suite struct CommandLineTests {
    static let commands = ["check", "lsp", "actors", "claims", "explain", "init", "export", "completions", "attributions", "annotate", "help", "version"]

    @Test(arguments: commands)
    func everyCommandHasHelp(command: String) throws {
        let result = try runDossier([command, "--help"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("Usage: dossier \(command)"), "\(result.output)")
        #expect(result.output.contains("-h, --help"))
        let viaHelp = try runDossier(["help", command])
        #expect(viaHelp.output == result.output)
    }

    @Test func checkHelpListsEveryOption() throws {
        let help = try runDossier(["check", "--help"]).output
        for flag in ["--format FORMAT", "--min-severity LEVEL", "--max-warnings N", "--rules-url URL", "--skip-excluded"] {
            #expect(help.contains(flag), "check --help lacks \(flag)")
        }
        for format in ["text", "json", "sarif", "github"] { #expect(help.contains(format)) }
    }

    @Test func unknownFlagsValuesAndCommandsSuggestTheNearest() throws {
        let flag = try runDossier(["check", "--formt", "json", "seeds"])
        #expect(flag.status == 2)
        #expect(flag.errors.contains("unknown option `--formt` for check: did you mean `--format`?"), "\(flag.errors)")
        #expect(flag.output.isEmpty)
        let value = try runDossier(["check", "--min-severity", "hnt", "seeds"])
        #expect(value.status == 2)
        #expect(value.errors.contains("did you mean `hint`?"), "\(value.errors)")
        let command = try runDossier(["chek", "seeds"])
        #expect(command.status == 2)
        #expect(command.errors.contains("unknown command `chek`: did you mean `dossier check`?"), "\(command.errors)")
        let export = try runDossier(["export", "seeds/brief.md", "--outptu", "x.html"])
        #expect(export.errors.contains("did you mean `--output`?"), "\(export.errors)")
        let missing = try runDossier(["check", "--max-warnings"])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("--max-warnings needs a value"), "\(missing.errors)")
        let tooMany = try runDossier(["explain", "syntax", "front-matter"])
        #expect(tooMany.status == 2)
    }

    @Test func explainPrintsTheRulePage() throws {
        let page = try String(contentsOfFile: Paths.repo + "/docs/rules/vague-attribution.md", encoding: .utf8)
        let result = try runDossier(["explain", "vague-attribution"])
        #expect(result.status == 0)
        #expect(result.output == page)
        let list = try runDossier(["explain"])
        #expect(list.output.split(separator: "\n").count == 15)
        #expect(list.output.contains("configuration"))
        let typo = try runDossier(["explain", "vague-atribution"])
        #expect(typo.status == 2)
        #expect(typo.errors.contains("did you mean `vague-attribution`?"), "\(typo.errors)")
    }

    @Test func sarifRulesCarryTheirPagesAndLinks() throws {
        let result = try runDossier(["check", "seeds", "--format", "sarif", "--rules-url", "https://example.org/dossier/docs/rules"])
        let sarif = try JSONParser.parse(Array(result.output.utf8))
        let rules = try #require(sarif["runs"]?[0]?["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.count == 15)
        let page = try String(contentsOfFile: Paths.repo + "/docs/rules/unattributed-claim.md", encoding: .utf8)
        let rule = try #require(rules.first { $0["id"]?.stringValue == "unattributed-claim" })
        #expect(rule["help"]?["markdown"]?.stringValue == page)
        #expect(rule["help"]?["text"]?.stringValue?.contains("```") == false)
        #expect(rule["helpUri"]?.stringValue == "https://example.org/dossier/docs/rules/unattributed-claim.md")
        let plain = try JSONParser.parse(Array(try runDossier(["check", "seeds", "--format", "sarif"]).output.utf8))
        #expect(plain["runs"]?[0]?["tool"]?["driver"]?["rules"]?[0]?["helpUri"] == nil)
    }

    /// The SARIF with rule help and links still validates against the OASIS schema (Tests/Fixtures/schemas).
    @Test(.enabled(if: toolTestRuns("python3"), "needs python3 with jsonschema"))
    func sarifWithRuleHelpValidatesAgainstTheOASISSchema() throws {
        let python = try requiredTool("python3")
        let schema = Paths.repo + "/Tests/Fixtures/schemas/sarif-schema-2.1.0.json"
        try #require(FileManager.default.fileExists(atPath: schema), "the SARIF schema is not at \(schema)")
        let report = try temporaryFolder("sarif") + "/report.sarif"
        let result = try runDossier(["check", "seeds", "--format", "sarif", "--rules-url", "https://example.org/dossier/blob/v1/docs/rules/"])
        try Data(result.output.utf8).write(to: URL(fileURLWithPath: report))
        let script = "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')"
        let validation = try runProgram(python, ["-c", script, report, schema], in: Paths.repo)
        #expect(validation.status == 0 && validation.output == "valid\n", "\(validation.output)\(validation.errors)")
    }

    @Test func configurationFindingsCarryTheConfigurationCode() throws {
        let folder = try temporaryFolder("configuration")
        try Data(#"{"rules": {"vague-atribution": "off"}}"#.utf8).write(to: URL(fileURLWithPath: folder + "/dossier.json"))
        try Data("Text.\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.md"))
        let result = try runDossier(["check", folder])
        #expect(result.output.contains("dossier.json:1:"), "\(result.output)")
        #expect(result.output.contains("did you mean `vague-attribution`? [configuration]"), "\(result.output)")
    }

    @Test func initCreatesAWorkspaceThatChecksCleanAndNeverOverwrites() throws {
        let parent = try temporaryFolder("init")
        let folder = parent + "/news"
        let created = try runDossier(["init", folder])
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.output.contains("Next:"))
        for name in ["dossier.json", "cast.md", "example-article.md"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "init did not create \(name)")
        }
        let check = try runDossier(["check", folder, "--min-severity", "hint", "--format", "json"])
        #expect(check.status == 0)
        let report = try JSONParser.parse(Array(check.output.utf8))
        #expect(report["diagnostics"]?.arrayValue?.isEmpty == true, "\(check.output)")
        #expect(report["summary"]?["files"]?.intValue == 2)
        let claims = try runDossier(["claims", folder, "--json"])
        #expect(claims.output.contains("\"attributed\": true"), "\(claims.output)")

        // A second run, or a run where one of the files exists, creates nothing and says which exist.
        let cast = folder + "/cast.md"
        try Data("my own cast\n".utf8).write(to: URL(fileURLWithPath: cast))
        try FileManager.default.removeItem(atPath: folder + "/example-article.md")
        let again = try runDossier(["init", "news"], in: parent)
        #expect(again.status == 2)
        #expect(again.errors.contains("news/dossier.json and news/cast.md already exist"), "\(again.errors)")
        #expect(try String(contentsOfFile: cast, encoding: .utf8) == "my own cast\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/example-article.md"))
    }

    @Test func namedFilesAreCheckedOncePerWorkspaceAndExcludedOnesCanBeSkipped() throws {
        let folder = try temporaryFolder("files")
        try Data(#"{"exclude": ["notes/**"]}"#.utf8).write(to: URL(fileURLWithPath: folder + "/dossier.json"))
        try FileManager.default.createDirectory(atPath: folder + "/notes", withIntermediateDirectories: true)
        try Data("## Lloyd Austin {#lloyd-austin .person}\n".utf8).write(to: URL(fileURLWithPath: folder + "/cast.md"))
        try Data("[Austin](@lloyd-austin) spoke.\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.md"))
        try Data("[Austin](@loyd-austin) spoke.\n".utf8).write(to: URL(fileURLWithPath: folder + "/b.md"))
        try Data("Anything.\n".utf8).write(to: URL(fileURLWithPath: folder + "/notes/n.md"))
        let both = try runDossier(["check", "a.md", "b.md", "--format", "json"], in: folder)
        #expect(both.status == 1)
        let report = try JSONParser.parse(Array(both.output.utf8))
        #expect(report["summary"]?["files"]?.intValue == 2, "one report for the workspace: \(both.output)")
        #expect(report["diagnostics"]?.arrayValue?.map { $0["path"]?.stringValue } == ["b.md"])
        let excluded = try runDossier(["check", "a.md", "notes/n.md"], in: folder)
        #expect(excluded.status == 2)
        #expect(excluded.errors.contains("--skip-excluded"), "\(excluded.errors)")
        let skipped = try runDossier(["check", "--skip-excluded", "a.md", "notes/n.md"], in: folder)
        #expect(skipped.status == 0, "\(skipped.errors)")
        #expect(skipped.errors.contains("notes/n.md: skipped"), "\(skipped.errors)")
        let onlyExcluded = try runDossier(["check", "--skip-excluded", "notes/n.md", "--format", "sarif"], in: folder)
        #expect(onlyExcluded.status == 0)
        #expect((try? JSONParser.parse(Array(onlyExcluded.output.utf8))) != nil, "an empty report is still a report")
    }
}
