import Foundation
import Testing

/// The session suites of issue 12: a person's first minutes with Dossier in Neovim 0.11+ (`editors/test/nvim_session.lua`)
/// and in Emacs Eglot (`editors/test/eglot_session.el`), run against the built server on a fresh copy of `seeds/`.
/// Each prints one `PASS name (detail)` or `FAIL name: why` line per scenario; every scenario is judged on its own.
@Suite("Editor sessions", .serialized)
struct EditorSessionTests {
    /// The newest Neovim found that is 0.11 or later (the session suite uses `vim.lsp.config` and `vim.lsp.completion`).
    static let neovim: String? = {
        let onPath = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":").map { "\($0)/nvim" }
        let candidates = EditorClientTests.neovims + onPath.filter { FileManager.default.isExecutableFile(atPath: $0) }
        return candidates.compactMap { path in version(of: path).map { (path, $0) } }
            .filter { !$0.1.lexicographicallyPrecedes([0, 11]) }
            .max { $0.1.lexicographicallyPrecedes($1.1) }?.0
    }()

    static let emacs = EditorClientTests.emacsWithEglot

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
        "Neovim 0.11+ session: startup diagnostics, completion, code lens, keys, inlay hints, disk changes",
        // Skipped when no Neovim 0.11+ is installed, unless DOSSIER_REQUIRE_CLIENTS=1 (CI), which makes it a failure.
        .enabled(if: neovim != nil || toolsRequired))
    func neovimSession() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let nvim = try #require(Self.neovim, "no Neovim 0.11+ found, and DOSSIER_REQUIRE_CLIENTS=1 requires one")
        let (status, output) = try EditorClientTests.run(
            nvim, ["--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile editors/test/nvim_session.lua"],
            timeout: 260, environment: ["DOSSIER_BIN": binary])
        Self.judge(output, status: status, client: nvim)
    }

    @Test(
        "Eglot session: startup diagnostics, completion at point, disk changes",
        // Skipped when Emacs or `script` is missing, unless DOSSIER_REQUIRE_CLIENTS=1 (CI), which makes it a failure.
        .enabled(if: (emacs != nil && script != nil) || toolsRequired))
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
        Self.judge(output, status: status, client: emacs)
    }

    /// Records each failed scenario; passes when every scenario passed and the editor exited cleanly.
    static func judge(_ output: String, status: Int32, client: String) {
        let lines = output.split(separator: "\n").map(String.init)
        for line in lines where line.hasPrefix("FAIL ") { Issue.record("\(client): \(line)") }
        #expect(lines.contains { $0.hasPrefix("PASS ") }, "\(client): no scenario passed:\n\(output)")
        #expect(status == 0, "\(client) exited with \(status):\n\(output)")
    }
}
