import DossierSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// The node reached from the root by each first byte (an offset into `nodes`), or 0 for none;
    /// both cases of a letter lead to the same node when `caseInsensitive`.
    private var rootTransitions = [Int32](repeating: 0, count: 256)
    /// One bit per hash of the first three bytes some phrase starts with (a phrase shorter than
    /// three bytes sets every hash its continuations can have): most words that start like a
    /// phrase ("The" beside "Theodore") are ruled out here, without walking the trie.
    private var tripleStarts = [UInt64](repeating: 0, count: 1024)
    /// The trie, flattened depth-first so a walk along one phrase reads memory mostly forwards:
    /// each node is a header word (low 32 bits: the phrase ending here or -1; high 32 bits: the
    /// number of children) followed by one word per child (low 8 bits: the byte, high 32 bits:
    /// the child's offset), children sorted by byte.
    private var nodes: [UInt64] = []

    /// Builds the trie; `caseInsensitive` folds ASCII letters (for cue lists). Linear in the
    /// phrases' total length after one sort: a cast edit that changes a name rebuilds it.
    public init(phrases: [String], caseInsensitive: Bool = false) {
        self.phrases = phrases
        self.caseInsensitive = caseInsensitive
        // Every phrase's (folded) bytes in one buffer: no allocation per phrase or per node.
        var text: [UInt8] = []
        var starts: [Int32] = []
        var order: [Int32] = []
        starts.reserveCapacity(phrases.count + 1)
        for (index, phrase) in phrases.enumerated() {
            starts.append(Int32(text.count))
            text.append(contentsOf: phrase.utf8)
            if Int32(text.count) > starts[index] { order.append(Int32(index)) }
        }
        starts.append(Int32(text.count))
        if caseInsensitive {
            for index in text.indices { text[index] = NameMatcher.fold(text[index]) }
        }
        nodes = text.withUnsafeBufferPointer { text in
            starts.withUnsafeBufferPointer { starts in
                // Phrases sorted by their bytes: every trie node is a run of consecutive entries
                // sharing a prefix, and a phrase that ends at a node sorts first in its run (ties:
                // lowest index).
                // The first eight bytes, big-endian, decide most comparisons without touching the text.
                let keys = (0..<phrases.count).map { NameMatcher.prefixKey(text, starts, $0) }
                order.sort { a, b in
                    let (keyA, keyB) = (keys[Int(a)], keys[Int(b)])
                    if keyA != keyB { return keyA < keyB }
                    switch NameMatcher.compare(text, starts, Int(a), Int(b)) {
                    case 0: return a < b
                    case let sign: return sign < 0
                    }
                }
                return order.withUnsafeBufferPointer { order in
                    NameMatcher.flatten(text: text, starts: starts, order: order)
                }
            }
        }
        let rootChildren = Int(nodes[1] >> 32)
        for slot in 2 ..< 2 + rootChildren {
            let byte = UInt8(truncatingIfNeeded: nodes[slot])
            rootTransitions[Int(byte)] = Int32(truncatingIfNeeded: nodes[slot] >> 32)
            rootTransitions[Int(otherCase(byte))] = rootTransitions[Int(byte)]
        }
        for index in phrases.indices where starts[index + 1] > starts[index] {
            let start = Int(starts[index])
            let first = text[start]
            switch starts[index + 1] - starts[index] {
            case 1:
                // Any three bytes may start a match: the filter can rule nothing out.
                tripleStarts = [UInt64](repeating: .max, count: tripleStarts.count)
            case 2:
                for third in UInt8.min...UInt8.max { markTripleStart(first, text[start + 1], third) }
            default:
                markTripleStart(first, text[start + 1], text[start + 2])
            }
        }
    }

    /// The same letter in upper case when `caseInsensitive` and `byte` is a folded letter, else `byte`.
    private func otherCase(_ byte: UInt8) -> UInt8 {
        caseInsensitive && byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
    }

    /// Records that a phrase starts with the folded bytes `first`, `second`, `third`, in every case it matches.
    private mutating func markTripleStart(_ first: UInt8, _ second: UInt8, _ third: UInt8) {
        // Eight case variants for a case-insensitive matcher; the bytes as given otherwise.
        for variant in 0..<(caseInsensitive ? 8 : 1) {
            let hash = NameMatcher.tripleHash(
                variant & 1 == 0 ? first : otherCase(first), variant & 2 == 0 ? second : otherCase(second),
                variant & 4 == 0 ? third : otherCase(third))
            tripleStarts[hash >> 6] |= 1 << UInt64(hash & 63)
        }
    }

    /// A 16-bit hash of three bytes.
    @inline(__always)
    private static func tripleHash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        let key = UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
        return Int((key &* 0x9E37_79B1) >> 16)
    }

    /// The trie of the sorted phrases `order`, flattened depth-first (the root at offset 1).
    private static func flatten(
        text: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int32>, order: UnsafeBufferPointer<Int32>
    ) -> [UInt64] {
        func length(_ entry: Int) -> Int { Int(starts[Int(order[entry]) + 1] - starts[Int(order[entry])]) }
        func byte(_ entry: Int, _ depth: Int) -> UInt8 { text[Int(starts[Int(order[entry])]) + depth] }
        var nodes: [UInt64] = []
        nodes.reserveCapacity(1 + 2 * text.count + 1)
        nodes.append(0)  // offset 0 stands for "no node" in `rootTransitions`
        // Depth-first emission with an explicit stack (phrases can be long); a child's slot in
        // its parent is patched once the child's own offset is known.
        var stack: [(lower: Int, upper: Int, depth: Int, parentSlot: Int)] = [(0, order.count, 0, -1)]
        while let (lower, upper, depth, parentSlot) = stack.popLast() {
            let offset = nodes.count
            if parentSlot >= 0 { nodes[parentSlot] |= UInt64(offset) << 32 }
            var first = lower
            var output: Int32 = -1
            while first < upper, length(first) == depth {
                if output < 0 { output = order[first] }
                first += 1
            }
            // One slot per distinct next byte, in order; the children are pushed last first so
            // the first child is emitted next, right after its parent.
            let header = nodes.count
            nodes.append(0)
            var start = first
            while start < upper {
                let value = byte(start, depth)
                var end = start + 1
                while end < upper, byte(end, depth) == value { end += 1 }
                nodes.append(UInt64(value))
                start = end
            }
            let children = nodes.count - header - 1
            nodes[header] = UInt64(UInt32(bitPattern: output)) | UInt64(children) << 32
            var end = upper
            var slot = nodes.count - 1
            while end > first {
                let value = byte(end - 1, depth)
                var begin = end - 1
                while begin > first, byte(begin - 1, depth) == value { begin -= 1 }
                stack.append((begin, end, depth + 1, slot))
                slot -= 1
                end = begin
            }
        }
        return nodes
    }

    /// The first eight bytes of phrase `index`, big-endian and zero-padded, so that comparing two
    /// keys orders the phrases as their bytes do whenever the keys differ.
    private static func prefixKey(_ text: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int32>, _ index: Int) -> UInt64 {
        let start = Int(starts[index])
        let end = min(Int(starts[index + 1]), start + 8)
        var key: UInt64 = 0
        for offset in start..<start + 8 { key = key << 8 | UInt64(offset < end ? text[offset] : 0) }
        return key
    }

    /// Byte-wise three-way comparison of phrases `a` and `b` (negative, zero, positive), a prefix first.
    private static func compare(_ text: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int32>, _ a: Int, _ b: Int) -> Int {
        let aStart = Int(starts[a]), aCount = Int(starts[a + 1]) - aStart
        let bStart = Int(starts[b]), bCount = Int(starts[b + 1]) - bStart
        let common = min(aCount, bCount)
        if common > 0 {
            let order = memcmp(text.baseAddress! + aStart, text.baseAddress! + bStart, common)
            if order != 0 { return Int(order) }
        }
        return aCount - bCount
    }

    @inline(__always)
    private static func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// The child of the node at `offset` for `byte`, or nil.
    @inline(__always)
    private static func transition(_ nodes: UnsafeBufferPointer<UInt64>, from offset: Int, _ byte: UInt8) -> Int? {
        let count = Int(nodes[offset] >> 32)
        var slot = offset + 1
        let end = slot + count
        // Most nodes have one or a few children: a forward scan beats a binary search here.
        while slot < end {
            let entry = nodes[slot]
            let value = UInt8(truncatingIfNeeded: entry)
            if value == byte { return Int(entry >> 32) }
            if value > byte { return nil }
            slot += 1
        }
        return nil
    }

    @inline(__always)
    private static func output(_ nodes: UnsafeBufferPointer<UInt64>, at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(truncatingIfNeeded: nodes[offset]))
    }

    /// The leftmost-longest word-bounded matches inside `range` of `bytes`, in order, not overlapping.
    public func matches(in bytes: [UInt8], range: ByteRange) -> [Match] {
        var found: [Match] = []
        var none: [Match] = []
        NameMatcher.matches(self, NameMatcher.none, in: bytes, range: range, into: &found, &none)
        return found
    }

    /// A matcher of no phrases.
    private static let none = NameMatcher(phrases: [])

    /// The matches of two matchers over the same text in one pass (each as `matches(in:range:)`
    /// gives them), replacing what `firstFound` and `secondFound` held. The walk from word to
    /// word, most of the cost, is shared; a caller that scans many segments keeps the arrays'
    /// storage between them.
    public static func matches(
        _ first: NameMatcher, _ second: NameMatcher, in bytes: [UInt8], range: ByteRange,
        into firstFound: inout [Match], _ secondFound: inout [Match]
    ) {
        firstFound.removeAll(keepingCapacity: true)
        secondFound.removeAll(keepingCapacity: true)
        guard range.start < range.end, range.end <= bytes.count else { return }
        bytes.withUnsafeBufferPointer { text in
            ASCIIWord.wordBytes.withUnsafeBufferPointer { wordBytes in
                first.withTables { first in
                    second.withTables { second in
                        // Where each matcher may start its next match: matches of one matcher do not overlap.
                        var firstFrom = range.start, secondFrom = range.start
                        var index = range.start
                        while index < range.end {
                            let byte = text[index]
                            let firstChild = index >= firstFrom ? first.start(text, at: index, upperBound: range.end) : 0
                            let secondChild = index >= secondFrom ? second.start(text, at: index, upperBound: range.end) : 0
                            if firstChild | secondChild != 0, isWordBoundary(text, before: index, lowerBound: range.start) {
                                if firstChild != 0, let match = longest(first, from: Int(firstChild), text, at: index, upperBound: range.end) {
                                    firstFound.append(match)
                                    firstFrom = match.range.end
                                }
                                if secondChild != 0, let match = longest(second, from: Int(secondChild), text, at: index, upperBound: range.end) {
                                    secondFound.append(match)
                                    secondFrom = match.range.end
                                }
                            }
                            // No phrase starts inside an ASCII word: on to the byte after the one that ends it.
                            index += 1
                            if wordBytes[Int(byte)] {
                                index = ASCIIWord.lowercaseRunEnd(text, from: index, to: range.end)
                                while index < range.end, wordBytes[Int(text[index])] { index += 1 }
                                index += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// A matcher's tables, read through pointers for one pass.
    private struct Tables {
        let root: UnsafeBufferPointer<Int32>
        let tripleStarts: UnsafeBufferPointer<UInt64>
        let nodes: UnsafeBufferPointer<UInt64>
        let caseInsensitive: Bool

        /// The root's child for `text[index]` when a phrase may start at `index`, or 0.
        @inline(__always)
        func start(_ text: UnsafeBufferPointer<UInt8>, at index: Int, upperBound: Int) -> Int32 {
            let child = root[Int(text[index])]
            guard child != 0, index + 2 < upperBound else { return child }
            let hash = NameMatcher.tripleHash(text[index], text[index + 1], text[index + 2])
            return tripleStarts[hash >> 6] & (1 << UInt64(hash & 63)) != 0 ? child : 0
        }
    }

    /// Calls `body` with the matcher's tables.
    @inline(__always)
    private func withTables<Result>(_ body: (Tables) -> Result) -> Result {
        rootTransitions.withUnsafeBufferPointer { root in
            tripleStarts.withUnsafeBufferPointer { tripleStarts in
                nodes.withUnsafeBufferPointer { nodes in
                    body(Tables(root: root, tripleStarts: tripleStarts, nodes: nodes, caseInsensitive: caseInsensitive))
                }
            }
        }
    }

    /// The longest phrase read from `node` (the root's child for `text[start]`) that ends on a word boundary.
    @inline(__always)
    private static func longest(
        _ tables: Tables, from node: Int, _ text: UnsafeBufferPointer<UInt8>, at start: Int, upperBound: Int
    ) -> Match? {
        let (nodes, fold) = (tables.nodes, tables.caseInsensitive)
        var node = node
        var end = start + 1
        var best: Match?
        while true {
            let phrase = output(nodes, at: node)
            if phrase >= 0, isWordBoundary(text, after: end, upperBound: upperBound) {
                best = Match(range: ByteRange(start, end), phrase: Int(phrase))
            }
            guard end < upperBound, let next = transition(nodes, from: node, fold ? NameMatcher.fold(text[end]) : text[end]) else { break }
            node = next
            end += 1
        }
        return best
    }

    /// Whether no letter or digit stands right before `offset`.
    static func isWordBoundary(_ bytes: UnsafeBufferPointer<UInt8>, before offset: Int, lowerBound: Int) -> Bool {
        guard offset > lowerBound, offset > 0 else { return true }
        let previous = bytes[offset - 1]
        if previous < 0x80 { return !ASCIIWord.isWordByte(previous) }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80, offset - start < 4 { start -= 1 }
        return !ASCIIWord.isWordScalar(bytes, start..<offset)
    }

    /// Whether no letter or digit stands right at `offset`.
    static func isWordBoundary(_ bytes: UnsafeBufferPointer<UInt8>, after offset: Int, upperBound: Int) -> Bool {
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
    /// The end of the run of ASCII lowercase letters at `start` (at most `end`), eight bytes at a
    /// time: the rest of most words in prose. A byte is a lowercase letter when adding 0x1F sets
    /// its high bit, adding 0x05 does not, and its own high bit is clear; the first byte that is
    /// not ends the run (a carry out of a non-ASCII byte only disturbs the bytes after it).
    static func lowercaseRunEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self))
            let lowercase = (word &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(word &+ 0x0505_0505_0505_0505) & ~word & highBits
            guard lowercase == highBits else { return index + (~lowercase & highBits).trailingZeroBitCount >> 3 }
            index += 8
        }
        return index
    }

    /// `isWordByte` of every byte, for loops that test each byte of the text.
    static let wordBytes: [Bool] = (0...255).map { isWordByte(UInt8($0)) }

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (byte &- 0x30) < 10 || (lower &- 0x61) < 26 || byte == 0x5F
    }

    static func isWordScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        // U+2000–U+203F (curly quotes, dashes, ellipsis) are the common non-ASCII neighbours in news text.
        if range.count == 3, bytes[range.lowerBound] == 0xE2, bytes[range.lowerBound + 1] == 0x80 { return false }
        guard let scalar = String(decoding: bytes[range], as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
