// dossier-probe: times the analysis layer in-process on a corpus, without the protocol, so a
// latency figure from `dossier-bench` can be split into analysis work and everything else.
//
//   dossier-probe [CORPUS] [--profile-replacing | --profile-alias | --profile-inlay]
//
// Prints a Markdown table of p50/p99/max per operation. The `--profile-…` options also repeat one
// snapshot update (an article's, or a cast edit adding an alias) or the big article's inlay hints
// many times, for `perf record`.

import DossierAnalysis
import DossierSyntax
import DossierWorkspace
import Foundation

/// Median and maximum of `runs` timings of `body`, in milliseconds.
func measure(_ label: String, runs: Int, _ body: (Int) -> Void) {
    var samples: [Double] = []
    for run in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body(run)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    samples.sort()
    let p50 = samples[samples.count / 2]
    let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
    print("| \(label) | \(runs) | \(String(format: "%.3f", p50)) ms | \(String(format: "%.3f", p99)) ms | \(String(format: "%.3f", samples.last!)) ms |")
}

let arguments = CommandLine.arguments.dropFirst()
let root = URL(fileURLWithPath: arguments.first ?? "Benchmarks/corpus").standardizedFileURL.path
let loadStart = DispatchTime.now().uptimeNanoseconds
let workspace = WorkspaceLoader.load(root: root)
let snapshot = workspace.snapshot
print("loaded \(snapshot.documents.count) documents in \(Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9) s\n")
print("| operation | runs | p50 | p99 | max |")
print("|---|---|---|---|---|")

let ids = snapshot.sortedDocumentIDs
// The generator's big article, not merely the largest file: cast files of 500 actors are larger.
let big = ids.first { $0.rawValue.contains("/articles/big/") }
    ?? ids.max { snapshot.documents[$0]!.syntax.bytes.count < snapshot.documents[$1]!.syntax.bytes.count }!
let bigBytes = snapshot.documents[big]!.syntax.bytes
let article = ids.first { $0.rawValue.contains("/articles/") && $0 != big }!
let articleBytes = snapshot.documents[article]!.syntax.bytes
let cast = ids.first { $0.rawValue.contains("/cast/") }!

measure("scan 100 KB article (Document.init)", runs: 50) { _ in _ = Document(id: big, bytes: bigBytes) }
let edited = Document(id: article, bytes: articleBytes + Array(" @".utf8))
measure("snapshot.replacing(article)", runs: 50) { _ in _ = snapshot.replacing(edited) }
let bigDocument = Document(id: big, bytes: bigBytes)
measure("snapshot.replacing(100 KB article)", runs: 50) { _ in _ = snapshot.replacing(bigDocument) }
measure("diagnostics of the 100 KB article", runs: 50) { _ in _ = Checker.diagnostics(for: big, in: snapshot) }
measure("diagnostics of a 5 KB article", runs: 200) { _ in _ = Checker.diagnostics(for: article, in: snapshot) }
// The soak's random edits inside annotations leave mistyped ids behind, each needing a "did you
// mean" search of the whole registry on every re-check: 50 actor ids and 3 citations here.
var mentionEnds: [Int] = [], citeEnds: [Int] = []
var position = 0
while position < bigBytes.count {
    let isID = { (b: UInt8) in (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D }
    guard isID(bigBytes[position]) else { position += 1; continue }
    var end = position
    while end + 1 < bigBytes.count && isID(bigBytes[end + 1]) { end += 1 }
    if position > 0 && bigBytes[position - 1] == UInt8(ascii: "@") {
        mentionEnds.append(end)
    } else if bigBytes[max(0, position - 6)..<position].elementsEqual("cite=#".utf8) {
        citeEnds.append(end)
    }
    position = end + 1
}
let mistyped = stride(from: 0, to: mentionEnds.count, by: max(1, mentionEnds.count / 50)).prefix(50).map { mentionEnds[$0] } + citeEnds.prefix(3)
var typos = bigBytes
for end in mistyped.sorted(by: >) { typos.insert(UInt8(ascii: "q"), at: end + 1) }
let withTypos = snapshot.replacing(Document(id: big, bytes: typos))
measure("diagnostics of the 100 KB article, \(mistyped.count) ids mistyped", runs: 20) { _ in _ = Checker.diagnostics(for: big, in: withTypos) }
let typed = snapshot.replacing(edited)
measure("completion after `@`", runs: 200) { _ in _ = Features.completions(at: articleBytes.count + 2, in: article, snapshot: typed) }
var generator = SystemRandomNumberGenerator()
let offsets = (0..<1000).map { _ in Int.random(in: 0..<bigBytes.count, using: &generator) }
measure("hover, random offsets in the 100 KB article", runs: 1000) { run in _ = Features.hover(at: offsets[run], in: big, snapshot: snapshot) }
let whole = ByteRange(0, bigBytes.count)
measure("inlay hints of the whole 100 KB article", runs: 200) { _ in _ = Features.inlayHints(in: big, range: whole, snapshot: snapshot) }
if arguments.dropFirst().first == "--profile-inlay" {
    for _ in 0..<1000 { _ = Features.inlayHints(in: big, range: whole, snapshot: snapshot) }
}
let castBytes = snapshot.documents[cast]!.syntax.bytes
let castEdit = Document(id: cast, bytes: castBytes + Array("\n".utf8))
measure("snapshot.replacing(cast file), names unchanged", runs: 20) { _ in _ = snapshot.replacing(castEdit) }
if let aliases = castBytes.firstRange(of: Array("- aliases: ".utf8)), let lineEnd = castBytes[aliases.upperBound...].firstIndex(of: 0x0A) {
    var withAlias = castBytes
    withAlias.insert(contentsOf: Array(", Wire Desk".utf8), at: lineEnd)
    let aliasEdit = Document(id: cast, bytes: withAlias)
    measure("snapshot.replacing(cast file), one alias added", runs: 20) { _ in _ = snapshot.replacing(aliasEdit) }
    if arguments.dropFirst().first == "--profile-alias" {
        for _ in 0..<100 { _ = snapshot.replacing(aliasEdit) }
    }
    let renamed = snapshot.replacing(aliasEdit)
    let open = Array(ids.filter { $0.rawValue.contains("/articles/") }.prefix(200))
    measure("diagnostics of 200 articles after it (one core)", runs: 5) { _ in
        for id in open { _ = Checker.diagnostics(for: id, in: renamed) }
    }
}
if arguments.dropFirst().first == "--profile-replacing" {
    for _ in 0..<200 { _ = snapshot.replacing(edited) }
}
