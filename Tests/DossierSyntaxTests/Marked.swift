import DossierSyntax

/// A test text with ranges marked by `⟦` and `⟧`: the markers are removed and their byte ranges kept.
struct Marked {
    let text: String
    let ranges: [ByteRange]

    init(_ source: String) {
        var bytes: [UInt8] = []
        var opens: [Int] = []
        var ranges: [ByteRange] = []
        for scalar in source.unicodeScalars {
            if scalar == "⟦" {
                opens.append(bytes.count)
            } else if scalar == "⟧" {
                ranges.append(ByteRange(opens.removeLast(), bytes.count))
            } else {
                bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        text = String(decoding: bytes, as: UTF8.self)
        self.ranges = ranges.sorted()
    }

    var bytes: [UInt8] { Array(text.utf8) }

    func scan() -> DocumentSyntax { DocumentScanner.scan(bytes) }
}
