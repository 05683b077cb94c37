import DossierAnalysis
import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierSyntax
import DossierTestSupport
import Foundation
import Testing

/// Random histories of opens, edits, closes, files created, changed, deleted and renamed on disk, cast and
/// `dossier.json` changes, settings and requests in between; then every answer of the server that lived through
/// them is compared with a fresh server started on the final files with the same buffers open.
///
/// `DOSSIER_WORKSPACE_SEQUENCES` sets how many seeded histories run (a few hundred by default; thousands in
/// `Reliability/run.sh`); `DOSSIER_WORKSPACE_SEED` replays one alone. A failing history is shrunk to its shortest
/// failing step list, which the failure prints.
@Suite("Workspace differential: incremental equals fresh", .serialized)
struct WorkspaceDifferentialTests {
    static var sequenceCount: Int { Int(ProcessInfo.processInfo.environment["DOSSIER_WORKSPACE_SEQUENCES"] ?? "") ?? 300 }
    static var onlySeed: UInt64? { UInt64(ProcessInfo.processInfo.environment["DOSSIER_WORKSPACE_SEED"] ?? "") }

    /// How the client learns of disk changes and takes diagnostics.
    enum Profile: CaseIterable, Sendable, CustomStringConvertible {
        /// Pushed diagnostics, disk changes through `workspace/didChangeWatchedFiles` (UTF-16).
        case pushWatching
        /// Pulled diagnostics with refresh, watched files (UTF-8).
        case pullWatching
        /// Pushed diagnostics, no client watchers: the server's own watcher sees the disk (UTF-16).
        case pushSelfWatching

        var description: String {
            switch self {
            case .pushWatching: "push, client watches"
            case .pullWatching: "pull, client watches, UTF-8"
            case .pushSelfWatching: "push, server watches"
            }
        }

        var capabilities: JSONValue {
            switch self {
            case .pushWatching: ClientCapabilities.push(watchers: true)
            case .pullWatching: ClientCapabilities.pull(encodings: ["utf-8"])
            case .pushSelfWatching: ClientCapabilities.push(watchers: false)
            }
        }

        var sendsEvents: Bool { self != .pushSelfWatching }
    }

    @Test func randomHistoriesEndWhereAFreshStartDoes() async throws {
        let seeds: [UInt64] = Self.onlySeed.map { [$0] } ?? Array(1...UInt64(Self.sequenceCount))
        var failures = 0
        for seed in seeds {
            let profile = Profile.allCases[Int(seed % UInt64(Profile.allCases.count))]
            var generator = SplitMix64(seed: seed)
            let steps = Step.history(using: &generator)
            if seed % 50 == 0 { print("workspace differential: \(seed) of \(seeds.count) histories") }
            let outcome: String?
            do {
                outcome = try await Self.difference(steps, profile: profile)
            } catch {
                outcome = "\(error)"
            }
            guard let difference = outcome else { continue }
            failures += 1
            let shortest = try await Self.shrink(steps, profile: profile)
            Issue.record("""
                seed \(seed) (\(profile)) ends differently from a fresh start: \(difference)
                shortest failing history (\(shortest.count) of \(steps.count) steps):
                \(shortest.map { "  \($0)" }.joined(separator: "\n"))
                replay: DOSSIER_WORKSPACE_SEED=\(seed) swift test --filter WorkspaceDifferentialTests
                """)
            if failures >= 3 { break }
        }
    }

    /// Whether a history ends differently from a fresh start (or the server never settles on it).
    static func fails(_ steps: [Step], profile: Profile) async -> Bool {
        do {
            return try await difference(steps, profile: profile) != nil
        } catch {
            return true
        }
    }

    /// Removes steps while the history still fails: chunks first, then single steps.
    static func shrink(_ steps: [Step], profile: Profile) async throws -> [Step] {
        var current = steps
        var chunk = max(1, current.count / 2)
        while chunk >= 1 {
            var start = 0
            var removedAny = false
            while start < current.count {
                var candidate = current
                candidate.removeSubrange(start..<min(current.count, start + chunk))
                if await fails(candidate, profile: profile) {
                    current = candidate
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if !removedAny { chunk /= 2 }
        }
        return current
    }

    /// Writes one more file and waits until the server's own watcher has brought it into the index: inotify reports
    /// in order, so every change before it has been read too (a fixed pause was too short on a loaded machine). The
    /// fresh server reads the file as well.
    static func waitForTheWatcher(_ h: Harness, world: World) async throws {
        let name = "zz-watcher-barrier.md"
        try Harness.write("# Barrier\n", to: world.root + "/" + name)
        let id = h.uri(name)
        let deadline = ContinuousClock.now + TestTimeouts.scaled(.seconds(10))
        while !h.server.state.withLock({ s in s.workspaces.values.contains { $0.snapshot.documents.keys.contains { $0.rawValue == id } } }) {
            guard ContinuousClock.now < deadline else { throw Answers.SettleError(busy: "the watcher has not reported \(name)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Runs `steps` against a server, then starts a fresh one on the final files; the first difference, or nil.
    static func difference(_ steps: [Step], profile: Profile) async throws -> String? {
        let world = try World()
        defer { world.remove() }
        let incremental = try Harness(root: world.root)
        try await incremental.initialize(profile.capabilities, waitForIndex: false)
        for step in steps { try await step.apply(to: world, incremental, profile: profile) }
        if !profile.sendsEvents { try await waitForTheWatcher(incremental, world: world) }
        let before = try await Answers.collect(incremental, world: world, profile: profile)
        _ = try await incremental.client.request(method: "shutdown")

        let fresh = try Harness(root: world.root)
        try await fresh.initialize(profile.capabilities, options: nil, waitForIndex: false)
        if let settings = world.settings {
            try fresh.client.sendNotification(method: "workspace/didChangeConfiguration", params: ["settings": ["dossier": settings]])
        }
        for (name, buffer) in world.open.sorted(by: { $0.key < $1.key }) {
            try fresh.open(name, buffer.text, version: buffer.version)
        }
        let after = try await Answers.collect(fresh, world: world, profile: profile)
        _ = try await fresh.client.request(method: "shutdown")
        return before.difference(from: after)
    }
}

/// The files on disk, the open buffers and the settings: what a history leaves behind.
final class World: @unchecked Sendable {
    // @unchecked: used by one test task at a time.
    let root: String
    var open: [String: (text: String, version: Int)] = [:]
    var settings: JSONValue?

    init() throws {
        root = NSTemporaryDirectory() + "dossier-world-\(UUID().uuidString)"
        for (name, text) in World.start { try Harness.write(text, to: root + "/" + name) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func read(_ name: String) -> String? { try? String(contentsOfFile: root + "/" + name, encoding: .utf8) }

    static let start: [String: String] = [
        "dossier.json": "{}",
        "cast.md": Snippets.cast,
        "a.md": Snippets.texts[0],
        "b.md": Snippets.texts[1],
        "brief.md": Snippets.texts[2],
    ]
}

/// Texts the histories are made of: actor definitions, mentions, claims with ids and citations, cues, quotes.
enum Snippets {
    static let cast = """
        ---
        type: cast
        ---
        ## Lloyd Austin {#lloyd-austin .person}
        - aliases: Austin
        - role: Defense Secretary

        ## Dick Durbin {#dick-durbin .person}

        ## The New York Times {#nyt .outlet}

        """

    static let texts = [
        "# A\n\n[Austin](@lloyd-austin) said it. [Share]{.claim #share by=@lloyd-austin cue=said}\n",
        "# B\n\nIt reportedly happened, said Durbin. “Four words in quotes here” [x]{.claim #share}\n",
        "---\ntype: brief\n---\n# Brief\n\n[Summary]{.claim cite=#share} and [More]{.claim cite=#other}\n",
        "# C\n\n## Ann Lee {#ann .person}\n- aliases: Austin\n\n[Other]{.claim #other by=@ann}\n",
        "# D\n\n@dick-durbin and @nyt and [Nobody](@nobody-here).\n",
        "# E\n\nOfficials familiar with the matter said [it]{.claim #other via=@nyt}.\n",
        "# F\n\n## Lloyd Austin {#lloyd-austin .person}\n",
        "",
    ]

    static let pieces = [
        "", "x", " ", "\n", "\n\n", "“", "😀", "[", "]", "{.claim", "}", "(@nyt)", "@nyt", "@lloyd-austin", "@ann", "Austin",
        "reportedly", "[q]{.quote #share by=@nyt}", "cite=#share", "## Zed Zee {#zed .person}\n", "#other",
    ]

    /// Where histories write: the workspace, an excluded folder (when `exclude` is on), hidden and `node_modules`
    /// folders, and a folder that may become a nested workspace.
    static let names = ["a.md", "b.md", "c.md", "brief.md", "cast.md", "drafts/x.md", ".hidden/y.md", "node_modules/p/z.md", "team/t.md", "team/u.md"]
}

/// One step of a history.
enum Step: CustomStringConvertible, Sendable {
    case open(String)
    case edit(String, start: Int, length: Int, text: String)
    case replace(String, text: String)
    case close(String)
    case write(String, text: String)
    case delete(String)
    case rename(String, to: String)
    case exclude(Bool)
    case nestedWorkspace(Bool)
    case settings(String?)
    case request(String)

    var description: String {
        switch self {
        case .open(let name): "open \(name)"
        case .edit(let name, let start, let length, let text): "edit \(name) at \(start)+\(length) → \(text.debugDescription)"
        case .replace(let name, let text): "replace \(name) with \(text.debugDescription)"
        case .close(let name): "close \(name)"
        case .write(let name, let text): "write \(name) on disk: \(text.debugDescription)"
        case .delete(let name): "delete \(name) on disk"
        case .rename(let from, let to): "rename \(from) → \(to) on disk"
        case .exclude(let on): on ? "exclude drafts/** in dossier.json" : "no exclude in dossier.json"
        case .nestedWorkspace(let on): on ? "create team/dossier.json" : "delete team/dossier.json"
        case .settings(let rule): rule.map { "settings: \($0) off" } ?? "settings: none"
        case .request(let name): "requests on \(name)"
        }
    }

    static func history(using generator: inout SplitMix64) -> [Step] {
        (0..<Int.random(in: 4...14, using: &generator)).map { _ in random(using: &generator) }
    }

    static func random(using generator: inout SplitMix64) -> Step {
        let name = Snippets.names.randomElement(using: &generator)!
        let text = Snippets.texts.randomElement(using: &generator)!
        switch Int.random(in: 0..<20, using: &generator) {
        case 0...3: return .open(name)
        case 4...7:
            return .edit(
                name, start: Int.random(in: 0...80, using: &generator), length: Int.random(in: 0...6, using: &generator),
                text: Snippets.pieces.randomElement(using: &generator)!)
        case 8: return .replace(name, text: text)
        case 9...10: return .close(name)
        case 11...12: return .write(name, text: text)
        case 13: return .delete(name)
        case 14: return .rename(name, to: Snippets.names.randomElement(using: &generator)!)
        case 15: return .exclude(Bool.random(using: &generator))
        case 16: return .nestedWorkspace(Bool.random(using: &generator))
        case 17: return .settings(["unlinked-mention", "vague-attribution", nil].randomElement(using: &generator)!)
        default: return .request(name)
        }
    }

    /// Applies the step to the world and tells the server as a client would.
    func apply(to world: World, _ h: Harness, profile: WorkspaceDifferentialTests.Profile) async throws {
        func event(_ name: String, _ type: Int) throws {
            guard profile.sendsEvents else { return }
            try h.client.sendNotification(method: "workspace/didChangeWatchedFiles", params: ["changes": [["uri": .string(h.uri(name)), "type": .int(type)]]])
        }
        switch self {
        case .open(let name):
            guard world.open[name] == nil else { return }
            let text = world.read(name) ?? ""
            world.open[name] = (text, 1)
            try h.open(name, text)
        case .edit(let name, let start, let length, let text):
            guard var buffer = world.open[name] else { return }
            // An edit in scalars, sent as an LSP range in the negotiated encoding.
            var scalars = Array(buffer.text.unicodeScalars)
            let from = min(start, scalars.count), to = min(scalars.count, from + length)
            let lines = LineTable(Array(buffer.text.utf8))
            func offset(_ scalar: Int) -> Int { String(String.UnicodeScalarView(scalars[..<scalar])).utf8.count }
            let range = LSPValues.range(lines.range(of: ByteRange(offset(from), offset(to)), in: h.encoding))
            scalars.replaceSubrange(from..<to, with: Array(text.unicodeScalars))
            buffer.text = String(String.UnicodeScalarView(scalars))
            buffer.version += 1
            world.open[name] = buffer
            try h.client.sendNotification(method: "textDocument/didChange", params: [
                "textDocument": ["uri": .string(h.uri(name)), "version": .int(buffer.version)],
                "contentChanges": [["range": range, "text": .string(text)]],
            ])
        case .replace(let name, let text):
            guard var buffer = world.open[name] else { return }
            buffer = (text, buffer.version + 1)
            world.open[name] = buffer
            try h.change(name, to: text, version: buffer.version)
        case .close(let name):
            guard world.open.removeValue(forKey: name) != nil else { return }
            try h.close(name)
        case .write(let name, let text):
            let existed = world.read(name) != nil
            try Harness.write(text, to: world.root + "/" + name)
            try event(name, existed ? 2 : 1)
        case .delete(let name):
            guard world.read(name) != nil else { return }
            try FileManager.default.removeItem(atPath: world.root + "/" + name)
            try event(name, 3)
        case .rename(let from, let to):
            guard from != to, let text = world.read(from) else { return }
            try? FileManager.default.removeItem(atPath: world.root + "/" + to)
            try Harness.write(text, to: world.root + "/" + to)
            try FileManager.default.removeItem(atPath: world.root + "/" + from)
            try event(from, 3)
            try event(to, 1)
        case .exclude(let on):
            try Harness.write(on ? #"{"exclude": ["drafts/**"]}"# : "{}", to: world.root + "/dossier.json")
            try event("dossier.json", 2)
        case .nestedWorkspace(let on):
            let path = world.root + "/team/dossier.json"
            if on {
                try Harness.write(#"{"rules": {"vague-attribution": "error"}}"#, to: path)
                try event("team/dossier.json", 1)
            } else if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
                try event("team/dossier.json", 3)
            }
        case .settings(let rule):
            world.settings = rule.map { ["rules": [$0: "off"]] }
            try h.client.sendNotification(method: "workspace/didChangeConfiguration", params: ["settings": ["dossier": world.settings ?? [:]]])
        case .request(let name):
            // Sent and not waited for: requests in flight while the workspace changes.
            let position: JSONValue = ["line": 2, "character": 3]
            for method in ["textDocument/hover", "textDocument/references", "textDocument/completion"] {
                try h.client.sendRequest(method: method, params: ["textDocument": ["uri": .string(h.uri(name))], "position": position, "context": ["includeDeclaration": true]])
            }
        }
    }
}

/// Everything compared between the two servers.
struct Answers: Equatable {
    var indexed: [String: String] = [:]
    var diagnostics: [String: JSONValue] = [:]
    var pushed: [String: JSONValue] = [:]
    var features: [String: JSONValue] = [:]

    /// Waits until the server has applied everything, then asks it every question.
    static func collect(_ h: Harness, world: World, profile: WorkspaceDifferentialTests.Profile) async throws -> Answers {
        try await settle(h)
        var answers = Answers()
        answers.indexed = h.server.state.withLock { s in
            var owners: [String: String] = [:]
            for workspace in s.workspaces.values {
                for id in workspace.snapshot.documents.keys {
                    owners[String(id.rawValue.dropFirst(h.uri("").count))] = String(workspace.key.dropFirst(h.root.count))
                }
            }
            return owners
        }
        let report = try await h.result("workspace/diagnostic", ["previousResultIds": []])
        for item in report["items"]?.arrayValue ?? [] {
            answers.diagnostics[item["uri"]?.stringValue ?? "?"] = item["items"]
        }
        if profile != .pullWatching {
            // The last set pushed for each open document must be the fresh one.
            for message in h.client.drainQueuedMessages() where message["method"] == "textDocument/publishDiagnostics" {
                guard let uri = message["params"]?["uri"]?.stringValue else { continue }
                answers.pushed[uri] = message["params"]?["diagnostics"]
            }
            answers.pushed = answers.pushed.filter { uri, _ in world.open.keys.contains { h.uri($0) == uri } }
        }
        for name in world.open.keys.sorted() {
            guard let text = world.open[name]?.text else { continue }
            let lines = LineTable(Array(text.utf8))
            for offset in stride(from: 0, to: text.utf8.count, by: max(1, text.utf8.count / 6)) {
                let position = LSPValues.position(lines.position(of: offset, in: h.encoding))
                let at: JSONObject = ["textDocument": ["uri": .string(h.uri(name))], "position": position, "context": ["includeDeclaration": true]]
                for method in ["textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion"] {
                    answers.features["\(method) \(name) \(offset)"] = try await h.result(method, at)
                }
            }
            answers.features["symbols \(name)"] = try await h.result("textDocument/documentSymbol", ["textDocument": ["uri": .string(h.uri(name))]])
        }
        answers.features["workspace/symbol"] = try await h.result("workspace/symbol", ["query": ""])
        return answers
    }

    /// Waits until indexing, the disk queue and the publisher are idle and stay so; throws, saying what is still
    /// busy, when that takes more than ten seconds.
    static func settle(_ h: Harness) async throws {
        // An answered request: every notification sent before it has been handled.
        _ = try await h.client.request(method: "textDocument/foldingRange", params: ["textDocument": ["uri": .string(h.uri("a.md"))]])
        let deadline = ContinuousClock.now + TestTimeouts.scaled(.seconds(10))
        var quietRounds = 0
        while quietRounds < 2 {
            await h.server.onDiskQueue {}
            let gathering = h.server.watcher.withLock { $0?.isGathering ?? false } || h.server.clientEvents.isGathering
            let busy = h.server.state.withLock { s -> String? in
                if gathering { return "the watcher is gathering" }
                if s.indexerRunning || !s.indexQueue.isEmpty { return "indexer running, queue \(s.indexQueue)" }
                if !s.indexed { return "indexing: \(s.workspaces.values.filter(\.indexing).map(\.key))" }
                if !s.publishing.dirty.isEmpty || s.publishing.delivering {
                    return "diagnostics owed: \(s.publishing.dirty.map { "\($0) in \(s.open[$0]?.workspace ?? "-")" }), workspaces \(s.workspaces.keys.sorted())"
                }
                return nil
            }
            if let busy, ContinuousClock.now > deadline { throw SettleError(busy: busy) }
            quietRounds = busy == nil ? quietRounds + 1 : 0
            try await Task.sleep(for: .milliseconds(busy == nil ? 10 : 5))
        }
    }

    /// The server never settled.
    struct SettleError: Error, CustomStringConvertible {
        var busy: String
        var description: String { "the server did not settle within ten seconds: \(busy)" }
    }

    /// A description of the first difference, or nil.
    func difference(from fresh: Answers) -> String? {
        if indexed != fresh.indexed { return "indexed documents: \(indexed.sorted { $0.key < $1.key }) vs fresh \(fresh.indexed.sorted { $0.key < $1.key })" }
        for key in Set(diagnostics.keys).union(fresh.diagnostics.keys).sorted() where diagnostics[key] != fresh.diagnostics[key] {
            return "diagnostics of \(key): \(diagnostics[key] ?? .null) vs fresh \(fresh.diagnostics[key] ?? .null)"
        }
        for key in Set(pushed.keys).union(fresh.pushed.keys).sorted() where pushed[key] != fresh.pushed[key] {
            return "last pushed diagnostics of \(key): \(pushed[key] ?? .null) vs fresh \(fresh.pushed[key] ?? .null)"
        }
        for key in Set(features.keys).union(fresh.features.keys).sorted() where features[key] != fresh.features[key] {
            return "\(key):\n    \(features[key] ?? .null)\n  vs fresh\n    \(fresh.features[key] ?? .null)"
        }
        return nil
    }
}
