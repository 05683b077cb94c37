/// Levenshtein distances for "did you mean" suggestions.
///
/// A suggestion scans a whole registry (thousands of actor or claim ids) for every unknown id of a
/// document, on every re-check of it, so the scan must cost little per candidate: candidates whose
/// length alone rules them out are skipped without decoding, and the others reuse one set of
/// buffers and fill only the band of cells within `limit` of the diagonal. The candidates come as an
/// array, not a generic sequence: a generic called from another module is not specialised, and its
/// per-element witness calls cost more than the distances.
public enum EditDistance {
    /// The edit distance between `a` and `b`, or nil when it exceeds `limit` (computed in O(len × limit)).
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        var scratch = Scratch()
        return scratch.distance(a.unicodeScalars.map(\.value), b, limit: limit)
    }

    /// The candidate closest to `word` within `limit` edits (ties go to the first candidate in order).
    public static func nearest(to word: String, in candidates: [String], limit: Int) -> String? {
        let target = word.unicodeScalars.map(\.value)
        var scratch = Scratch()
        var best: (candidate: String, distance: Int)?
        // By index: the length is read from the array in place, and only the candidates it lets
        // through are copied out (a copy retains the string, a cache miss per candidate).
        for index in candidates.indices {
            // Only a strictly closer candidate can replace the best one: the limit shrinks.
            let within = best.map { $0.distance - 1 } ?? limit
            guard Scratch.lengthAllows(candidates[index].utf8.count, target.count, within),
                  let distance = scratch.distance(target, candidates[index], limit: within) else { continue }
            best = (candidates[index], distance)
            if distance == 0 { break }
        }
        return best?.candidate
    }

    /// The candidate closest to `word` within `limit` edits, ties going to the smallest candidate, so
    /// that unordered candidates (a hash map's keys) give the same answer as their sorted copy.
    public static func nearest(to word: String, amongUnordered candidates: [String], limit: Int) -> String? {
        let target = word.unicodeScalars.map(\.value)
        var scratch = Scratch()
        var best: (candidate: String, distance: Int)?
        for index in candidates.indices {
            let within = best?.distance ?? limit
            guard Scratch.lengthAllows(candidates[index].utf8.count, target.count, within),
                  let distance = scratch.distance(target, candidates[index], limit: within) else { continue }
            if let current = best, distance == current.distance, current.candidate <= candidates[index] { continue }
            best = (candidates[index], distance)
        }
        return best?.candidate
    }

    /// Buffers reused from one candidate to the next: a non-ASCII candidate's scalar values and two
    /// rows of the table.
    private struct Scratch {
        var scalars: [UInt32] = []
        var previous: [Int] = []
        var current: [Int] = []

        mutating func distance(_ left: [UInt32], _ candidate: String, limit: Int) -> Int? {
            guard Self.lengthAllows(candidate.utf8.count, left.count, limit) else { return nil }
            // Ids are almost always ASCII, whose bytes are their scalars: compared in place.
            let ascii = candidate.utf8.withContiguousStorageIfAvailable { utf8 -> Int?? in
                utf8.allSatisfy { $0 < 0x80 } ? .some(band(left, utf8, limit: limit)) : .none
            }
            if let ascii, let result = ascii { return result }
            scalars.removeAll(keepingCapacity: true)
            scalars.append(contentsOf: candidate.unicodeScalars.lazy.map(\.value))
            return band(left, scalars, limit: limit)
        }

        /// Whether a candidate of `bytes` UTF-8 bytes may be within `limit` edits of `scalars` scalars.
        /// A scalar takes 1 to 4 bytes, and a native string stores its UTF-8 count inline: most
        /// candidates are ruled out here without touching, let alone decoding, their text.
        static func lengthAllows(_ bytes: Int, _ scalars: Int, _ limit: Int) -> Bool {
            limit >= 0 && bytes >= scalars - limit && (bytes + 3) / 4 <= scalars + limit
        }

        /// The distance within `limit`, filling only the cells within `limit` of the diagonal.
        private mutating func band<Right: RandomAccessCollection>(_ left: [UInt32], _ right: Right, limit: Int) -> Int?
        where Right.Element: BinaryInteger, Right.Index == Int {
            let n = left.count, m = right.count
            if abs(n - m) > limit { return nil }
            if n == 0 { return m }
            if m == 0 { return n }
            // Farther cells cannot lead to a distance within `limit`: they hold `outside`
            // (limit + 1), and every value is capped there.
            let outside = limit + 1
            let base = right.startIndex
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: (0...m).lazy.map { $0 <= limit ? $0 : outside })
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: repeatElement(outside, count: m + 1))
            for i in 1...n {
                let low = max(1, i - limit), high = min(m, i + limit)
                current[low - 1] = low == 1 && i <= limit ? i : outside
                var rowMinimum = current[low - 1]
                let scalar = left[i - 1]
                for j in low...high {
                    let cost = scalar == UInt32(right[base + j - 1]) ? 0 : 1
                    let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, outside)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                // The next row reads one cell past this row's band.
                if high < m { current[high + 1] = outside }
                if rowMinimum > limit { return nil }
                swap(&previous, &current)
            }
            return previous[m] <= limit ? previous[m] : nil
        }
    }
}
