import DossierSyntax

/// Finds the leftmost-longest occurrences of many phrases that stand on word boundaries, in one
/// pass over the bytes. A phrase can only start where a word starts, so the matcher walks a trie
/// of all phrases from each word start (one table load where no phrase starts) instead of keeping
/// Aho–Corasick failure links: its cost grows with the text, not with the number of phrases.
public struct NameMatcher: Sendable {
    /// One occurrence of a phrase.
    public struct Match: Hashable, Sendable {
        public var range: ByteRange
        /// Index into `phrases`.
        public var phrase: Int
    }

    /// The phrases, in the order given.
    public let phrases: [String]
    private let caseInsensitive: Bool
    private var rootTransitions = [Int32](repeating: 0, count: 256)
    private var childStart: [Int32] = []
    private var childCount: [Int32] = []
    private var childBytes: [UInt8] = []
    private var childNodes: [Int32] = []
    /// The phrase ending at each node, or -1.
    private var output: [Int32] = []

    /// Builds the trie; `caseInsensitive` folds ASCII letters (for cue lists).
    public init(phrases: [String], caseInsensitive: Bool = false) {
        self.phrases = phrases
        self.caseInsensitive = caseInsensitive
        // Build a trie with dictionary children first, then flatten it.
        var trie: [[UInt8: Int32]] = [[:]]
        var trieOutput: [Int32] = [-1]
        for (index, phrase) in phrases.enumerated() {
            var node = 0
            for raw in phrase.utf8 {
                let byte = caseInsensitive ? NameMatcher.fold(raw) : raw
                if let next = trie[node][byte] {
                    node = Int(next)
                } else {
                    trie.append([:])
                    trieOutput.append(-1)
                    let next = Int32(trie.count - 1)
                    trie[node][byte] = next
                    node = Int(next)
                }
            }
            if node != 0, trieOutput[node] < 0 { trieOutput[node] = Int32(index) }
        }
        let count = trie.count
        childStart = [Int32](repeating: 0, count: count)
        childCount = [Int32](repeating: 0, count: count)
        for node in 0..<count {
            childStart[node] = Int32(childBytes.count)
            let sorted = trie[node].sorted { $0.key < $1.key }
            childCount[node] = Int32(sorted.count)
            for (byte, child) in sorted {
                childBytes.append(byte)
                childNodes.append(child)
            }
        }
        for (byte, child) in trie[0] { rootTransitions[Int(byte)] = child }
        output = trieOutput
    }

    @inline(__always)
    private static func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    @inline(__always)
    private func transition(from node: Int, _ byte: UInt8) -> Int32? {
        if node == 0 {
            let next = rootTransitions[Int(byte)]
            return next == 0 ? nil : next
        }
        let start = Int(childStart[node])
        let end = start + Int(childCount[node])
        var low = start
        var high = end
        while low < high {
            let mid = (low + high) / 2
            let value = childBytes[mid]
            if value == byte { return childNodes[mid] }
            if value < byte { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The leftmost-longest word-bounded matches inside `range` of `bytes`, in order, not overlapping.
    public func matches(in bytes: [UInt8], range: ByteRange) -> [Match] {
        var found: [Match] = []
        guard !phrases.isEmpty, range.start < range.end else { return found }
        let fold = caseInsensitive
        rootTransitions.withUnsafeBufferPointer { root in
            output.withUnsafeBufferPointer { output in
                bytes.withUnsafeBufferPointer { text in
                    var index = range.start
                    while index < range.end {
                        let first = fold ? NameMatcher.fold(text[index]) : text[index]
                        let child = root[Int(first)]
                        guard child != 0, NameMatcher.isWordBoundary(bytes, before: index, lowerBound: range.start) else {
                            index += 1
                            continue
                        }
                        var node = Int(child)
                        var end = index + 1
                        var best: Match?
                        while true {
                            if output[node] >= 0, NameMatcher.isWordBoundary(bytes, after: end, upperBound: range.end) {
                                best = Match(range: ByteRange(index, end), phrase: Int(output[node]))
                            }
                            guard end < range.end,
                                let next = transition(from: node, fold ? NameMatcher.fold(text[end]) : text[end])
                            else { break }
                            node = Int(next)
                            end += 1
                        }
                        if let best {
                            found.append(best)
                            index = best.range.end
                        } else {
                            index += 1
                        }
                    }
                }
            }
        }
        return found
    }

    /// Whether no letter or digit stands right before `offset`.
    static func isWordBoundary(_ bytes: [UInt8], before offset: Int, lowerBound: Int) -> Bool {
        guard offset > lowerBound, offset > 0 else { return true }
        let previous = bytes[offset - 1]
        if previous < 0x80 { return !ASCIIWord.isWordByte(previous) }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80, offset - start < 4 { start -= 1 }
        return !ASCIIWord.isWordScalar(bytes, start..<offset)
    }

    /// Whether no letter or digit stands right at `offset`.
    static func isWordBoundary(_ bytes: [UInt8], after offset: Int, upperBound: Int) -> Bool {
        guard offset < upperBound, offset < bytes.count else { return true }
        let next = bytes[offset]
        if next < 0x80 { return !ASCIIWord.isWordByte(next) }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80, end - offset < 4 { end += 1 }
        return !ASCIIWord.isWordScalar(bytes, offset..<end)
    }
}

/// What counts as part of a word for name and cue boundaries.
enum ASCIIWord {
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    static func isWordScalar(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        // U+2000–U+203F (curly quotes, dashes, ellipsis) are the common non-ASCII neighbours in news text.
        if range.count == 3, bytes[range.lowerBound] == 0xE2, bytes[range.lowerBound + 1] == 0x80 { return false }
        guard let scalar = String(decoding: bytes[range], as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
