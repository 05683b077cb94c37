import DossierJSON
import DossierLocking
import DossierProtocol
import DossierTestSupport
@testable import DossierServer
import Foundation

/// A server wired to a `PipeTestClient`, plus a temporary workspace folder.
final class Harness: Sendable {
    let client: PipeTestClient
    let server: LanguageServer
    let root: String
    /// The code the server passed to `onExit`, once it has.
    private let exitCode = Locked<Int32?>(nil)

    /// `releaseMemory`, when given, is called after a quiet `quiet` following activity.
    init(files: [String: String] = [:], extraHandlers: [String: RequestHandler] = [:], debounce: Duration = .milliseconds(10),
         publishMaxWait: Duration = .milliseconds(250), releaseMemory: (@Sendable () -> Void)? = nil,
         quiet: Duration = .milliseconds(50)) throws {
        root = NSTemporaryDirectory() + "dossier-server-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + name))
        }
        client = try PipeTestClient()
        let exitCode = exitCode
        server = LanguageServer(
            transport: client.makeServerTransport(), logger: Logger(level: .error), debounce: debounce, publishMaxWait: publishMaxWait,
            additionalHandlers: extraHandlers, releaseMemory: releaseMemory, releasePolicy: MemoryReleasePolicy(quiet: quiet)
        ) { code in exitCode.withLock { $0 = code } }
        try server.start()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func uri(_ name: String) -> String { "file://" + root + "/" + name }

    var exit: Int32? { exitCode.withLock { $0 } }

    /// Waits until the server reported its exit code.
    func waitForExit(timeout: Duration = .seconds(5)) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let code = exit { return code }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return exit
    }

    /// initialize + initialized; waits for indexing to finish when `waitForIndex`.
    @discardableResult
    func initialize(
        encodings: [String]? = nil, options: JSONValue? = nil, textDocument: JSONValue? = nil, waitForIndex: Bool = true
    ) async throws -> JSONValue {
        var capabilities: JSONObject = ["window": ["workDoneProgress": true]]
        if let textDocument { capabilities["textDocument"] = textDocument }
        if let encodings { capabilities["general"] = ["positionEncodings": .array(encodings.map { .string($0) })] }
        var params: JSONObject = ["processId": .null, "rootUri": .string("file://" + root), "capabilities": .object(capabilities)]
        if let options { params["initializationOptions"] = options }
        let response = try await client.request(method: "initialize", params: .object(params))
        try client.sendNotification(method: "initialized", params: [:])
        if waitForIndex {
            let create = try await client.nextRequest("window/workDoneProgress/create")
            try client.reply(to: create, result: .null)
            while true {
                let progress = try await client.nextNotification("$/progress")
                if progress["params"]?["value"]?["kind"]?.stringValue == "end" { break }
            }
        }
        return response
    }

    func open(_ name: String, _ text: String, version: Int = 1) throws {
        try client.sendNotification(method: "textDocument/didOpen", params: [
            "textDocument": ["uri": .string(uri(name)), "languageId": "markdown", "version": .int(version), "text": .string(text)],
        ])
    }

    /// The next publishDiagnostics for `name` (skipping others).
    func diagnostics(_ name: String, version: Int? = nil) async throws -> JSONValue {
        let target = JSONValue.string(uri(name))
        return try await client.nextMessage(what: "publishDiagnostics for \(name)") { message in
            message["method"]?.stringValue == "textDocument/publishDiagnostics" && message["params"]?["uri"] == target
                && (version == nil || message["params"]?["version"]?.intValue == version)
        }
    }

    func position(_ name: String, line: Int, character: Int) -> JSONValue {
        ["textDocument": ["uri": .string(uri(name))], "position": ["line": .int(line), "character": .int(character)]]
    }
}

/// `{"line":l,"character":c}` pairs of a range, for comparisons.
func rangeTuple(_ range: JSONValue?) -> [Int] {
    [range?["start"]?["line"]?.intValue ?? -1, range?["start"]?["character"]?.intValue ?? -1,
     range?["end"]?["line"]?.intValue ?? -1, range?["end"]?["character"]?.intValue ?? -1]
}

let castText = """
    ---
    type: cast
    ---
    # Cast

    ## Lloyd Austin {#lloyd-austin .person}

    role: Defense Secretary
    aliases: Austin

    ## Dick Durbin {#dick-durbin .person}

    role: Senator

    """

let articleText = """
    ---
    title: Hearing
    ---
    # Hearing

    [Lloyd Austin](@lloyd-austin) spoke. [Austin](@lloyd-austin) left.

    """
