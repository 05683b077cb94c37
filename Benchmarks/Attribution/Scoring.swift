import DossierAnalysis
import Foundation
import DossierSyntax

/// The head word of a source phrase, for comparing Dossier's sources with PolNeAR's: the last word
/// of a name ("Spokeswoman Haley Morris" → "morris"), else the noun before the first preposition
/// ("a spokeswoman for the campaign" → "spokeswoman"), without an apposition or a possessive.
enum HeadWord {
    static let prepositions: Set<String> = ["of", "for", "at", "from", "in", "with", "to", "on", "by", "about", "close", "familiar"]

    static func of(_ text: String) -> String { word(text).lowercased() }

    /// The head word as written.
    static func word(_ text: String) -> String {
        var phrase = Substring(text)
        for separator in [",", " who ", " which ", " (", "—", " – "] {
            if let range = phrase.range(of: separator), range.lowerBound > phrase.startIndex { phrase = phrase[..<range.lowerBound] }
        }
        let words = phrase.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(clean).filter { !$0.isEmpty }
        guard let last = words.last else { return "" }
        if last.first?.isUppercase == true { return last }
        if let preposition = words.firstIndex(where: { prepositions.contains($0.lowercased()) }), preposition > 0 {
            return words[preposition - 1]
        }
        return last
    }

    private static func clean(_ word: Substring) -> String {
        var word = String(word)
        for suffix in ["’s", "'s", "’", "'"] where word.hasSuffix(suffix) { word.removeLast(suffix.count) }
        return word.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
    }
}

/// A quotation of an article found independently of Dossier (paired marks of one paragraph), for
/// matching gold attributions to Dossier's by span.
struct GoldQuote {
    /// With its marks.
    var range: Range<Int>
    /// The gold attribution whose content holds it.
    var attribution: Int
}

enum GoldQuotes {
    /// The quotations of four words or more that lie in a gold attribution's content.
    static func find(_ article: Article) -> [GoldQuote] {
        var quotes: [GoldQuote] = []
        for range in quotations(article.bytes) where words(article.bytes[range]) >= 4 {
            var best: (attribution: Int, overlap: Int)?
            for (index, gold) in article.gold.enumerated() {
                let overlap = gold.content.reduce(0) { $0 + intersection($1, range) }
                if overlap * 2 >= range.count, overlap > (best?.overlap ?? 0) { best = (index, overlap) }
            }
            if let best { quotes.append(GoldQuote(range: range, attribution: best.attribution)) }
        }
        return quotes
    }

    /// Paired “…” and "…" in each paragraph (text between blank lines).
    static func quotations(_ bytes: [UInt8]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var curly: Int?
        var straight: Int?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                curly = nil
                straight = nil
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
                if bytes[index + 2] == 0x9C {
                    curly = index
                } else if bytes[index + 2] == 0x9D, let open = curly {
                    found.append(open..<(index + 3))
                    curly = nil
                }
                index += 3
                continue
            } else if byte == 0x22 {
                if let open = straight {
                    found.append(open..<(index + 1))
                    straight = nil
                } else {
                    straight = index
                }
            }
            index += 1
        }
        return found
    }

    static func words(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    static func intersection(_ a: Range<Int>, _ b: Range<Int>) -> Int { max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)) }
}

/// Dossier's inferences on one text.
struct Inferred {
    var attributions: [Attribution]
    var bytes: [UInt8]

    /// Infers on `bytes`, read as a document of an empty workspace (no cast: every source is a name or a description).
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let document = Document(id: DocumentID("file:///polnear/article.md"), bytes: bytes)
        let snapshot = WorkspaceSnapshot(documents: [document], configuration: Configuration())
        attributions = Attributions.infer(in: document, snapshot: snapshot)
    }

    /// The inference for a quotation at `range`: a quote covering most of it, else a statement holding most of it.
    func covering(_ range: Range<Int>) -> Attribution? {
        func overlap(_ attribution: Attribution) -> Int {
            GoldQuotes.intersection(attribution.content.start..<attribution.content.end, range)
        }
        if let quote = attributions.filter({ $0.kind == .quote && overlap($0) * 2 >= range.count }).max(by: { overlap($0) < overlap($1) }) {
            return quote
        }
        return attributions.filter { overlap($0) * 2 >= range.count }.max(by: { overlap($0) < overlap($1) })
    }

    /// Whether the inference names a source at all (a pronoun without antecedent counts).
    static func hasSource(_ attribution: Attribution?) -> Bool {
        guard let attribution else { return false }
        return attribution.source != nil || attribution.sourceRange != nil
    }

    /// The head words Dossier's source may be compared by: its phrase in the text and its resolved source.
    func heads(_ attribution: Attribution) -> Set<String> {
        var heads: Set<String> = []
        if let range = attribution.sourceRange { heads.insert(HeadWord.of(bytes.string(in: range))) }
        for source in attribution.sources {
            switch source {
            case let .actor(id): heads.insert(HeadWord.of(id))
            case let .name(name): heads.insert(HeadWord.of(name))
            case let .description(text): heads.insert(HeadWord.of(text))
            }
        }
        return heads
    }
}

extension [UInt8] {
    func string(in range: Range<Int>) -> String { String(decoding: self[range], as: UTF8.self) }
}
