import DossierJSON
import DossierTestSupport
import Foundation
import Testing

/// `dossier check` and `dossier lsp` against workspaces whose files cannot be read, are named
/// pipes, or change while the server indexes: the problem is reported, the rest is checked or
/// indexed, and nothing waits forever.
@Suite(.serialized) struct FilesChangingUnderTheIndexerTests {
    static let cast = "## Lloyd Austin {#lloyd-austin .person}\n"

    /// A workspace with a cast, an article with one unknown actor (an error to find), a file over
    /// the size limit (fails to read even for root), a mode-000 file (fails unless root) and a named
    /// pipe `x.md`. Returns the root, whether the locked file is unreadable, and the pipes.
    static func workspace() throws -> (root: String, locked: Bool, pipes: [String]) {
        let root = NSTemporaryDirectory() + "dossier-unreadable-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Its own dossier.json makes the folder the workspace, whatever lies above it.
        try Data("{}".utf8).write(to: URL(fileURLWithPath: root + "/dossier.json"))
        try Data(cast.utf8).write(to: URL(fileURLWithPath: root + "/cast.md"))
        try Data("Said [Austin](@lloyd-austin) to [Nobody](@no-such-actor).\n".utf8).write(to: URL(fileURLWithPath: root + "/a.md"))
        try HostileFiles.makeSparseFile(at: root + "/huge.md", bytes: (64 << 20) + 1)
        try Data("Locked away.\n".utf8).write(to: URL(fileURLWithPath: root + "/locked.md"))
        let locked = HostileFiles.lockAndCheckThatReadsFail(root + "/locked.md")
        try HostileFiles.makeNamedPipe(at: root + "/x.md")
        return (root, locked, [root + "/x.md"])
    }

    /// Runs `dossier ARGUMENTS`; one that waits on a named pipe past 30 s fails the test, and the
    /// pipes' readers are released first so that it can be ended.
    static func dossier(_ arguments: [String], release pipes: [String]) throws -> CommandResult {
        let binary = try #require(Paths.binary, "build the dossier product first")
        return try runProgram(binary, arguments, in: Paths.repo, timeout: 30) { HostileFiles.releaseReaders(of: pipes) }
    }

    @Test func checkReportsUnreadableFilesAndChecksTheRest() throws {
        let (root, locked, pipes) = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }

        let result = try Self.dossier(["check", root], release: pipes)
        #expect(result.status == 2, "an I/O error is exit 2 (SPEC 5)")
        #expect(result.errors.contains("dossier: huge.md: is larger than 64 MB: split it or exclude it in dossier.json"), "\(result.errors)")
        #expect(result.errors.contains("dossier: locked.md: cannot read: Permission denied") == locked, "\(result.errors)")
        #expect(!result.errors.contains("x.md"), "a named pipe is not a Markdown file to check: \(result.errors)")
        // The rest is still checked: the unknown actor in a.md is found.
        #expect(result.output.contains("a.md:1:"), "\(result.output)")
        #expect(result.output.contains("[unknown-actor]"), "\(result.output)")
        #expect(result.errors.contains(locked ? "2 files checked" : "3 files checked"), "\(result.errors)")

        // Named as targets: the pipe is refused at once; the oversized file says why, and only that.
        let pipe = try Self.dossier(["check", root + "/x.md"], release: pipes)
        #expect(pipe.status == 2)
        #expect(pipe.errors.contains("x.md: not a regular file"), "\(pipe.errors)")
        let huge = try Self.dossier(["check", root + "/huge.md"], release: pipes)
        #expect(huge.status == 2)
        #expect(huge.errors.contains("huge.md: is larger than 64 MB"), "\(huge.errors)")
        #expect(!huge.errors.contains("excluded"), "\(huge.errors)")

        // A dossier.json that is a named pipe: reported, the defaults apply, no wait.
        let configuration = root + "/dossier.json"
        try FileManager.default.removeItem(atPath: configuration)
        try HostileFiles.makeNamedPipe(at: configuration)
        let withPipe = try Self.dossier(["check", root], release: pipes + [configuration])
        #expect(withPipe.status == 2)
        #expect(withPipe.errors.contains("dossier: dossier.json: is a named pipe, not a regular file"), "\(withPipe.errors)")
        #expect(withPipe.output.contains("[unknown-actor]"), "\(withPipe.output)")
    }

    @Test func serverAnnouncesUnreadableFilesIndexesTheRestAndKeepsServing() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let (root, locked, firstPipes) = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var pipes = firstPipes
        let server = try ServerProcess(binary: binary, arguments: ["lsp", "--log-level", "error"])
        // If the server is stuck opening a pipe, this lets it go so the test run can end.
        defer { HostileFiles.releaseReaders(of: pipes) }
        _ = try LSPProcessTests.initialize(server, root: root)

        let shown = try server.next("window/showMessage about unreadable files") { $0["method"] == "window/showMessage" }
        #expect(shown["params"]?["type"]?.intValue == 2)
        let message = shown["params"]?["message"]?.stringValue ?? ""
        #expect(message.contains("huge.md: is larger than 64 MB"), "\(message)")
        #expect(message.contains("locked.md: cannot read: Permission denied") == locked, "\(message)")
        #expect(message.hasPrefix(locked ? "Dossier could not read 2 files: " : "Dossier could not read 1 file: "), "\(message)")
        #expect(!message.contains("x.md"), "\(message)")
        // The rest is indexed: the actor in cast.md is found.
        let symbols = try server.request("workspace/symbol", ["query": "lloyd"])
        #expect(symbols["result"]?.arrayValue?.isEmpty == false, "\(symbols)")

        // Watched-file events for a new pipe and for a.md replaced by a pipe: the server reads
        // neither (it used to wait on the pipe forever, so every later request went unanswered).
        try HostileFiles.makeNamedPipe(at: root + "/y.md")
        try FileManager.default.removeItem(atPath: root + "/a.md")
        try HostileFiles.makeNamedPipe(at: root + "/a.md")
        pipes += [root + "/y.md", root + "/a.md"]
        server.notify("workspace/didChangeWatchedFiles", ["changes": [
            ["uri": .string("file://" + root + "/y.md"), "type": 1],
            ["uri": .string("file://" + root + "/a.md"), "type": 2],
        ]])
        try HostileInputTests.ping(server)
        // Closing a buffer reads the file from disk again: a pipe there is left alone too.
        HostileInputTests.open(server, "file://" + root + "/y.md", "An open buffer.\n")
        server.notify("textDocument/didClose", ["textDocument": ["uri": .string("file://" + root + "/y.md")]])
        try HostileInputTests.ping(server)

        _ = try server.request("shutdown")
        server.notify("exit")
        #expect(server.waitForExit() == 0)
    }

    /// Files deleted, replaced by folders, pipes or dangling links while the server walks and reads
    /// the workspace. Which files the indexer meets in which state depends on timing, so the test
    /// asks only what must always hold: indexing ends, the server serves, and it exits cleanly.
    @Test func filesChangingWhileTheServerIndexes() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let manager = FileManager.default
        let root = NSTemporaryDirectory() + "dossier-churn-\(UUID().uuidString)"
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? manager.removeItem(atPath: root) }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: root + "/dossier.json"))
        try Data(Self.cast.utf8).write(to: URL(fileURLWithPath: root + "/cast.md"))
        let names = (0..<1_000).map { String(format: "f%04d.md", $0) }
        for name in names {
            try Data("Said [Austin](@lloyd-austin) in \(name).\n".utf8).write(to: URL(fileURLWithPath: root + "/" + name))
        }
        let changing = Array(names[400...])
        let pipes = changing.enumerated().filter { $0.offset % 4 == 2 }.map { root + "/" + $0.element }

        let server = try ServerProcess(binary: binary, arguments: ["lsp", "--log-level", "error"])
        defer { HostileFiles.releaseReaders(of: pipes) }
        _ = try server.request("initialize", [
            "processId": .null, "rootUri": .string("file://" + root),
            "capabilities": ["window": ["workDoneProgress": true]],
        ])
        server.notify("initialized", [:])
        // The server walks the workspace once its progress token is accepted: the files start
        // changing just before.
        let create = try server.next("workDoneProgress/create") { $0["method"] == "window/workDoneProgress/create" }
        let churned = DispatchSemaphore(value: 0)
        Thread {
            let manager = FileManager.default
            for (index, name) in changing.enumerated() {
                let path = root + "/" + name
                try? manager.removeItem(atPath: path)
                switch index % 4 {
                case 0: break  // deleted
                case 1: try? manager.createDirectory(atPath: path, withIntermediateDirectories: false)
                case 2: try? HostileFiles.makeNamedPipe(at: path)
                default: try? manager.createSymbolicLink(atPath: path, withDestinationPath: root + "/gone-" + name)
                }
            }
            churned.signal()
        }.start()
        server.send(["jsonrpc": "2.0", "id": create["id"] ?? .null, "result": .null])
        _ = try server.next(timeout: 60, "progress end") { $0["method"] == "$/progress" && $0["params"]?["value"]?["kind"] == "end" }
        #expect(churned.wait(timeout: .now() + 60) == .success)
        try HostileInputTests.ping(server)
        let references = try server.request("textDocument/references", [
            "textDocument": ["uri": .string("file://" + root + "/cast.md")], "position": ["line": 0, "character": 4],
            "context": ["includeDeclaration": false],
        ])
        // The 400 files that never changed are indexed whatever the timing.
        #expect((references["result"]?.arrayValue?.count ?? 0) >= 400, "\(references)")

        _ = try server.request("shutdown")
        server.notify("exit")
        #expect(server.waitForExit() == 0)
    }
}
