#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte searches for the hot loops of the scanners and rules: bytes that are rare in prose
/// (sentence ends, quotation marks, the characters the inline scanner acts on) are looked for
/// eight bytes at a time, a single byte with `memchr`.
public enum ByteSearch {
    // Inlinable: the rules call these from another module, and only inlined do the sought
    // bytes become constants and the word loop tight.
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// `word` with the high bit of its lowest byte equal to `byte` set and no bit below it (bits
    /// above it may be set too, by the borrow), or 0 when no byte equals `byte`. Or-ed together
    /// for several bytes, the lowest set bit still marks the first byte equal to any of them.
    @inlinable @inline(__always)
    public static func equalBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ ones &* UInt64(byte)
        return (difference &- ones) & ~difference & highBits
    }

    /// The offset of the first byte in `start..<end` that `matches`, or `end`. `matchingBytes`
    /// gives, for eight bytes read as a little-endian word, what `equalBytes` gives for one byte:
    /// they must agree.
    @inlinable @inline(__always)
    public static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, matchingBytes: (UInt64) -> UInt64, matches: (UInt8) -> Bool
    ) -> Int {
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 8 <= end {
                let found = matchingBytes(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end, !matches(bytes[index]) { index += 1 }
        return index
    }

    /// The offset of the first byte in `start..<end` that is `a`, `b` or `c`, or `end` if none is.
    @inlinable @inline(__always)
    public static func firstIndex(of a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        firstIndex(
            in: bytes, from: start, to: end, matchingBytes: { equalBytes($0, a) | equalBytes($0, b) | equalBytes($0, c) },
            matches: { $0 == a || $0 == b || $0 == c })
    }

    /// The offset of the first `byte` in `start..<end`, or nil.
    public static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Whether `a` and `b` hold the same bytes.
    public static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }
}
