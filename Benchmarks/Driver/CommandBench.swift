/// Repeated runs of one command (a fresh process each time) and what they cost.
struct CommandRuns {
    var walls: [Double] = []
    var cpus: [Double] = []
    var maxRSS = 0
    /// Exit status of the last run ("exit 0").
    var status = ""
    /// Lines the last run printed on stdout (diagnostics for `dossier check`, files for `rg -c`).
    var outputLines = 0
    /// Set when a run crashed or failed in a way the benchmark cannot use.
    var failure: String?

    var medianWall: Double? { median(walls) }
    var minWall: Double? { walls.min() }
    var medianCPU: Double? { median(cpus) }
}

/// Runs `arguments` once to warm the page cache, then `runs` times, timing each from spawn to exit.
///
/// "Cold" in the report means a fresh process with no state carried over, which is what CI and a
/// first `dossier check` see; the files themselves are in the page cache, for both dossier and rg.
func measureCommand(_ arguments: [String], runs: Int, scratch: String, acceptableExits: Set<Int32>) -> CommandRuns {
    var result = CommandRuns()
    let out = scratch + "/stdout.txt", err = scratch + "/stderr.txt"
    for run in 0...runs {
        do {
            let (wall, usage) = try runTimed(arguments, stdoutPath: out, stderrPath: err)
            result.status = usage.statusText
            guard let code = usage.exitCode, acceptableExits.contains(code) else {
                let stderr = readFile(err).map { String(decoding: $0.prefix(600), as: UTF8.self) } ?? ""
                result.failure = "\(arguments.joined(separator: " ")) → \(usage.statusText): \(stderr)"
                return result
            }
            if run == 0 { continue }
            result.walls.append(wall)
            result.cpus.append(usage.cpuSeconds)
            result.maxRSS = max(result.maxRSS, usage.maxRSSBytes)
        } catch {
            result.failure = "\(error)"
            return result
        }
    }
    result.outputLines = readFile(out).map { $0.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } } ?? 0
    return result
}
