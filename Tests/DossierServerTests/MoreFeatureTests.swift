import DossierJSON
import DossierProtocol
@testable import DossierServer
import Testing

@Suite("Completion, symbols, tokens, folding, lenses, actions, watched files")
struct MoreFeatureTests {
    @Test func completionSymbolsTokens() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        try h.open("article.md", articleText + "Met @llo\n")
        let completion = try await h.client.request(method: "textDocument/completion", params: h.position("article.md", line: 6, character: 8))
        let items = try #require(completion["result"]?["items"]?.arrayValue)
        #expect(items.contains { $0["label"] == "Lloyd Austin" })
        let edit = try #require(items.first { $0["label"] == "Lloyd Austin" }?["textEdit"])
        #expect(rangeTuple(edit["range"])[0] == 6)

        let symbols = try await h.client.request(method: "textDocument/documentSymbol", params: ["textDocument": ["uri": .string(h.uri("cast.md"))]])
        let flat = "\(symbols["result"] ?? .null)"
        #expect(flat.contains("Lloyd Austin"))
        let workspace = try await h.client.request(method: "workspace/symbol", params: ["query": "lloyd"])
        #expect(workspace["result"]?.arrayValue?.contains { $0["name"] == "Lloyd Austin" } == true)

        let tokens = try await h.client.request(method: "textDocument/semanticTokens/full", params: ["textDocument": ["uri": .string(h.uri("article.md"))]])
        let data = try #require(tokens["result"]?["data"]?.arrayValue)
        #expect(data.count % 5 == 0 && !data.isEmpty)
        // First token: "Lloyd Austin" link text on line 5, typed person (0).
        #expect(data.first?.intValue == 5)
        #expect(data[3].intValue == 0)

        let folding = try await h.client.request(method: "textDocument/foldingRange", params: ["textDocument": ["uri": .string(h.uri("cast.md"))]])
        #expect(folding["result"]?.arrayValue?.isEmpty == false)
        let lenses = try await h.client.request(method: "textDocument/codeLens", params: ["textDocument": ["uri": .string(h.uri("cast.md"))]])
        let lens = try #require(lenses["result"]?.arrayValue?.first)
        #expect(lens["command"]?["title"]?.stringValue?.contains("mention") == true)
    }

    @Test func completionDocumentationIsResolvedLazilyWhenTheClientCan() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(textDocument: ["completion": ["completionItem": ["resolveSupport": ["properties": ["documentation"]]]]])
        try h.open("article.md", articleText + "Met @llo\n")
        let completion = try await h.client.request(method: "textDocument/completion", params: h.position("article.md", line: 6, character: 8))
        let item = try #require(completion["result"]?["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(item["documentation"] == nil)
        #expect(item["data"] == ["actor": "lloyd-austin"])
        let resolved = try await h.client.request(method: "completionItem/resolve", params: item)
        #expect(resolved["result"]?["label"] == "Lloyd Austin")
        #expect(resolved["result"]?["documentation"]?["value"]?.stringValue?.contains("`@lloyd-austin`") == true)

        // A client that cannot resolve gets the documentation inline.
        let eager = try Harness(files: ["cast.md": castText])
        try await eager.initialize()
        try eager.open("article.md", articleText + "Met @llo\n")
        let list = try await eager.client.request(method: "textDocument/completion", params: eager.position("article.md", line: 6, character: 8))
        let inline = try #require(list["result"]?["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(inline["documentation"]?["value"]?.stringValue?.contains("`@lloyd-austin`") == true)
    }

    @Test func completionSendsTheSharedEditRangeOnceWhenTheClientTakesItemDefaults() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(textDocument: ["completion": ["completionList": ["itemDefaults": ["editRange", "data"]]]])
        try h.open("article.md", articleText + "Met @llo\n")
        let completion = try await h.client.request(method: "textDocument/completion", params: h.position("article.md", line: 6, character: 8))
        // The word after `@` (line 6, characters 5–8) is what every item replaces.
        #expect(completion["result"]?["itemDefaults"]?["editRange"] == ["start": ["line": 6, "character": 5], "end": ["line": 6, "character": 8]])
        let item = try #require(completion["result"]?["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(item["textEdit"] == nil && item["textEditText"] == "lloyd-austin")

        // Without the capability every item carries its own edit.
        let plain = try Harness(files: ["cast.md": castText])
        try await plain.initialize()
        try plain.open("article.md", articleText + "Met @llo\n")
        let list = try await plain.client.request(method: "textDocument/completion", params: plain.position("article.md", line: 6, character: 8))
        #expect(list["result"]?["itemDefaults"] == nil)
        let own = try #require(list["result"]?["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(own["textEdit"]?["newText"] == "lloyd-austin")
    }

    @Test func aNameInProseIsAPlainInsertTextWithoutAnyRange() async throws {
        // Neovim 0.12 keeps a textEdit's newText only up to its first space ("[Lloyd") and inserts a
        // snippet's label; a plain insertText replacing the typed word lands whole everywhere.
        for itemDefaults in [false, true] {
            let h = try Harness(files: ["cast.md": castText])
            try await h.initialize(textDocument: itemDefaults ? ["completion": ["completionList": ["itemDefaults": ["editRange"]]]] : [:])
            try h.open("article.md", articleText + "Talks with Lloy\n")
            let completion = try await h.client.request(method: "textDocument/completion", params: h.position("article.md", line: 6, character: 15))
            #expect(completion["result"]?["itemDefaults"] == nil)
            let item = try #require(completion["result"]?["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
            #expect(item["insertText"] == "[Lloyd Austin](@lloyd-austin)")
            #expect(item["textEdit"] == nil && item["textEditText"] == nil && item["insertTextFormat"] == nil)
            #expect(item["filterText"] == "Lloyd Austin")
        }
    }

    @Test func codeActionForUnknownActor() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        try h.open("article.md", "# A\n\n[Loyd](@loyd-austin) spoke.\n")
        let published = try await h.diagnostics("article.md")
        let diagnostic = try #require(published["params"]?["diagnostics"]?.arrayValue?.first { $0["code"] == "unknown-actor" })
        let actions = try await h.client.request(method: "textDocument/codeAction", params: [
            "textDocument": ["uri": .string(h.uri("article.md"))], "range": diagnostic["range"] ?? .null,
            "context": ["diagnostics": [diagnostic]],
        ])
        let list = try #require(actions["result"]?.arrayValue)
        #expect(list.contains { "\($0["edit"] ?? .null)".contains("lloyd-austin") })
        #expect(list.allSatisfy { $0["kind"] == "quickfix" })
    }

    @Test func watchedFilesAndConfiguration() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        try h.open("article.md", "# A\n\nA [Nobody](@new-person) here.\n")
        let first = try await h.diagnostics("article.md")
        #expect(first["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == true)
        // A new cast file appears on disk.
        try "# More\n\n## New Person {#new-person .person}\n".write(toFile: h.root + "/more.md", atomically: true, encoding: .utf8)
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("more.md")), "type": 1]]])
        _ = try await h.client.nextMessage(what: "unknown-actor gone") { m in
            m["method"] == "textDocument/publishDiagnostics" && m["params"]?["uri"] == .string(h.uri("article.md"))
                && m["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == false
        }
        // Settings turn the rule into an error / off.
        try h.client.sendNotification(method: "workspace/didChangeConfiguration", params: ["settings": ["dossier": ["rules": ["unknown-actor": "off"]]]])
        try h.client.sendNotification(method: "textDocument/didChange", params: [
            "textDocument": ["uri": .string(h.uri("article.md")), "version": 5], "contentChanges": [["text": "# A\n\n@zzz-unknown\n"]],
        ])
        let off = try await h.diagnostics("article.md", version: 5)
        #expect(off["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == false)
        // A bad dossier.json reports on its own URI.
        try "{\"rules\": 3}".write(toFile: h.root + "/dossier.json", atomically: true, encoding: .utf8)
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("dossier.json")), "type": 1]]])
        let config = try await h.diagnostics("dossier.json")
        #expect(config["params"]?["diagnostics"]?.arrayValue?.isEmpty == false)
    }
}
