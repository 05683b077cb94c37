#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DossierJSON
import DossierProtocol

/// Settings for the soak: one server, many mixed messages, pipelined.
struct SoakSettings {
    var dossier: String
    /// Messages to send in all: requests and notifications (the initial `didOpen`s included).
    var messages = 100_000
    var seed: UInt64 = 1
    /// The server's RSS is read every this many messages.
    var sampleEvery = 1000
    /// Requests outstanding at most; the driver waits for a response before sending more.
    var inFlight = 16
    /// Seconds allowed for indexing, and for the final diagnostics after the last message.
    var timeout = 120.0
    /// Seconds a request may stay unanswered before the server is declared stuck.
    var requestTimeout = 60.0
    /// Seconds the server is kept running after the end sample, for inspection (gdb, /proc).
    var hold = 0.0
    var logPath: String
}

/// One reading of the server's resident set.
struct RSSSample {
    /// Messages sent when the sample was taken.
    var messages: Int
    /// Seconds since the end of indexing.
    var seconds: Double
    var bytes: Int
    /// The server's CPU seconds so far (user + system): with `seconds`, tells a slower server from a starved one.
    var cpuSeconds: Double?
    var openDocuments: Int
    /// Diagnostics in the latest publication for the pinned big article: shows whether the
    /// workload stays stationary (random edits inside its annotations break ids and blocks).
    var bigArticleDiagnostics: Int?
    /// "after indexing", "end", or nil for a periodic sample.
    var label: String?
}

/// What happened to the requests of one method.
struct MethodTally {
    var sent = 0
    var answered = 0
    /// Successful responses that were neither `null` nor empty.
    var nonEmpty = 0
    /// Requests followed by a `$/cancelRequest`.
    var cancelsSent = 0
    /// Error responses by code.
    var errors: [Int: Int] = [:]
    /// Write → response, queueing behind other in-flight requests included.
    var latencies = Distribution()
    var responseBytes = 0
}

/// Everything the soak observed.
struct SoakResults {
    var initialized = false
    /// Spawn → end of indexing, in nanoseconds.
    var indexed: UInt64?
    var encoding = PositionEncoding.utf16
    /// Request methods in the mix (the ones the server advertises), and the ones left out.
    var methodsInMix: [String] = []
    var methodsSkipped: [String] = []
    var messagesSent = 0
    var requestsSent = 0
    var notificationsSent: [String: Int] = [:]
    var responses = 0
    /// Requests never answered: (id, method), in id order.
    var lost: [(id: Int64, method: String)] = []
    /// Responses for an id already answered.
    var duplicates = 0
    /// Responses for an id never sent (or without id).
    var unknownIDs = 0
    /// Error responses that a correct server does not give for these requests, first few described.
    var unexpectedErrors = 0
    var unexpectedErrorExamples: [String] = []
    var errorsByCode: [Int: Int] = [:]
    var methods: [String: MethodTally] = [:]
    var samples: [RSSSample] = []
    /// End of indexing → end of the quiet period after the last message.
    var wallSeconds = 0.0
    /// Seconds spent sending the messages (end of indexing → last message written).
    var sendSeconds = 0.0
    var diagnosticsReceived = 0
    /// Publications received before the last message was sent (the rest came in the final wait).
    var diagnosticsWhileSending = 0
    var serverRequests = 0
    /// Open documents whose latest version never got its `publishDiagnostics`.
    var staleDiagnostics: [String] = []
    var openAtEnd = 0
    var opened = 0
    var closed = 0
    var edits = 0
    var castEdits = 0
    /// Times the pinned big article was given its original text again.
    var bigArticleReverts = 0
    var staleCancels = 0
    var serverUsage: ChildUsage?
    /// Why and when the server went away before `shutdown`, if it did.
    var serverDied: String?
    var notes: [String] = []

    /// The RSS sample taken right after indexing.
    var startRSS: Int? { samples.first { $0.label == "after indexing" }?.bytes }
    /// The last sample, after the quiet period.
    var endRSS: Int? { samples.last { $0.label == "end" }?.bytes }
    var peakRSS: Int? { samples.map(\.bytes).max() }
    var notificationCount: Int { notificationsSent.values.reduce(0, +) }
}

/// The rule for "memory stays flat": end RSS at most 10 % above the RSS after indexing, plus 20 MB of slack.
enum FlatMemoryRule {
    static let growthFactor = 1.10
    static let slackBytes = 20_000_000
    static let text = "end RSS ≤ RSS after indexing × 1.10 + 20 MB"

    /// The largest end RSS that still counts as flat.
    static func limit(start: Int) -> Int { Int(Double(start) * growthFactor) + slackBytes }
}

/// Drives one `dossier lsp` through a long seeded mix of requests and edits, pipelined, and checks
/// that every request is answered exactly once while sampling the server's memory.
struct SoakSession {
    let settings: SoakSettings
    let corpus: Corpus
    private var random: SeededRandom
    private var results = SoakResults()
    private var fullSync = false
    private var soakStart: UInt64 = 0

    /// A request the driver is waiting on.
    private struct Pending {
        var method: String
        var sent: UInt64
        var cancelled = false
    }
    private var outstanding: [Int64: Pending] = [:]
    private var answered: Set<Int64> = []
    /// Answered ids, for `$/cancelRequest`s that arrive too late and must be ignored.
    private var answeredOrder: [Int64] = []

    /// Open documents: a rotating set of articles plus the pinned big article and cast file.
    private var open: [TextDocument] = []
    private var openPaths: Set<String> = []
    private var pinned: Set<String> = []
    private var castPath: String?
    /// The alias phrase the cast edit toggles, and whether it is in the cast now.
    private var castPhrase: [UInt8] = []
    private var castPhraseAdded = false
    /// The last version each URI had, so a reopened document continues its versions and a late
    /// publication for an earlier session cannot pass for the current one.
    private var lastVersion: [String: Int] = [:]
    /// The last version whose diagnostics the server published, by URI.
    private var publishedVersion: [String: Int] = [:]
    /// The pinned big article: its URI, text on disk, edits since it last had that text, and how
    /// many diagnostics the server last published for it.
    private var bigArticleURI: String?
    private var bigArticleOriginal: [UInt8] = []
    private var bigArticleEdits = 0
    private var bigArticleDiagnostics: Int?
    private var mix: [(action: SoakAction, weight: Int)] = []
    private var totalWeight = 0

    /// Articles kept open at least / at most besides the pinned documents.
    private let minimumOpen = 8, maximumOpen = 40, initialOpen = 24
    /// Random edits of the pinned big article before it gets its original text back. Edits inside
    /// annotations break ids and attribute blocks and deletions rarely mend them, so a document that
    /// stays open for the whole run would pile up unknown ids and syntax errors, making each of its
    /// re-checks costlier as the run goes on. A rotating article is edited about a dozen times before
    /// it is closed and later reopened from disk; the pinned one is reverted after twice that.
    static let bigArticleRevertEvery = 25

    /// A soak of `corpus` with `settings`.
    init(settings: SoakSettings, corpus: Corpus) {
        self.settings = settings
        self.corpus = corpus
        self.random = SeededRandom(seed: settings.seed)
    }

    private var encoding: PositionEncoding { results.encoding }

    /// Runs the soak; failures end it early and are reported in the results.
    mutating func run() -> SoakResults {
        StandardIO.ignoreSIGPIPE()
        let start = now()
        soakStart = start
        let client: LSPClient
        do {
            client = try LSPClient(arguments: [settings.dossier, "lsp"], logPath: settings.logPath)
        } catch {
            results.notes.append("could not start the server: \(error)")
            return results
        }
        do {
            try session(client, start: start)
        } catch {
            // Writes fail once the server is gone; anything else is the driver's own failure.
            if client.isClosed || currentRSS(of: client.child.pid) == nil {
                results.serverDied = "the server went away after \(results.messagesSent) messages (\(error))"
            } else {
                results.notes.append("soak aborted after \(results.messagesSent) messages: \(error)")
            }
        }
        // A run cut short still reports where memory ended and what was left unanswered.
        if results.initialized && !results.samples.contains(where: { $0.label == "end" }) {
            if results.wallSeconds == 0 { results.wallSeconds = Double(now() - soakStart) / 1e9 }
            sample(client, label: "end")
        }
        if settings.hold > 0 && !client.isClosed {
            progress("soak: done; holding the server (pid \(client.child.pid)) for \(settings.hold) s")
            let until = now() + UInt64(settings.hold * 1e9)
            while now() < until && !client.isClosed { absorb(client.takeAll(timeout: 0.5)) }
        }
        results.lost = outstanding.map { (id: $0.key, method: $0.value.method) }.sorted { $0.id < $1.id }
        finish(client)
        return results
    }

    /// Initialize, indexing, the message loop, then the drain: every answer, the last diagnostics, a quiet second.
    private mutating func session(_ client: LSPClient, start: UInt64) throws {
        guard try initialize(client) else { return }
        switch client.waitForIndexing(until: start + UInt64(settings.timeout * 1e9)) {
        case .success(let end): results.indexed = end - start
        case .failure(let reason):
            results.notes.append("\(reason): RSS \"after indexing\" is taken once the wait gave up")
        }
        soakStart = now()
        sample(client, label: "after indexing")
        progress("soak: indexed in \(ms(results.indexed)), server (pid \(client.child.pid)) RSS \(megabytes(results.samples.last?.bytes)); sending…")
        try openInitialDocuments(client)

        var nextSample = settings.sampleEvery
        let progressEvery = max(1, settings.messages / 10)
        var nextProgress = progressEvery
        while results.messagesSent < settings.messages {
            absorb(client.takeAll(timeout: 0))
            while outstanding.count >= settings.inFlight {
                guard awaitResponses(client) else { return }
            }
            if client.isClosed {
                results.serverDied = "the server closed its output after \(results.messagesSent) messages"
                return
            }
            try perform(pickAction(), client)
            if results.messagesSent >= nextSample {
                sample(client, label: nil)
                while nextSample <= results.messagesSent { nextSample += settings.sampleEvery }
            }
            if results.messagesSent >= nextProgress {
                let seconds = Double(now() - soakStart) / 1e9
                progress("soak: \(results.messagesSent)/\(settings.messages) messages, \(Int(Double(results.messagesSent) / seconds)) msg/s, server RSS \(megabytes(results.samples.last?.bytes))")
                while nextProgress <= results.messagesSent { nextProgress += progressEvery }
            }
        }
        results.sendSeconds = Double(now() - soakStart) / 1e9
        results.diagnosticsWhileSending = results.diagnosticsReceived

        // Every request answered, then every open document's latest version diagnosed.
        while !outstanding.isEmpty {
            guard awaitResponses(client) else { break }
        }
        awaitFinalDiagnostics(client)
        // A quiet second catches late duplicates and answers to cancels of finished requests.
        let quietUntil = now() + 1_000_000_000
        while now() < quietUntil {
            absorb(client.takeAll(timeout: Double(quietUntil - min(quietUntil, now())) / 1e9))
        }
        results.wallSeconds = Double(now() - soakStart) / 1e9
        sample(client, label: "end")
    }

    // MARK: Lifecycle

    /// Sends `initialize` and `initialized`, and builds the mix from what the server advertises.
    private mutating func initialize(_ client: LSPClient) throws -> Bool {
        let (id, _) = try client.request("initialize", LSPClient.initializeParams(root: corpus.root))
        guard let (_, result, _) = client.response(to: id, timeout: settings.timeout) else {
            results.notes.append("no initialize response within \(Int(settings.timeout)) s")
            return false
        }
        guard case .success(let value) = result else {
            if case .failure(let error) = result { results.notes.append("initialize failed: \(error)") }
            return false
        }
        results.initialized = true
        let capabilities = value["capabilities"] ?? .null
        if let name = capabilities["positionEncoding"]?.stringValue, let e = PositionEncoding(rawValue: name) {
            results.encoding = e
        }
        let sync = capabilities["textDocumentSync"]
        fullSync = (sync?.intValue ?? sync?["change"]?.intValue ?? 2) == 1
        buildMix(capabilities)
        try client.notify("initialized", [:])
        return true
    }

    /// The weighted mix of actions, limited to the requests the server says it supports.
    private mutating func buildMix(_ capabilities: JSONValue) {
        /// Whether the capability is present and not switched off.
        func provides(_ key: String) -> Bool {
            guard let value = capabilities[key] else { return false }
            return value != .null && value != .bool(false)
        }
        let semanticFull = capabilities["semanticTokensProvider"]?["full"].map { $0 != .bool(false) && $0 != .null } ?? false
        let prepare = capabilities["renameProvider"]?["prepareProvider"]?.boolValue ?? false
        // Weights: reads outnumber edits as in an editor; the workspace-wide and large answers are rarer.
        let candidates: [(SoakAction, Int, Bool)] = [
            (.request("textDocument/hover"), 14, provides("hoverProvider")),
            (.request("textDocument/definition"), 10, provides("definitionProvider")),
            (.request("textDocument/references"), 6, provides("referencesProvider")),
            (.completion, 6, provides("completionProvider")),
            (.request("textDocument/documentSymbol"), 5, provides("documentSymbolProvider")),
            (.request("textDocument/semanticTokens/full"), 5, semanticFull),
            (.request("textDocument/foldingRange"), 4, provides("foldingRangeProvider")),
            (.request("textDocument/documentLink"), 4, provides("documentLinkProvider")),
            (.request("textDocument/codeLens"), 3, provides("codeLensProvider")),
            (.request("textDocument/prepareRename"), 3, prepare),
            (.rename, 1, provides("renameProvider")),
            (.request("textDocument/diagnostic"), 5, provides("diagnosticProvider")),
            (.proseEdit, 12, true),
            (.annotationEdit, 10, true),
            (.rotate, 4, true),
            (.castEdit, 1, corpus.castFile != nil),
            (.staleCancel, 1, true),
        ]
        for (action, weight, supported) in candidates {
            if supported {
                mix.append((action, weight))
                if let method = action.method { results.methodsInMix.append(method) }
            } else if let method = action.method {
                results.methodsSkipped.append(method)
            }
        }
        totalWeight = mix.reduce(0) { $0 + $1.weight }
    }

    /// Sends `shutdown` and `exit` to a live server, reaps it, and records how it ended.
    private mutating func finish(_ client: LSPClient) {
        if !client.isClosed && results.serverDied == nil {
            if (try? client.roundTrip("shutdown", nil, timeout: settings.requestTimeout)) == nil {
                results.notes.append("no shutdown response within \(Int(settings.requestTimeout)) s")
            }
            _ = try? client.notify("exit", nil)
        }
        client.closeInput()
        if let (usage, killed) = try? client.child.wait(seconds: 10) {
            results.serverUsage = usage
            if killed { results.notes.append("the server did not exit within 10 s of `exit` and was killed") }
            if let died = results.serverDied { results.serverDied = "\(died); \(usage.statusText)" }
        }
        if client.framingErrors > 0 { results.notes.append("\(client.framingErrors) malformed messages from the server") }
    }

    // MARK: Receiving

    /// Accounts for messages from the server: matches responses to requests, notes publications.
    private mutating func absorb(_ batch: [Received]) {
        for entry in batch {
            switch entry.message {
            case .response(let id, let result):
                results.responses += 1
                guard case .integer(let n)? = id, let pending = outstanding.removeValue(forKey: n) else {
                    if case .integer(let n)? = id, answered.contains(n) {
                        results.duplicates += 1
                        if results.duplicates <= 10 { results.notes.append("duplicate response for request \(n)") }
                    } else {
                        results.unknownIDs += 1
                        if results.unknownIDs <= 10 { results.notes.append("response for unknown id \(id.map(\.description) ?? "null")") }
                    }
                    continue
                }
                answered.insert(n)
                answeredOrder.append(n)
                var tally = results.methods[pending.method, default: MethodTally()]
                tally.answered += 1
                tally.latencies.add(entry.time - pending.sent)
                tally.responseBytes += entry.bytes
                switch result {
                case .success(let value):
                    if !isEmptyResult(value) { tally.nonEmpty += 1 }
                case .failure(let error):
                    let code = error.code.rawValue
                    tally.errors[code, default: 0] += 1
                    results.errorsByCode[code, default: 0] += 1
                    if !isExpected(error.code, pending) {
                        results.unexpectedErrors += 1
                        if results.unexpectedErrorExamples.count < 10 {
                            results.unexpectedErrorExamples.append("\(pending.method) (request \(n)\(pending.cancelled ? ", cancelled" : "")): \(error)")
                        }
                    }
                }
                results.methods[pending.method] = tally
            case .notification("textDocument/publishDiagnostics", let params):
                results.diagnosticsReceived += 1
                // A publication without version (after didClose) says nothing about a version.
                if let uri = params?["uri"]?.stringValue, let version = params?["version"]?.intValue {
                    publishedVersion[uri] = version
                    if uri == bigArticleURI { bigArticleDiagnostics = params?["diagnostics"]?.arrayValue?.count }
                }
            case .request:
                results.serverRequests += 1
            case .notification:
                break
            }
        }
    }

    /// Whether a correct server may answer `pending` with this error code.
    private func isExpected(_ code: ErrorCode, _ pending: Pending) -> Bool {
        switch code {
        case .requestCancelled: return pending.cancelled
        // LSP lets a server give up on a request whose document changed, at any time.
        case .contentModified, .serverCancelled: return true
        // Renames to an invalid or taken id, or of something that cannot be renamed, are refused.
        case .requestFailed: return pending.method == "textDocument/rename" || pending.method == "textDocument/prepareRename"
        default: return false
        }
    }


    /// Waits for at least one message and absorbs what came; false when the server has gone or a
    /// request has waited longer than `requestTimeout` (the server is then considered stuck).
    private mutating func awaitResponses(_ client: LSPClient) -> Bool {
        let batch = client.takeAll(timeout: 0.5)
        absorb(batch)
        if !batch.isEmpty { return true }
        if client.isClosed {
            results.serverDied = "the server closed its output after \(results.messagesSent) messages with \(outstanding.count) requests unanswered"
            return false
        }
        let oldest = outstanding.values.map(\.sent).min() ?? now()
        if now() - oldest > UInt64(settings.requestTimeout * 1e9) {
            results.notes.append("no response to \(outstanding.count) requests for \(Int(settings.requestTimeout)) s: stopped waiting")
            return false
        }
        return true
    }

    /// Waits until every open document has diagnostics for its latest version.
    private mutating func awaitFinalDiagnostics(_ client: LSPClient) {
        let deadline = now() + UInt64(settings.timeout * 1e9)
        /// URIs of open documents whose last published version is not their current one.
        func stale(_ s: SoakSession) -> [String] {
            s.open.filter { s.publishedVersion[$0.uri] != $0.version }.map(\.uri)
        }
        var pending = stale(self)
        while !pending.isEmpty && now() < deadline && !client.isClosed {
            absorb(client.takeAll(timeout: 0.5))
            pending = stale(self)
        }
        results.staleDiagnostics = pending
        results.openAtEnd = open.count
    }

    // MARK: Sending

    /// Sends a request and notes it as outstanding; `cancel` follows it with `$/cancelRequest` at once.
    private mutating func sendRequest(_ client: LSPClient, _ method: String, _ params: JSONValue, cancel: Bool = false) throws {
        let (id, sent) = try client.request(method, params)
        guard case .integer(let n) = id else { throw BenchError("the client made a non-integer id") }
        outstanding[n] = Pending(method: method, sent: sent)
        results.methods[method, default: MethodTally()].sent += 1
        results.requestsSent += 1
        results.messagesSent += 1
        if cancel {
            outstanding[n]?.cancelled = true
            results.methods[method, default: MethodTally()].cancelsSent += 1
            try sendNotification(client, "$/cancelRequest", ["id": id.json])
        }
    }

    /// Sends a notification and counts it.
    private mutating func sendNotification(_ client: LSPClient, _ method: String, _ params: JSONValue) throws {
        try client.notify(method, params)
        results.notificationsSent[method, default: 0] += 1
        results.messagesSent += 1
    }

    private var remaining: Int { settings.messages - results.messagesSent }

    /// About one request in twenty is cancelled right after it is sent, budget permitting.
    private mutating func shouldCancel(reserving extra: Int = 0) -> Bool {
        remaining >= 2 + extra && random.chance(5)
    }

    // MARK: Actions

    /// A weighted random action.
    private mutating func pickAction() -> SoakAction {
        var roll = random.below(totalWeight)
        for (action, weight) in mix {
            if roll < weight { return action }
            roll -= weight
        }
        return mix[0].action
    }

    /// Sends the messages of one action.
    private mutating func perform(_ action: SoakAction, _ client: LSPClient) throws {
        // Actions that take several messages give way to a single request near the end of the budget.
        if action.messages > remaining { return try perform(fallbackAction, client) }
        switch action {
        case .request(let method): try request(method, client)
        case .completion: try completion(client)
        case .rename: try rename(client)
        case .proseEdit: try randomEdit(inAnnotation: false, client)
        case .annotationEdit: try randomEdit(inAnnotation: true, client)
        case .rotate: try rotate(client)
        case .castEdit: try castEdit(client)
        case .staleCancel: try staleCancel(client)
        }
    }

    /// A one-message action for when the chosen one cannot go ahead: the first plain request in the mix.
    private var fallbackAction: SoakAction {
        mix.first { if case .request = $0.action { true } else { false } }?.action ?? .staleCancel
    }



    /// On an `@id`, where the server has work to do, `onReference` percent of the time; anywhere otherwise.
    private mutating func position(in doc: TextDocument, onReference: Int = 50) -> JSONValue {
        let references = doc.referenceOffsets()
        let offset = !references.isEmpty && random.chance(onReference) ? random.pick(references) : doc.boundary(random.below(doc.bytes.count + 1))
        return doc.position(offset, encoding)
    }

    /// A request of `method` on a random open document, with a position or context where the method takes one.
    private mutating func request(_ method: String, _ client: LSPClient) throws {
        let doc = open[random.below(open.count)]
        var params: JSONValue = ["textDocument": identifier(doc)]
        switch method {
        case "textDocument/hover", "textDocument/definition", "textDocument/prepareRename":
            params["position"] = position(in: doc)
        case "textDocument/references":
            params["position"] = position(in: doc)
            params["context"] = ["includeDeclaration": .bool(random.chance(50))]
        case "textDocument/diagnostic":
            params["identifier"] = "dossier"
        default:
            break
        }
        try sendRequest(client, method, params, cancel: shouldCancel())
    }

    /// Types `@` after a space, asks for completion there, and takes the `@` out again.
    private mutating func completion(_ client: LSPClient) throws {
        let d = editableIndex()
        let offsets = open[d].typingOffsets()
        let o = offsets.isEmpty ? open[d].bodyStart : random.pick(offsets)
        try change(d, o..<o, [UInt8(ascii: "@")], client)
        let params: JSONValue = [
            "textDocument": identifier(open[d]), "position": open[d].position(o + 1, encoding),
            "context": ["triggerKind": 2, "triggerCharacter": "@"],
        ]
        try sendRequest(client, "textDocument/completion", params, cancel: shouldCancel(reserving: 1))
        try change(d, o..<o + 1, [], client)
    }

    /// Renames an actor or claim under the cursor; the edit is requested, never applied. Some new names
    /// are invalid ids, which the server must refuse with an error, not crash on.
    private mutating func rename(_ client: LSPClient) throws {
        let doc = open[random.below(open.count)]
        let newName = random.chance(70) ? "soak-renamed-\(random.below(1_000_000))" : random.pick(["Not An Id", "", "-bad-", "UPPER"])
        let params: JSONValue = ["textDocument": identifier(doc), "position": position(in: doc, onReference: 90), "newName": .string(newName)]
        try sendRequest(client, "textDocument/rename", params, cancel: shouldCancel())
    }

    /// Snippets typed into prose: words, cues, quotes, non-ASCII, a paragraph break.
    private static let proseInsertions = [
        "reportedly ", "the ", "x", "officials familiar with the matter said ", "“We will not comment on this today,” ",
        "Wire Desk ", "é", "— ", "\n\n", "it is said that ", "[", "]", "🙂 ",
    ].map { Array($0.utf8) }
    /// Snippets typed inside ids and attribute blocks: id characters and attribute syntax.
    private static let annotationInsertions = [
        "a", "-", "x1", "@", "#", "=", "\"", " ", "}", "{", ".claim ", "by=@", "cue=said ", "ü",
    ].map { Array($0.utf8) }

    /// A small random insert or delete in the prose or inside an annotation of a random open document.
    private mutating func randomEdit(inAnnotation: Bool, _ client: LSPClient) throws {
        let d = editableIndex()
        if open[d].uri == bigArticleURI {
            if bigArticleEdits >= Self.bigArticleRevertEvery { return try revertBigArticle(d, client) }
            bigArticleEdits += 1
        }
        let doc = open[d]
        var candidates = inAnnotation ? doc.annotationOffsets() : doc.typingOffsets()
        if candidates.isEmpty { candidates = [doc.boundary(random.below(doc.bytes.count + 1))] }
        let at = random.pick(candidates)
        // Inserts and deletes in equal numbers keep documents about their size; a short one only grows.
        if doc.bytes.count < 1000 || at >= doc.bytes.count || random.chance(50) {
            let text = random.pick(inAnnotation ? Self.annotationInsertions : Self.proseInsertions)
            try change(d, at..<at, text, client)
        } else {
            let length = 1 + random.below(inAnnotation ? 3 : 12)
            var end = doc.boundary(min(doc.bytes.count, at + length))
            if end <= at { end = doc.nextBoundary(after: at) }
            try change(d, at..<end, [], client)
        }
        results.edits += 1
    }

    /// Gives the pinned big article its text on disk again, in one whole-document `didChange` (what an
    /// editor sends on "revert file").
    private mutating func revertBigArticle(_ d: Int, _ client: LSPClient) throws {
        let change = open[d].edit(0..<open[d].bytes.count, with: bigArticleOriginal, encoding: encoding, full: true)
        lastVersion[open[d].uri] = open[d].version
        try sendNotification(client, "textDocument/didChange", ["textDocument": versioned(open[d]), "contentChanges": [change]])
        bigArticleEdits = 0
        results.bigArticleReverts += 1
    }

    /// Applies an edit to open document `d` and sends it as `didChange`.
    private mutating func change(_ d: Int, _ range: Range<Int>, _ text: [UInt8], _ client: LSPClient) throws {
        let change = open[d].edit(range, with: text, encoding: encoding, full: fullSync)
        lastVersion[open[d].uri] = open[d].version
        try sendNotification(client, "textDocument/didChange", ["textDocument": versioned(open[d]), "contentChanges": [change]])
    }

    /// A random open document other than the cast file (which only the alias toggle edits, so that it stays valid).
    private mutating func editableIndex() -> Int {
        let candidates = open.indices.filter { open[$0].path != castPath }
        return candidates.isEmpty ? random.below(open.count) : random.pick(candidates)
    }

    /// Closes an open article or opens one that is closed, keeping between `minimumOpen` and `maximumOpen` open.
    private mutating func rotate(_ client: LSPClient) throws {
        let rotating = open.indices.filter { !pinned.contains(open[$0].path) }
        if rotating.count > minimumOpen && (rotating.count >= maximumOpen || random.chance(50)) {
            let d = random.pick(rotating)
            let doc = open.remove(at: d)
            openPaths.remove(doc.path)
            lastVersion[doc.uri] = doc.version
            try sendNotification(client, "textDocument/didClose", ["textDocument": identifier(doc)])
            results.closed += 1
        } else if let path = randomClosedArticle() {
            try openDocument(path, client)
        } else {
            try perform(fallbackAction, client)
        }
    }

    /// A random article that is not open (nil if twenty draws hit open ones).
    private mutating func randomClosedArticle() -> String? {
        let articles = corpus.articles
        guard !articles.isEmpty else { return nil }
        for _ in 0..<20 {
            let path = random.pick(articles)
            if !openPaths.contains(path) { return path }
        }
        return nil
    }

    /// Reads a document from disk and sends `didOpen`, continuing the versions of its earlier sessions.
    private mutating func openDocument(_ path: String, _ client: LSPClient) throws {
        guard let bytes = readFile(path) else { throw BenchError("cannot read \(path)") }
        var doc = TextDocument(path: path, bytes: bytes)
        doc.version = (lastVersion[doc.uri] ?? 0) + 1
        lastVersion[doc.uri] = doc.version
        try sendNotification(client, "textDocument/didOpen", [
            "textDocument": ["uri": .string(doc.uri), "languageId": "markdown", "version": .int(doc.version), "text": .string(doc.text)],
        ])
        open.append(doc)
        openPaths.insert(path)
        results.opened += 1
    }

    /// Opens the pinned big article and cast file and a first set of articles.
    private mutating func openInitialDocuments(_ client: LSPClient) throws {
        castPath = corpus.castFile
        if let phrase = corpus.manifest?["sharedPhrase"]?.stringValue { castPhrase = Array(", \(phrase)".utf8) }
        for path in [corpus.bigArticle, corpus.castFile].compactMap({ $0 }) where remaining > 0 {
            pinned.insert(path)
            try openDocument(path, client)
        }
        if let big = open.first(where: { $0.path == corpus.bigArticle }) {
            bigArticleURI = big.uri
            bigArticleOriginal = big.bytes
        }
        for _ in 0..<initialOpen where remaining > 0 {
            guard let path = randomClosedArticle() else { break }
            try openDocument(path, client)
        }
    }

    /// Adds the shared phrase as an alias in the cast file, or takes it out again: every open article's
    /// diagnostics depend on it, so the server re-checks them all.
    private mutating func castEdit(_ client: LSPClient) throws {
        guard let d = open.firstIndex(where: { $0.path == castPath }), !castPhrase.isEmpty,
              let lineEnd = open[d].endOfLine(startingWith: "- aliases: ")
        else { return try perform(fallbackAction, client) }
        if castPhraseAdded {
            try change(d, lineEnd - castPhrase.count..<lineEnd, [], client)
        } else {
            try change(d, lineEnd..<lineEnd, castPhrase, client)
        }
        castPhraseAdded.toggle()
        results.castEdits += 1
    }

    /// `$/cancelRequest` for a request already answered, or for an id never used: the server must stay silent.
    private mutating func staleCancel(_ client: LSPClient) throws {
        let id: Int64 = !answeredOrder.isEmpty && random.chance(70)
            ? random.pick(answeredOrder)
            : 1_000_000_000 + Int64(random.below(1_000_000))
        try sendNotification(client, "$/cancelRequest", ["id": .integer(id)])
        results.staleCancels += 1
    }

    // MARK: Memory

    /// Reads the server's RSS and CPU time now.
    private mutating func sample(_ client: LSPClient, label: String?) {
        guard let bytes = currentRSS(of: client.child.pid) else { return }
        results.samples.append(RSSSample(messages: results.messagesSent, seconds: Double(now() - soakStart) / 1e9, bytes: bytes,
                                         cpuSeconds: currentCPUSeconds(of: client.child.pid), openDocuments: open.count,
                                         bigArticleDiagnostics: bigArticleDiagnostics, label: label))
    }
}

/// One step of the soak's mix.
enum SoakAction {
    /// A request on a random open document (with a position where the method takes one).
    case request(String)
    /// `didChange` typing `@`, `completion`, `didChange` removing it.
    case completion
    /// `rename` of what is under a random position; never applied.
    case rename
    /// A small insert or delete in prose.
    case proseEdit
    /// A small insert or delete inside an `@id` or an attribute block.
    case annotationEdit
    /// `didClose` of an open article or `didOpen` of a closed one.
    case rotate
    /// The alias toggle in the cast file.
    case castEdit
    /// `$/cancelRequest` for an answered or unknown id.
    case staleCancel

    /// The request method, for actions that are one kind of request.
    var method: String? {
        switch self {
        case .request(let method): return method
        case .completion: return "textDocument/completion"
        case .rename: return "textDocument/rename"
        default: return nil
        }
    }

    /// Messages the action sends at most, besides a possible `$/cancelRequest`.
    var messages: Int {
        switch self {
        case .completion: return 3
        default: return 1
        }
    }
}
