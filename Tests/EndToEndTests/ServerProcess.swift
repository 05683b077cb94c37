import DossierJSON
import DossierTestSupport
import Foundation

/// Paths the end-to-end tests need.
enum Paths {
    /// The repository root, from this file's location.
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `dossier`: `DOSSIER_BIN`, else next to the test bundle, else `.build/debug`.
    static let binary: String? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["DOSSIER_BIN"], !env.isEmpty { candidates.append(env) }
        for base in [Bundle.main.executablePath, Bundle.main.bundlePath, CommandLine.arguments.first].compactMap({ $0 }) {
            var url = URL(fileURLWithPath: base)
            for _ in 0..<4 {
                url.deleteLastPathComponent()
                candidates.append(url.appendingPathComponent("dossier").path)
            }
        }
        candidates += [repo + "/.build-server/debug/dossier", repo + "/.build/debug/dossier"]
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: path)
        }
    }()

    static let seeds = repo + "/seeds"

    /// Multiplies every end-to-end timeout (`DOSSIER_TIMEOUT_SCALE`): see `TestTimeouts`.
    static var timeoutScale: Double { TestTimeouts.scale }
}

enum ServerProcessError: Error, CustomStringConvertible {
    case timeout(String)
    case ended
    var description: String {
        switch self {
        case .timeout(let what): "timed out waiting for \(what)"
        case .ended: "server output ended"
        }
    }
}

/// Reads `handle` on a thread of its own until end of file or a read error, passing each chunk to
/// `receive` and an empty chunk at the end; returns a semaphore signalled once it has ended.
/// Not `readabilityHandler`: on Linux its dispatch source once crashed libdispatch's event loop
/// (signal 11 in `_dispatch_event_loop_drain`) during a full test run.
@discardableResult
func readUntilEnd(_ handle: FileHandle, _ receive: @escaping @Sendable (Data) -> Void) -> DispatchSemaphore {
    let ended = DispatchSemaphore(value: 0)
    let thread = Thread {
        // The thread holds `handle`, so its descriptor stays open until the reading ends.
        let descriptor = handle.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            receive(Data(chunk[0..<count]))
        }
        receive(Data())
        ended.signal()
    }
    thread.start()
    return ended
}

/// `dossier lsp` as a child process on pipes, with framed JSON-RPC.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var messages: [JSONValue] = []
    private var ended = false
    private var nextID = 1

    init(binary: String, arguments: [String] = ["lsp"]) throws {
        // A server that has died must fail the test that talks to it ("server output ended"),
        // not kill the whole test process with SIGPIPE on the next write.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        readUntilEnd(output.fileHandleForReading) { [weak self] data in self?.receive(data) }
    }

    deinit {
        // End of input ends the server. SIGTERM alone may not: a child started from a test's dispatch
        // thread inherits that thread's signal mask, which blocks SIGTERM (seen: a test that timed out
        // left its server running, and this deinit waited for it for half an hour). SIGKILL as a last resort.
        closeInput()
        if waitForExit(timeout: 5) == nil { kill(process.processIdentifier, SIGKILL) }
        // On Linux a Process and its run-loop source retain each other until waitUntilExit() releases the source;
        // without this call every Process leaks with its pipes (LeakSanitizer shows it).
        process.waitUntilExit()
    }

    private func receive(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        if data.isEmpty {
            ended = true
            return
        }
        buffer += data
        while let headerEnd = find([13, 10, 13, 10]) {
            let header = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
            guard let line = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                  let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
            else { buffer.removeAll(); return }
            let bodyStart = headerEnd + 4
            guard buffer.count >= bodyStart + length else { return }
            let body = Array(buffer[bodyStart..<(bodyStart + length)])
            buffer.removeFirst(bodyStart + length)
            if let value = try? JSONParser.parse(body) { messages.append(value) }
        }
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] && Array(buffer[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    func sendRaw(_ bytes: [UInt8]) {
        try? input.fileHandleForWriting.write(contentsOf: Data(bytes))
    }

    func send(_ value: JSONValue) {
        let body = value.serializedBytes()
        sendRaw(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    @discardableResult
    func sendRequest(_ method: String, _ params: JSONValue? = nil) -> Int {
        lock.lock()
        let id = nextID
        nextID += 1
        lock.unlock()
        var o: JSONObject = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { o["params"] = params }
        send(.object(o))
        return id
    }

    func notify(_ method: String, _ params: JSONValue? = nil) {
        var o: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
        if let params { o["params"] = params }
        send(.object(o))
    }

    /// The first message matching `predicate` (removed from the queue).
    func next(timeout: TimeInterval = 20, _ what: String, _ predicate: (JSONValue) -> Bool) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout * Paths.timeoutScale)
        while Date() < deadline {
            lock.lock()
            if let index = messages.firstIndex(where: predicate) {
                let message = messages.remove(at: index)
                lock.unlock()
                return message
            }
            let over = ended
            lock.unlock()
            if over { throw ServerProcessError.ended }
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw ServerProcessError.timeout(what)
    }

    func request(_ method: String, _ params: JSONValue? = nil) throws -> JSONValue {
        let id = JSONValue.int(sendRequest(method, params))
        return try next("response to \(method)") { $0["id"] == id && $0["method"] == nil }
    }

    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Waits for the process to end; nil on timeout.
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout * Paths.timeoutScale)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { return nil }
        process.waitUntilExit()  // returns at once; releases the Process's run-loop source (see deinit)
        return process.terminationStatus
    }
}

/// UTF-16 line/character of the first occurrence of `needle` in `text`, plus `extra` characters.
func utf16Position(of needle: String, in text: String, extra: Int = 0) -> (line: Int, character: Int)? {
    for (number, line) in text.components(separatedBy: "\n").enumerated() {
        if let range = line.range(of: needle) {
            return (number, line[..<range.lowerBound].utf16.count + extra)
        }
    }
    return nil
}
