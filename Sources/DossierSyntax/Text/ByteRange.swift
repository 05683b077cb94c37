/// A half-open range of UTF-8 byte offsets into one document's text.
///
/// Stored as two 32-bit offsets: syntax nodes hold several ranges each and a workspace holds
/// millions of nodes, so this halves much of the index's memory. Documents are far below 2 GiB
/// (files over 64 MiB are not loaded, messages over 256 MiB are refused); offsets beyond clamp.
public struct ByteRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    private var storedStart: Int32
    private var storedEnd: Int32

    /// The first byte's offset.
    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = Int32(clamping: newValue) }
    }

    /// The offset after the last byte.
    public var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = Int32(clamping: newValue) }
    }

    /// Creates the range `start..<end`.
    public init(_ start: Int, _ end: Int) {
        storedStart = Int32(clamping: start)
        storedEnd = Int32(clamping: max(start, end))
    }

    /// The number of bytes covered.
    public var length: Int { end - start }

    /// Whether `offset` lies inside the range; the end offset counts, as a cursor right after a word is still on it.
    public func touches(_ offset: Int) -> Bool { offset >= start && offset <= end }

    /// Whether `other` lies entirely inside this range.
    public func contains(_ other: ByteRange) -> Bool { other.start >= start && other.end <= end }

    /// Whether the two ranges share at least one byte.
    public func overlaps(_ other: ByteRange) -> Bool { other.start < end && start < other.end }

    public static func < (lhs: ByteRange, rhs: ByteRange) -> Bool {
        lhs.storedStart != rhs.storedStart ? lhs.storedStart < rhs.storedStart : lhs.storedEnd < rhs.storedEnd
    }

    public var description: String { "\(start)..<\(end)" }
}
