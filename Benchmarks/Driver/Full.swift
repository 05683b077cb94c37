import Foundation

/// The first line `dossier --version` prints, or a note that it printed nothing.
func dossierVersion(_ dossier: String, scratch: String) -> String {
    guard let (_, usage) = try? runTimed([dossier, "--version"], stdoutPath: scratch + "/version.txt", stderrPath: "/dev/null"),
          usage.exitCode == 0,
          let bytes = readFile(scratch + "/version.txt"),
          let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n").first
    else { return "version unknown" }
    return String(line)
}

/// "2 CPUs, Linux 6.1.0 x86_64".
func machineSummary() -> String {
    var name = utsname()
    uname(&name)
    func field<T>(_ value: T) -> String {
        withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    return "\(ProcessInfo.processInfo.activeProcessorCount) CPUs, \(field(name.sysname)) \(field(name.release)) \(field(name.machine))"
}

/// `rg` arguments for the floor: count lines holding any actor name or alias, in the same files Dossier reads.
func ripgrepArguments(_ rg: String, corpus: Corpus) -> [String]? {
    guard let names = corpus.namesFile else { return nil }
    // --no-ignore: the corpus usually sits in a git-ignored folder, and Dossier does not read .gitignore.
    return [rg, "-c", "-F", "-f", names, "--no-ignore", "-g", "*.md", corpus.root]
}

/// The full benchmark of one corpus; prints Markdown to stdout and returns the exit status.
func runFull(_ options: DriverOptions, scratch: String) -> Int32 {
    let corpus: Corpus
    do { corpus = try Corpus(root: options.corpus) } catch {
        progress("\(error)")
        return 2
    }
    let runs = options.runs ?? 5
    var failed = false
    var notes: [String] = []

    var check: CommandRuns?
    if !options.skipCheck {
        progress("dossier check × \(runs + 1)…")
        let result = measureCommand([options.dossier, "check", corpus.root], runs: runs, scratch: scratch, acceptableExits: [0, 1])
        if let failure = result.failure { notes.append("`dossier check` failed: \(failure)"); failed = true } else { check = result }
    }
    var rg: CommandRuns?
    if !options.skipRG {
        if let args = ripgrepArguments(options.rg, corpus: corpus) {
            progress("rg × \(runs + 1)…")
            let result = measureCommand(args, runs: runs, scratch: scratch, acceptableExits: [0, 1])
            if let failure = result.failure { notes.append("ripgrep failed: \(failure)") } else { rg = result }
        } else {
            notes.append("no names.txt in the corpus: ripgrep floor skipped")
        }
    }
    var lsp: LSPResults?
    if !options.skipLSP {
        progress("dossier lsp session (\(options.requests ?? 1000) requests per kind, \(options.edits) edits, \(options.castEdits) cast edits)…")
        let logPath = NSTemporaryDirectory() + "dossier-bench-lsp.log"
        let settings = LSPSettings(dossier: options.dossier, requests: options.requests ?? 1000, edits: options.edits, open: options.open,
                                   castEdits: options.castEdits, seed: options.seed, timeout: options.timeout,
                                   requestTimeout: options.requestTimeout ?? 10, logPath: logPath)
        var bench = LSPBench(settings: settings, corpus: corpus)
        let result = bench.run()
        if !result.notes.isEmpty { notes += result.notes.map { "lsp: \($0)" } + ["lsp: the server's stderr is in \(logPath)"] }
        if result.initialize == nil { failed = true }
        lsp = result
    }

    print("# Dossier benchmark\n")
    print("- corpus: `\(corpus.root)`: \(corpus.summary)")
    print("- dossier: `\(options.dossier)` (\(dossierVersion(options.dossier, scratch: scratch)))")
    print("- machine: \(machineSummary())")
    print("- method: `dossier check` and `rg` run \(runs)× each after one warm-up (fresh process per run, page cache warm); LSP requests are sent one at a time over stdio and timed from write to the response's last byte\n")

    var summary = MarkdownTable("Figure", "Result", "Budget", "")
    if let check {
        let wall = check.medianWall
        summary.add("`dossier check` wall time (median)", "\(seconds(wall)) (min \(seconds(check.minWall)))", "< 1.5 s", verdict(wall.map { $0 < 1.5 }))
        summary.add("`dossier check` CPU time (user+sys, median)", seconds(check.medianCPU), "", "")
        summary.add("`dossier check` throughput", wall.map { String(format: "%.0f MB/s", Double(corpus.totalBytes) / 1e6 / $0) } ?? "—", "", "")
        summary.add("`dossier check` peak RSS", megabytes(check.maxRSS), "", "")
        summary.add("`dossier check` output", "\(check.outputLines) lines, \(check.status)", "", "")
    }
    if let rg {
        summary.add("ripgrep floor wall time (median)", "\(seconds(rg.medianWall)) (min \(seconds(rg.minWall)))", "", "")
        summary.add("ripgrep CPU time / peak RSS", "\(seconds(rg.medianCPU)) / \(megabytes(rg.maxRSS))", "", "")
    }
    if let c = check?.medianWall, let r = rg?.medianWall, r > 0 {
        summary.add("check ÷ ripgrep (wall)", String(format: "%.2f×", c / r), "≤ 3×", verdict(c / r <= 3))
    }
    if var lsp {
        summary.add("spawn → `initialize` response", ms(lsp.initialize), "≤ 50 ms", verdict(lsp.initialize.map { $0 <= 50_000_000 }))
        summary.add("spawn → indexing done (`$/progress` end)", ms(lsp.indexed), "", "")
        summary.add("server RSS after indexing", megabytes(lsp.rssAfterIndexing), "", "")
        if lsp.opened > 0 { summary.add("open \(lsp.opened) documents → all diagnostics", ms(lsp.openAll), "", "") }
        let budgets: [String: UInt64] = [
            "textDocument/hover": 2_000_000, "textDocument/definition": 2_000_000,
            "textDocument/completion": 2_000_000, "textDocument/references": 20_000_000,
            "textDocument/inlayHint": 5_000_000,
        ]
        for i in lsp.requests.indices {
            guard let budget = budgets[lsp.requests[i].method] else { continue }
            let p99 = lsp.requests[i].latencies.percentile(99)
            summary.add("\(lsp.requests[i].label) p99", ms(p99), "≤ \(ms(budget))", verdict(p99.map { $0 <= budget }))
        }
        if lsp.bigEdit.count > 0 || lsp.bigEditTimeouts > 0 {
            // Each edit follows a quiet spell (the driver settles between edits), so the server
            // checks it at once: the debounce only coalesces bursts, and no wait is in the figure.
            let p50 = lsp.bigEdit.percentile(50)
            let p99 = lsp.bigEdit.percentile(99)
            let timeouts = lsp.bigEditTimeouts > 0 ? ", \(lsp.bigEditTimeouts) timed out" : ""
            summary.add("didChange (\(lsp.bigArticleBytes / 1024) KiB article) → diagnostics p50 / p99, no debounce wait",
                        "\(ms(p50)) / \(ms(p99))\(timeouts)",
                        "p99 ≤ 10 ms", verdict(lsp.bigEditTimeouts > 0 ? false : p99.map { $0 <= 10_000_000 }))
        }
        if lsp.castEdit.count > 0 || lsp.castEditTimeouts > 0 {
            let p50 = lsp.castEdit.percentile(50)
            var result = "\(ms(p50)) (max \(ms(lsp.castEdit.percentile(100))))"
            if lsp.castEditTimeouts > 0 {
                result += ", \(lsp.castEditTimeouts) edits timed out (fewest articles refreshed: \(lsp.castEditMinRefreshed ?? 0))"
            }
            summary.add("cast edit → \(lsp.castEditArticles) articles' diagnostics (median)", result, "≤ 100 ms",
                        verdict(lsp.castEditTimeouts > 0 ? false : p50.map { $0 <= 100_000_000 }))
        }
        if let usage = lsp.serverUsage {
            summary.add("server peak RSS / CPU time (whole session)", "\(megabytes(usage.maxRSSBytes)) / \(seconds(usage.cpuSeconds))", "", "")
            summary.add("server exit", usage.statusText, "exit 0", verdict(usage.exitCode == 0))
        }
        print("## Summary\n")
        print(summary.text)

        if !lsp.requests.isEmpty {
            print("\n## Request latency\n")
            print("Sequential requests at seeded random positions in the \(lsp.articlesOpen) open articles (half on an `@id`, half anywhere); completion follows a `didChange` that types `@` after a space; the `@` is then removed and its diagnostics awaited before the next request. Position encoding: \(lsp.encoding.rawValue).\n")
            var table = MarkdownTable("Request", "n", "p50", "p90", "p99", "max", "non-empty", "mean response", "errors", "timeouts")
            for i in lsp.requests.indices {
                var s = lsp.requests[i]
                table.add(s.label, String(s.latencies.count), ms(s.latencies.percentile(50)), ms(s.latencies.percentile(90)),
                          ms(s.latencies.percentile(99)), ms(s.latencies.percentile(100)),
                          s.latencies.count > 0 ? String(format: "%.0f%%", Double(s.nonEmpty) * 100 / Double(s.latencies.count)) : "—",
                          s.latencies.count > 0 ? kilobytes(s.responseBytes / s.latencies.count) : "—",
                          String(s.errors), String(s.timeouts))
                lsp.requests[i] = s
            }
            print(table.text)
        }
    } else {
        print("## Summary\n")
        print(summary.text)
    }
    if !notes.isEmpty {
        print("\n## Notes\n")
        for note in notes { print("- \(note)") }
    }
    return failed ? 1 : 0
}

/// Check time against ripgrep over corpora of several sizes.
func runScaling(_ options: DriverOptions, scratch: String) -> Int32 {
    let runs = options.runs ?? 3
    let generator = options.generator ?? (URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/dossier-corpus")
    var table = MarkdownTable("Articles", "Actors", ".md files", "Size", "check wall (median)", "check CPU", "Throughput", "check peak RSS", "rg wall", "check ÷ rg")
    var notes: [String] = []
    for point in options.points {
        let dir = "\(options.work)/a\(point.articles)-m\(point.actors)-k\(options.kb)-s\(options.seed)"
        if readFile(dir + "/corpus.json") == nil {
            progress("generating \(point.articles) articles × \(point.actors) actors in \(dir)…")
            let args = [generator, "--articles", String(point.articles), "--actors", String(point.actors), "--kb", String(options.kb),
                        "--seed", String(options.seed), "--out", dir]
            guard let (_, usage) = try? runTimed(args, stdoutPath: "/dev/null", stderrPath: scratch + "/gen.txt"), usage.exitCode == 0 else {
                notes.append("generating \(dir) failed: \(readFile(scratch + "/gen.txt").map { String(decoding: $0, as: UTF8.self) } ?? "")")
                continue
            }
        }
        guard let corpus = try? Corpus(root: dir) else { continue }
        progress("\(point.articles) × \(point.actors): dossier check and rg × \(runs + 1)…")
        let check = measureCommand([options.dossier, "check", corpus.root], runs: runs, scratch: scratch, acceptableExits: [0, 1])
        let rg = ripgrepArguments(options.rg, corpus: corpus).map { measureCommand($0, runs: runs, scratch: scratch, acceptableExits: [0, 1]) }
        if let f = check.failure { notes.append("\(dir): check failed: \(f)") }
        let wall = check.medianWall, rgWall = rg?.medianWall
        table.add(String(point.articles), String(point.actors), String(corpus.documents.count), megabytes(corpus.totalBytes),
                  seconds(wall), seconds(check.medianCPU),
                  wall.map { String(format: "%.0f MB/s", Double(corpus.totalBytes) / 1e6 / $0) } ?? "—",
                  megabytes(check.failure == nil ? check.maxRSS : nil), seconds(rgWall),
                  (wall != nil && rgWall != nil) ? String(format: "%.2f×", wall! / rgWall!) : "—")
    }
    print("# Dossier check scaling\n")
    print("- dossier: `\(options.dossier)` (\(dossierVersion(options.dossier, scratch: scratch)))")
    print("- machine: \(machineSummary())")
    print("- method: \(runs) timed runs per point after one warm-up; articles of ~\(options.kb) KiB, seed \(options.seed)\n")
    print(table.text)
    if !notes.isEmpty {
        print("\n## Notes\n")
        for note in notes { print("- \(note)") }
    }
    return notes.isEmpty ? 0 : 1
}
