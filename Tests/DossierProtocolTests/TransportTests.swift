#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierJSON
import DossierLocking
import DossierProtocol
import DossierTestSupport
import Testing

/// Collects transport events for assertions.
private final class EventLog: Sendable {
    private let events = Locked<[TransportEvent]>([])
    func append(_ e: TransportEvent) { events.withLock { $0.append(e) } }
    var all: [TransportEvent] { events.withLock { $0 } }
}

/// Waits (polling) until `condition` holds or the timeout passes.
private func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return condition()
}

@Suite("Transport and connection over pipes")
struct TransportTests {
    @Test func requestAndResponseOverPipes() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        defer { transport.close() }
        var events = try transport.events().makeAsyncIterator()
        try client.send(["jsonrpc": "2.0", "id": 9_007_199_254_740_993, "method": "initialize", "params": ["a": 1]])
        let event = await events.next()
        #expect(event == .message(.request(id: 9_007_199_254_740_993, method: "initialize", params: ["a": 1])))
        try transport.send(.response(id: 9_007_199_254_740_993, result: .success(["capabilities": [:]])))
        let reply = try await client.nextMessage()
        #expect(reply.serialized() == #"{"jsonrpc":"2.0","id":9007199254740993,"result":{"capabilities":{}}}"#)
        client.closeInput()
        #expect(await events.next() == .eof)
        #expect(await events.next() == nil)
    }

    @Test func eofIsReportedWithTruncation() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        defer { transport.close() }
        let stream = try transport.events()
        try client.sendRaw("Content-Length: 50\r\n\r\n{\"a\"")
        client.closeInput()
        var collected: [TransportEvent] = []
        for await e in stream { collected.append(e) }
        #expect(collected.count == 2)
        if case .framingError(let e) = collected.first { #expect(e.kind == .truncated) } else { Issue.record("\(collected)") }
        #expect(collected.last == .eof)
    }

    @Test func framingAndDecodingErrorsKeepTheStreamAlive() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        defer { transport.close() }
        let log = EventLog()
        try transport.start { log.append($0) }
        try client.sendRaw("Content-Length: nope\r\n\r\n")
        try client.sendRaw(MessageFramer.frame(Array("not json".utf8)))
        try client.sendRaw(MessageFramer.frame(Array(#"{"jsonrpc":"2.0","id":4,"method":5}"#.utf8)))
        // A message written in pieces.
        let whole = Message.notification(method: "initialized", params: [:]).framed()
        try client.sendRaw(Array(whole[..<10]))
        try await Task.sleep(for: .milliseconds(5))
        try client.sendRaw(Array(whole[10...]))
        #expect(await eventually { log.all.count == 4 })
        let all = log.all
        guard all.count == 4 else { return }
        if case .framingError(let e) = all[0] { #expect(e.kind == .invalidContentLength) } else { Issue.record("\(all[0])") }
        if case .invalidMessage(let e) = all[1] { #expect(e.error.code == .parseError) } else { Issue.record("\(all[1])") }
        if case .invalidMessage(let e) = all[2] {
            #expect(e.error.code == .invalidRequest)
            #expect(e.id == 4)
        } else { Issue.record("\(all[2])") }
        #expect(all[3] == .message(.notification(method: "initialized", params: [:])))
        #expect(throws: TransportError.alreadyStarted) { try transport.start { _ in } }
    }

    @Test func concurrentSendersNeverInterleave() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        defer { transport.close() }
        let tasks = 8, perTask = 200
        let padding = String(repeating: "p", count: 700)
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<tasks {
                group.addTask {
                    for n in 0..<perTask {
                        try? transport.send(.notification(method: "test/seq", params: ["task": .int(t), "n": .int(n), "pad": .string(padding)]))
                    }
                }
            }
        }
        var next = [Int](repeating: 0, count: tasks)
        for _ in 0..<(tasks * perTask) {
            let m = try await client.nextMessage()
            let t = try #require(m["params"]?["task"]?.intValue)
            #expect(m["params"]?["n"]?.intValue == next[t], "per-sender order")
            #expect(m["params"]?["pad"]?.stringValue == padding)
            next[t] += 1
        }
        #expect(next == [Int](repeating: perTask, count: tasks))
        #expect(client.queuedMessages.isEmpty)
    }

    @Test func largeMessagesRoundTrip() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        defer { transport.close() }
        var events = try transport.events().makeAsyncIterator()
        let text = String(repeating: "line é😀 \"quoted\"\n", count: 250_000) // ~5 MB
        try client.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["text": .string(text)]])
        let event = await events.next()
        guard case .message(.notification(_, let params))? = event else {
            Issue.record("unexpected \(String(describing: event))")
            return
        }
        #expect(params?["text"]?.stringValue == text)
        try transport.send(.notification(method: "echo", params: params))
        #expect(try await client.nextMessage()["params"]?["text"]?.stringValue == text)
    }

    @Test func closeEndsTheEventStream() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        let stream = try transport.events()
        try client.send(["jsonrpc": "2.0", "method": "a"])
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == .message(.notification(method: "a", params: nil)))
        transport.close()
        #expect(await iterator.next() == .eof)
        #expect(await iterator.next() == nil)
    }

    @Test func sendAfterCloseFails() throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        transport.close()
        transport.close()
        #expect(throws: TransportError.closed) { try transport.send(.notification(method: "x", params: nil)) }
    }

    @Test func writeToVanishedPeerFailsCleanly() throws {
        StandardIO.ignoreSIGPIPE()
        var client: PipeTestClient? = try PipeTestClient()
        let transport = client!.makeServerTransport()
        defer { transport.close() }
        client = nil // closes the reading end of the server's output
        var failed = false
        for _ in 0..<10_000 {
            do {
                try transport.send(.notification(method: "x", params: nil))
            } catch {
                failed = true
                break
            }
            usleepShort()
        }
        #expect(failed)
        #expect(throws: TransportError.closed) { try transport.send(.notification(method: "x", params: nil)) }
    }

    @Test func testClientMatchesResponsesAndKeepsOthersQueued() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        defer { transport.close() }
        try transport.start { event in
            guard case .message(.request(let id, let method, _)) = event else { return }
            try? transport.send(.notification(method: "window/logMessage", params: ["message": .string(method)]))
            try? transport.send(.response(id: id, result: .success(.string("done " + method))))
        }
        let response = try await client.request(method: "first")
        #expect(response["result"] == "done first")
        #expect(response["id"] == 1)
        let log = try await client.nextMessage()
        #expect(log["method"] == "window/logMessage")
        #expect(log["params"]?["message"] == "first")
        await #expect(throws: PipeTestClientError.self) {
            _ = try await client.nextMessage(timeout: .milliseconds(20))
        }
        client.closeInput()
        client.closeInput()
        #expect(throws: PipeTestClientError.inputClosed) { try client.sendRaw("x") }
    }

    @Test func testClientReportsEndOfStream() async throws {
        let client = try PipeTestClient()
        let transport = client.makeServerTransport()
        try transport.send(.notification(method: "last", params: nil))
        transport.close()
        #expect(try await client.nextMessage()["method"] == "last")
        await #expect(throws: PipeTestClientError.endOfStream) { _ = try await client.nextMessage() }
    }
}

private func usleepShort() {
    var ts = timespec(tv_sec: 0, tv_nsec: 200_000)
    nanosleep(&ts, nil)
}

@Suite("Connection")
struct ConnectionTests {
    /// A started connection over pipes plus its incoming events.
    private func makeConnection() throws -> (PipeTestClient, Connection, AsyncStream<ConnectionEvent>) {
        let client = try PipeTestClient()
        let connection = Connection(transport: client.makeServerTransport())
        let events = try connection.events()
        return (client, connection, events)
    }

    @Test func serverRequestsAwaitTheClientsResponse() async throws {
        let (client, connection, _) = try makeConnection()
        defer { connection.close() }
        let result = Task { try await connection.sendRequest(method: "workspace/configuration", params: ["items": [["section": "dossier"]]]) }
        try connection.sendNotification(method: "window/logMessage", params: ["type": 3, "message": "hello"])
        let request = try await client.nextRequest("workspace/configuration")
        #expect(request["params"]?["items"]?[0]?["section"] == "dossier")
        try client.reply(to: request, result: [["rules": [:]]])
        #expect(try await client.nextNotification("window/logMessage")["params"]?["message"] == "hello")
        #expect(try await result.value == [["rules": [:]]])
    }

    @Test func errorResponsesAreThrown() async throws {
        let (client, connection, _) = try makeConnection()
        defer { connection.close() }
        let result = Task { try await connection.sendRequest(method: "client/registerCapability", params: ["registrations": []]) }
        let request = try await client.nextMessage()
        try client.send(["jsonrpc": "2.0", "id": request["id"]!, "error": ["code": -32601, "message": "unsupported"]])
        await #expect(throws: ResponseError(code: .methodNotFound, message: "unsupported")) { _ = try await result.value }
    }

    @Test func concurrentRequestsGetTheirOwnResponses() async throws {
        let (client, connection, _) = try makeConnection()
        defer { connection.close() }
        let n = 20
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<n {
                group.addTask {
                    let r = try await connection.sendRequest(method: "echo", params: ["i": .int(i)])
                    #expect(r == .int(i))
                }
            }
            // Answer in reverse order of arrival.
            var requests: [JSONValue] = []
            for _ in 0..<n { requests.append(try await client.nextMessage()) }
            for r in requests.reversed() {
                try client.send(["jsonrpc": "2.0", "id": r["id"]!, "result": r["params"]!["i"]!])
            }
            try await group.waitForAll()
        }
    }

    @Test func pendingRequestsFailWhenTheInputEnds() async throws {
        let (client, connection, events) = try makeConnection()
        defer { connection.close() }
        let result = Task { try await connection.sendRequest(method: "window/workDoneProgress/create", params: ["token": "t"]) }
        _ = try await client.nextMessage()
        client.closeInput()
        await #expect(throws: ConnectionError.closed) { _ = try await result.value }
        var last: ConnectionEvent?
        for await e in events { last = e }
        #expect(last == .closed)
        await #expect(throws: ConnectionError.closed) { _ = try await connection.sendRequest(method: "x") }
    }

    @Test func cancellingARequestSendsCancelRequest() async throws {
        let (client, connection, events) = try makeConnection()
        defer { connection.close() }
        let task = Task { try await connection.sendRequest(method: "slow") }
        let request = try await client.nextMessage()
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        let cancel = try await client.nextMessage()
        #expect(cancel["method"] == "$/cancelRequest")
        #expect(cancel["params"]?["id"] == request["id"])
        // The request is forgotten: a late response is reported as unknown, not crashed on.
        try client.send(["jsonrpc": "2.0", "id": request["id"]!, "result": nil])
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .protocolError("response for unknown request id \(request["id"]!)"))
    }

    @Test func closingTheConnectionEndsItsEvents() async throws {
        let (client, connection, events) = try makeConnection()
        let pending = Task { try await connection.sendRequest(method: "never/answered") }
        #expect(try await client.nextMessage()["method"] == "never/answered")
        connection.close()
        await #expect(throws: ConnectionError.closed) { _ = try await pending.value }
        var all: [ConnectionEvent] = []
        for await e in events { all.append(e) }
        #expect(all == [.closed])
    }

    @Test func incomingEventsAndAutomaticErrorReplies() async throws {
        let (client, connection, events) = try makeConnection()
        defer { connection.close() }
        var iterator = events.makeAsyncIterator()
        try client.sendRequest(method: "initialize", params: ["processId": nil])
        #expect(await iterator.next() == .request(id: 1, method: "initialize", params: ["processId": nil]))
        try connection.reply(to: 1, with: .null)
        #expect(try await client.nextMessage().serialized() == #"{"jsonrpc":"2.0","id":1,"result":null}"#)

        try client.sendNotification(method: "initialized", params: [:])
        #expect(await iterator.next() == .notification(method: "initialized", params: [:]))

        // Invalid request: answered automatically with its id, and reported.
        try client.send(["jsonrpc": "2.0", "id": "x", "method": 5])
        let reply = try await client.nextMessage()
        #expect(reply["id"] == "x")
        #expect(reply["error"]?["code"] == -32600)
        guard case .protocolError? = await iterator.next() else { Issue.record("expected protocol error"); return }

        // Not JSON: parse error with null id.
        try client.sendRaw(MessageFramer.frame(Array("{oops".utf8)))
        let parseReply = try await client.nextMessage()
        #expect(parseReply["id"] == .null)
        #expect(parseReply["error"]?["code"] == -32700)
        guard case .protocolError? = await iterator.next() else { Issue.record("expected protocol error"); return }

        // Unknown response id: reported only.
        try client.send(["jsonrpc": "2.0", "id": 777, "result": 1])
        guard case .protocolError(let text)? = await iterator.next() else { Issue.record("expected protocol error"); return }
        #expect(text.contains("777"))

        try connection.reply(to: "r", error: .requestCancelled)
        #expect(try await client.nextMessage()["error"]?["code"] == -32800)
        try connection.sendNotification(method: "textDocument/publishDiagnostics", params: ["uri": "file:///a.md", "diagnostics": []])
        #expect(try await client.nextMessage()["method"] == "textDocument/publishDiagnostics")
        #expect(client.queuedMessages.isEmpty)
    }
}

@Suite("Logger")
struct LoggerTests {
    @Test func levelsAndFormat() {
        let lines = Locked<[String]>([])
        let logger = Logger(level: .info, timestamps: false) { line in lines.withLock { $0.append(line) } }
        logger.error("e")
        logger.warn("w")
        logger.info("i")
        logger.debug("d")
        #expect(lines.withLock { $0 } == ["[dossier error] e\n", "[dossier warn] w\n", "[dossier info] i\n"])
        logger.level = .error
        logger.warn("hidden")
        #expect(lines.withLock { $0.count } == 3)
        #expect(!logger.isEnabled(.info))
        #expect(Logger.Level(name: "WARNING") == .warn)
        #expect(Logger.Level(name: "debug") == .debug)
        #expect(Logger.Level(name: "loud") == nil)
        #expect(Logger.Level.error < Logger.Level.debug)
        let timed = Logger(level: .debug) { line in lines.withLock { $0.append(line) } }
        timed.debug("t")
        let last = lines.withLock { $0.last ?? "" }
        #expect(last.hasPrefix("[dossier "))
        #expect(last.hasSuffix(" debug] t\n"))
        #expect(last.count == "[dossier 00:00:00.000 debug] t\n".count)
    }
}
