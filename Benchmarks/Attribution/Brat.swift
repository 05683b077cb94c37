import Foundation
import DossierAnalysis

/// One gold attribution of PolNeAR: its source, cue and content spans as UTF-8 byte ranges of the article.
struct GoldAttribution {
    var source: [Range<Int>] = []
    var cue: [Range<Int>] = []
    var content: [Range<Int>] = []
}

/// One article of a split, read as `dossier annotate` reads a `.txt` article (`RawArticle`: every line
/// a paragraph), with its gold attributions (one annotator's) moved to the Markdown's offsets.
struct Article {
    var name: String
    var bytes: [UInt8]
    var gold: [GoldAttribution]
}

/// Reads PolNeAR's brat standoff files (`T` spans, `E` relations tying Source, Cue and Content).
enum Brat {
    /// The articles of `split` under `data` (`data/<split>/text/*.txt`, `data/<split>/attributions/*.ann`),
    /// each with the first annotator's file (by name) when several annotated it.
    static func articles(data: String, split: String) throws -> [Article] {
        let textFolder = "\(data)/\(split)/text"
        let annotationFolder = "\(data)/\(split)/attributions"
        let texts = try FileManager.default.contentsOfDirectory(atPath: textFolder).filter { $0.hasSuffix(".txt") }.sorted()
        let annotations = try FileManager.default.contentsOfDirectory(atPath: annotationFolder).filter { $0.hasSuffix(".ann") }.sorted()
        var byArticle: [String: String] = [:]
        for file in annotations {
            // "<article>_<annotator>.ann"
            guard let underscore = file.lastIndex(of: "_") else { continue }
            let article = String(file[..<underscore])
            if byArticle[article] == nil { byArticle[article] = file }
        }
        return try texts.compactMap { file in
            let name = String(file.dropLast(4))
            guard let annotation = byArticle[name] else { return nil }
            let text = try String(contentsOfFile: "\(textFolder)/\(file)", encoding: .utf8)
            let standoff = try String(contentsOfFile: "\(annotationFolder)/\(annotation)", encoding: .utf8)
            let markdown = RawArticle(Array(text.utf8))
            func move(_ range: Range<Int>) -> Range<Int> { markdown.offsets[range.lowerBound]..<markdown.offsets[range.upperBound] }
            let gold = parse(standoff, text: text).map { attribution in
                GoldAttribution(source: attribution.source.map(move), cue: attribution.cue.map(move), content: attribution.content.map(move))
            }
            return Article(name: name, bytes: markdown.markdown, gold: gold)
        }
    }

    /// The attributions of one `.ann` file; brat offsets count Unicode scalars, converted to UTF-8 bytes.
    static func parse(_ standoff: String, text: String) -> [GoldAttribution] {
        var byteOffset: [Int] = [0]
        byteOffset.reserveCapacity(text.unicodeScalars.count + 1)
        for scalar in text.unicodeScalars { byteOffset.append(byteOffset.last! + String(scalar).utf8.count) }
        var spans: [String: (kind: String, ranges: [Range<Int>])] = [:]
        var relations: [[String: String]] = []
        for line in standoff.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            if fields[0].hasPrefix("T") {
                let parts = fields[1].split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let ranges: [Range<Int>] = parts[1].split(separator: ";").compactMap { piece in
                    let bounds = piece.split(separator: " ").compactMap { Int($0) }
                    guard bounds.count == 2, bounds[0] <= bounds[1], bounds[1] < byteOffset.count else { return nil }
                    return byteOffset[bounds[0]]..<byteOffset[bounds[1]]
                }
                spans[String(fields[0])] = (String(parts[0]), ranges)
            } else if fields[0].hasPrefix("E") {
                var relation: [String: String] = [:]
                for argument in fields[1].split(separator: " ") {
                    let pair = argument.split(separator: ":")
                    guard pair.count == 2 else { continue }
                    relation[String(pair[0]).trimmingCharacters(in: .decimalDigits)] = String(pair[1])
                }
                relations.append(relation)
            }
        }
        return relations.map { relation in
            GoldAttribution(
                source: relation["Source"].flatMap { spans[$0]?.ranges } ?? [],
                cue: relation["Cue"].flatMap { spans[$0]?.ranges } ?? [],
                content: relation["Content"].flatMap { spans[$0]?.ranges } ?? [])
        }
    }
}
