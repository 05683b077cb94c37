/// Elements grouped under string keys, in three flat arrays: a document's references by actor id,
/// claims by id and citations by claim id. A workspace holds one of each per document, so flat
/// storage (three allocations, no hash table) matters for memory; a document has few distinct
/// keys, so a lookup scans them.
public struct KeyedGroups<Element: Sendable>: Sendable, RandomAccessCollection {
    /// The distinct keys, in order of first appearance.
    public let keys: [String]
    /// Where each key's elements start in `elements`, plus the end.
    private let starts: [Int32]
    private let elements: [Element]

    /// Groups `pairs` by key, keeping their order within each key.
    public init(_ pairs: [(key: String, element: Element)]) {
        // Most documents cite nothing: an empty group list allocates nothing.
        guard !pairs.isEmpty else {
            keys = []
            starts = []
            elements = []
            return
        }
        // Few keys are found by comparing them all, faster than hashing; a table takes over past `scanLimit`.
        let scanLimit = 16
        var groupOf: [String: Int] = [:]
        var keys: [String] = []
        var groups: [Int] = []
        groups.reserveCapacity(pairs.count)
        for pair in pairs {
            // Lengths first: comparing two different large strings costs far more than reading their counts.
            let length = pair.key.utf8.count
            if let group = keys.count <= scanLimit ? keys.firstIndex(where: { $0.utf8.count == length && $0 == pair.key }) : groupOf[pair.key] {
                groups.append(group)
                continue
            }
            groups.append(keys.count)
            keys.append(pair.key)
            if keys.count > scanLimit {
                if groupOf.isEmpty {
                    for (group, key) in keys.enumerated() { groupOf[key] = group }
                } else {
                    groupOf[pair.key] = keys.count - 1
                }
            }
        }
        // Counting sort by group: stable, linear.
        var starts = [Int32](repeating: 0, count: keys.count + 1)
        for group in groups { starts[group + 1] += 1 }
        for index in keys.indices { starts[index + 1] += starts[index] }
        // Each element goes straight to its slot: no array of slot indices in between.
        elements = withUnsafeTemporaryAllocation(of: Int.self, capacity: keys.count) { next in
            for group in keys.indices { next[group] = Int(starts[group]) }
            return [Element](unsafeUninitializedCapacity: pairs.count) { buffer, initialized in
                for (index, group) in groups.enumerated() {
                    (buffer.baseAddress! + next[group]).initialize(to: pairs[index].element)
                    next[group] += 1
                }
                initialized = pairs.count
            }
        }
        self.keys = keys
        self.starts = starts
    }

    /// The elements under `key`, or nil when the key is absent.
    public subscript(key: String) -> ArraySlice<Element>? {
        guard let group = keys.firstIndex(of: key) else { return nil }
        return self[group].elements
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }

    /// The key and elements of group `group`.
    public subscript(group: Int) -> (key: String, elements: ArraySlice<Element>) {
        (keys[group], elements[Int(starts[group])..<Int(starts[group + 1])])
    }
}
