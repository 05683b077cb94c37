import Foundation
import Testing

/// The session suites of issue 12: a person's first minutes with Dossier in Neovim 0.11+ (`editors/test/nvim_session.lua`)
/// and in Emacs Eglot (`editors/test/eglot_session.el`), run against the built server on a fresh copy of `seeds/`.
/// Each prints one `PASS name (detail)` or `FAIL name: why` line per scenario; every scenario is judged on its own.
@Suite("Editor sessions", .serialized)
struct EditorSessionTests {
    /// Neovim scenarios that fail until the server side of issue 12 lands: one diagnostics channel per client, no
    /// finding computed against a partial index, and the server's own watcher (Neovim on Linux registers none). While
    /// one fails it is a known issue; once it passes the test says so, to take it off this list.
    static let neovimAwaitingServer: Set<String> = ["startup diagnostics brief.md", "disk change removed", "disk change restored"]

    /// The same for Eglot: none always fails today (Eglot pushes nothing twice, opens files after `initialize`, and
    /// watches files for the server).
    static let eglotAwaitingServer: Set<String> = []

    /// Eglot scenarios that fail now and then until the server coalesces file changes (SPEC 4): Emacs sends the change
    /// event as its write starts, the server reads cast.md half written at once, and inotify merges the events of the
    /// rest of the write, so the whole file is never read (2 runs in 8 here). A failure is a known issue, a pass is fine;
    /// once the server waits for a quiet moment before reading, take them off and let them fail again.
    static let eglotIntermittentUntilServer: Set<String> = ["disk change removed", "disk change restored"]

    /// The newest Neovim found that is 0.11 or later (the session suite uses `vim.lsp.config` and `vim.lsp.completion`).
    static let neovim: String? = {
        let onPath = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":").map { "\($0)/nvim" }
        let candidates = EditorClientTests.neovims + onPath.filter { FileManager.default.isExecutableFile(atPath: $0) }
        return candidates.compactMap { path in version(of: path).map { (path, $0) } }
            .filter { !$0.1.lexicographicallyPrecedes([0, 11]) }
            .max { $0.1.lexicographicallyPrecedes($1.1) }?.0
    }()

    static let emacs = ["/usr/bin/emacs", "/usr/local/bin/emacs"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// util-linux `script`, which lends Emacs the terminal it needs to deliver file notifications.
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `[major, minor]` from `nvim --version` ("NVIM v0.12.0-dev-…"), or nil.
    static func version(of nvim: String) -> [Int]? {
        guard let (status, output) = try? EditorClientTests.run(nvim, ["--version"], timeout: 20), status == 0,
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("NVIM v") })
        else { return nil }
        let numbers = line.dropFirst("NVIM v".count).split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        return numbers.count == 2 ? numbers : nil
    }

    @Test(
        "Neovim 0.11+ session: startup diagnostics, completion, code lens, disk changes",
        // Skipped when no Neovim 0.11+ is installed, unless DOSSIER_REQUIRE_CLIENTS=1 (CI), which makes it a failure.
        .enabled(if: neovim != nil || EditorClientTests.requireClients))
    func neovimSession() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let nvim = try #require(Self.neovim, "no Neovim 0.11+ found, and DOSSIER_REQUIRE_CLIENTS=1 requires one")
        let (status, output) = try EditorClientTests.run(
            nvim, ["--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile editors/test/nvim_session.lua"],
            timeout: 260, environment: ["DOSSIER_BIN": binary])
        Self.judge(output, status: status, client: nvim, awaitingServer: Self.neovimAwaitingServer)
    }

    @Test(
        "Eglot session: startup diagnostics, completion at point, disk changes",
        // Skipped when Emacs or `script` is missing, unless DOSSIER_REQUIRE_CLIENTS=1 (CI), which makes it a failure.
        .enabled(if: (emacs != nil && script != nil) || EditorClientTests.requireClients))
    func eglotSession() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let emacs = try #require(Self.emacs, "emacs not found, and DOSSIER_REQUIRE_CLIENTS=1 requires it")
        let script = try #require(Self.script, "util-linux script not found, and DOSSIER_REQUIRE_CLIENTS=1 requires it")
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-eglot-session-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: results) }
        let (status, screen) = try EditorClientTests.run(
            script, ["-qec", "\(emacs) -nw -q -l editors/test/eglot_session.el", "/dev/null"], timeout: 200,
            environment: ["DOSSIER_BIN": binary, "DOSSIER_SESSION_OUTPUT": results.path, "TERM": "xterm"])
        let output = (try? String(contentsOf: results, encoding: .utf8)) ?? "(no results written; the terminal showed: \(screen.suffix(2000)))"
        Self.judge(
            output, status: status, client: emacs, awaitingServer: Self.eglotAwaitingServer,
            intermittent: Self.eglotIntermittentUntilServer)
    }

    /// Records each failed scenario (a known issue when it awaits the server, intermittently or always), and each
    /// always-failing awaited one that passes now.
    static func judge(_ output: String, status: Int32, client: String, awaitingServer: Set<String>, intermittent: Set<String> = []) {
        var passed: [String] = []
        var unexpectedFailures = 0
        var intermittentFailures = 0
        for line in output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("PASS ") {
                let name = String(line.dropFirst(5).prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
                passed.append(name)
                if awaitingServer.contains(name) {
                    Issue.record("\(client): “\(name)” passes now: take it off the awaiting-server list in EditorSessionTests")
                }
            } else if line.hasPrefix("FAIL ") {
                let name = String(line.dropFirst(5).prefix { $0 != ":" })
                if awaitingServer.contains(name) {
                    withKnownIssue("awaits the server side of issue 12") { Issue.record("\(client): \(line)") }
                } else if intermittent.contains(name) {
                    intermittentFailures += 1
                    withKnownIssue("fails now and then until the server coalesces file changes", isIntermittent: true) {
                        Issue.record("\(client): \(line)")
                    }
                } else {
                    unexpectedFailures += 1
                    Issue.record("\(client): \(line)")
                }
            }
        }
        #expect(!passed.isEmpty, "\(client): no scenario passed:\n\(output)")
        if unexpectedFailures == 0 && intermittentFailures == 0 && awaitingServer.isSubset(of: passed) {
            #expect(status == 0, "\(client) exited with \(status):\n\(output)")
        }
    }
}
