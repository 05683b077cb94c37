import DossierJSON
import DossierLocking
import DossierProtocol
@testable import DossierServer
import Testing

@Suite("Lifecycle")
struct LifecycleTests {
    @Test func requestBeforeInitializeIsRejected() async throws {
        let h = try Harness()
        let response = try await h.client.request(method: "textDocument/hover", params: h.position("a.md", line: 0, character: 0))
        #expect(response["error"]?["code"]?.intValue == -32002)
        // Notifications before initialize are ignored, never answered.
        try h.client.sendNotification(method: "textDocument/didOpen", params: ["textDocument": ["uri": "file:///x.md", "text": "", "version": 1]])
        let again = try await h.client.request(method: "shutdown")
        #expect(again["error"]?["code"]?.intValue == -32002)
    }

    @Test func initializeAnswersCapabilities() async throws {
        let h = try Harness(files: ["dossier.json": "{}"])
        let response = try await h.initialize(waitForIndex: false)
        let caps = try #require(response["result"]?["capabilities"])
        #expect(caps["positionEncoding"] == "utf-16")
        #expect(caps["textDocumentSync"]?["change"]?.intValue == 2)
        #expect(caps["textDocumentSync"]?["openClose"] == true)
        #expect(caps["hoverProvider"] == true)
        #expect(caps["definitionProvider"] == true)
        #expect(caps["referencesProvider"] == true)
        #expect(caps["renameProvider"]?["prepareProvider"] == true)
        #expect(caps["diagnosticProvider"]?["interFileDependencies"] == true)
        #expect(caps["diagnosticProvider"]?["workspaceDiagnostics"] == true)
        #expect(caps["completionProvider"]?["triggerCharacters"] == ["@", "#", "{", " "])
        #expect(response["result"]?["serverInfo"]?["name"] == "dossier")
    }

    @Test func encodingNegotiation() async throws {
        let a = try Harness()
        let r1 = try await a.initialize(encodings: ["utf-16", "utf-8"], waitForIndex: false)
        #expect(r1["result"]?["capabilities"]?["positionEncoding"] == "utf-8")
        let b = try Harness()
        let r2 = try await b.initialize(encodings: ["utf-32", "utf-16"], waitForIndex: false)
        #expect(r2["result"]?["capabilities"]?["positionEncoding"] == "utf-16")
    }

    @Test func unknownMethodAndNotifications() async throws {
        let h = try Harness()
        try await h.initialize()
        try h.client.sendNotification(method: "$/setTrace", params: ["value": "off"])
        try h.client.sendNotification(method: "custom/whatever")
        let response = try await h.client.request(method: "custom/nothing")
        #expect(response["error"]?["code"]?.intValue == -32601)
        let dollar = try await h.client.request(method: "$/unknownRequest")
        #expect(dollar["error"]?["code"]?.intValue == -32601)
        // Nothing was sent for the notifications.
        #expect(h.client.queuedMessages.allSatisfy { $0["id"] == nil })
    }

    @Test func shutdownThenExitCodes() async throws {
        let h = try Harness()
        try await h.initialize()
        let shutdown = try await h.client.request(method: "shutdown")
        #expect(shutdown["result"] == .null)
        #expect(shutdown["error"] == nil)
        let after = try await h.client.request(method: "textDocument/hover", params: h.position("a.md", line: 0, character: 0))
        #expect(after["error"]?["code"]?.intValue == -32600)
        try h.client.sendNotification(method: "exit")
        #expect(await h.waitForExit() == 0)

        let g = try Harness()
        try await g.initialize()
        try g.client.sendNotification(method: "exit")
        #expect(await g.waitForExit() == 1)

        let e = try Harness()
        try await e.initialize()
        e.client.closeInput()
        #expect(await e.waitForExit() == 1)
    }

    @Test func stringIDsEchoed() async throws {
        let h = try Harness()
        try await h.initialize()
        try h.client.send(["jsonrpc": "2.0", "id": "abc", "method": "shutdown"])
        let reply = try await h.client.nextMessage { $0["id"] == "abc" }
        #expect(reply["result"] == .null)
        #expect(reply.objectValue?.keys.contains("result") == true)
    }

    @Test func cancelReturnsRequestCancelled() async throws {
        let slow: RequestHandler = { _, _ in
            for _ in 0..<500 {
                try Task.checkCancellation()
                usleepCompat(10_000)
            }
            return "done"
        }
        let h = try Harness(extraHandlers: ["test/slow": slow])
        try await h.initialize()
        let id = try h.client.sendRequest(method: "test/slow")
        try h.client.sendNotification(method: "$/cancelRequest", params: ["id": id.json])
        let reply = try await h.client.nextMessage { $0["id"] == id.json }
        #expect(reply["error"]?["code"]?.intValue == -32800)
        // The server still works, and the cancelled request is answered once.
        let shutdown = try await h.client.request(method: "shutdown")
        #expect(shutdown["result"] == .null)
        try await Task.sleep(for: .milliseconds(50))
        #expect(!h.client.queuedMessages.contains { $0["id"] == id.json })
    }

    @Test func badParams() async throws {
        let h = try Harness()
        try await h.initialize()
        let noDoc = try await h.client.request(method: "textDocument/hover", params: ["position": ["line": 0, "character": 0]])
        #expect(noDoc["error"]?["code"]?.intValue == -32602)
        let wrongType = try await h.client.request(method: "textDocument/definition", params: [
            "textDocument": ["uri": 42], "position": ["line": 0, "character": 0],
        ])
        #expect(wrongType["error"]?["code"]?.intValue == -32602)
        let badPosition = try await h.client.request(method: "textDocument/references", params: [
            "textDocument": ["uri": .string(h.uri("a.md"))], "position": ["line": "zero", "character": 0],
        ])
        #expect(badPosition["error"]?["code"]?.intValue == -32602)
        let arrayParams = try await h.client.request(method: "textDocument/hover", params: [1, 2])
        #expect(arrayParams["error"]?["code"]?.intValue == -32602)
        // Unknown URI: null, not an error.
        let unknown = try await h.client.request(method: "textDocument/hover", params: h.position("nope.md", line: 3, character: 4))
        #expect(unknown["result"] == .null)
        #expect(unknown["error"] == nil)
    }

    /// Waits until `condition` holds, at most five seconds.
    private func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    @Test func freedMemoryIsReleasedAfterIndexingAndAfterEachSpellOfMessages() async throws {
        let releases = Locked(0)
        let h = try Harness(files: ["cast.md": castText], releaseMemory: { releases.withLock { $0 += 1 } }, quiet: .milliseconds(50))
        // Released before the end of indexing is announced.
        try await h.initialize()
        #expect(releases.withLock { $0 } >= 1)
        // A slow machine may see a quiet spell between `initialized` and the end of indexing: count from here.
        try await Task.sleep(for: .milliseconds(400))
        let settled = releases.withLock { $0 }
        // Idle: nothing more to release, however long it lasts.
        try await Task.sleep(for: .milliseconds(400))
        #expect(releases.withLock { $0 } == settled)
        try h.open("a.md", articleText)
        _ = try await h.diagnostics("a.md")
        #expect(await eventually { releases.withLock { $0 } == settled + 1 })
        try await Task.sleep(for: .milliseconds(400))
        #expect(releases.withLock { $0 } == settled + 1)
    }
}
