import DossierSyntax

/// A test text with ranges marked by `⟦` and `⟧`: the markers are removed and their byte ranges kept.
public struct Marked {
    public let text: String
    public let ranges: [ByteRange]

    /// Strips the markers of `source`, recording the ranges they enclosed (sorted).
    public init(_ source: String) {
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

    /// The text as UTF-8.
    public var bytes: [UInt8] { Array(text.utf8) }
}
