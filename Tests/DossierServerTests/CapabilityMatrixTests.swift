import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// The `initialize` capabilities real clients send (recorded in `Tests/Conformance/profiles`: Neovim 0.7.2 and 0.12,
/// Eglot 1.9, Helix 25.07) and a VS Code that pulls: each gets exactly one diagnostics channel, a refresh only when
/// it supports one, and no capability without a handler.
@Suite("Capability matrix")
struct CapabilityMatrixTests {
    /// The recorded profiles, by file name.
    static let profiles: [(name: String, capabilities: JSONValue)] = {
        let folder = Paths.conformanceProfiles
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") && !$0.contains(".overlay.") }
        var profiles: [(String, JSONValue)] = names.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                let capabilities = (try? JSONParser.parse(Array(data)))?["capabilities"]
            else { return nil }
            return (name, capabilities)
        }
        profiles.append(("vscode with pull (harness)", ClientCapabilities.pull()))
        return profiles
    }()

    /// Which request answers each capability the server can advertise.
    static let handlers: [String: [String]] = [
        "hoverProvider": [HoverRequest.method], "definitionProvider": [DefinitionRequest.method],
        "referencesProvider": [ReferencesRequest.method], "renameProvider": [RenameRequest.method],
        "completionProvider": [CompletionRequest.method], "documentSymbolProvider": [DocumentSymbolRequest.method],
        "workspaceSymbolProvider": [WorkspaceSymbolRequest.method], "semanticTokensProvider": [SemanticTokensFullRequest.method],
        "foldingRangeProvider": [FoldingRangeRequest.method], "documentLinkProvider": [DocumentLinkRequest.method],
        "codeLensProvider": [CodeLensRequest.method], "codeActionProvider": [CodeActionRequest.method],
        "executeCommandProvider": [ExecuteCommandRequest.method], "inlayHintProvider": [InlayHintRequest.method],
        "diagnosticProvider": [DocumentDiagnosticRequest.method, WorkspaceDiagnosticRequest.method],
        "positionEncoding": [], "textDocumentSync": [DidOpenNotification.method, DidChangeNotification.method],
        "workspace": [DidChangeWorkspaceFoldersNotification.method],
    ]

    @Test func everyRecordedProfileIsFound() {
        #expect(Self.profiles.count >= 6, "\(Self.profiles.map(\.name))")
    }

    @Test(arguments: profiles.map(\.name))
    func oneChannelAndEveryCapabilityHandled(profile: String) async throws {
        let capabilities = try #require(Self.profiles.first { $0.name == profile }?.capabilities)
        let client = ClientProfile(capabilities)
        let pulls = capabilities["textDocument"]?["diagnostic"] != nil
            && capabilities["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue == true
        let expected: ClientProfile.DiagnosticsChannel = pulls ? .pull : .push
        let channel = client.diagnosticsChannel
        #expect(channel == expected)

        var withProgress = capabilities
        withProgress["window"] = ["workDoneProgress": true]
        let h = try Harness(files: ["cast.md": castText])
        let response = try await h.initialize(withProgress, waitForIndex: false)
        let advertised = response["result"]?["capabilities"]?.objectValue ?? JSONObject()
        // Every capability has its handlers in the tables; every provider is one the tables know.
        let methods = Set(RequestTable.requests.map { $0.method } + NotificationTable.notifications.map { $0.method })
        for key in advertised.keys {
            let needed = Self.handlers[key]
            #expect(needed != nil, "\(profile): \(key) is advertised but no test maps it to a handler")
            let missing = (needed ?? []).filter { !methods.contains($0) }
            #expect(missing.isEmpty, "\(profile): \(key) lacks \(missing)")
        }
        let providesPull = advertised["diagnosticProvider"] != nil
        #expect(providesPull == pulls, "\(profile): diagnostics channel")

        // Indexing done, a document with a finding: pushed to a push client; a pull client is asked to refresh only
        // when it supports that, and is never pushed to.
        if client.registersFileWatchers {
            let registration = try await h.client.nextRequest("client/registerCapability")
            try h.client.reply(to: registration, result: .null)
        }
        try await h.waitForIndexing()
        try h.open("a.md", "# A\n\n[Q](@nobody-known).\n")
        if pulls {
            let refresh = try await h.client.nextRequest("workspace/diagnostic/refresh")
            try h.client.reply(to: refresh, result: .null)
            let report = try await h.result("textDocument/diagnostic", ["textDocument": ["uri": .string(h.uri("a.md"))]])
            #expect(report["items"]?[0]?["code"] == "unknown-actor")
            try await Task.sleep(for: .milliseconds(200))
            #expect(!h.client.queuedMessages.contains { $0["method"] == "textDocument/publishDiagnostics" })
        } else {
            _ = try await h.diagnostics("a.md") { $0 == ["unknown-actor"] }
            #expect(!h.client.queuedMessages.contains { $0["method"] == "workspace/diagnostic/refresh" })
        }
    }

    /// For a client that takes everything, every request in the table advertises something, and nothing is
    /// advertised that the table does not answer.
    @Test func everyHandlerIsAdvertisedToAClientThatTakesEverything() {
        var capabilities = ClientCapabilities.pull()
        capabilities["workspace"]?["codeLens"] = ["refreshSupport": true]
        for request in RequestTable.requests {
            var alone = ServerCapabilities()
            request.advertise(&alone, for: ClientProfile(capabilities))
            #expect(!alone.json.isEmpty, "\(request.method) advertises nothing")
        }
        let all = LanguageServer.capabilities(for: ClientProfile(capabilities)).json
        for key in all.keys { #expect(Self.handlers[key] != nil, "\(key) has no handler") }
    }
}

/// Where the repository keeps what the tests read.
enum Paths {
    /// The recorded client profiles of the conformance suite.
    static let conformanceProfiles: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Tests/Conformance/profiles"
    }()
}
