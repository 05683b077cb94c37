/// Finds the next of a few bytes eight bytes at a time: the prose scans look for bytes that are
/// rare in text (sentence ends, quotation marks), so most eight-byte words hold none of them.
enum ByteSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first byte in `start..<end` that is `a`, `b` or `c`, or `end` if none is.
    @inline(__always)
    static func firstIndex(of a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let (wordA, wordB, wordC) = (ones &* UInt64(a), ones &* UInt64(b), ones &* UInt64(c))
            while index + 8 <= end {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let found = zeroBytes(word ^ wordA) | zeroBytes(word ^ wordB) | zeroBytes(word ^ wordC)
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end {
            let byte = bytes[index]
            if byte == a || byte == b || byte == c { return index }
            index += 1
        }
        return end
    }

    /// The high bit of the lowest zero byte of `word` set, no bit below it (bits above it may be set
    /// too, by the borrow), or 0 when no byte is zero.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highBits }
}
