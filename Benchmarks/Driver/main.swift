// dossier-bench: measures `dossier check` and `dossier lsp` on a workspace and prints Markdown.

import Foundation

let usage = """
    usage: dossier-bench [options]            full benchmark of one corpus
           dossier-bench scaling [options]    `dossier check` vs ripgrep over corpora of several sizes
           dossier-bench soak [options]       100,000 mixed, pipelined requests and edits: lost or duplicate responses, RSS over time

    common options:
      --dossier PATH        the dossier binary (default .build/release/dossier)
      --rg PATH             ripgrep (default rg, from PATH)
      --runs N              timed runs of check and rg, after one warm-up (default 5; scaling: 3)
      --seed N              seed for the driver's choices of documents and positions (default 1)
    full benchmark:
      --corpus DIR          the workspace (default Benchmarks/corpus)
      --requests N          requests per kind: hover, definition, completion, references, documentSymbol (default 1000)
      --edits N             didChange edits on the big article (default 50)
      --open N              articles opened in the editor session (default 200)
      --cast-edits N        alias edits in the cast file (default 10)
      --timeout S           seconds allowed for indexing and for opening documents (default 120)
      --request-timeout S   seconds allowed per request or edit (default 10; soak: 60)
      --skip-check, --skip-rg, --skip-lsp
    soak (also --dossier, --corpus, --seed, --timeout, --request-timeout):
      --requests N          messages to send: requests and notifications (default 100000)
      --sample-every N      sample the server's RSS every N messages (default 1000)
      --in-flight N         requests outstanding at most (default 16)
      --hold S              keep the server running S seconds after the end sample, to inspect it (default 0)
    scaling:
      --generator PATH      dossier-corpus binary (default: next to this binary)
      --work DIR            where corpora are generated (default Benchmarks/corpus-scaling)
      --points LIST         ARTICLESxACTORS,… (default 1000x2000,10000x2000,50000x2000,10000x500,10000x20000)
      --kb K                article size (default 5)
    """

/// What the driver measures.
enum DriverMode {
    /// `dossier check`, ripgrep and an editor session on one corpus.
    case full
    /// `dossier check` against ripgrep over generated corpora of several sizes.
    case scaling
    /// A long run of mixed pipelined requests and edits against one server.
    case soak
}

/// Parsed command line.
struct DriverOptions {
    var mode = DriverMode.full
    var dossier = ".build/release/dossier"
    var rg = "rg"
    var runs: Int?
    var seed: UInt64 = 1
    var corpus = "Benchmarks/corpus"
    /// Requests per kind (full) or messages in all (soak); nil means the mode's default.
    var requests: Int?
    var edits = 50
    var open = 200
    var castEdits = 10
    var timeout = 120.0
    /// Seconds per request; nil means the mode's default.
    var requestTimeout: Double?
    var skipCheck = false
    var skipRG = false
    var skipLSP = false
    var generator: String?
    var work = "Benchmarks/corpus-scaling"
    var points: [(articles: Int, actors: Int)] = [(1000, 2000), (10000, 2000), (50000, 2000), (10000, 500), (10000, 20000)]
    var kb = 5
    var sampleEvery = 1000
    var inFlight = 16
    var hold = 0.0

    /// Parses the arguments (without the program name); exits with usage on errors.
    static func parse(_ args: [String]) -> DriverOptions {
        var o = DriverOptions()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { die("missing value for \(args[i - 1])") }
            return args[i]
        }
        func int() -> Int {
            let text = value()
            guard let n = Int(text), n >= 0 else { die("\(args[i - 1]) needs a non-negative integer, got '\(text)'") }
            return n
        }
        func double() -> Double {
            let text = value()
            guard let n = Double(text), n > 0 else { die("\(args[i - 1]) needs a positive number, got '\(text)'") }
            return n
        }
        switch args.first {
        case "scaling":
            o.mode = .scaling
            i = 1
        case "soak":
            o.mode = .soak
            i = 1
        default: break
        }
        while i < args.count {
            switch args[i] {
            case "--dossier": o.dossier = value()
            case "--rg": o.rg = value()
            case "--runs": o.runs = max(1, int())
            case "--seed":
                let text = value()
                guard let s = UInt64(text) else { die("--seed needs an unsigned integer") }
                o.seed = s
            case "--corpus": o.corpus = value()
            case "--requests": o.requests = int()
            case "--edits": o.edits = int()
            case "--open": o.open = max(1, int())
            case "--cast-edits": o.castEdits = int()
            case "--timeout": o.timeout = double()
            case "--request-timeout": o.requestTimeout = double()
            case "--skip-check": o.skipCheck = true
            case "--skip-rg": o.skipRG = true
            case "--skip-lsp": o.skipLSP = true
            case "--generator": o.generator = value()
            case "--work": o.work = value()
            case "--kb": o.kb = max(1, int())
            case "--sample-every": o.sampleEvery = max(1, int())
            case "--in-flight": o.inFlight = max(1, int())
            case "--hold": o.hold = double()
            case "--points":
                o.points = value().split(separator: ",").map { item in
                    let parts = item.split(separator: "x").compactMap { Int($0) }
                    guard parts.count == 2 else { die("--points wants ARTICLESxACTORS,…, got '\(item)'") }
                    return (parts[0], parts[1])
                }
            case "-h", "--help", "help":
                print(usage)
                exit(0)
            default: die("unknown argument '\(args[i])'")
            }
            i += 1
        }
        return o
    }
}

/// Prints an error and the usage to stderr, then exits with status 2.
func die(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dossier-bench: \(message)\n\(usage)\n".utf8))
    exit(2)
}

/// Progress lines on stderr, so that stdout stays pure Markdown.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("dossier-bench: \(message)\n".utf8))
}

let options = DriverOptions.parse(Array(CommandLine.arguments.dropFirst()))
let scratch = NSTemporaryDirectory() + "dossier-bench-\(ProcessInfo.processInfo.processIdentifier)"
try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
let status: Int32
switch options.mode {
case .full: status = runFull(options, scratch: scratch)
case .scaling: status = runScaling(options, scratch: scratch)
case .soak: status = runSoak(options, scratch: scratch)
}
try? FileManager.default.removeItem(atPath: scratch)
exit(status)
