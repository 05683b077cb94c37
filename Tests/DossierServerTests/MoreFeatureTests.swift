import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Foundation
import Testing

@Suite("Completion, symbols, tokens, folding, lenses, actions, watched files")
struct MoreFeatureTests {
    static let completing = articleText.replacingOccurrences(of: "‸", with: "") + "Met @⟦llo‸⟧\n"

    @Test func completionSymbolsTokens() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(ClientCapabilities.push(extra: ["completion": ["completionItem": ["documentationFormat": ["markdown"]]]]))
        let article = try h.open("article.md", Self.completing)
        let completion = try await h.result("textDocument/completion", h.at("article.md", article))
        let item = try #require(completion["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(item["textEdit"]?["range"] == h.range(article))
        #expect(item["kind"]?.intValue == 18)

        let symbols = try await h.result("textDocument/documentSymbol", ["textDocument": ["uri": .string(h.uri("cast.md"))]])
        #expect("\(symbols)".contains("Lloyd Austin"))
        let workspace = try await h.result("workspace/symbol", ["query": "lloyd"])
        #expect(workspace.arrayValue?.contains { $0["name"] == "Lloyd Austin" } == true)

        let tokens = try await h.result("textDocument/semanticTokens/full", ["textDocument": ["uri": .string(h.uri("article.md"))]])
        let data = try #require(tokens["data"]?.arrayValue)
        #expect(data.count % 5 == 0 && !data.isEmpty)
        // First token: "Lloyd Austin" link text on line 5, typed person (index 0 of the legend).
        #expect(data.first?.intValue == 5)
        #expect(data[3].intValue == 0)

        let folding = try await h.result("textDocument/foldingRange", ["textDocument": ["uri": .string(h.uri("cast.md"))]])
        #expect(folding.arrayValue?.isEmpty == false)
    }

    /// A client that lists only the standard token types gets those (a person is a variable); one that lists ours
    /// (the shipped editor integrations add them) gets ours; a type it knows neither way is left out.
    @Test func theTokenLegendHasOnlyWhatTheClientLists() async throws {
        func legend(_ types: [String], _ modifiers: [String]) async throws -> JSONValue? {
            let h = try Harness(files: ["cast.md": castText])
            let tokens: JSONValue = [
                "formats": ["relative"], "requests": ["full": true],
                "tokenTypes": .array(types.map { .string($0) }), "tokenModifiers": .array(modifiers.map { .string($0) }),
            ]
            return try await h.initialize(ClientCapabilities.push(extra: ["semanticTokens": tokens]))["result"]?["capabilities"]?["semanticTokensProvider"]?["legend"]
        }
        let standard = try await legend(["namespace", "type", "class", "interface", "struct", "variable", "property", "event", "string"], ["declaration", "deprecated"])
        #expect(standard?["tokenTypes"] == ["variable", "class", "namespace", "interface", "type", "struct", "property", "event", "string"])
        #expect(standard?["tokenModifiers"] == ["declaration"])
        let ours = try await legend(["person", "variable", "claim"], ["unattributed"])
        #expect(ours?["tokenTypes"] == ["person", "claim"])
        #expect(ours?["tokenModifiers"] == ["unattributed"])
    }

    @Test func codeLensIsCountedWhenResolved() async throws {
        let h = try Harness(files: ["cast.md": castText, "article.md": articleText.replacingOccurrences(of: "‸", with: "")])
        try await h.initialize()
        let lenses = try await h.result("textDocument/codeLens", ["textDocument": ["uri": .string(h.uri("cast.md"))]])
        let lens = try #require(lenses.arrayValue?.first)
        #expect(lens["command"] == nil)
        let resolved = try await h.result("codeLens/resolve", lens.objectValue!)
        #expect(resolved["command"]?["title"] == "2 mentions · 0 claims")
        #expect(resolved["command"]?["command"] == "dossier.showReferences")
        // A client that forwards the command gets the references.
        let references = try await h.result("workspace/executeCommand", [
            "command": "dossier.showReferences", "arguments": resolved["command"]?["arguments"] ?? .null,
        ])
        #expect(references.arrayValue?.count == 2)
    }

    @Test func completionDocumentationIsResolvedLazilyWhenTheClientCan() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        let article = try h.open("article.md", Self.completing)
        let completion = try await h.result("textDocument/completion", h.at("article.md", article))
        let item = try #require(completion["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(item["documentation"] == nil)
        #expect(item["data"] == ["actor": "lloyd-austin"])
        let resolved = try await h.result("completionItem/resolve", item.objectValue!)
        #expect(resolved["label"] == "Lloyd Austin")
        #expect(resolved["documentation"]?["value"]?.stringValue?.contains("`@lloyd-austin`") == true)

        // A client that cannot resolve gets the documentation inline, in the format it reads.
        let eager = try Harness(files: ["cast.md": castText])
        try await eager.initialize(ClientCapabilities.push(extra: ["completion": ["completionItem": ["documentationFormat": ["plaintext"]]]]))
        let same = try eager.open("article.md", Self.completing)
        let list = try await eager.result("textDocument/completion", eager.at("article.md", same))
        let inline = try #require(list["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(inline["documentation"]?["kind"] == "plaintext")
        let text = try #require(inline["documentation"]?["value"]?.stringValue)
        #expect(text.contains("@lloyd-austin") && !text.contains("**") && !text.contains("`"))
    }

    @Test func completionSendsTheSharedEditRangeOnceWhenTheClientTakesItemDefaults() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        let article = try h.open("article.md", Self.completing)
        let completion = try await h.result("textDocument/completion", h.at("article.md", article))
        #expect(completion["itemDefaults"]?["editRange"] == h.range(article))
        let item = try #require(completion["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(item["textEdit"] == nil && item["textEditText"] == "lloyd-austin")

        // Without the capability every item carries its own edit.
        let plain = try Harness(files: ["cast.md": castText])
        try await plain.initialize(ClientCapabilities.push(extra: ["completion": [:]]))
        let same = try plain.open("article.md", Self.completing)
        let list = try await plain.result("textDocument/completion", plain.at("article.md", same))
        #expect(list["itemDefaults"] == nil)
        let own = try #require(list["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
        #expect(own["textEdit"]?["newText"] == "lloyd-austin")
        #expect(own["kind"]?.intValue == 18)
    }

    @Test func aNameInProseIsAPlainInsertTextWithoutAnyRange() async throws {
        // Neovim 0.12 keeps a textEdit's newText only up to its first space ("[Lloyd") and inserts a
        // snippet's label; a plain insertText replacing the typed word lands whole everywhere.
        for itemDefaults in [false, true] {
            let h = try Harness(files: ["cast.md": castText])
            let completion: JSONValue = itemDefaults ? ["completionList": ["itemDefaults": ["editRange"]]] : [:]
            try await h.initialize(ClientCapabilities.push(extra: ["completion": completion]))
            let article = try h.open("article.md", articleText.replacingOccurrences(of: "‸", with: "") + "Talks with Lloy‸\n")
            let list = try await h.result("textDocument/completion", h.at("article.md", article))
            #expect(list["itemDefaults"] == nil)
            let item = try #require(list["items"]?.arrayValue?.first { $0["label"] == "Lloyd Austin" })
            #expect(item["insertText"] == "[Lloyd Austin](@lloyd-austin)")
            #expect(item["textEdit"] == nil && item["textEditText"] == nil && item["insertTextFormat"] == nil)
            #expect(item["filterText"] == "Lloyd Austin")
        }
    }

    @Test func codeActionsAreResolvedLazilyWhenTheClientCan() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        let article = try h.open("article.md", "# A\n\n[Loyd](⟦@loyd-austin⟧) spoke.\n")
        let published = try await h.diagnostics("article.md")
        let diagnostic = try #require(published["params"]?["diagnostics"]?.arrayValue?.first { $0["code"] == "unknown-actor" })
        #expect(diagnostic["range"] == h.range(article))
        let actions = try await h.result("textDocument/codeAction", [
            "textDocument": ["uri": .string(h.uri("article.md"))], "range": h.range(article), "context": ["diagnostics": [diagnostic]],
        ])
        let list = try #require(actions.arrayValue)
        #expect(list.allSatisfy { $0["kind"] == "quickfix" && $0["edit"] == nil })
        let replace = try #require(list.first { $0["title"]?.stringValue?.contains("lloyd-austin") == true })
        let resolved = try await h.result("codeAction/resolve", replace.objectValue!)
        #expect("\(resolved["edit"] ?? .null)".contains("lloyd-austin"))

        // Without resolve support, each action carries its edit.
        let eager = try Harness(files: ["cast.md": castText])
        try await eager.initialize(ClientCapabilities.push(extra: ["codeAction": ["codeActionLiteralSupport": ["codeActionKind": ["valueSet": ["quickfix"]]]]]))
        try eager.open("article.md", "# A\n\n[Loyd](@loyd-austin) spoke.\n")
        let direct = try await eager.result("textDocument/codeAction", [
            "textDocument": ["uri": .string(eager.uri("article.md"))], "range": h.range(article), "context": ["diagnostics": []],
        ])
        #expect(direct.arrayValue?.contains { "\($0["edit"] ?? .null)".contains("lloyd-austin") } == true)
        #expect(direct.arrayValue?.allSatisfy { $0["isPreferred"] == nil } == true)
    }

    @Test func watchedFilesAndConfiguration() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(ClientCapabilities.push(watchers: true))
        let registration = try await h.client.nextRequest("client/registerCapability")
        try h.client.reply(to: registration, result: .null)
        try h.open("article.md", "# A\n\nA [Nobody](@new-person) here.\n")
        _ = try await h.diagnostics("article.md") { $0.contains("unknown-actor") }
        // A new cast file appears on disk.
        try Harness.write("# More\n\n## New Person {#new-person .person}\n", to: h.root + "/more.md")
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("more.md")), "type": 1]]])
        _ = try await h.diagnostics("article.md") { !$0.contains("unknown-actor") }
        // Settings turn the rule off.
        try h.client.sendNotification(method: "workspace/didChangeConfiguration", params: ["settings": ["dossier": ["rules": ["unknown-actor": "off"]]]])
        try h.change("article.md", to: "# A\n\n@zzz-unknown\n", version: 5)
        let off = try await h.diagnostics("article.md", version: 5)
        #expect(off["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == false)
        // A bad dossier.json reports on its own URI.
        try Harness.write("{\"rules\": 3}", to: h.root + "/dossier.json")
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("dossier.json")), "type": 2]]])
        let config = try await h.diagnostics("dossier.json")
        #expect(config["params"]?["diagnostics"]?.arrayValue?.isEmpty == false)
    }
}
