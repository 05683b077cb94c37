#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DossierJSON
import DossierProtocol

/// Settings for the editor session.
struct LSPSettings {
    var dossier: String
    var requests = 1000
    var edits = 50
    var open = 200
    var castEdits = 10
    var seed: UInt64 = 1
    /// Seconds allowed for indexing and for opening documents.
    var timeout = 120.0
    /// Seconds allowed for one request or one edit's diagnostics.
    var requestTimeout = 10.0
    var logPath: String
}

/// Latencies of one request kind.
struct RequestStats {
    var method: String
    var label: String
    var latencies = Distribution()
    /// Responses that were neither `null` nor empty.
    var nonEmpty = 0
    var errors = 0
    var timeouts = 0
    var firstError: String?
    /// Total size of the response bodies.
    var responseBytes = 0
}

/// Everything measured in one editor session.
struct LSPResults {
    var initialize: UInt64?
    var indexed: UInt64?
    var rssAfterIndexing: Int?
    var encoding = PositionEncoding.utf16
    var opened = 0
    /// Articles among the opened documents (the ones requests go to).
    var articlesOpen = 0
    var openDiagnosed = 0
    var openAll: UInt64?
    var requests: [RequestStats] = []
    var bigEdit = Distribution()
    var bigEditTimeouts = 0
    var bigArticleBytes = 0
    var castEdit = Distribution()
    var castEditArticles = 0
    var castEditMinRefreshed: Int?
    var castEditTimeouts = 0
    var serverUsage: ChildUsage?
    var serverKilled = false
    var notes: [String] = []
}

/// Drives `dossier lsp` over stdio like an editor and measures it.
struct LSPBench {
    let settings: LSPSettings
    let corpus: Corpus
    private var random: SeededRandom
    private var results = LSPResults()
    private var fullSync = false

    /// A session on `corpus` with `settings`.
    init(settings: LSPSettings, corpus: Corpus) {
        self.settings = settings
        self.corpus = corpus
        self.random = SeededRandom(seed: settings.seed)
    }

    private var encoding: PositionEncoding { results.encoding }

    /// Runs the whole session; failures end it early and are reported as notes.
    mutating func run() -> LSPResults {
        StandardIO.ignoreSIGPIPE()
        let start = now()
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
            results.notes.append("session aborted: \(error)")
        }
        shutdown(client)
        return results
    }

    private mutating func session(_ client: LSPClient, start: UInt64) throws {
        // (2) spawn → initialize → end of indexing.
        guard try initialize(client, start: start) else { return }
        waitForIndexing(client, start: start)
        results.rssAfterIndexing = currentRSS(of: client.child.pid)

        // Open documents as an editor restoring a session would, and wait for their diagnostics.
        var articles = corpus.articles
        for i in stride(from: articles.count - 1, to: 0, by: -1) { articles.swapAt(i, random.below(i + 1)) }
        var docs: [TextDocument] = articles.prefix(settings.open).compactMap { path in
            readFile(path).map { TextDocument(path: path, bytes: $0) }
        }
        let big = corpus.bigArticle.flatMap { path in readFile(path).map { TextDocument(path: path, bytes: $0) } }
        let cast = corpus.castFile.flatMap { path in readFile(path).map { TextDocument(path: path, bytes: $0) } }
        results.articlesOpen = docs.count
        try openAll(client, docs + [big, cast].compactMap { $0 })
        guard !docs.isEmpty else {
            results.notes.append("no articles to open")
            return
        }

        // (3) request latencies.
        try measureRequests(client, &docs)

        // (3b) inlay hints on the big article, as editors ask for them.
        if let big { try measureInlayHints(client, big) }

        // (4) didChange on the big article → its diagnostics.
        if var big {
            results.bigArticleBytes = big.bytes.count
            try measureBigEdits(client, &big)
        } else {
            results.notes.append("no big article in the corpus (generate with --big-article 100): didChange latency skipped")
        }

        // (5) cast edit → diagnostics of every open article.
        if var cast, let phrase = corpus.manifest?["sharedPhrase"]?.stringValue {
            try measureCastEdits(client, &cast, articles: docs, phrase: phrase)
        } else {
            results.notes.append("no cast file or shared phrase in corpus.json: cast edit skipped")
        }
    }

    // MARK: Lifecycle

    /// Sends `initialize` and `initialized`; false when the server did not answer usefully.
    private mutating func initialize(_ client: LSPClient, start: UInt64) throws -> Bool {
        let params = LSPClient.initializeParams(root: corpus.root)
        let (id, _) = try client.request("initialize", params)
        guard let (time, result, _) = client.response(to: id, timeout: settings.timeout) else {
            results.notes.append("no initialize response within \(Int(settings.timeout)) s")
            return false
        }
        results.initialize = time - start
        guard case .success(let value) = result else {
            if case .failure(let error) = result { results.notes.append("initialize failed: \(error)") }
            return false
        }
        let capabilities = value["capabilities"]
        if let name = capabilities?["positionEncoding"]?.stringValue, let e = PositionEncoding(rawValue: name) {
            results.encoding = e
        }
        let sync = capabilities?["textDocumentSync"]
        let change = sync?.intValue ?? sync?["change"]?.intValue ?? 2
        fullSync = change == 1
        if fullSync { results.notes.append("server asks for full-text sync: edits send the whole document") }
        try client.notify("initialized", [:])
        return true
    }

    /// Waits for the end of the server's indexing progress and records when it came.
    private mutating func waitForIndexing(_ client: LSPClient, start: UInt64) {
        switch client.waitForIndexing(until: start + UInt64(settings.timeout * 1e9)) {
        case .success(let end): results.indexed = end - start
        case .failure(let reason): results.notes.append(reason.description)
        }
    }

    private mutating func shutdown(_ client: LSPClient) {
        if !client.isClosed {
            if (try? client.roundTrip("shutdown", nil, timeout: settings.requestTimeout)) == nil {
                results.notes.append("no shutdown response")
            }
            _ = try? client.notify("exit", nil)
        }
        client.closeInput()
        if let (usage, killed) = try? client.child.wait(seconds: 10) {
            results.serverUsage = usage
            results.serverKilled = killed
            if killed { results.notes.append("the server did not exit within 10 s of `exit` and was killed") }
        }
        if client.framingErrors > 0 { results.notes.append("\(client.framingErrors) malformed messages from the server") }
    }

    // MARK: Documents

    private mutating func openAll(_ client: LSPClient, _ docs: [TextDocument]) throws {
        var pending = Set(docs.map(\.uri))
        results.opened = docs.count
        let mark = client.mark
        let start = now()
        for doc in docs {
            try client.notify("textDocument/didOpen", [
                "textDocument": ["uri": .string(doc.uri), "languageId": "markdown", "version": .int(doc.version), "text": .string(doc.text)],
            ])
        }
        let last = awaitDiagnostics(client, for: &pending, after: mark, since: start, within: settings.timeout)
        results.openDiagnosed = docs.count - pending.count
        if pending.isEmpty { results.openAll = last - start } else {
            results.notes.append("diagnostics arrived for \(results.openDiagnosed) of \(docs.count) opened documents")
        }
        settle(client)
    }

    /// Lets the server finish pending work, then drops what it sent: each measurement starts quiet.
    private func settle(_ client: LSPClient) {
        var mark = client.mark
        let limit = now() + 5_000_000_000
        while now() < limit {
            _ = client.take(after: Int.max, timeout: 0.05) { _ in false }
            let current = client.mark
            if current == mark { break }
            mark = current
        }
        client.discard(before: client.mark)
    }



    // MARK: (3) Requests

    private mutating func measureRequests(_ client: LSPClient, _ docs: inout [TextDocument]) throws {
        let references = docs.map { $0.referenceOffsets() }
        let typing = docs.map { $0.typingOffsets() }
        let kinds: [(String, String)] = [
            ("textDocument/hover", "hover"),
            ("textDocument/definition", "definition"),
            ("textDocument/completion", "completion after `@`"),
            ("textDocument/references", "references"),
            ("textDocument/documentSymbol", "documentSymbol"),
        ]
        for (method, label) in kinds {
            var stats = RequestStats(method: method, label: label)
            for i in 0..<settings.requests {
                let d = random.below(docs.count)
                var params: JSONValue = ["textDocument": identifier(docs[d])]
                var undo: Range<Int>?
                switch method {
                case "textDocument/documentSymbol":
                    break
                case "textDocument/completion":
                    // Type `@` where a word could start, as a user about to mention someone.
                    let o = typing[d].isEmpty ? docs[d].bodyStart : random.pick(typing[d])
                    let change = docs[d].edit(o..<o, with: [UInt8(ascii: "@")], encoding: encoding, full: fullSync)
                    try client.notify("textDocument/didChange", ["textDocument": versioned(docs[d]), "contentChanges": [change]])
                    params["position"] = docs[d].position(o + 1, encoding)
                    params["context"] = ["triggerKind": 2, "triggerCharacter": "@"]
                    undo = o..<o + 1
                default:
                    // Half on actor references, where the server has work to do; half anywhere.
                    let useReference = !references[d].isEmpty && random.chance(50)
                    let offset = useReference ? random.pick(references[d]) : docs[d].boundary(random.below(docs[d].bytes.count))
                    params["position"] = docs[d].position(offset, encoding)
                    if method == "textDocument/references" { params["context"] = ["includeDeclaration": true] }
                }
                let outcome = try client.roundTrip(method, params, timeout: settings.requestTimeout)
                if let undo {
                    // Undo the `@` and let the server finish with it, so the next request does not queue behind it.
                    let change = docs[d].edit(undo, with: [], encoding: encoding, full: fullSync)
                    let mark = client.mark
                    try client.notify("textDocument/didChange", ["textDocument": versioned(docs[d]), "contentChanges": [change]])
                    _ = awaitDiagnostics(client, docs[d], after: mark, timeout: 2)
                }
                guard record(outcome, into: &stats, client) else { return }
                if i % 64 == 63 { client.discard(before: client.mark) }
            }
            finish(stats)
            settle(client)
        }
    }


    // MARK: (3b) Inlay hints

    /// Inlay hints of the big article: the whole document (as Neovim asks) and a window of 60
    /// lines at a random place (as VS Code asks for what is on screen).
    private mutating func measureInlayHints(_ client: LSPClient, _ big: TextDocument) throws {
        let lines = big.lineStarts.count
        for whole in [true, false] {
            var stats = RequestStats(method: "textDocument/inlayHint", label: whole ? "inlayHint, whole \(big.bytes.count / 1024) KiB article" : "inlayHint, 60 lines of it")
            for i in 0..<settings.requests {
                let first = whole ? 0 : random.below(max(1, lines - 60))
                let end: JSONValue = whole ? big.position(big.bytes.count, encoding) : ["line": .int(first + 60), "character": 0]
                let params: JSONValue = ["textDocument": identifier(big), "range": ["start": ["line": .int(first), "character": 0], "end": end]]
                let outcome = try client.roundTrip("textDocument/inlayHint", params, timeout: settings.requestTimeout)
                guard record(outcome, into: &stats, client) else { return }
                if i % 64 == 63 { client.discard(before: client.mark) }
            }
            finish(stats)
        }
    }

    /// Adds one request's outcome to `stats`; false (and `stats` kept in the results) when the server has exited.
    private mutating func record(_ outcome: RoundTrip?, into stats: inout RequestStats, _ client: LSPClient) -> Bool {
        switch outcome {
        case nil:
            stats.timeouts += 1
            if client.isClosed {
                results.notes.append("the server exited during \(stats.method)")
                results.requests.append(stats)
                return false
            }
        case .some((let latency, .success(let value), let bytes)):
            stats.latencies.add(latency)
            stats.responseBytes += bytes
            if !isEmptyResult(value) { stats.nonEmpty += 1 }
        case .some((let latency, .failure(let error), let bytes)):
            stats.latencies.add(latency)
            stats.responseBytes += bytes
            stats.errors += 1
            if stats.firstError == nil { stats.firstError = "\(error)" }
        }
        return true
    }

    /// Keeps one request kind's figures, noting its first error.
    private mutating func finish(_ stats: RequestStats) {
        if let e = stats.firstError { results.notes.append("\(stats.method): \(stats.errors) errors, first: \(e)") }
        results.requests.append(stats)
    }

    // MARK: (4) Big article

    private mutating func measureBigEdits(_ client: LSPClient, _ big: inout TextDocument) throws {
        let offsets = big.typingOffsets()
        guard !offsets.isEmpty else { return }
        let insertion = Array("reportedly ".utf8)
        var last = 0
        for e in 0..<settings.edits {
            // Insert a vague cue, then take it out again: every edit changes the diagnostics.
            let change: JSONValue
            if e % 2 == 0 {
                last = random.pick(offsets)
                change = big.edit(last..<last, with: insertion, encoding: encoding, full: fullSync)
            } else {
                change = big.edit(last..<last + insertion.count, with: [], encoding: encoding, full: fullSync)
            }
            let mark = client.mark
            let sent = try client.notify("textDocument/didChange", ["textDocument": versioned(big), "contentChanges": [change]])
            if let entry = awaitDiagnostics(client, big, after: mark, timeout: settings.requestTimeout) { results.bigEdit.add(entry.time - sent) } else { results.bigEditTimeouts += 1 }
            settle(client)
        }
    }

    /// The first `publishDiagnostics` for `doc` at its current version (or without a version) at or after `mark`.
    private func awaitDiagnostics(_ client: LSPClient, _ doc: TextDocument, after mark: Int, timeout: Double) -> Received? {
        let uri = doc.uri, version = doc.version
        return client.take(after: mark, timeout: timeout) { message in
            guard case .notification("textDocument/publishDiagnostics", let p) = message, p?["uri"]?.stringValue == uri else { return false }
            // Without a version, the first publication after the edit has to do.
            return p?["version"]?.intValue.map { $0 == version } ?? true
        }
    }

    // MARK: (5) Cast edit

    private mutating func measureCastEdits(_ client: LSPClient, _ cast: inout TextDocument, articles: [TextDocument], phrase: String) throws {
        guard let lineEnd = cast.endOfLine(startingWith: "- aliases: ") else {
            results.notes.append("no `- aliases:` line in \(cast.path): cast edit skipped")
            return
        }
        // The phrase is in every article's footer and nobody's alias yet, so adding it changes every article's diagnostics.
        let insertion = Array(", \(phrase)".utf8)
        results.castEditArticles = articles.count
        for e in 0..<settings.castEdits {
            let change = e % 2 == 0
                ? cast.edit(lineEnd..<lineEnd, with: insertion, encoding: encoding, full: fullSync)
                : cast.edit(lineEnd..<lineEnd + insertion.count, with: [], encoding: encoding, full: fullSync)
            var pending = Set(articles.map(\.uri))
            let mark = client.mark
            let sent = try client.notify("textDocument/didChange", ["textDocument": versioned(cast), "contentChanges": [change]])
            let last = awaitDiagnostics(client, for: &pending, after: mark, since: sent, within: settings.requestTimeout)
            let refreshed = articles.count - pending.count
            results.castEditMinRefreshed = min(results.castEditMinRefreshed ?? refreshed, refreshed)
            if pending.isEmpty { results.castEdit.add(last - sent) } else { results.castEditTimeouts += 1 }
            settle(client)
        }
    }

    /// Takes `publishDiagnostics` notifications received after `mark` until every URI in `pending`
    /// has one or `seconds` have passed since `start`; returns when the last one arrived.
    private func awaitDiagnostics(
        _ client: LSPClient, for pending: inout Set<String>, after mark: Int, since start: UInt64, within seconds: Double
    ) -> UInt64 {
        var last = start
        let deadline = Double(start) / 1e9 + seconds
        while !pending.isEmpty {
            let left = deadline - Double(now()) / 1e9
            let waiting = pending
            guard left > 0, let entry = client.take(after: mark, timeout: left, { message in
                guard case .notification("textDocument/publishDiagnostics", let p) = message,
                      let uri = p?["uri"]?.stringValue else { return false }
                return waiting.contains(uri)
            }), case .notification(_, let p) = entry.message, let uri = p?["uri"]?.stringValue else { break }
            pending.remove(uri)
            last = entry.time
        }
        return last
    }
}
