import DossierSyntax

/// Finds every occurrence of many phrases in one pass over the bytes (Aho–Corasick), keeping the
/// leftmost-longest matches that stand on word boundaries. Its cost grows with the text, not with
/// the number of phrases.
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
    private var failure: [Int32] = []
    /// The phrase ending at each node, or -1.
    private var output: [Int32] = []
    /// The nearest node on the failure chain with an output, or -1.
    private var outputLink: [Int32] = []
    private var depth: [Int32] = []

    /// Builds the automaton; `caseInsensitive` folds ASCII letters (for cue lists).
    public init(phrases: [String], caseInsensitive: Bool = false) {
        self.phrases = phrases
        self.caseInsensitive = caseInsensitive
        // Build a trie with dictionary children first, then flatten it.
        var trie: [[UInt8: Int32]] = [[:]]
        var trieOutput: [Int32] = [-1]
        var trieDepth: [Int32] = [0]
        for (index, phrase) in phrases.enumerated() {
            var node = 0
            for raw in phrase.utf8 {
                let byte = caseInsensitive ? NameMatcher.fold(raw) : raw
                if let next = trie[node][byte] {
                    node = Int(next)
                } else {
                    trie.append([:])
                    trieOutput.append(-1)
                    trieDepth.append(trieDepth[node] + 1)
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
        depth = trieDepth
        failure = [Int32](repeating: 0, count: count)
        outputLink = [Int32](repeating: -1, count: count)
        // Breadth-first: a node's failure is the longest proper suffix that is also in the trie.
        var queue: [Int32] = []
        queue.reserveCapacity(count)
        for child in trie[0].values { queue.append(child) }
        var head = 0
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            let start = Int(childStart[node])
            for slot in start..<(start + Int(childCount[node])) {
                let byte = childBytes[slot]
                let child = Int(childNodes[slot])
                var fallback = Int(failure[node])
                var target: Int32 = 0
                while true {
                    if let next = transition(from: fallback, byte), next != child {
                        target = next
                        break
                    }
                    if fallback == 0 { break }
                    fallback = Int(failure[fallback])
                }
                failure[child] = target
                outputLink[child] = output[Int(target)] >= 0 ? target : outputLink[Int(target)]
                queue.append(Int32(child))
            }
        }
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
        var candidates: [Match] = []
        guard !phrases.isEmpty, range.start < range.end else { return candidates }
        // The hot loop: most bytes leave the automaton at the root, so that path is one table load.
        rootTransitions.withUnsafeBufferPointer { root in
            failure.withUnsafeBufferPointer { failure in
                output.withUnsafeBufferPointer { output in
                    outputLink.withUnsafeBufferPointer { outputLink in
                        bytes.withUnsafeBufferPointer { text in
                            var node = 0
                            var index = range.start
                            let fold = caseInsensitive
                            while index < range.end {
                                let raw = text[index]
                                let byte = fold ? NameMatcher.fold(raw) : raw
                                if node == 0 {
                                    node = Int(root[Int(byte)])
                                    if node == 0 {
                                        index += 1
                                        continue
                                    }
                                } else {
                                    while true {
                                        if let next = transition(from: node, byte) {
                                            node = Int(next)
                                            break
                                        }
                                        if node == 0 { break }
                                        node = Int(failure[node])
                                    }
                                }
                                var hit = output[node] >= 0 ? node : Int(outputLink[node])
                                while hit > 0 {
                                    let start = index + 1 - Int(depth[hit])
                                    if NameMatcher.isWordBoundary(bytes, before: start, lowerBound: range.start)
                                        && NameMatcher.isWordBoundary(bytes, after: index + 1, upperBound: range.end)
                                    {
                                        candidates.append(Match(range: ByteRange(start, index + 1), phrase: Int(output[hit])))
                                    }
                                    hit = Int(outputLink[hit])
                                }
                                index += 1
                            }
                        }
                    }
                }
            }
        }
        guard candidates.count > 1 else { return candidates }
        candidates.sort { $0.range.start != $1.range.start ? $0.range.start < $1.range.start : $0.range.end > $1.range.end }
        var chosen: [Match] = []
        var reached = range.start
        for candidate in candidates where candidate.range.start >= reached {
            chosen.append(candidate)
            reached = candidate.range.end
        }
        return chosen
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
        guard let scalar = String(decoding: bytes[range], as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
