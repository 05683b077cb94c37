import DossierJSON
import Foundation
import Testing

/// `dossier attributions` and `dossier annotate`, run as built (SPEC 5).
@Suite struct AttributionCommandTests {
    /// Runs the built binary in `directory`; returns its status, standard output and standard error.
    func dossier(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String, errors: String) {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// A scratch workspace with the seeds' cast and the raw hearing article.
    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-annotate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: folder.appendingPathComponent("dossier.json"))
        try FileManager.default.copyItem(atPath: Paths.seeds + "/cast.md", toPath: folder.appendingPathComponent("cast.md").path)
        try FileManager.default.copyItem(
            atPath: Paths.repo + "/Tests/Fixtures/raw-seeds/senate-hearing-austin-icc-evidence.txt",
            toPath: folder.appendingPathComponent("hearing.txt").path)
        return folder
    }

    @Test func attributionsListsEveryInferenceAsJSON() throws {
        let result = try dossier(["attributions", "senate-hearing-austin-icc-evidence.md", "--json"], in: URL(fileURLWithPath: Paths.seeds))
        #expect(result.status == 0, "\(result.errors)")
        let rows = try #require(try JSONParser.parse(Array(result.output.utf8)).arrayValue)
        let first = try #require(rows.first?.objectValue)
        #expect(Set(first.keys).isSuperset(of: ["path", "kind", "content", "text", "cue", "source", "confidence", "annotated"]))
        let austin = rows.compactMap(\.objectValue).first { $0["text"]?.stringValue?.hasPrefix("“I will always prioritize") == true }
        #expect(austin?["source"]?["actor"]?.stringValue == "lloyd-austin")
        #expect(austin?["annotated"]?.boolValue == true)
        #expect(austin?["cue"]?["text"]?.stringValue == "said")
        #expect(austin?["kind"]?.stringValue == "quote")
    }

    @Test func annotatePrintsMarkdownAndWritesOnlyWithWrite() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let printed = try dossier(["annotate", "hearing.txt"], in: folder)
        #expect(printed.status == 0, "\(printed.errors)")
        #expect(printed.output.contains("[“I will always prioritize the protection of [U.S.](@united-states) military personnel,”]{.quote"))
        #expect(printed.output.contains("by=@lloyd-austin cue=said}"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("hearing.md").path))

        let written = try dossier(["annotate", "hearing.txt", "--write"], in: folder)
        #expect(written.status == 0, "\(written.errors)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("hearing.md"), encoding: .utf8)
        #expect(markdown == printed.output)
        // Annotating the annotated article changes nothing.
        let again = try dossier(["annotate", "hearing.md"], in: folder)
        #expect(again.output == markdown)
        // The annotated workspace checks clean of errors.
        let check = try dossier(["check", "."], in: folder)
        #expect(check.status == 0, "\(check.output)\(check.errors)")
    }

    @Test func newPeopleGoToTheCastOnlyWithWrite() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("“We have the evidence and we will use it,” Karim Baker said.\n".utf8).write(to: folder.appendingPathComponent("baker.txt"))
        let castBefore = try String(contentsOf: folder.appendingPathComponent("cast.md"), encoding: .utf8)
        let dry = try dossier(["annotate", "baker.txt"], in: folder)
        #expect(dry.errors.contains("## Karim Baker {#karim-baker .person}"))
        #expect(try String(contentsOf: folder.appendingPathComponent("cast.md"), encoding: .utf8) == castBefore)
        let wet = try dossier(["annotate", "baker.txt", "--write", "--cast", "cast.md"], in: folder)
        #expect(wet.status == 0, "\(wet.errors)")
        let castAfter = try String(contentsOf: folder.appendingPathComponent("cast.md"), encoding: .utf8)
        #expect(castAfter.hasPrefix(castBefore) && castAfter.hasSuffix("## Karim Baker {#karim-baker .person}\n\n- aliases: Baker\n"))
    }

    @Test func badUsageExitsWithTwo() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try dossier(["annotate"], in: folder).status == 2)
        #expect(try dossier(["annotate", "missing.txt"], in: folder).status == 2)
        #expect(try dossier(["attributions"], in: folder).status == 2)
        #expect(try dossier(["attributions", "missing.md"], in: folder).status == 2)
    }
}
