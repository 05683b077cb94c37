import DossierJSON
import DossierLocking
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Testing

/// A request that takes its time and stops when cancelled (for cancellation tests).
enum SlowRequest: Request {
    static let method = "test/slow"
    static let needsIndex = false

    static func decode(_ params: JSONReader) throws(ResponseError) {}

    static func handle(_ params: Void, _ context: RequestContext) throws -> String {
        for _ in 0..<500 {
            try Task.checkCancellation()
            usleepCompat(10_000)
        }
        return "done"
    }

    static func encode(_ result: String, _ context: RequestContext) -> JSONValue { .string(result) }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {}
}

@Suite("Lifecycle")
struct LifecycleTests {
    @Test func requestBeforeInitializeIsRejected() async throws {
        let h = try Harness()
        let response = try await h.client.request(method: "textDocument/hover", params: ["textDocument": ["uri": "file:///a.md"], "position": ["line": 0, "character": 0]])
        #expect(response["error"]?["code"]?.intValue == -32002)
        // Notifications before initialize are ignored, never answered.
        try h.client.sendNotification(method: "textDocument/didOpen", params: ["textDocument": ["uri": "file:///x.md", "text": "", "version": 1]])
        let again = try await h.client.request(method: "shutdown")
        #expect(again["error"]?["code"]?.intValue == -32002)
    }

    @Test func initializeAnswersCapabilities() async throws {
        let h = try Harness()
        let response = try await h.initialize(waitForIndex: false)
        let caps = try #require(response["result"]?["capabilities"])
        #expect(caps["positionEncoding"] == "utf-16")
        #expect(caps["textDocumentSync"]?["change"]?.intValue == 2)
        #expect(caps["textDocumentSync"]?["openClose"] == true)
        #expect(caps["hoverProvider"] == true)
        #expect(caps["renameProvider"]?["prepareProvider"] == true)
        #expect(caps["completionProvider"]?["triggerCharacters"] == .array(LSPVocabulary.completionTriggers.map { .string($0) }))
        #expect(caps["completionProvider"]?["resolveProvider"] == true)
        #expect(response["result"]?["serverInfo"]?["name"] == "dossier")
    }

    @Test func encodingNegotiation() async throws {
        let a = try Harness()
        let r1 = try await a.initialize(ClientCapabilities.push(encodings: ["utf-16", "utf-8"]), waitForIndex: false)
        #expect(r1["result"]?["capabilities"]?["positionEncoding"] == "utf-8")
        let b = try Harness()
        let r2 = try await b.initialize(ClientCapabilities.push(encodings: ["utf-32", "utf-16"]), waitForIndex: false)
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
        let after = try await h.client.request(method: "textDocument/hover", params: ["textDocument": ["uri": "file:///a.md"], "position": ["line": 0, "character": 0]])
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
        let h = try Harness(extraRequests: [SlowRequest.self])
        try await h.initialize()
        let id = try h.client.sendRequest(method: SlowRequest.method)
        try h.client.sendNotification(method: "$/cancelRequest", params: ["id": id.json])
        let reply = try await h.client.nextMessage { $0["id"] == id.json }
        #expect(reply["error"]?["code"]?.intValue == -32800)
        // The server still works, and the cancelled request is answered once.
        let shutdown = try await h.client.request(method: "shutdown")
        #expect(shutdown["result"] == .null)
        try await Task.sleep(for: .milliseconds(50))
        #expect(!h.client.queuedMessages.contains { $0["id"] == id.json })
    }

    /// Bad params answer -32602 with a message that names the method and the field.
    @Test func badParamsNameTheField() async throws {
        let h = try Harness()
        try await h.initialize()
        func error(_ method: String, _ params: JSONValue) async throws -> (Int?, String) {
            let response = try await h.client.request(method: method, params: params)
            return (response["error"]?["code"]?.intValue, response["error"]?["message"]?.stringValue ?? "")
        }
        let noDoc = try await error("textDocument/hover", ["position": ["line": 0, "character": 0]])
        #expect(noDoc == (-32602, "textDocument/hover: textDocument must be an object"))
        let wrongType = try await error("textDocument/definition", ["textDocument": ["uri": 42], "position": ["line": 0, "character": 0]])
        #expect(wrongType == (-32602, "textDocument/definition: textDocument.uri must be a string"))
        let badPosition = try await error("textDocument/references", ["textDocument": ["uri": .string(h.uri("a.md"))], "position": ["line": "zero", "character": 0]])
        #expect(badPosition == (-32602, "textDocument/references: position.line must be an integer"))
        let arrayParams = try await error("textDocument/hover", [1, 2])
        #expect(arrayParams == (-32602, "textDocument/hover: params must be an object"))
        let badChange = try await error("textDocument/rename", ["textDocument": ["uri": .string(h.uri("a.md"))], "position": ["line": 0, "character": 0], "newName": 3])
        #expect(badChange == (-32602, "textDocument/rename: newName must be a string"))
        // Unknown URI: null, not an error.
        let unknown = try await h.client.request(method: "textDocument/hover", params: ["textDocument": ["uri": .string(h.uri("nope.md"))], "position": ["line": 3, "character": 4]])
        #expect(unknown["result"] == .null)
        #expect(unknown["error"] == nil)
    }

    @Test func freedMemoryIsReleasedAfterIndexingAndAfterEachSpellOfMessages() async throws {
        let releases = Locked(0)
        let h = try Harness(files: ["cast.md": castText], releaseMemory: { releases.withLock { $0 += 1 } })
        try await h.initialize()
        #expect(await eventually { releases.withLock { $0 } >= 1 })
        // Settled: the spell of initialize and indexing has been released.
        try await Task.sleep(for: .milliseconds(300))
        let settled = releases.withLock { $0 }
        // Idle: nothing more to release, however long it lasts.
        try await Task.sleep(for: .milliseconds(300))
        #expect(releases.withLock { $0 } == settled)
        try h.open("a.md", articleText)
        _ = try await h.diagnostics("a.md")
        #expect(await eventually { releases.withLock { $0 } == settled + 1 })
        try await Task.sleep(for: .milliseconds(300))
        #expect(releases.withLock { $0 } == settled + 1)
    }
}

/// Waits until `condition` holds, at most five seconds.
func eventually(_ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + TestTimeouts.scaled(.seconds(5))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
