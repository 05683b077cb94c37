import Foundation
import Testing

/// Runs a program and returns its exit status and output; nil when it is not installed.
func runTool(_ arguments: [String], in directory: URL, timeout: TimeInterval = 120) throws -> (status: Int32, output: String)? {
    let resolved = ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent(arguments[0]).path }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let executable = resolved else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = Array(arguments.dropFirst())
    process.currentDirectoryURL = directory
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let deadline = Date().addingTimeInterval(timeout * Paths.timeoutScale)
    while process.isRunning, Date() < deadline { usleep(10_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Whether the SARIF test runs: python's jsonschema is installed (the OASIS schema is in Tests/Fixtures/schemas),
/// or CI requires it.
private var sarifTestRuns: Bool {
    let available = (try? runTool(["python3", "-c", "import jsonschema"], in: repositoryRoot))??.status == 0
    return available || toolsRequired
}

/// Tests of external tools: skipped (and reported so) when the tool is missing, failing then under
/// DOSSIER_REQUIRE_CLIENTS=1 (CI).
@Suite struct ExternalToolTests {
    @Test(.enabled(if: toolTestRuns("pandoc"), "pandoc is not installed"))
    func seedsRenderWithPandocAsClaimSpansAndLinks() throws {
        let result = try #require(
            try runTool(["pandoc", "seeds/senate-hearing-austin-icc-evidence.md", "seeds/cast.md", "-t", "html"], in: repositoryRoot),
            "pandoc is not installed, and DOSSIER_REQUIRE_CLIENTS=1 requires it")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("class=\"claim\""))
        #expect(result.output.contains("data-by=\"@"))
        #expect(result.output.contains("href=\"@lloyd-austin\""))
        #expect(result.output.contains("class=\"person\" id=\"lloyd-austin\""))
    }

    @Test(.enabled(if: toolTestRuns("python3"), "python3 is not installed"))
    func editorIntegrationsPassTheirStaticChecks() throws {
        let result = try #require(
            try runTool(["python3", "editors/test/check_static.py"], in: repositoryRoot, timeout: 300),
            "python3 is not installed, and DOSSIER_REQUIRE_CLIENTS=1 requires it")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: sarifTestRuns, "python's jsonschema is missing"))
    func sarifOutputValidatesAgainstTheOASISSchema() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let schema = repositoryRoot.appendingPathComponent("Tests/Fixtures/schemas/sarif-schema-2.1.0.json").path
        #expect(FileManager.default.fileExists(atPath: schema), "the SARIF schema is missing: \(schema)")
        let script = """
            import json, subprocess, sys
            try:
                import jsonschema
            except ImportError:
                print("jsonschema missing"); sys.exit(3)
            out = subprocess.run([sys.argv[1], "check", sys.argv[2], "--format", "sarif"], capture_output=True).stdout
            jsonschema.validate(json.loads(out), json.load(open(sys.argv[3])))
            print("valid")
            """
        let result = try #require(try runTool(["python3", "-c", script, binary, Paths.seeds, schema], in: repositoryRoot), "python3 is not installed")
        #expect(result.status == 0 && result.output.contains("valid"), "\(result.output)")
    }
}
