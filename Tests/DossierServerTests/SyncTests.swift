import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Testing

@Suite("Document sync and diagnostics")
struct SyncTests {
    /// A line with a curly quote and an emoji before an unknown actor mention.
    static let text = "# T\n\n“Hi” 😀 [Zed](⟦@no-such-actor⟧) here.\n"

    @Test(arguments: ["utf-16", "utf-8"])
    func diagnosticsAreExactInTheNegotiatedEncoding(encoding: String) async throws {
        let h = try Harness()
        try await h.initialize(ClientCapabilities.push(encodings: [encoding]))
        let marked = try h.open("a.md", Self.text, version: 3)
        let published = try await h.diagnostics("a.md")
        #expect(published["params"]?["version"]?.intValue == 3)
        let unknown = try #require(published["params"]?["diagnostics"]?.arrayValue?.first { $0["code"] == "unknown-actor" })
        #expect(unknown["range"] == h.range(marked))
        #expect(unknown["source"] == "dossier")
        #expect(unknown["severity"]?.intValue == 1)
    }

    /// A syntax error on a multi-byte character covers the whole character in UTF-8 sessions too.
    @Test(arguments: ["utf-16", "utf-8"])
    func aSyntaxRangeNeverEndsInsideACharacter(encoding: String) async throws {
        let h = try Harness()
        try await h.initialize(ClientCapabilities.push(encodings: [encoding]))
        for (name, bad) in [("quote.md", "“"), ("emoji.md", "😀")] {
            let marked = try h.open(name, "[x]{.claim ⟦\(bad)⟧a b” by=@w}\n")
            let published = try await h.diagnostics(name)
            let syntax = try #require(published["params"]?["diagnostics"]?.arrayValue?.first { $0["code"] == "syntax" })
            #expect(syntax["range"] == h.range(marked), "\(name) in \(encoding)")
        }
    }

    @Test func incrementalChangesWithCRLF() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        let text = "# T\r\n\r\n“A” 😀 x\r\nend\r\n"
        try h.open("a.md", text, version: 1)
        let first = try await h.diagnostics("a.md", version: 1)
        #expect(first["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == false)
        // Two changes in one notification, applied in order: replace "x" then append on the next line.
        let before = MarkedText("# T\r\n\r\n“A” 😀 ⟦x⟧\r\nend‸\r\n")
        try h.client.sendNotification(method: "textDocument/didChange", params: [
            "textDocument": ["uri": .string(h.uri("a.md")), "version": 2],
            "contentChanges": [
                ["range": before.range(0, in: .utf16), "text": "[Q](@qq-unknown)"],
                ["range": ["start": before.position(ofCursor: 0, in: .utf16), "end": before.position(ofCursor: 0, in: .utf16)], "text": " @lloyd-austin"],
            ],
        ])
        let after = MarkedText("# T\r\n\r\n“A” 😀 [Q](⟦@qq-unknown⟧)\r\nend @ll‸oyd-austin\r\n")
        let second = try await h.diagnostics("a.md", version: 2)
        let unknown = try #require(second["params"]?["diagnostics"]?.arrayValue?.first { $0["code"] == "unknown-actor" })
        #expect(unknown["range"] == after.range(0, in: .utf16))
        // The appended bare mention resolves.
        let hover = try await h.result("textDocument/hover", h.at("a.md", after))
        #expect(hover["contents"]?["value"]?.stringValue?.contains("Lloyd Austin") == true)
        // A full-text change replaces everything.
        try h.change("a.md", to: "# Clean\n", version: 3)
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
        try h.change("cast.md", to: castText.replacingOccurrences(of: "{#lloyd-austin", with: "{#l-austin"), version: 2)
        let republished = try await h.diagnostics("a.md") { $0.contains("unknown-actor") }
        #expect(republished["params"]?["version"]?.intValue == 1)
    }

    @Test func diagnosticsKeepFlowingWhileEditsArriveFasterThanTheDebounce() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        try h.open("a.md", "# T\n\nSome text.\n", version: 1)
        _ = try await h.diagnostics("a.md", version: 1)
        // One edit every few milliseconds, faster than the harness's 10 ms debounce, for about two seconds. A
        // debounce that restarted on every edit would publish nothing more until they stop.
        let last = 400
        let sender = Task {
            for version in 2...last {
                try h.change("a.md", to: "# T\n\nSome text \(version).\n", version: version)
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
        let h = try Harness(files: ["cast.md": castText], timing: ServerTiming(debounce: .seconds(60), publishMaxWait: .seconds(60)))
        try await h.initialize()
        try h.open("a.md", "# T\n\nSee [Q](@nobody-known).\n", version: 1)
        let published = try await h.diagnostics("a.md", version: 1)
        #expect(published["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"] == "unknown-actor" } == true)
    }
}
