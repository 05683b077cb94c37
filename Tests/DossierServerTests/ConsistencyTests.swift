import DossierAnalysis
import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// Each way the incremental workspace once drifted from what a fresh start shows, reproduced alone.
@Suite("Incremental equals fresh: the workspace around the edits")
struct ConsistencyTests {
    static let duplicate = "# Drafts\n\n## Lloyd Austin {#lloyd-austin .person}\n"

    /// The documents the server has indexed, by relative path, once the disk work queued so far is done.
    static func indexed(_ h: Harness) async throws -> Set<String> {
        // An answered request: every notification sent before it has been handled.
        _ = try await h.client.request(method: "textDocument/foldingRange", params: ["textDocument": ["uri": .string(h.uri("none.md"))]])
        while h.server.clientEvents.isGathering { try await Task.sleep(for: .milliseconds(5)) }
        await h.server.onDiskQueue {}
        let ids = h.server.state.withLock { s in s.workspaces.values.flatMap { $0.snapshot.documents.keys } }
        return Set(ids.map { String($0.rawValue.dropFirst(h.uri("").count)) })
    }

    /// 1. Excluded, hidden and `node_modules` files never enter the index through events, opens or closes.
    @Test func excludedHiddenAndNodeModulesFilesStayOut() async throws {
        let h = try Harness(files: ["dossier.json": #"{"exclude": ["drafts/**"]}"#, "cast.md": castText])
        try await h.initialize(ClientCapabilities.push(watchers: true))
        try h.client.reply(to: try await h.client.nextRequest("client/registerCapability"), result: .null)
        try h.open("cast.md", castText)
        for path in ["drafts/x.md", ".hidden/x.md", "node_modules/pkg/x.md"] {
            try Harness.write(Self.duplicate, to: h.root + "/" + path)
            for type in [1, 2] {
                try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri(path)), "type": .int(type)]]])
            }
        }
        // Opened and closed: indexed while open (the user is editing it), gone once closed.
        try h.open(".hidden/x.md", Self.duplicate)
        try h.close(".hidden/x.md")
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await Self.indexed(h) == ["cast.md"])
        let report = try await h.result("textDocument/diagnostic", ["textDocument": ["uri": .string(h.uri("cast.md"))]])
        #expect(report["items"]?.arrayValue?.contains { $0["code"] == "duplicate-actor" } == false)
    }

    /// 2. Changing `exclude` re-walks the workspace: newly excluded files leave, files no longer excluded come in,
    /// also when `dossier.json` is deleted or broken.
    @Test func changingExcludeRewalksTheWorkspace() async throws {
        let h = try Harness(files: ["cast.md": castText, "drafts/x.md": "# Draft\n"])
        try await h.initialize(ClientCapabilities.push(watchers: true))
        try h.client.reply(to: try await h.client.nextRequest("client/registerCapability"), result: .null)
        #expect(try await Self.indexed(h) == ["cast.md", "drafts/x.md"])
        func configure(_ text: String?) async throws {
            if let text { try Harness.write(text, to: h.root + "/dossier.json") } else { try FileManager.default.removeItem(atPath: h.root + "/dossier.json") }
            try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("dossier.json")), "type": 2]]])
            try await h.waitForIndexing()
        }
        try await configure(#"{"exclude": ["drafts/**"]}"#)
        #expect(try await Self.indexed(h) == ["cast.md"])
        try await configure(#"{}"#)
        #expect(try await Self.indexed(h) == ["cast.md", "drafts/x.md"])
        try await configure(#"{"exclude": ["drafts/**"]}"#)
        try await configure(#"{"exclude": "#)
        #expect(try await Self.indexed(h) == ["cast.md", "drafts/x.md"])
        try await configure(#"{"exclude": ["drafts/**"]}"#)
        try await configure(nil)
        #expect(try await Self.indexed(h) == ["cast.md", "drafts/x.md"])
        // Through settings too.
        try h.client.sendNotification(method: "workspace/didChangeConfiguration", params: ["settings": ["dossier": ["exclude": ["drafts/**"]]]])
        try await h.waitForIndexing()
        #expect(try await Self.indexed(h) == ["cast.md"])
    }

    /// 3. Disk events sent while a large workspace is being indexed are applied on top of the finished index.
    @Test func diskEventsDuringIndexingAreApplied() async throws {
        var files: [String: String] = ["cast.md": castText]
        for index in 0..<3_000 { files["articles/a\(index).md"] = "# Article \(index)\n\nSaid [Austin](@lloyd-austin).\n" }
        let h = try Harness(files: files)
        try await h.initialize(ClientCapabilities.push(watchers: true), waitForIndex: false)
        try Harness.write("# Created during indexing\n", to: h.root + "/articles/new.md")
        try FileManager.default.removeItem(atPath: h.root + "/articles/a7.md")
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [
            ["uri": .string(h.uri("articles/new.md")), "type": 1], ["uri": .string(h.uri("articles/a7.md")), "type": 3],
        ]])
        try await h.waitForIndexing()
        let indexed = try await Self.indexed(h)
        #expect(indexed.contains("articles/new.md"))
        #expect(!indexed.contains("articles/a7.md"))
        try h.open("cast.md", castText)
        let cast = MarkedText(castText.replacingOccurrences(of: "{#lloyd-austin", with: "{#lloyd-‸austin"))
        var params = h.at("cast.md", cast)
        params["context"] = ["includeDeclaration": false]
        let references = try await h.result("textDocument/references", params)
        #expect(references.arrayValue?.count == 2_999)
        #expect(references.arrayValue?.contains { $0["uri"] == .string(h.uri("articles/a7.md")) } == false)
    }

    /// 4. Other open documents' pushed diagnostics follow every change that reaches them.
    @Test func otherOpenDocumentsAreRepublished() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        // An unused-actor hint leaves the open cast when an article starts mentioning the actor.
        try h.open("cast.md", castText)
        _ = try await h.diagnostics("cast.md") { $0 == ["unused-actor", "unused-actor"] }
        try h.open("a.md", "# A\n\nNobody yet.\n")
        try h.change("a.md", to: "# A\n\nSaid [Durbin](@dick-durbin).\n", version: 2)
        _ = try await h.diagnostics("cast.md") { $0 == ["unused-actor"] }

        // A duplicate claim's related location follows lines inserted above the other definition.
        try h.open("b.md", "# B\n\n[x]{.claim #dup by=@dick-durbin}\n")
        try h.open("c.md", "# C\n\n[y]{.claim #dup by=@dick-durbin}\n")
        let first = try await h.diagnostics("b.md") { $0.contains("duplicate-claim") }
        #expect(first["params"]?["diagnostics"]?[0]?["relatedInformation"]?[0]?["location"]?["range"]?["start"]?["line"] == 2)
        try h.change("c.md", to: "# C\n\nMore.\n\nLines.\n\n[y]{.claim #dup by=@dick-durbin}\n", version: 2)
        let moved = try await h.client.nextMessage(what: "b.md republished with the new line") { m in
            m["method"] == "textDocument/publishDiagnostics" && m["params"]?["uri"] == .string(h.uri("b.md"))
                && m["params"]?["diagnostics"]?[0]?["relatedInformation"]?[0]?["location"]?["range"]?["start"]?["line"] == 6
        }
        #expect(moved["params"]?["version"] == 1)

        // A brief citing a claim that is re-pointed to an unattributed one gets its unattributed-claim.
        try h.open("brief.md", "# Brief\n\n[Summary]{.claim cite=#source}\n")
        try h.open("d.md", "# D\n\n[Said]{.claim #source by=@dick-durbin}\n[Unsourced]{.claim #other}\n")
        _ = try await h.diagnostics("brief.md") { $0.isEmpty }
        try h.change("d.md", to: "# D\n\n[Said]{.claim #was-source by=@dick-durbin}\n[Unsourced]{.claim #source}\n", version: 2)
        _ = try await h.diagnostics("brief.md") { $0 == ["unattributed-claim"] }
    }

    /// 5. Every push carries the version of the text it was computed on: a document alternating between a vague
    /// sentence and an empty line is never reported with the other text's findings.
    @Test func aPushCarriesTheVersionItWasComputedOn() async throws {
        let h = try Harness(files: ["cast.md": castText], timing: ServerTiming(debounce: .milliseconds(1), publishMaxWait: .milliseconds(2)))
        try await h.initialize()
        let vague = "# A\n\nIt reportedly happened.\n"
        let empty = "# A\n\n\n"
        try h.open("a.md", empty)
        for version in 2...300 {
            try h.change("a.md", to: version % 2 == 0 ? vague : empty, version: version)
            if version % 25 == 0 { try await Task.sleep(for: .milliseconds(1)) }
        }
        _ = try await h.diagnostics("a.md", version: 300)
        for message in h.client.drainQueuedMessages() where message["params"]?["uri"] == .string(h.uri("a.md")) {
            let version = try #require(message["params"]?["version"]?.intValue)
            let codes = message["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
            #expect(codes == (version % 2 == 0 ? ["vague-attribution"] : []), "version \(version)")
        }
    }

    /// 7. Which definition of a duplicated id counts depends on the files alone: the first in path order.
    @Test func theDefinitionThatCountsDependsOnTheFilesAlone() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize(ClientCapabilities.push(watchers: true))
        try h.client.reply(to: try await h.client.nextRequest("client/registerCapability"), result: .null)
        // "a-first.md" sorts before "cast.md": its definition counts, in a long session as after a fresh start.
        try Harness.write("# First\n\n## Secretary Austin {#lloyd-austin .person}\n", to: h.root + "/a-first.md")
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("a-first.md")), "type": 1]]])
        #expect(try await Self.indexed(h).contains("a-first.md"))
        let article = try h.open("article.md", articleText)
        _ = try await h.diagnostics("article.md")
        let running = try await h.result("textDocument/hover", h.at("article.md", article))
        let fresh = try Harness(files: ["cast.md": castText, "a-first.md": "# First\n\n## Secretary Austin {#lloyd-austin .person}\n"])
        try await fresh.initialize()
        let same = try fresh.open("article.md", articleText)
        let started = try await fresh.result("textDocument/hover", fresh.at("article.md", same))
        #expect(running["contents"]?["value"]?.stringValue?.contains("**Secretary Austin**") == true)
        #expect(running["contents"] == started["contents"])
    }

    /// 8. A document opened before its folder's `dossier.json` appeared, with no event about it, moves to the
    /// nested workspace the index walk finds, where a fresh start puts it.
    @Test func anOpenDocumentMovesToTheNestedWorkspaceTheWalkFinds() async throws {
        let h = try Harness(files: ["cast.md": castText, "team/u.md": "# U\n"])
        // Indexing waits until the document is open and the dossier.json written (no event is sent for it).
        let hold = DispatchSemaphore(value: 0)
        h.server.diskQueue.async { hold.wait() }
        try await h.initialize(ClientCapabilities.push(watchers: true), waitForIndex: false)
        try h.client.reply(to: try await h.client.nextRequest("client/registerCapability"), result: .null)
        try h.open("team/u.md", "# U\n")
        _ = try await h.client.request(method: "textDocument/foldingRange", params: ["textDocument": ["uri": .string(h.uri("team/u.md"))]])
        let id = DocumentID(h.uri("team/u.md"))
        #expect(h.server.state.withLock { $0.open[id]?.workspace } == h.root)
        try Harness.write("{}", to: h.root + "/team/dossier.json")
        hold.signal()
        #expect(await eventually { h.server.state.withLock { $0.open[id]?.workspace } == h.root + "/team" })
        #expect(await eventually { h.server.state.withLock { $0.workspaces[h.root]?.snapshot.documents[id] == nil } })
    }
}
