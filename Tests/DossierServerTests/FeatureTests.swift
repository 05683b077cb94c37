import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Testing

@Suite("Hover, definition, references, rename")
struct FeatureTests {
    @Test(arguments: ["utf-16", "utf-8"])
    func hoverDefinitionReferences(encoding: String) async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(ClientCapabilities.push(encodings: [encoding]))
        let article = try h.open("article.md", "# Hearing\n\n“Yes” 😀 [Lloyd Austin](⟦@lloyd-‸austin⟧) spoke. [Austin](@lloyd-austin) left.\n")
        let hover = try await h.result("textDocument/hover", h.at("article.md", article))
        let value = try #require(hover["contents"]?["value"]?.stringValue)
        #expect(value.contains("Lloyd Austin") && value.contains("person"))
        #expect(hover["contents"]?["kind"] == "markdown")
        #expect(hover["range"] == h.range(article))

        let definition = try await h.result("textDocument/definition", h.at("article.md", article))
        let target = try #require(definition.arrayValue?.first)
        let cast = MarkedText(castText.replacingOccurrences(of: "## Lloyd Austin {#lloyd-austin .person}", with: "⟦## Lloyd Austin {#lloyd-austin .person}⟧"))
        #expect(target["uri"] == .string(h.uri("cast.md")))
        #expect(target["range"]?["start"] == cast.range(0, in: h.encoding)["start"])

        var params = h.at("article.md", article)
        params["context"] = ["includeDeclaration": true]
        let withDeclaration = try await h.result("textDocument/references", params)
        #expect(withDeclaration.arrayValue?.count == 3)
        params["context"] = ["includeDeclaration": false]
        let without = try await h.result("textDocument/references", params)
        #expect(without.arrayValue?.count == 2)
        #expect(without.arrayValue?.allSatisfy { $0["uri"] == .string(h.uri("article.md")) } == true)

        // Nothing under the cursor; positions past the end clamp.
        let nothing = try h.open("other.md", "# Nothing ‸here\n")
        #expect(try await h.result("textDocument/hover", h.at("other.md", nothing)) == .null)
        let far = try await h.client.request(method: "textDocument/definition", params: [
            "textDocument": ["uri": .string(h.uri("article.md"))], "position": ["line": 999, "character": 999],
        ])
        #expect(far["error"] == nil)
    }

    @Test func hoverIsPlainTextForAClientWithoutMarkdown() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(ClientCapabilities.push(extra: ["hover": ["contentFormat": ["plaintext"]]]))
        let article = try h.open("article.md", articleText)
        let hover = try await h.result("textDocument/hover", h.at("article.md", article))
        #expect(hover["contents"]?["kind"] == "plaintext")
        let value = try #require(hover["contents"]?["value"]?.stringValue)
        #expect(value.contains("Lloyd Austin") && !value.contains("**") && !value.contains("`"))
    }

    @Test func renameActor() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        try h.open("cast.md", castText)
        let article = try h.open("article.md", "# A\n\n[Lloyd Austin](@⟦lloyd-‸austin⟧) spoke. [Austin](@lloyd-austin) left.\n")
        let prepare = try await h.result("textDocument/prepareRename", h.at("article.md", article))
        #expect(prepare["placeholder"] == "lloyd-austin")
        #expect(prepare["range"] == h.range(article))
        var params = h.at("article.md", article)
        params["newName"] = "austin"
        let rename = try await h.result("textDocument/rename", params)
        let changes = try #require(rename["changes"]?.objectValue)
        #expect(changes[h.uri("article.md")]?.arrayValue?.count == 2)
        #expect(changes[h.uri("cast.md")]?.arrayValue?.count == 1)
        params["newName"] = "dick-durbin"
        let taken = try await h.client.request(method: "textDocument/rename", params: .object(params))
        #expect(taken["error"]?["code"]?.intValue == -32803)
        params["newName"] = "Not Valid!"
        let invalid = try await h.client.request(method: "textDocument/rename", params: .object(params))
        #expect(invalid["error"]?["code"]?.intValue == -32803)
    }

    @Test func renameEditsAreVersionedForAClientThatTakesDocumentChanges() async throws {
        let h = try Harness(files: ["cast.md": castText])
        var capabilities = ClientCapabilities.push()
        capabilities["workspace"]?["workspaceEdit"] = ["documentChanges": true]
        try await h.initialize(capabilities)
        let article = try h.open("article.md", "# A\n\n[Lloyd Austin](@lloyd-‸austin) spoke.\n", version: 7)
        var params = h.at("article.md", article)
        params["newName"] = "austin"
        let rename = try await h.result("textDocument/rename", params)
        #expect(rename["changes"] == nil)
        let changes = try #require(rename["documentChanges"]?.arrayValue)
        #expect(changes.contains { $0["textDocument"] == ["uri": .string(h.uri("article.md")), "version": 7] })
        #expect(changes.contains { $0["textDocument"] == ["uri": .string(h.uri("cast.md")), "version": .null] })
    }
}

extension JSONObject {
    func merging(_ other: JSONObject) -> JSONObject {
        var copy = self
        for (k, v) in other { copy[k] = v }
        return copy
    }
}
