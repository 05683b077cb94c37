import Foundation

/// The soak: runs the session, prints the Markdown report, and returns the exit status
/// (1 on lost, duplicate or stray responses, unexpected errors, memory growth beyond the rule,
/// stale diagnostics, or a server that died; 2 when the corpus cannot be read).
func runSoak(_ options: DriverOptions, scratch: String) -> Int32 {
    let corpus: Corpus
    do { corpus = try Corpus(root: options.corpus) } catch {
        progress("\(error)")
        return 2
    }
    let settings = SoakSettings(
        dossier: options.dossier, messages: options.requests ?? 100_000, seed: options.seed, sampleEvery: options.sampleEvery,
        inFlight: options.inFlight, timeout: options.timeout, requestTimeout: options.requestTimeout ?? 60, hold: options.hold,
        logPath: NSTemporaryDirectory() + "dossier-bench-soak.log")
    progress("soak: \(grouped(settings.messages)) messages, up to \(settings.inFlight) requests in flight, on \(corpus.root)…")
    var session = SoakSession(settings: settings, corpus: corpus)
    let r = session.run()

    var failures: [String] = []
    let limit = r.startRSS.map { FlatMemoryRule.limit(start: $0) }
    let flat: Bool? = r.endRSS.flatMap { end in limit.map { end <= $0 } }
    if !r.initialized { failures.append("the server did not initialize") }
    if !r.lost.isEmpty { failures.append("\(r.lost.count) requests never answered") }
    if r.duplicates > 0 { failures.append("\(r.duplicates) duplicate responses") }
    if r.unknownIDs > 0 { failures.append("\(r.unknownIDs) responses for unknown ids") }
    if r.unexpectedErrors > 0 { failures.append("\(r.unexpectedErrors) unexpected error responses") }
    if flat == false { failures.append("memory grew beyond the rule") }
    if flat == nil && r.initialized && r.serverDied == nil { failures.append("RSS could not be sampled") }
    if !r.staleDiagnostics.isEmpty { failures.append("\(r.staleDiagnostics.count) open documents without diagnostics for their last version") }
    if let died = r.serverDied { failures.append(died) }
    if r.serverDied == nil, let usage = r.serverUsage, usage.exitCode != 0 { failures.append("the server ended with \(usage.statusText) after shutdown") }
    if r.messagesSent < settings.messages && r.serverDied == nil { failures.append("only \(r.messagesSent) of \(settings.messages) messages were sent") }

    let date = ISO8601DateFormatter().string(from: Date())
    print("# Dossier soak\n")
    print("- command: `dossier-bench \(CommandLine.arguments.dropFirst().joined(separator: " "))`")
    print("- corpus: `\(corpus.root)`: \(corpus.summary)")
    print("- dossier: `\(options.dossier)` (\(dossierVersion(options.dossier, scratch: scratch)))")
    print("- machine: \(machineSummary()); date: \(date)")
    print("- method: \(grouped(settings.messages)) messages in a seeded mix (seed \(settings.seed)), up to \(settings.inFlight) requests in flight; "
        + "\(r.methodsInMix.count) request kinds, `didOpen`/`didChange`/`didClose` over a rotating set of articles plus the pinned big article and cast file "
        + "(the big article gets its original text back after every \(SoakSession.bigArticleRevertEvery) random edits of it), "
        + "about 1 request in 20 cancelled right after it is sent, and `$/cancelRequest` for ids already answered or never used; "
        + "the server's RSS (`VmRSS`) is read right after indexing, every \(grouped(settings.sampleEvery)) messages, and after a quiet second at the end")
    print("- memory rule: flat when \(FlatMemoryRule.text)\n")

    var summary = MarkdownTable("Figure", "Result", "")
    summary.add("messages sent (requests / notifications)",
                "\(grouped(r.messagesSent)) (\(grouped(r.requestsSent)) / \(grouped(r.notificationCount)))", "")
    summary.add("notifications by kind", r.notificationsSent.sorted { $0.key < $1.key }.map { "\($0.key) \(grouped($0.value))" }.joined(separator: ", "), "")
    summary.add("documents opened / closed / edits / cast edits / big article reverts",
                "\(grouped(r.opened)) / \(grouped(r.closed)) / \(grouped(r.edits)) / \(grouped(r.castEdits)) / \(grouped(r.bigArticleReverts))", "")
    summary.add("responses received", grouped(r.responses), "")
    summary.add("requests never answered", lostText(r.lost), verdict(r.initialized ? r.lost.isEmpty : nil))
    summary.add("duplicate responses", String(r.duplicates), verdict(r.initialized ? r.duplicates == 0 : nil))
    summary.add("responses for unknown ids", String(r.unknownIDs), verdict(r.initialized ? r.unknownIDs == 0 : nil))
    summary.add("error responses by code", errorCodesText(r.errorsByCode), "")
    summary.add("unexpected error responses", String(r.unexpectedErrors), verdict(r.initialized ? r.unexpectedErrors == 0 : nil))
    summary.add("wall time (after indexing → quiet end) / sending", "\(seconds(r.wallSeconds)) / \(seconds(r.sendSeconds))", "")
    if r.sendSeconds > 0 {
        summary.add("throughput while sending", String(format: "%.0f messages/s, %.0f requests/s", Double(r.messagesSent) / r.sendSeconds, Double(r.requestsSent) / r.sendSeconds), "")
    }
    summary.add("spawn → indexing done", ms(r.indexed), "")
    summary.add("server RSS after indexing / peak / end", "\(megabytes(r.startRSS)) / \(megabytes(r.peakRSS)) / \(megabytes(r.endRSS))", "")
    summary.add("memory (\(FlatMemoryRule.text))", limit.map { "end \(megabytes(r.endRSS)) vs. limit \(megabytes($0))" } ?? "—", verdict(flat))
    summary.add("open documents with diagnostics for their last version",
                r.initialized ? "\(r.openAtEnd - r.staleDiagnostics.count) of \(r.openAtEnd)" : "—", verdict(r.initialized ? r.staleDiagnostics.isEmpty : nil))
    summary.add("publishDiagnostics received while sending / after / server requests",
                "\(grouped(r.diagnosticsWhileSending)) / \(grouped(r.diagnosticsReceived - r.diagnosticsWhileSending)) / \(r.serverRequests)", "")
    if let usage = r.serverUsage {
        summary.add("server peak RSS (`ru_maxrss`, indexing included) / CPU time", "\(megabytes(usage.maxRSSBytes)) / \(seconds(usage.cpuSeconds))", "")
        summary.add("server exit", r.serverDied ?? usage.statusText, verdict(r.serverDied == nil && usage.exitCode == 0))
    }
    summary.add("**verdict**", failures.isEmpty ? "**pass**" : "**fail**: " + failures.joined(separator: "; "), verdict(failures.isEmpty))
    print("## Summary\n")
    print(summary.text)

    if !r.samples.isEmpty {
        print("\n## Server RSS over time\n")
        let every = tableInterval(messages: settings.messages, sampleEvery: settings.sampleEvery)
        print("Every \(grouped(every)) messages (all \(r.samples.count) samples: every \(grouped(settings.sampleEvery))); the peak sample is marked. "
            + "Rate and server CPU per message are over the interval since the previous row: a server that slows down spends more CPU per message, "
            + "one that is only starved by other load keeps its CPU per message and loses rate. "
            + "Big article diagnostics: how many the server last published for the pinned 100 KB article, which stays open all along.\n")
        var table = MarkdownTable("Messages", "Time", "RSS", "vs. after indexing", "messages/s", "server CPU / message", "Open documents",
                                  "Big article diagnostics", "")
        let peak = r.samples.indices.max { r.samples[$0].bytes < r.samples[$1].bytes }
        var nextRow = 0
        var previous: RSSSample?
        for (i, s) in r.samples.enumerated() {
            // An action of several messages can step over a multiple: the first sample at or past it stands for it.
            let onRow = s.messages >= nextRow
            if onRow { nextRow = (s.messages / every + 1) * every }
            guard onRow || s.label != nil || i == peak else { continue }
            let delta = r.startRSS.map { start in String(format: "%+.1f MB", Double(s.bytes - start) / 1e6) } ?? "—"
            let tags = [s.label, i == peak ? "peak" : nil].compactMap { $0 }.joined(separator: ", ")
            var rate = "—", cpu = "—"
            if let p = previous, s.messages > p.messages {
                rate = String(format: "%.0f", Double(s.messages - p.messages) / max(0.001, s.seconds - p.seconds))
                if let a = p.cpuSeconds, let b = s.cpuSeconds { cpu = String(format: "%.2f ms", (b - a) * 1e3 / Double(s.messages - p.messages)) }
            }
            table.add(grouped(s.messages), String(format: "%.1f s", s.seconds), megabytes(s.bytes), delta, rate, cpu, String(s.openDocuments),
                      s.bigArticleDiagnostics.map(grouped) ?? "—", tags)
            previous = s
        }
        print(table.text)
    }

    if !r.methods.isEmpty {
        print("\n## Requests\n")
        print("Latency is write → response with up to \(settings.inFlight) requests queued, so it includes waiting behind the others. Position encoding: \(r.encoding.rawValue).\n")
        var table = MarkdownTable("Request", "sent", "answered", "cancel sent", "errors", "p50", "p99", "max", "non-empty", "mean response")
        for method in r.methods.keys.sorted() {
            var t = r.methods[method]!
            let errorCount = t.errors.values.reduce(0, +)
            let successes = t.answered - errorCount
            table.add(method.replacingOccurrences(of: "textDocument/", with: ""), grouped(t.sent), grouped(t.answered), grouped(t.cancelsSent),
                      errorCount == 0 ? "0" : errorCodesText(t.errors),
                      ms(t.latencies.percentile(50)), ms(t.latencies.percentile(99)), ms(t.latencies.percentile(100)),
                      successes > 0 ? String(format: "%.0f%%", Double(t.nonEmpty) * 100 / Double(successes)) : "—",
                      t.answered > 0 ? kilobytes(t.responseBytes / t.answered) : "—")
        }
        print(table.text)
    }

    var notes = r.notes
    if !r.methodsSkipped.isEmpty { notes.append("not advertised by the server, left out of the mix: \(r.methodsSkipped.joined(separator: ", "))") }
    notes += r.unexpectedErrorExamples.map { "unexpected error: \($0)" }
    if !r.staleDiagnostics.isEmpty { notes.append("no diagnostics for the last version of: \(r.staleDiagnostics.prefix(5).joined(separator: ", "))\(r.staleDiagnostics.count > 5 ? ", …" : "")") }
    if !failures.isEmpty || !r.notes.isEmpty { notes.append("the server's stderr is in \(settings.logPath)") }
    if !notes.isEmpty {
        print("\n## Notes\n")
        for note in notes { print("- \(note)") }
    }
    return failures.isEmpty ? 0 : 1
}

/// Rows of the RSS table: about ten over the run, on multiples of the sampling interval.
func tableInterval(messages: Int, sampleEvery: Int) -> Int {
    let tenth = max(1, messages / 10)
    return max(sampleEvery, (tenth + sampleEvery - 1) / sampleEvery * sampleEvery)
}

/// "0" or "3 (ids 17, 42, 99)".
private func lostText(_ lost: [(id: Int64, method: String)]) -> String {
    guard !lost.isEmpty else { return "0" }
    let shown = lost.prefix(5).map { "\($0.id) \($0.method.replacingOccurrences(of: "textDocument/", with: ""))" }
    return "\(lost.count) (\(shown.joined(separator: ", "))\(lost.count > 5 ? ", …" : ""))"
}

/// "-32800 cancelled × 3,012, -32803 request failed × 250", or "none".
private func errorCodesText(_ codes: [Int: Int]) -> String {
    guard !codes.isEmpty else { return "none" }
    let names: [Int: String] = [
        -32800: "cancelled", -32801: "content modified", -32802: "server cancelled", -32803: "request failed",
        -32603: "internal error", -32602: "invalid params", -32601: "method not found", -32600: "invalid request",
        -32002: "not initialized",
    ]
    return codes.sorted { $0.key > $1.key }.map { code, count in
        "\(code)\(names[code].map { " \($0)" } ?? "") × \(grouped(count))"
    }.joined(separator: ", ")
}

/// "100,000": thousands separated by commas, whatever the locale.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
