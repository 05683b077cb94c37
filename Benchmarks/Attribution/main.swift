import DossierAnalysis
import DossierSyntax
import Foundation

// dossier-attribution-eval: scores attribution inference against PolNeAR's gold attributions
// (train and dev splits only; the test split is kept for independent evaluation and never read).
//
//   dossier-attribution-eval --data POLNEAR/data [--splits train,dev] [--failures FILE]
//
// Prints a Markdown table on stdout. `--failures FILE` writes every miss with its context, for
// study: that file holds PolNeAR text, so keep it out of the repository.

let usage = "usage: dossier-attribution-eval --data POLNEAR/data [--splits train,dev] [--failures FILE]"

var dataPath: String?
var splits = ["train", "dev"]
var failuresPath: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--data": dataPath = arguments.next()
    case "--splits": splits = (arguments.next() ?? "").split(separator: ",").map(String.init)
    case "--failures": failuresPath = arguments.next()
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        FileHandle.standardError.write(Data("\(usage)\n".utf8))
        exit(2)
    }
}
guard let dataPath else {
    FileHandle.standardError.write(Data("\(usage)\n".utf8))
    exit(2)
}
if let forbidden = splits.first(where: { $0 != "train" && $0 != "dev" }) {
    FileHandle.standardError.write(Data("dossier-attribution-eval: only the train and dev splits are scored, not `\(forbidden)`\n".utf8))
    exit(2)
}

/// The figures of one split.
struct Score {
    var articles = 0
    /// Direct quotes (four words or more) inside a gold attribution with a source.
    var quotes = 0
    var quotesWithoutSource = 0
    var quotesMatchingHead = 0
    /// The same quotes with their gold source and cue deleted from the text.
    var deleted = 0
    var deletedFlagged = 0
    /// Gold attributions whose source is a name.
    var named = 0
    var namedOverlapping = 0
    var namedOverlapShare = 0.0
    var namedMatchingHead = 0
    var seconds = 0.0

    /// `part` of `whole` as a percentage with `digits` decimals (two where a figure sits near its budget).
    static func percent(_ part: Int, _ whole: Int, digits: Int = 1) -> String {
        whole == 0 ? "–" : String(format: "%.\(digits)f%%", Double(part) * 100 / Double(whole))
    }
}

/// Misses by category, with context, for `--failures`.
var failures: [String: [String]] = [:]

func context(_ bytes: [UInt8], _ range: Range<Int>, note: String) -> String {
    let start = max(0, range.lowerBound - 240)
    let end = min(bytes.count, range.upperBound + 120)
    let before = bytes.string(in: start..<range.lowerBound)
    let inside = bytes.string(in: range)
    let after = bytes.string(in: range.upperBound..<end)
    return "\(note)\n…\(before)⟦\(inside)⟧\(after)…".replacingOccurrences(of: "\n\n", with: " ¶ ")
}

func text(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> String { ranges.map { bytes.string(in: $0) }.joined(separator: " ") }

let pronouns: Set<String> = ["he", "she", "they", "it", "i", "we", "you", "him", "her", "them"]

/// The head word of a gold source; a relative pronoun ("Austin, who told the senators") stands for the
/// phrase it follows, so its head is that phrase's last word.
func goldHeadWord(_ article: Article, _ gold: GoldAttribution) -> String {
    let head = HeadWord.of(text(article.bytes, gold.source))
    guard ["who", "which", "that"].contains(head), let start = gold.source.first?.lowerBound else { return head }
    let before = article.bytes.string(in: max(0, start - 120)..<start)
    let words = before.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
    return words.last.map { HeadWord.of(String($0)) } ?? head
}

@MainActor func score(_ article: Article, into score: inout Score, split: String) {
    let inferred = Inferred(article.bytes)
    score.articles += 1
    for quote in GoldQuotes.find(article) {
        let gold = article.gold[quote.attribution]
        guard !gold.source.isEmpty else { continue }
        score.quotes += 1
        let goldHead = goldHeadWord(article, gold)
        let found = inferred.covering(quote.range)
        if !Inferred.hasSource(found) {
            score.quotesWithoutSource += 1
            failures["\(split) quote without source", default: []].append(
                context(article.bytes, quote.range, note: "\(article.name): gold source “\(text(article.bytes, gold.source))”"))
        } else if let found, inferred.heads(found).contains(goldHead) {
            score.quotesMatchingHead += 1
        } else if let found {
            let ours = found.sourceRange.map { article.bytes.string(in: $0.start..<$0.end) } ?? "-"
            failures["\(split) quote with another source", default: []].append(
                context(article.bytes, quote.range, note: "\(article.name): gold “\(text(article.bytes, gold.source))”, Dossier “\(ours)” → \(found.sources)"))
        }
        // The same text without this quote's source and cue: the quote should be flagged.
        guard !gold.cue.isEmpty else { continue }
        let removed = (gold.source + gold.cue).sorted { $0.lowerBound < $1.lowerBound }
        guard !removed.contains(where: { $0.overlaps(quote.range) }) else { continue }
        var bytes: [UInt8] = []
        var shift = 0
        var cursor = 0
        for range in removed where range.lowerBound >= cursor {
            bytes += article.bytes[cursor..<range.lowerBound]
            if range.upperBound <= quote.range.lowerBound { shift += range.count }
            cursor = range.upperBound
        }
        bytes += article.bytes[cursor...]
        let moved = (quote.range.lowerBound - shift)..<(quote.range.upperBound - shift)
        let again = Inferred(bytes)
        score.deleted += 1
        let quoteFound = again.attributions.first { $0.kind == .quote && GoldQuotes.intersection($0.content.start..<$0.content.end, moved) * 2 >= moved.count }
        if let quoteFound, !Inferred.hasSource(quoteFound) {
            score.deletedFlagged += 1
        } else {
            let ours = quoteFound.map { "\($0.sources)" } ?? "no quotation found"
            failures["\(split) deleted source, still attributed", default: []].append(context(bytes, moved, note: "\(article.name): \(ours)"))
        }
    }
    for gold in article.gold where !gold.source.isEmpty && !gold.content.isEmpty {
        let sourceText = text(article.bytes, gold.source)
        let written = HeadWord.word(sourceText)
        let head = written.lowercased()
        // A name: its head word is capitalised and no pronoun ("Trump", "Times", "Morris").
        guard written.first?.isUppercase == true, !pronouns.contains(head) else { continue }
        score.named += 1
        let goldLength = gold.content.reduce(0) { $0 + $1.count }
        var best: (Attribution, Int)?
        for attribution in inferred.attributions {
            let overlap = gold.content.reduce(0) { $0 + GoldQuotes.intersection($1, attribution.content.start..<attribution.content.end) }
            if overlap > (best?.1 ?? 0) { best = (attribution, overlap) }
        }
        guard let (attribution, overlap) = best else {
            failures["\(split) named source, no inference", default: []].append(
                context(article.bytes, gold.content[0], note: "\(article.name): gold “\(sourceText)”, cue “\(text(article.bytes, gold.cue))”"))
            continue
        }
        score.namedOverlapping += 1
        let union = goldLength + attribution.content.length - overlap
        score.namedOverlapShare += Double(overlap) / Double(max(union, 1))
        if inferred.heads(attribution).contains(head) {
            score.namedMatchingHead += 1
        } else {
            let ours = attribution.sourceRange.map { article.bytes.string(in: $0.start..<$0.end) } ?? "-"
            failures["\(split) named source, another source", default: []].append(
                context(article.bytes, gold.content[0], note: "\(article.name): gold “\(sourceText)”, cue “\(text(article.bytes, gold.cue))”, Dossier “\(ours)”"))
        }
    }
}

var scores: [(String, Score)] = []
for split in splits {
    let articles: [Article]
    do {
        articles = try Brat.articles(data: dataPath, split: split)
    } catch {
        FileHandle.standardError.write(Data("dossier-attribution-eval: cannot read \(dataPath)/\(split): \(error)\n".utf8))
        exit(1)
    }
    var splitScore = Score()
    let started = Date()
    for article in articles { score(article, into: &splitScore, split: split) }
    splitScore.seconds = Date().timeIntervalSince(started)
    scores.append((split, splitScore))
}

print("| split | articles | direct quotes | left without a source (≤ 2%) | source head matches (≥ 90%) | deleted source and cue: still flagged (≥ 80%) | named-source attributions | content overlaps | mean overlap (Jaccard) | source matches (≥ 75%) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for (split, score) in scores {
    let jaccard = score.namedOverlapping == 0 ? 0 : score.namedOverlapShare / Double(score.namedOverlapping)
    print(
        "| \(split) | \(score.articles) | \(score.quotes) | \(Score.percent(score.quotesWithoutSource, score.quotes, digits: 2)) (\(score.quotesWithoutSource)) | "
            + "\(Score.percent(score.quotesMatchingHead, score.quotes)) | \(Score.percent(score.deletedFlagged, score.deleted)) (of \(score.deleted)) | "
            + "\(score.named) | \(Score.percent(score.namedOverlapping, score.named)) | \(String(format: "%.2f", jaccard)) | "
            + "\(Score.percent(score.namedMatchingHead, score.named)) |")
}
for (split, score) in scores {
    FileHandle.standardError.write(Data("dossier-attribution-eval: \(split) scored in \(String(format: "%.1f", score.seconds)) s\n".utf8))
}
if let failuresPath {
    var report = ""
    for (category, items) in failures.sorted(by: { $0.key < $1.key }) {
        report += "## \(category) (\(items.count))\n\n" + items.joined(separator: "\n\n") + "\n\n"
    }
    try? report.write(toFile: failuresPath, atomically: true, encoding: .utf8)
}
