import DossierJSON
import DossierProtocol
@testable import DossierServer
import Testing

@Suite("Document sync and diagnostics")
struct SyncTests {
    /// A line with a curly quote and an emoji before an unknown actor mention.
    static let text = "# T\n\n“Hi” 😀 [Zed](@no-such-actor) here.\n"

    @Test func diagnosticsInUTF16() async throws {
        let h = try Harness()
        try await h.initialize(encodings: ["utf-16"])
        try h.open("a.md", Self.text, version: 3)
        let published = try await h.diagnostics("a.md")
        #expect(published["params"]?["version"]?.intValue == 3)
        let items = try #require(published["params"]?["diagnostics"]?.arrayValue)
        let unknown = try #require(items.first { $0["code"] == "unknown-actor" })
        // “Hi” = 4 UTF-16 units, space, 😀 = 2 units, space, "[Zed](" = 6 → @ at 14.
        let start = 4 + 1 + 2 + 1 + 6
        #expect(rangeTuple(unknown["range"]).first == 2)
        let r = rangeTuple(unknown["range"])
        #expect(r[1] == start)
        #expect(r[3] == start + "@no-such-actor".count)
        #expect(unknown["source"] == "dossier")
        #expect(unknown["severity"]?.intValue != nil)
    }

    @Test func diagnosticsInUTF8() async throws {
        let h = try Harness()
        try await h.initialize(encodings: ["utf-8", "utf-16"])
        try h.open("a.md", Self.text)
        let published = try await h.diagnostics("a.md")
        let items = try #require(published["params"]?["diagnostics"]?.arrayValue)
        let unknown = try #require(items.first { $0["code"] == "unknown-actor" })
        // “Hi” = 3+2+3 bytes, space, 😀 = 4 bytes, space, "[Zed](" = 6 → @ at 20.
        let start = 8 + 1 + 4 + 1 + 6
        let r = rangeTuple(unknown["range"])
        #expect(r[0] == 2)
        #expect(r[1] == start)
        #expect(r[3] == start + "@no-such-actor".count)
    }

    @Test func incrementalChangesWithCRLF() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(encodings: ["utf-16"])
        let text = "# T\r\n\r\n“A” 😀 x\r\nend\r\n"
        try h.open("a.md", text, version: 1)
        let first = try await h.diagnostics("a.md", version: 1)
        #expect(first["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == false)
        // Two changes in one notification, applied in order: replace "x" (line 2, after “A” 😀 ) then append on line 3.
        // Line 2 is “A” 😀 x: “A” = 3 units, space, 😀 = 2, space → x at 7.
        try h.client.sendNotification(method: "textDocument/didChange", params: [
            "textDocument": ["uri": .string(h.uri("a.md")), "version": 2],
            "contentChanges": [
                ["range": ["start": ["line": 2, "character": 7], "end": ["line": 2, "character": 8]], "text": "[Q](@qq-unknown)"],
                ["range": ["start": ["line": 3, "character": 3], "end": ["line": 3, "character": 3]], "text": " @lloyd-austin"],
            ],
        ])
        let second = try await h.diagnostics("a.md", version: 2)
        let items = try #require(second["params"]?["diagnostics"]?.arrayValue)
        let unknown = try #require(items.first { $0["code"] == "unknown-actor" })
        let r = rangeTuple(unknown["range"])
        #expect(r[0] == 2 && r[2] == 2)
        #expect(r[3] == 7 + "[Q](@qq-unknown".count)
        // The appended bare mention resolves: hover on it (line 3, character 5).
        let hover = try await h.client.request(method: "textDocument/hover", params: h.position("a.md", line: 3, character: 6))
        #expect(hover["result"]?["contents"]?["value"]?.stringValue?.contains("Lloyd Austin") == true)
        // A full-text change replaces everything.
        try h.client.sendNotification(method: "textDocument/didChange", params: [
            "textDocument": ["uri": .string(h.uri("a.md")), "version": 3],
            "contentChanges": [["text": "# Clean\n"]],
        ])
        let third = try await h.diagnostics("a.md", version: 3)
        #expect(third["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == false)
    }

    @Test func castEditRepublishesArticles() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        try h.open("a.md", articleText, version: 1)
        let first = try await h.diagnostics("a.md", version: 1)
        #expect(first["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == false)
        try h.open("cast.md", castText, version: 1)
        _ = try await h.diagnostics("cast.md")
        // Rename the actor in the cast buffer: the article now refers to an unknown actor.
        try h.client.sendNotification(method: "textDocument/didChange", params: [
            "textDocument": ["uri": .string(h.uri("cast.md")), "version": 2],
            "contentChanges": [["text": .string(castText.replacingOccurrences(of: "{#lloyd-austin", with: "{#l-austin"))]],
        ])
        let republished = try await h.client.nextMessage(what: "article re-published") { m in
            m["method"] == "textDocument/publishDiagnostics" && m["params"]?["uri"] == .string(h.uri("a.md"))
                && m["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == true
        }
        #expect(republished["params"]?["version"]?.intValue == 1)
    }

    @Test func pullDiagnostics() async throws {
        let h = try Harness(files: ["a.md": SyncTests.text])
        try await h.initialize()
        let report = try await h.client.request(method: "textDocument/diagnostic", params: ["textDocument": ["uri": .string(h.uri("a.md"))]])
        #expect(report["result"]?["kind"] == "full")
        #expect(report["result"]?["resultId"]?.stringValue != nil)
        #expect(report["result"]?["items"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == true)
        let workspace = try await h.client.request(method: "workspace/diagnostic", params: ["previousResultIds": []])
        let items = try #require(workspace["result"]?["items"]?.arrayValue)
        #expect(items.contains { $0["uri"] == .string(h.uri("a.md")) && $0["kind"] == "full" })
    }

    @Test func diagnosticsKeepFlowingWhileEditsArriveFasterThanTheDebounce() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        try h.open("a.md", "# T\n\nSome text.\n", version: 1)
        _ = try await h.diagnostics("a.md", version: 1)
        // One edit every few milliseconds, faster than the harness's 10 ms debounce, for about two
        // seconds. The first edit is checked at once; a debounce that restarted on every later edit
        // would publish nothing more until they stop.
        let last = 400
        let sender = Task {
            for version in 2...last {
                try h.client.sendNotification(method: "textDocument/didChange", params: [
                    "textDocument": ["uri": .string(h.uri("a.md")), "version": .int(version)],
                    "contentChanges": [["text": .string("# T\n\nSome text \(version).\n")]],
                ])
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let first = try #require(try await h.diagnostics("a.md")["params"]?["version"]?.intValue)
        var second = first
        while second == first { second = try #require(try await h.diagnostics("a.md")["params"]?["version"]?.intValue) }
        #expect(first < second && second < last)
        try await sender.value
        _ = try await h.diagnostics("a.md", version: last)
    }

    @Test func aChangeAfterAQuietSpellIsCheckedWithoutWaiting() async throws {
        // Waits far longer than the test may take: only an immediate check can answer in time.
        let h = try Harness(files: ["cast.md": castText], debounce: .seconds(60), publishMaxWait: .seconds(60))
        try await h.initialize()
        try h.open("a.md", "# T\n\nSee [Q](@nobody-known).\n", version: 1)
        let published = try await h.diagnostics("a.md", version: 1)
        #expect(published["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == true)
    }
}
