import DossierAnalysis
import DossierSyntax
import Testing

/// A test text with a cursor `‸` and ranges `⟦…⟧` marked: markers are removed, byte offsets kept.
struct FeatureText {
    let text: String
    let cursor: Int?
    let ranges: [ByteRange]

    init(_ source: String) {
        var bytes: [UInt8] = []
        var opens: [Int] = []
        var ranges: [ByteRange] = []
        var cursor: Int?
        for scalar in source.unicodeScalars {
            switch scalar {
            case "‸": cursor = bytes.count
            case "⟦": opens.append(bytes.count)
            case "⟧": ranges.append(ByteRange(opens.removeLast(), bytes.count))
            default: bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        text = String(decoding: bytes, as: UTF8.self)
        self.cursor = cursor
        self.ranges = ranges.sorted()
    }
}

let castText = """
---
title: Cast
type: cast
---

# People

## Lloyd Austin {#lloyd-austin .person}

- aliases: Austin, Secretary Austin
- role: U.S. Secretary of Defense
- member-of: @us-dod
- wikidata: Q1869253
- party: none

Retired Army general.

## U.S. Department of Defense {#us-dod .organization}

- aliases: Pentagon, Defense Department
- url: https://www.defense.gov

## The New York Times {#nyt .outlet}

- aliases: NYT

"""

/// A workspace of the cast above plus the given documents (name → text), all under file:///w/.
func workspace(_ documents: [(String, String)], cast: String = castText, configuration: Configuration = Configuration()) -> WorkspaceSnapshot {
    var docs = [Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast.utf8))]
    for (name, text) in documents { docs.append(Document(id: DocumentID("file:///w/\(name)"), bytes: Array(text.utf8))) }
    return WorkspaceSnapshot(documents: docs, configuration: configuration)
}

let castID = DocumentID("file:///w/cast.md")
let articleID = DocumentID("file:///w/article.md")
let briefID = DocumentID("file:///w/brief.md")

/// The byte offset of the first occurrence of `needle` in `text` (plus `delta`).
func offset(of needle: String, in text: String, plus delta: Int = 0) -> Int {
    let bytes = Array(text.utf8)
    let pattern = Array(needle.utf8)
    for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<start + pattern.count]) == pattern {
        return start + delta
    }
    Issue.record("\(needle) not found")
    return -1
}

/// The byte range of the first occurrence of `needle` in `text`.
func range(of needle: String, in text: String) -> ByteRange {
    let start = offset(of: needle, in: text)
    return ByteRange(start, start + needle.utf8.count)
}
