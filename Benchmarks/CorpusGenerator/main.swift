// dossier-corpus: writes a deterministic benchmark workspace in the Dossier format.
//
// Everything an article contains is a function of (seed, its index, the cast, the plans), never
// of thread timing, so the output is byte-for-byte reproducible while articles are written in parallel.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage: dossier-corpus [--articles N] [--actors M] [--kb K] [--seed S] [--out DIR]
                          [--big-article KB] [--per-cast-file N] [--force]

    Writes a Dossier workspace: dossier.json, cast/cast-NN.md, articles/NNNN/*.md, names.txt
    (every actor name and alias, one per line) and corpus.json (what was generated).
      --articles N        regular articles (default 10000)
      --actors M          actors in the cast (default 2000)
      --kb K              approximate size of each article in KiB (default 5)
      --seed S            generator seed, any unsigned 64-bit integer (default 1)
      --out DIR           output folder (default corpus); an existing corpus there is replaced
      --big-article KB    also write one article of about KB KiB (articles/big/)
      --per-cast-file N   actors per cast file (default 500)
      --force             write into a non-empty DIR that holds no earlier corpus
    """

/// Command-line options.
struct Options {
    var articles = 10_000
    var actors = 2_000
    var kb = 5
    var seed: UInt64 = 1
    var out = "corpus"
    var bigArticleKB: Int?
    var perCastFile = 500
    var force = false

    /// Parses the arguments (without the program name); exits with usage on errors.
    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("missing value for \(args[i - 1])") }
            return args[i]
        }
        func number(_ name: String, min: Int) -> Int {
            let text = value()
            guard let n = Int(text), n >= min else { fail("\(name) needs an integer ≥ \(min), got '\(text)'") }
            return n
        }
        while i < args.count {
            switch args[i] {
            case "--articles": o.articles = number("--articles", min: 0)
            case "--actors": o.actors = number("--actors", min: 1)
            case "--kb": o.kb = number("--kb", min: 1)
            case "--seed":
                let text = value()
                guard let s = UInt64(text) else { fail("--seed needs an unsigned integer, got '\(text)'") }
                o.seed = s
            case "--out": o.out = value()
            case "--big-article": o.bigArticleKB = number("--big-article", min: 1)
            case "--per-cast-file": o.perCastFile = number("--per-cast-file", min: 1)
            case "--force": o.force = true
            case "-h", "--help", "help":
                print(usage)
                exit(0)
            default: fail("unknown argument '\(args[i])'")
            }
            i += 1
        }
        return o
    }
}

/// Prints an error and the usage, then exits with status 2.
func fail(_ message: String) -> Never {
    writeStderr("dossier-corpus: \(message)\n\(usage)\n")
    exit(2)
}

/// Writes `s` to standard error, unbuffered.
func writeStderr(_ s: String) {
    var s = s
    s.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
do {
    let started = monotonicSeconds()
    let summary = try Generator(options: options).run()
    let elapsed = monotonicSeconds() - started
    let mb = Double(summary.bytes) / 1_000_000
    writeStderr("dossier-corpus: wrote \(summary.files) files, \(formatFixed(mb, 1)) MB (\(summary.actors) actors, \(summary.names) names) to \(options.out) in \(formatFixed(elapsed, 2)) s (\(formatFixed(mb / max(elapsed, 1e-9), 0)) MB/s)\n")
} catch {
    writeStderr("dossier-corpus: \(error)\n")
    exit(1)
}
