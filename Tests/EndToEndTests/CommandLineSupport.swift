import Foundation
import Testing

/// What a finished `dossier` run printed.
struct CommandResult {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs the built `dossier` with `arguments` in `directory`, standard output and error kept apart.
func runDossier(_ arguments: [String], in directory: String = Paths.repo) throws -> CommandResult {
    let binary = try #require(Paths.binary, "build the dossier product first")
    return try runProgram(binary, arguments, in: directory)
}

/// Runs `executable` and waits for it (2 minutes at most, scaled by DOSSIER_TIMEOUT_SCALE); output
/// goes to files, not pipes, so that a large one cannot block the child. A run that does not end in
/// time is a recorded failure; `onTimeout` runs first (e.g. to unblock what the child waits on).
func runProgram(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:],
                timeout: TimeInterval = 120, onTimeout: () -> Void = {}) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let outputPath = NSTemporaryDirectory() + "dossier-run-\(UUID().uuidString)"
    let errorPath = outputPath + ".err"
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout * Paths.timeoutScale)
    while process.isRunning, Date() < deadline { usleep(10_000) }
    if process.isRunning {
        onTimeout()
        process.terminate()
        process.waitUntilExit()
        Issue.record("\(executable) \(arguments.joined(separator: " ")) did not end within \(Int(timeout)) s")
    }
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return CommandResult(status: process.terminationStatus, output: read(outputPath), errors: read(errorPath))
}

/// A fresh empty folder under the system's temporary folder.
func temporaryFolder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "dossier-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The full path of `tool` on PATH, if installed.
func installedTool(_ tool: String) -> String? {
    ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":")
        .map { String($0) + "/" + tool }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Whether CI requires every tool the tests drive (DOSSIER_REQUIRE_CLIENTS=1): a missing one then fails its test
/// instead of skipping it.
var toolsRequired: Bool { ProcessInfo.processInfo.environment["DOSSIER_REQUIRE_CLIENTS"] == "1" }

/// Whether a test of an external tool runs: when the tool is installed, or when CI requires every
/// tool, so that a missing one fails there instead of being skipped.
func toolTestRuns(_ tools: String...) -> Bool {
    toolsRequired || tools.allSatisfy { installedTool($0) != nil }
}

/// The path of `tool`, or a recorded failure (the test only runs without it under DOSSIER_REQUIRE_CLIENTS=1).
func requiredTool(_ tool: String) throws -> String {
    try #require(installedTool(tool), "\(tool) is not installed, and DOSSIER_REQUIRE_CLIENTS=1 requires it")
}

/// Where tests leave files for a person to look at (screenshots, exported briefs): `.build/test-output`.
func testOutputFolder() throws -> String {
    let path = Paths.repo + "/.build/test-output"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
