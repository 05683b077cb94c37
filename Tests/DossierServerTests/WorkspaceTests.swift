import DossierAnalysis
import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// Every folder holding a `dossier.json` is a workspace of its own (SPEC 4), nested or one of several folders.
@Suite("Workspaces: nested and multi-root")
struct WorkspaceTests {
    static let strict = #"{"rules": {"vague-attribution": "error"}}"#
    static let vague = "# A\n\nIt reportedly happened.\n"

    /// A folder below the root with its own `dossier.json` has its own configuration and cast.
    @Test func nestedWorkspacesHaveTheirOwnConfigurationAndCast() async throws {
        let h = try Harness(files: [
            "dossier.json": #"{"rules": {"vague-attribution": "off"}}"#, "cast.md": castText,
            "team/dossier.json": Self.strict, "team/cast.md": "# Team\n\n## Ann Lee {#ann .person}\n",
        ])
        try await h.initialize()
        try h.open("a.md", Self.vague + "Said @lloyd-austin.\n")
        try h.open("team/b.md", Self.vague + "Said [Lloyd](@lloyd-austin) to @ann.\n")
        let outer = try await h.diagnostics("a.md")
        #expect(outer["params"]?["diagnostics"] == [])
        let inner = try await h.diagnostics("team/b.md")
        let codes = inner["params"]?["diagnostics"]?.arrayValue?.map { [$0["code"], $0["severity"]] }
        // The nested workspace does not see the outer cast, and its own rules apply.
        #expect(codes == [["vague-attribution", 1], ["unknown-actor", 1]])
        let workspaces = h.server.state.withLock { s in Set(s.workspaces.keys) }
        #expect(workspaces == [h.root, h.root + "/team"])
    }

    /// Several client folders, each its own workspace: the second folder's configuration is not the first's.
    @Test func multiRootFoldersKeepTheirOwnConfiguration() async throws {
        let h = try Harness(files: [
            "one/dossier.json": #"{"rules": {"vague-attribution": "off"}}"#, "two/dossier.json": Self.strict,
        ])
        try await h.initialize(folders: [h.root + "/one", h.root + "/two"])
        try h.open("one/a.md", Self.vague)
        try h.open("two/b.md", Self.vague)
        #expect(try await h.diagnostics("one/a.md")["params"]?["diagnostics"] == [])
        let two = try await h.diagnostics("two/b.md")
        #expect(two["params"]?["diagnostics"]?[0]?["severity"] == 1)
        // A folder added later is indexed; a removed one goes.
        try Harness.write("{}", to: h.root + "/three/dossier.json")
        try h.client.sendNotification(method: "workspace/didChangeWorkspaceFolders", params: ["event": [
            "added": [["uri": .string("file://" + h.root + "/three"), "name": "three"]],
            "removed": [["uri": .string("file://" + h.root + "/one"), "name": "one"]],
        ]])
        try await h.waitForIndexing()
        let workspaces = h.server.state.withLock { s in Set(s.workspaces.keys) }
        #expect(workspaces.isSuperset(of: [h.root + "/two", h.root + "/three"]))
        // one/a.md is still open: it keeps a home (its own dossier.json folder) and its diagnostics.
        #expect(h.server.state.withLock { $0.open[DocumentID(h.uri("one/a.md"))]?.workspace } == h.root + "/one")
    }

    /// A `dossier.json` created in a subfolder makes it a workspace: its files leave the outer one; deleting it
    /// gives them back.
    @Test func aDossierJSONAppearingOrGoingRelaysTheWorkspaceOut() async throws {
        let h = try Harness(files: ["cast.md": castText, "team/b.md": "# B\n\nSaid @lloyd-austin.\n"])
        try await h.initialize(ClientCapabilities.push(watchers: true))
        try h.client.reply(to: try await h.client.nextRequest("client/registerCapability"), result: .null)
        try h.open("team/c.md", "# C\n\nSaid [Lloyd](@lloyd-austin).\n")
        #expect(try await h.diagnostics("team/c.md")["params"]?["diagnostics"] == [])
        try Harness.write("{}", to: h.root + "/team/dossier.json")
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("team/dossier.json")), "type": 1]]])
        try await h.waitForIndexing()
        _ = try await h.diagnostics("team/c.md") { $0 == ["unknown-actor"] }
        try FileManager.default.removeItem(atPath: h.root + "/team/dossier.json")
        try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri("team/dossier.json")), "type": 3]]])
        try await h.waitForIndexing()
        _ = try await h.diagnostics("team/c.md") { $0.isEmpty }
        let owners = h.server.state.withLock { s in s.workspaces.values.filter { $0.snapshot.documents[DocumentID(h.uri("team/b.md"))] != nil }.map(\.key) }
        #expect(owners == [h.root])
    }

    /// A file opened outside every folder is checked on its own (or in the workspace of the `dossier.json` above
    /// it), never mixed into the client's folder.
    @Test func aFileOutsideTheFoldersIsCheckedOnItsOwn() async throws {
        let h = try Harness(files: ["inside/dossier.json": "{}", "inside/cast.md": castText])
        try await h.initialize(folders: [h.root + "/inside"])
        try Harness.write("{}", to: h.root + "/elsewhere/dossier.json")
        try h.open("elsewhere/x.md", "# X\n\nSaid @lloyd-austin and [L](@lloyd-austin).\n")
        _ = try await h.diagnostics("elsewhere/x.md") { $0 == ["unknown-actor"] }
        try h.client.sendNotification(method: "textDocument/didOpen", params: [
            "textDocument": ["uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": "# U\n\n[L](@lloyd-austin)\n"],
        ])
        let published = try await h.client.nextMessage(what: "untitled diagnostics") { $0["params"]?["uri"] == "untitled:Untitled-1" }
        #expect(published["params"]?["diagnostics"]?[0]?["code"] == "unknown-actor")
    }
}
