import DossierJSON
import DossierProtocol
@testable import DossierServer
import Testing

@Suite("Hover, definition, references, rename")
struct FeatureTests {
    /// Article line 5 is `[Lloyd Austin](@lloyd-austin) spoke. [Austin](@lloyd-austin) left.`; the id starts at 16.
    @Test func hoverDefinitionReferences() async throws {
        let h = try Harness(files: ["dossier.json": "{}"])
        try await h.initialize()
        try h.open("cast.md", castText)
        try h.open("article.md", articleText)
        let hover = try await h.client.request(method: "textDocument/hover", params: h.position("article.md", line: 5, character: 18))
        let value = try #require(hover["result"]?["contents"]?["value"]?.stringValue)
        #expect(value.contains("Lloyd Austin"))
        #expect(value.contains("person"))
        #expect(hover["result"]?["contents"]?["kind"] == "markdown")
        #expect(rangeTuple(hover["result"]?["range"]) == [5, 15, 5, 28])

        let definition = try await h.client.request(method: "textDocument/definition", params: h.position("article.md", line: 5, character: 18))
        let target = try #require(definition["result"]?.arrayValue?.first ?? definition["result"])
        #expect(target["uri"] == .string(h.uri("cast.md")))
        #expect(rangeTuple(target["range"])[0] == 5)

        var params = h.position("article.md", line: 5, character: 18)
        params = .object(params.objectValue!.merging(["context": ["includeDeclaration": true]]))
        let withDecl = try await h.client.request(method: "textDocument/references", params: params)
        let all = try #require(withDecl["result"]?.arrayValue)
        #expect(all.count == 3)
        #expect(all.contains { $0["uri"] == .string(h.uri("cast.md")) })
        params = .object(params.objectValue!.merging(["context": ["includeDeclaration": false]]))
        let without = try await h.client.request(method: "textDocument/references", params: params)
        #expect(without["result"]?.arrayValue?.count == 2)
        #expect(without["result"]?.arrayValue?.allSatisfy { $0["uri"] == .string(h.uri("article.md")) } == true)

        // Nothing under the cursor; positions past the end clamp.
        let nothing = try await h.client.request(method: "textDocument/hover", params: h.position("article.md", line: 3, character: 1))
        #expect(nothing["result"] == .null)
        let far = try await h.client.request(method: "textDocument/definition", params: h.position("article.md", line: 999, character: 999))
        #expect(far["error"] == nil)
    }

    @Test func renameActor() async throws {
        let h = try Harness()
        try await h.initialize()
        try h.open("cast.md", castText)
        try h.open("article.md", articleText)
        let prepare = try await h.client.request(method: "textDocument/prepareRename", params: h.position("article.md", line: 5, character: 18))
        #expect(prepare["result"]?["placeholder"] == "lloyd-austin")
        #expect(rangeTuple(prepare["result"]?["range"]) == [5, 16, 5, 28])
        var params = h.position("article.md", line: 5, character: 18).objectValue!
        params["newName"] = "austin"
        let rename = try await h.client.request(method: "textDocument/rename", params: .object(params))
        let changes = try #require(rename["result"]?["changes"]?.objectValue)
        #expect(changes[h.uri("article.md")]?.arrayValue?.count == 2)
        #expect(changes[h.uri("cast.md")]?.arrayValue?.count == 1)
        params["newName"] = "dick-durbin"
        let taken = try await h.client.request(method: "textDocument/rename", params: .object(params))
        #expect(taken["error"]?["code"]?.intValue != nil)
        params["newName"] = "Not Valid!"
        let invalid = try await h.client.request(method: "textDocument/rename", params: .object(params))
        #expect(invalid["error"]?["code"]?.intValue != nil)
    }
}

extension JSONObject {
    func merging(_ other: JSONObject) -> JSONObject {
        var copy = self
        for (k, v) in other { copy[k] = v }
        return copy
    }
}
