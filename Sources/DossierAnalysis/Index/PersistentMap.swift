/// A hash map whose copies share storage shard by shard: changing one key copies that key's
/// shard (about 1/128 of the entries) and the small array of shards, not the whole table. Each
/// snapshot update copies the maps it changes, so this keeps an edit's cost independent of the
/// workspace's size. Iteration order is unspecified, as with `Dictionary`.
public struct PersistentMap<Key: ShardedKey, Value: Sendable>: Sendable, Sequence {
    /// Nested copy-on-write does the sharing: writing `shards[i][key]` copies the outer array
    /// (one reference per shard) and, when another snapshot still holds it, shard `i` alone.
    private var shards: [[Key: Value]]
    private static var shardCount: Int { 128 }

    /// An empty map.
    public init() {
        shards = Array(repeating: [:], count: Self.shardCount)
    }

    @inline(__always)
    private static func shard(of key: Key) -> Int { key.shardHash & (shardCount - 1) }

    /// The value for `key`; assigning nil removes it.
    public subscript(key: Key) -> Value? {
        get { shards[Self.shard(of: key)][key] }
        set { shards[Self.shard(of: key)][key] = newValue }
    }

    /// Changes the value for `key` in place, starting from `defaultValue` when absent.
    public mutating func modify<Result>(
        _ key: Key, default defaultValue: @autoclosure () -> Value, _ body: (inout Value) throws -> Result
    ) rethrows -> Result {
        try body(&shards[Self.shard(of: key)][key, default: defaultValue()])
    }

    /// Changes the value for `key` in place when present; removes the key when `body` leaves a
    /// value for which `isEmpty` holds.
    public mutating func modifyExisting(_ key: Key, removingIf isEmpty: (Value) -> Bool, _ body: (inout Value) -> Void) {
        let shard = Self.shard(of: key)
        guard shards[shard][key] != nil else { return }
        body(&shards[shard][key]!)
        if isEmpty(shards[shard][key]!) { shards[shard][key] = nil }
    }

    /// The number of entries.
    public var count: Int { shards.reduce(0) { $0 + $1.count } }

    /// Whether the map has no entries.
    public var isEmpty: Bool { shards.allSatisfy(\.isEmpty) }

    /// The keys, in unspecified order.
    public var keys: [Key] { shards.flatMap(\.keys) }

    /// The values, in unspecified order.
    public var values: [Value] { shards.flatMap(\.values) }

    /// Iterates over all entries.
    public func makeIterator() -> FlattenSequence<[[Key: Value]]>.Iterator {
        shards.joined().makeIterator()
    }
}

/// A key that picks its `PersistentMap` shard with a hash cheaper than `hashValue`: the
/// dictionary inside the shard hashes the key in full anyway.
public protocol ShardedKey: Hashable, Sendable {
    /// A number that equal keys share and different keys mostly do not.
    var shardHash: Int { get }
}

extension String: ShardedKey {
    /// FNV-1a over the last 32 UTF-8 bytes, where ids and paths differ (`…-0041.md`, `claim-7`).
    public var shardHash: Int {
        // Read in place: a mutable copy for `withUTF8` would retain the string, and the id strings
        // are shared by every document, so both cores would contend for their reference counts.
        func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes.suffix(32) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: hash ^ hash >> 29)
        }
        return utf8.withContiguousStorageIfAvailable(hash) ?? hash(Array(utf8))
    }
}
