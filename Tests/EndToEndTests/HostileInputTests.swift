import DossierJSON
import Foundation
import Testing

/// Hostile input against the spawned server: every case gets the right answer (or none, for a
/// notification) and the server keeps serving.
@Suite(.serialized) struct HostileInputTests {
    /// A workspace whose dossier.json is not JSON.
    static func workspace() throws -> String {
        let root = NSTemporaryDirectory() + "dossier-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: root + "/dossier.json"))
        try Data("## Lloyd Austin {#lloyd-austin .person}\n".utf8).write(to: URL(fileURLWithPath: root + "/cast.md"))
        return root
    }

    /// Asks a cheap request and expects an answer: the server is still serving.
    static func ping(_ server: ServerProcess) throws {
        let response = try server.request("workspace/symbol", ["query": "lloyd"])
        #expect(response["result"]?.arrayValue != nil, "server stopped answering: \(response)")
    }

    static func open(_ server: ServerProcess, _ uri: String, _ text: String) {
        server.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(text)]])
    }

    @Test func theServerAnswersCorrectlyAndKeepsServing() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let root = try HostileInputTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServerProcess(binary: binary, arguments: ["lsp", "--log-level", "error"])
        _ = try LSPProcessTests.initialize(server, root: root)

        // dossier.json that is not JSON: reported on dossier.json itself.
        let configuration = try server.next("dossier.json diagnostics") {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue?.hasSuffix("dossier.json") == true
        }
        #expect(configuration["params"]?["diagnostics"]?.arrayValue?.isEmpty == false)

        // Broken frames: negative, non-numeric and missing Content-Length; then a good request.
        for header in ["Content-Length: -5\r\n\r\n", "Content-Length: abc\r\n\r\n{}", "Content-Type: x\r\n\r\n{}"] {
            server.sendRaw(Array(header.utf8))
            try HostileInputTests.ping(server)
        }
        // Bodies that are not JSON-RPC requests.
        for (body, code) in [("{oops", -32700), ("[1,2]", -32600), (#"{"id":7,"method":"initialize"}"#, -32600), ("42", -32600)] {
            let bytes = Array(body.utf8)
            server.sendRaw(Array("Content-Length: \(bytes.count)\r\n\r\n".utf8) + bytes)
            let error = try server.next("error \(code) for \(body)") { $0["error"]?["code"]?.intValue == code }
            #expect(error["jsonrpc"] == "2.0")
            try HostileInputTests.ping(server)
        }
        // Wrong parameter types.
        let wrong = try server.request("textDocument/hover", ["textDocument": 5, "position": "here"])
        #expect(wrong["error"]?["code"]?.intValue == -32602)
        // Positions out of range, negative, and unknown documents.
        let uri = "file://" + root + "/a.md"
        HostileInputTests.open(server, uri, "Said [Austin](@lloyd-austin).\n")
        for position: JSONValue in [["line": 99, "character": 99], ["line": -1, "character": -7], ["line": 0, "character": 1_000_000]] {
            let answer = try server.request("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": position])
            #expect(answer["error"] == nil || answer["error"]?["code"]?.intValue == -32602, "\(answer)")
        }
        let unknown = try server.request("textDocument/definition", ["textDocument": ["uri": "file:///nowhere/x.md"], "position": ["line": 0, "character": 0]])
        #expect(unknown["error"] == nil)
        // didChange for a document that is not open: ignored.
        server.notify("textDocument/didChange", ["textDocument": ["uri": "file:///nowhere/y.md", "version": 2], "contentChanges": [["text": "x"]]])
        try HostileInputTests.ping(server)

        // Big and odd documents: each is scanned and diagnosed, and the server keeps answering.
        let cases: [(String, String)] = [
            ("ten-megabytes", String(repeating: "It reportedly rained on [Austin](@lloyd-austin). “A quote of four words.”\n\n", count: 130_000)),
            ("one-megabyte-line", String(repeating: "word @lloyd-austin [x]{.claim} ", count: 33_000)),
            ("hundred-thousand-lines", String(repeating: "line\n", count: 100_000)),
            ("nested-brackets", String(repeating: "[", count: 10_000) + "x" + String(repeating: "]", count: 10_000)),
            ("nul-bytes", "a\u{0}b [x](@lloyd-austin)\u{0}\n"),
            ("bom", "\u{FEFF}[Austin](@lloyd-austin) said it.\n"),
            ("lone-cr", "one\rtwo [Austin](@lloyd-austin)\rthree\r"),
            ("replacement-characters", "bad \u{FFFD}\u{FFFD} bytes @lloyd-austin\n"),
        ]
        for (name, text) in cases {
            let caseURI = "file://" + root + "/" + name + ".md"
            HostileInputTests.open(server, caseURI, text)
            let published = try server.next(timeout: 60, "diagnostics for \(name)") {
                $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"] == .string(caseURI)
            }
            #expect(published["params"]?["diagnostics"]?.arrayValue != nil, "\(name)")
            let hover = try server.request("textDocument/hover", ["textDocument": ["uri": .string(caseURI)], "position": ["line": 0, "character": 3]])
            #expect(hover["error"] == nil, "\(name): \(hover)")
            server.notify("textDocument/didClose", ["textDocument": ["uri": .string(caseURI)]])
        }

        // A flood of requests sent faster than they are answered: every one is answered once.
        var ids: [Int] = []
        for _ in 0..<2_000 {
            ids.append(server.sendRequest("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 8]]))
        }
        var answered = Set<Int>()
        for _ in ids {
            let response = try server.next("flood response") { $0["id"]?.intValue.map { ids.contains($0) && !answered.contains($0) } ?? false }
            answered.insert(response["id"]!.intValue!)
        }
        #expect(answered.count == ids.count)

        _ = try server.request("shutdown")
        server.notify("exit")
        #expect(server.waitForExit() == 0)
    }

    /// Found by the `edit` fuzz target: with UTF-8 positions, a character near Int.max on any line
    /// but the first overflowed and stopped the server, from a hover as from a didChange.
    @Test func hugeCharactersInAUTF8SessionAreClamped() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let root = try HostileInputTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServerProcess(binary: binary, arguments: ["lsp", "--log-level", "error"])
        let initialized = try server.request("initialize", [
            "processId": .null, "rootUri": .string("file://" + root),
            "capabilities": ["general": ["positionEncodings": ["utf-8", "utf-16"]]],
        ])
        #expect(initialized["result"]?["capabilities"]?["positionEncoding"] == "utf-8")
        server.notify("initialized", [:])
        let uri = "file://" + root + "/a.md"
        HostileInputTests.open(server, uri, "ab\nSaid [Austin](@lloyd-austin).\n")
        let huge: JSONValue = .int(Int.max)
        let hover = try server.request("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 1, "character": huge]])
        #expect(hover["error"] == nil, "\(hover)")
        server.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(uri), "version": 2],
            "contentChanges": [["range": ["start": ["line": 1, "character": huge], "end": ["line": 1, "character": huge]], "text": "!"]],
        ])
        try HostileInputTests.ping(server)
        _ = try server.request("shutdown")
        server.notify("exit")
        #expect(server.waitForExit() == 0)
    }
}
