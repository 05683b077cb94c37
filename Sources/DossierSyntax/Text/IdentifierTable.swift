import DossierLocking
/// Hands out one shared `String` per distinct identifier. A workspace writes the same few thousand
/// actor ids hundreds of thousands of times, and a string longer than 15 bytes is a heap
/// allocation of its own: scanning every document of a load with one table keeps one copy of each.
/// Thread-safe (documents are scanned in parallel); sharded so that the lock is rarely contended.
public final class IdentifierTable: Sendable {
    private let shards: [Locked<Shard>]
    private static let shardBits = 4

    /// An empty table.
    public init() {
        shards = (0..<(1 << IdentifierTable.shardBits)).map { _ in Locked(Shard()) }
    }

    /// The text of `bytes[range]` (valid UTF-8), the same string as for every earlier equal text.
    public func string(_ bytes: [UInt8], _ range: ByteRange) -> String {
        // Up to 15 bytes a string is stored inline: there is nothing to share.
        if range.length <= 15 { return bytes.string(in: range) }
        return bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[range.start..<range.end])
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return shards[Int(hash & UInt64((1 << IdentifierTable.shardBits) - 1))].withLock { shard in
                shard.string(text, hash: hash >> IdentifierTable.shardBits)
            }
        }
    }

    /// An open-addressing set of strings with their hashes, at most half full.
    private struct Shard: Sendable {
        private var hashes: [UInt64] = []
        private var strings: [String] = []
        private var count = 0

        mutating func string(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64) -> String {
            if 2 * (count + 1) > strings.count { grow() }
            let mask = strings.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while !strings[slot].isEmpty {
                if hashes[slot] == hash, Shard.equal(strings[slot], text) { return strings[slot] }
                slot = (slot + 1) & mask
            }
            let string = String(decoding: text, as: UTF8.self)
            hashes[slot] = hash
            strings[slot] = string
            count += 1
            return string
        }

        private static func equal(_ string: String, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
            var string = string
            return string.withUTF8 { ByteSearch.equal($0, text) }
        }

        private mutating func grow() {
            let oldHashes = hashes
            let oldStrings = strings
            let capacity = max(64, 2 * strings.count)
            hashes = Array(repeating: 0, count: capacity)
            strings = Array(repeating: "", count: capacity)
            for (hash, string) in zip(oldHashes, oldStrings) where !string.isEmpty {
                var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
                while !strings[slot].isEmpty { slot = (slot + 1) & (capacity - 1) }
                hashes[slot] = hash
                strings[slot] = string
            }
        }
    }
}
