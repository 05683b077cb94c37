import DossierSyntax

/// Splits a paragraph into sentences for the heuristic rules: a sentence ends at `.`, `!` or `?`
/// (closing quotes and brackets included) followed by a space and a capital, a digit or an
/// opening quote — unless the word before the period is a known abbreviation or an initial.
enum Sentences {
    static let abbreviations: [String] = [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gen", "Lt", "Col", "Gov", "Pres", "St", "Jr", "Sr",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Vol", "vs", "etc",
        "Inc", "Corp", "Ltd", "Co", "Mt", "Ft", "Capt", "Sgt", "Adm", "Cmdr", "Rev", "Hon", "Ill", "Conn", "Calif", "Mass",
        "Wash", "Fla", "Ariz", "Mich", "Penn", "Va", "Md", "Tenn", "Ky", "Ala", "Ga", "La", "Okla", "Ore", "Wis", "Minn",
        "Nev", "Tex", "Neb", "Kan", "Colo", "Ind", "Vt", "Del", "Pa", "Mo", "Ark", "Wyo", "Mont", "Miss",
    ]

    /// `abbreviations` as `packed` keys, sorted: a period is checked without building a string.
    private static let abbreviationKeys: [UInt64] = abbreviations.map { packed(Array($0.utf8)[...]) }.sorted()

    /// The bytes of a word of one to eight bytes, none of them zero, packed into one number that differs for every such word.
    private static func packed(_ word: ArraySlice<UInt8>) -> UInt64 {
        word.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Calls `body` with each sentence range of `range`, in order; together they cover it without gaps.
    static func split(_ bytes: [UInt8], _ range: ByteRange, _ body: (ByteRange) -> Void) {
        var start = range.start
        var index = range.start
        while index < range.end {
            index = nextTerminator(bytes, from: index, to: range.end)
            guard index < range.end else { break }
            let byte = bytes[index]
            var end = index + 1
            while end < range.end {
                if isCloser(bytes, end) {
                    end += closerWidth(bytes, end)
                } else if bytes[end - 1] == 0x5D, bytes[end] == 0x7B || bytes[end] == 0x28, let close = groupEnd(bytes, end, range.end) {
                    end = close  // `.]{.claim …}` or `.](@id)`: the sentence ends after the span's attributes.
                } else {
                    break
                }
            }
            var next = end
            while next < range.end, bytes[next] == 0x20 || bytes[next] == 0x0A || bytes[next] == 0x0D || bytes[next] == 0x09 { next += 1 }
            let spaced = next > end || end == range.end
            if spaced, next == range.end || startsSentence(bytes, next), !(byte == 0x2E && isAbbreviation(bytes, before: index, from: range.start)) {
                body(ByteRange(start, end))
                start = next
                index = next
            } else {
                index = end
            }
        }
        if start < range.end { body(ByteRange(start, range.end)) }
    }

    /// The first sentence of `range` (all of it when it holds one).
    static func first(_ bytes: [UInt8], _ range: ByteRange) -> ByteRange {
        var first: ByteRange?
        split(bytes, range) { sentence in
            if first == nil { first = sentence }
        }
        return first ?? range
    }

    /// The offset of the next `.`, `!` or `?` at or after `start`, or `end`.
    private static func nextTerminator(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: 0x2E, 0x21, 0x3F, in: $0, from: start, to: end) }
    }

    /// Just past the `}` or `)` closing the group opened at `open`, looking no further than 1 KB.
    private static func groupEnd(_ bytes: [UInt8], _ open: Int, _ limit: Int) -> Int? {
        let closer: UInt8 = bytes[open] == 0x7B ? 0x7D : 0x29
        var index = open + 1
        while index < min(limit, open + 1024) {
            if bytes[index] == closer { return index + 1 }
            index += 1
        }
        return nil
    }

    private static func isCloser(_ bytes: [UInt8], _ index: Int) -> Bool {
        let byte = bytes[index]
        if byte == 0x22 || byte == 0x27 || byte == 0x29 || byte == 0x5D || byte == 0x2A || byte == 0x5F { return true }
        // ” (E2 80 9D) and ’ (E2 80 99)
        return byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x9D || bytes[index + 2] == 0x99)
    }

    private static func closerWidth(_ bytes: [UInt8], _ index: Int) -> Int { bytes[index] == 0xE2 ? 3 : 1 }

    private static func startsSentence(_ bytes: [UInt8], _ index: Int) -> Bool {
        let byte = bytes[index]
        if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x22 || byte == 0x5B || byte == 0x40 || byte == 0x2A {
            return true
        }
        // A comment between sentences (`dossier-ignore` for the next one) ends the one before it.
        if byte == 0x3C, index + 3 < bytes.count, bytes[index + 1] == 0x21, bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D { return true }
        // “ (E2 80 9C) or a non-ASCII capital.
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C { return true }
        if byte >= 0xC0 {
            let scalar = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self).unicodeScalars.first
            return scalar?.properties.isUppercase ?? false
        }
        return false
    }

    /// Whether the word that ends at `period` (starting no earlier than `lowerBound`) is an initial or one of `abbreviations`.
    static func isAbbreviation(_ bytes: [UInt8], before period: Int, from lowerBound: Int) -> Bool {
        var start = period
        while start > lowerBound, ASCIIWord.isWordByte(bytes[start - 1]) { start -= 1 }
        // An initial: one capital letter (the word is ASCII letters and digits only).
        if period - start == 1, bytes[start] >= 0x41, bytes[start] <= 0x5A { return true }
        guard period - start <= 8 else { return false }
        let key = packed(bytes[start..<period])
        let keys = abbreviationKeys
        let low = partitionPoint(keys.count) { mid in keys[mid] < key }
        return low < keys.count && keys[low] == key
    }
}
