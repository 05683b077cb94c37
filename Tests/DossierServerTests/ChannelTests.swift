import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// The first minutes in an editor: one diagnostics channel per client, nothing computed against a partial index,
/// disk changes seen without the client's help.
@Suite("Diagnostics channel, startup and the server's own watcher")
struct ChannelTests {
    static let brief = """
        ---
        type: brief
        ---
        # Brief

        [The evidence will be shared]{.claim cite=#austin-share}, said [Lloyd Austin](@lloyd-austin).

        """
    static let claims = "# Hearing\n\n[“We will share it”]{.quote #austin-share by=@lloyd-austin cue=said}\n"

    /// A document opened before indexing starts gets no finding until the workspace is indexed, and then the right
    /// ones (before: 2 false errors, `unknown-claim` and `unknown-actor`, computed against the empty index).
    @Test func noFindingIsComputedAgainstAPartialIndex() async throws {
        let h = try Harness(files: ["cast.md": castText, "hearing.md": Self.claims])
        _ = try await h.client.request(method: "initialize", params: [
            "processId": .null, "rootUri": .string("file://" + h.root), "capabilities": ClientCapabilities.push(),
        ])
        // Opened between initialize and initialized: indexing has not started.
        try h.open("brief.md", Self.brief)
        await #expect(throws: PipeTestClientError.self) { _ = try await h.diagnostics("brief.md", timeout: .milliseconds(300)) }
        try h.client.sendNotification(method: "initialized", params: [:])
        try await h.waitForIndexing()
        let published = try await h.diagnostics("brief.md")
        #expect(published["params"]?["diagnostics"] == [])
    }

    /// A push client gets `publishDiagnostics` and no `diagnosticProvider`; a pull client gets the provider, a
    /// refresh when indexing ends, and no pushed diagnostics for its documents.
    @Test func oneChannelPerClient() async throws {
        let push = try Harness(files: ["cast.md": castText])
        let pushCapabilities = try await push.initialize()["result"]?["capabilities"]
        #expect(pushCapabilities?["diagnosticProvider"] == nil)

        let pull = try Harness(files: ["cast.md": castText])
        let pullCapabilities = try await pull.initialize(ClientCapabilities.pull(), waitForIndex: false)["result"]?["capabilities"]
        #expect(pullCapabilities?["diagnosticProvider"]?["interFileDependencies"] == true)
        let registration = try await pull.client.nextRequest("client/registerCapability")
        try pull.client.reply(to: registration, result: .null)
        try await pull.waitForIndexing()
        let refresh = try await pull.client.nextRequest("workspace/diagnostic/refresh")
        try pull.client.reply(to: refresh, result: .null)
        try pull.open("a.md", "# A\n\nSee @lloyd-austin and [Q](@nobody-known).\n")
        let report = try await pull.result("textDocument/diagnostic", ["textDocument": ["uri": .string(pull.uri("a.md"))]])
        #expect(report["kind"] == "full")
        #expect(report["items"]?.arrayValue?.map { $0["code"] } == ["unknown-actor"])
        // Asked again with its result id: unchanged.
        let again = try await pull.result("textDocument/diagnostic", [
            "textDocument": ["uri": .string(pull.uri("a.md"))], "previousResultId": report["resultId"] ?? .null,
        ])
        #expect(again["kind"] == "unchanged")
        try await Task.sleep(for: .milliseconds(200))
        #expect(!pull.client.queuedMessages.contains { $0["method"] == "textDocument/publishDiagnostics" })
    }

    /// A client that declares pull diagnostics but no refresh support (Neovim 0.11, VS Code 1.65 without
    /// `textDocument.diagnostic`) is pushed to.
    @Test func pullWithoutRefreshIsPushed() async throws {
        let h = try Harness(files: ["cast.md": castText])
        var capabilities = ClientCapabilities.push(extra: ["diagnostic": ["dynamicRegistration": true]])
        capabilities["workspace"]?["diagnostics"] = ["refreshSupport": false]
        let caps = try await h.initialize(capabilities)["result"]?["capabilities"]
        #expect(caps?["diagnosticProvider"] == nil)
        try h.open("a.md", "# A\n\n[Q](@nobody-known).\n")
        _ = try await h.diagnostics("a.md") { $0 == ["unknown-actor"] }
    }

    /// With a client that registers no watchers (Neovim on Linux, Helix), a cast edited on disk while closed
    /// reaches the open articles' diagnostics through the server's own watcher.
    @Test func theServerWatchesTheDiskWhenTheClientDoesNot() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(ClientCapabilities.push(watchers: false))
        try h.open("a.md", "# A\n\nSaid [Durbin](@dick-durbin).\n")
        _ = try await h.diagnostics("a.md") { $0.isEmpty }
        // Remove Durbin from the cast with a plain write, as a shell or `git pull` would.
        try Harness.write(castText.replacingOccurrences(of: "## Dick Durbin {#dick-durbin .person}", with: "## Someone Else {#someone .person}"), to: h.root + "/cast.md")
        // How fast is measured by the benchmark (`dossier-bench`), not asserted here.
        _ = try await h.diagnostics("a.md", where: { $0 == ["unknown-actor"] }, timeout: .seconds(10))
        // A new file in a new folder, then the folder deleted.
        try Harness.write("## Dick Durbin {#dick-durbin .person}\n", to: h.root + "/more/durbin.md")
        _ = try await h.diagnostics("a.md", where: { $0.isEmpty }, timeout: .seconds(10))
        try FileManager.default.removeItem(atPath: h.root + "/more")
        _ = try await h.diagnostics("a.md", where: { $0 == ["unknown-actor"] }, timeout: .seconds(10))
        #expect(!h.client.queuedMessages.contains { $0["method"] == "client/registerCapability" })
    }

    /// A client that registers watchers is asked to, and the server runs no watcher of its own.
    @Test func aClientThatWatchesIsAskedToAndTheServerDoesNot() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(ClientCapabilities.push(watchers: true))
        let registration = try await h.client.nextRequest("client/registerCapability")
        try h.client.reply(to: registration, result: .null)
        let watchers = registration["params"]?["registrations"]?[0]?["registerOptions"]?["watchers"]?.arrayValue ?? []
        #expect(watchers.compactMap { $0["globPattern"]?.stringValue } == ["**/*.md", "**/dossier.json"])
        #expect(h.server.watcher.withLock { $0 == nil })
    }
}
