import DossierJSON
import Foundation
import Testing

@Suite("dossier lsp as a process", .serialized)
struct LSPProcessTests {
    static let mention = "[Lloyd Austin](@lloyd-austin)"

    /// The seeds article that links Lloyd Austin.
    static func article() throws -> (uri: String, text: String) {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.seeds).sorted().filter { $0.hasSuffix(".md") }
        for name in names {
            let text = try String(contentsOfFile: Paths.seeds + "/" + name, encoding: .utf8)
            if text.contains(mention) { return ("file://" + Paths.seeds + "/" + name, text) }
        }
        throw ServerProcessError.timeout("a seeds file with \(mention)")
    }

    static func initialize(_ server: ServerProcess, root: String) throws -> (JSONValue, Duration) {
        let clock = ContinuousClock()
        let started = clock.now
        let response = try server.request("initialize", [
            "processId": .null, "rootUri": .string("file://" + root),
            "capabilities": [
                "window": ["workDoneProgress": true], "workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]],
                "textDocument": ["hover": ["contentFormat": ["markdown"]]],
            ],
        ])
        server.notify("initialized", [:])
        let create = try server.next("workDoneProgress/create") { $0["method"] == "window/workDoneProgress/create" }
        server.send(["jsonrpc": "2.0", "id": create["id"] ?? .null, "result": .null])
        _ = try server.next("progress end") { $0["method"] == "$/progress" && $0["params"]?["value"]?["kind"] == "end" }
        return (response, clock.now - started)
    }

    @Test func seedsSession() throws {
        let binary = try #require(Paths.binary, "build the dossier product first")
        let server = try ServerProcess(binary: binary, arguments: ["lsp", "--stdio", "--log-level", "error"])
        let (response, elapsed) = try Self.initialize(server, root: Paths.seeds)
        #expect(response["result"]?["capabilities"]?["hoverProvider"] == true)
        print("initialize → indexing end on seeds/: \(elapsed)")
        #expect(elapsed < .seconds(10))
        let registration = try server.next("client/registerCapability") { $0["method"] == "client/registerCapability" }
        #expect(registration["params"]?["registrations"]?[0]?["method"] == "workspace/didChangeWatchedFiles")
        server.send(["jsonrpc": "2.0", "id": registration["id"] ?? .null, "result": .null])

        let (uri, text) = try Self.article()
        let position = try #require(utf16Position(of: Self.mention, in: text, extra: "[Lloyd Austin](@".utf16.count + 2))
        let params: JSONValue = ["textDocument": ["uri": .string(uri)], "position": ["line": .int(position.line), "character": .int(position.character)]]
        let hover = try server.request("textDocument/hover", params)
        let value = hover["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(value.contains("Lloyd Austin"))
        #expect(value.contains("person"))

        let prepare = try server.request("textDocument/prepareRename", params)
        #expect(prepare["result"]?["placeholder"] == "lloyd-austin")

        // A bad Content-Length, then a non-JSON body: -32700, then a good request still works.
        server.sendRaw(Array("Content-Length: nope\r\n\r\n".utf8))
        let junk = Array("{not json".utf8)
        server.sendRaw(Array("Content-Length: \(junk.count)\r\n\r\n".utf8) + junk)
        let parseError = try server.next("-32700") { $0["error"]?["code"]?.intValue == -32700 }
        #expect(parseError["id"] == .null)
        let definition = try server.request("textDocument/definition", params)
        let target = definition["result"]?.arrayValue?.first ?? definition["result"]
        #expect(target?["uri"]?.stringValue?.hasSuffix("/cast.md") == true)

        let shutdown = try server.request("shutdown")
        #expect(shutdown["result"] == .null)
        server.notify("exit")
        #expect(server.waitForExit() == 0)
    }

    @Test func exitWithoutShutdown() throws {
        let binary = try #require(Paths.binary)
        let server = try ServerProcess(binary: binary)
        _ = try Self.initialize(server, root: Paths.seeds)
        server.notify("exit")
        #expect(server.waitForExit() == 1)
    }

    @Test func endOfInputEndsTheServer() throws {
        let binary = try #require(Paths.binary)
        let server = try ServerProcess(binary: binary)
        let early = try server.request("textDocument/hover", ["textDocument": ["uri": "file:///x.md"], "position": ["line": 0, "character": 0]])
        #expect(early["error"]?["code"]?.intValue == -32002)
        server.closeInput()
        #expect(server.waitForExit() == 1)
    }

    @Test func badLogLevelIsAUsageError() throws {
        let binary = try #require(Paths.binary)
        let server = try ServerProcess(binary: binary, arguments: ["lsp", "--log-level", "loud"])
        #expect(server.waitForExit() == 2)
    }
}
