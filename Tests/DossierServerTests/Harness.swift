import DossierJSON
import DossierLocking
import DossierProtocol
@testable import DossierServer
import DossierSyntax
import DossierTestSupport
import Foundation
import Testing

/// A server wired to a `PipeTestClient`, in a temporary workspace of its own (it writes a `dossier.json`, so nothing
/// above its folder can become part of it).
final class Harness: Sendable {
    let client: PipeTestClient
    let server: LanguageServer
    let root: String
    /// Whether the harness made `root` (and removes it when done).
    private let ownsRoot: Bool
    /// The code the server passed to `onExit`, once it has.
    private let exitCode = Locked<Int32?>(nil)
    /// The encoding negotiated by `initialize`.
    private let negotiated = Locked(PositionEncoding.utf16)

    /// A workspace holding `files` (relative path → text); `dossier.json` is `{}` unless given.
    convenience init(
        files: [String: String] = [:], timing: ServerTiming = Harness.fastTiming, extraRequests: [any Request.Type] = [],
        releaseMemory: (@Sendable () -> Void)? = nil
    ) throws {
        let root = NSTemporaryDirectory() + "dossier-server-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var files = files
        if files["dossier.json"] == nil { files["dossier.json"] = "{}" }
        let folders = Set(files.keys.map { (root + "/" + $0 as NSString).deletingLastPathComponent })
        for folder in folders { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + name)) }
        try self.init(root: root, ownsRoot: true, timing: timing, extraRequests: extraRequests, releaseMemory: releaseMemory)
    }

    /// A server on an existing folder, which the harness leaves in place.
    convenience init(root: String) throws {
        try self.init(root: root, ownsRoot: false, timing: Harness.fastTiming, extraRequests: [], releaseMemory: nil)
    }

    private init(
        root: String, ownsRoot: Bool, timing: ServerTiming, extraRequests: [any Request.Type], releaseMemory: (@Sendable () -> Void)?
    ) throws {
        self.root = root
        self.ownsRoot = ownsRoot
        client = try PipeTestClient()
        let exitCode = exitCode
        server = LanguageServer(
            transport: client.makeServerTransport(), logger: Logger(level: .error), timing: timing, extraRequests: extraRequests,
            releaseMemory: releaseMemory
        ) { code in exitCode.withLock { $0 = code } }
        try server.start()
    }

    deinit {
        if ownsRoot { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Short waits, so tests run fast.
    static let fastTiming = ServerTiming(debounce: .milliseconds(10), quiet: .milliseconds(50))

    /// Writes a file, creating its folder.
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func uri(_ name: String) -> String { "file://" + root + "/" + name }

    var exit: Int32? { exitCode.withLock { $0 } }

    var encoding: PositionEncoding { negotiated.withLock { $0 } }

    /// Waits until the server reported its exit code.
    func waitForExit(timeout: Duration = .seconds(5)) async -> Int32? {
        let deadline = ContinuousClock.now + TestTimeouts.scaled(timeout)
        while ContinuousClock.now < deadline {
            if let code = exit { return code }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return exit
    }

    /// initialize + initialized with `capabilities` (a client profile); waits for indexing to end when asked (the
    /// profile must take progress).
    @discardableResult
    func initialize(
        _ capabilities: JSONValue = ClientCapabilities.push(), options: JSONValue? = nil, folders: [String]? = nil, waitForIndex: Bool = true
    ) async throws -> JSONValue {
        var params: JSONObject = ["processId": .null, "capabilities": capabilities]
        if let folders {
            params["workspaceFolders"] = .array(folders.map { ["uri": .string("file://" + $0), "name": .string(($0 as NSString).lastPathComponent)] })
        } else {
            params["rootUri"] = .string("file://" + root)
        }
        if let options { params["initializationOptions"] = options }
        let response = try await client.request(method: "initialize", params: .object(params))
        if response["result"]?["capabilities"]?["positionEncoding"] == "utf-8" { negotiated.withLock { $0 = .utf8 } }
        try client.sendNotification(method: "initialized", params: [:])
        if waitForIndex { try await waitForIndexing() }
        return response
    }

    /// Answers the progress token request and waits for the end of indexing.
    func waitForIndexing() async throws {
        let create = try await client.nextRequest("window/workDoneProgress/create")
        try client.reply(to: create, result: .null)
        while try await client.nextNotification("$/progress")["params"]?["value"]?["kind"] != "end" {}
    }

    /// Opens `name` with a marked text (see `MarkedText`); returns it for its positions.
    @discardableResult
    func open(_ name: String, _ marked: String, version: Int = 1) throws -> MarkedText {
        let text = MarkedText(marked)
        try client.sendNotification(method: "textDocument/didOpen", params: [
            "textDocument": ["uri": .string(uri(name)), "languageId": "markdown", "version": .int(version), "text": .string(text.text)],
        ])
        return text
    }

    /// Replaces the whole text of an open document.
    func change(_ name: String, to text: String, version: Int) throws {
        try client.sendNotification(method: "textDocument/didChange", params: [
            "textDocument": ["uri": .string(uri(name)), "version": .int(version)], "contentChanges": [["text": .string(text)]],
        ])
    }

    func close(_ name: String) throws {
        try client.sendNotification(method: "textDocument/didClose", params: ["textDocument": ["uri": .string(uri(name))]])
    }

    /// The next publishDiagnostics for `name` (skipping others), optionally with `version`.
    func diagnostics(_ name: String, version: Int? = nil, timeout: Duration = .seconds(10)) async throws -> JSONValue {
        let target = JSONValue.string(uri(name))
        return try await client.nextMessage(timeout: timeout, what: "publishDiagnostics for \(name)") { message in
            message["method"]?.stringValue == "textDocument/publishDiagnostics" && message["params"]?["uri"] == target
                && (version == nil || message["params"]?["version"]?.intValue == version)
        }
    }

    /// The next publishDiagnostics for `name` whose codes satisfy `condition`.
    func diagnostics(_ name: String, where condition: @escaping @Sendable ([String]) -> Bool, timeout: Duration = .seconds(10)) async throws -> JSONValue {
        let target = JSONValue.string(uri(name))
        return try await client.nextMessage(timeout: timeout, what: "publishDiagnostics for \(name) matching") { message in
            message["method"]?.stringValue == "textDocument/publishDiagnostics" && message["params"]?["uri"] == target
                && condition(message["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? [])
        }
    }

    /// `TextDocumentPositionParams` at the `index`th cursor (`‸`) of a marked text.
    func at(_ name: String, _ text: MarkedText, cursor index: Int = 0) -> JSONObject {
        ["textDocument": ["uri": .string(uri(name))], "position": text.position(ofCursor: index, in: encoding)]
    }

    /// The LSP range of the `index`th marked range (`⟦…⟧`).
    func range(_ text: MarkedText, _ index: Int = 0) -> JSONValue { text.range(index, in: encoding) }

    /// Sends a request and returns its `result` (failing the test on an error).
    func result(_ method: String, _ params: JSONObject) async throws -> JSONValue {
        let response = try await client.request(method: method, params: .object(params))
        if let error = response["error"] { Issue.record("\(method) failed: \(error)") }
        return response["result"] ?? .null
    }
}

/// A test text with cursors (`‸`) and ranges (`⟦…⟧`): the markers are removed; their positions are given in any
/// encoding, computed by the line table, never by hand.
struct MarkedText: Sendable {
    let text: String
    let cursors: [Int]
    let ranges: [ByteRange]
    private let lines: LineTable

    init(_ source: String) {
        var bytes: [UInt8] = []
        var cursors: [Int] = []
        var opens: [Int] = []
        var ranges: [ByteRange] = []
        for scalar in source.unicodeScalars {
            switch scalar {
            case "‸": cursors.append(bytes.count)
            case "⟦": opens.append(bytes.count)
            case "⟧": ranges.append(ByteRange(opens.removeLast(), bytes.count))
            default: bytes += Array(String(scalar).utf8)
            }
        }
        text = String(decoding: bytes, as: UTF8.self)
        self.cursors = cursors
        self.ranges = ranges.sorted()
        lines = LineTable(bytes)
    }

    func position(ofCursor index: Int, in encoding: PositionEncoding) -> JSONValue {
        LSPValues.position(lines.position(of: cursors[index], in: encoding))
    }

    func range(_ index: Int, in encoding: PositionEncoding) -> JSONValue {
        LSPValues.range(lines.range(of: ranges[index], in: encoding))
    }
}

/// `initialize` capabilities of typical clients.
enum ClientCapabilities {
    /// A client that takes everything the server can send, with pushed diagnostics (Neovim-like).
    static func push(encodings: [String] = ["utf-16"], watchers: Bool = false, extra: JSONObject = [:]) -> JSONValue {
        var text: JSONObject = [
            "hover": ["contentFormat": ["markdown", "plaintext"]],
            "completion": [
                "completionItem": [
                    "documentationFormat": ["markdown", "plaintext"], "snippetSupport": true,
                    "resolveSupport": ["properties": ["documentation"]],
                ],
                "completionList": ["itemDefaults": ["editRange"]],
            ],
            "publishDiagnostics": [
                "relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true,
                "tagSupport": ["valueSet": [1, 2]],
            ],
            "rename": ["prepareSupport": true],
            "codeAction": [
                "codeActionLiteralSupport": ["codeActionKind": ["valueSet": ["quickfix"]]], "isPreferredSupport": true,
                "dataSupport": true, "resolveSupport": ["properties": ["edit"]],
            ],
            "codeLens": [:], "documentLink": ["tooltipSupport": true], "foldingRange": [:],
            "semanticTokens": [
                "formats": ["relative"], "requests": ["full": true, "range": true],
                "tokenTypes": ["person", "organization", "country", "court", "outlet", "group", "place", "document", "event", "claim", "quote"],
                "tokenModifiers": ["declaration", "unattributed"],
            ],
            "documentSymbol": ["hierarchicalDocumentSymbolSupport": true], "inlayHint": [:],
        ]
        for (key, value) in extra { text[key] = value }
        return [
            "general": ["positionEncodings": .array(encodings.map { .string($0) })],
            "window": ["workDoneProgress": true],
            "textDocument": .object(text),
            "workspace": ["workspaceFolders": true, "didChangeWatchedFiles": ["dynamicRegistration": .bool(watchers)]],
        ]
    }

    /// The same client pulling diagnostics, with refresh support (VS Code-like).
    static func pull(encodings: [String] = ["utf-16"]) -> JSONValue {
        var capabilities = push(encodings: encodings, watchers: true, extra: ["diagnostic": ["relatedDocumentSupport": false]])
        capabilities["workspace"]?["diagnostics"] = ["refreshSupport": true]
        return capabilities
    }

    /// A client declaring nothing optional.
    static let bare: JSONValue = ["window": ["workDoneProgress": true]]
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

    [Lloyd Austin](@lloyd-‸austin) spoke. [Austin](@lloyd-austin) left.

    """
