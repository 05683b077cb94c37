/// A half-open range of UTF-8 byte offsets into one document's text.
public struct ByteRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    /// Creates the range `start..<end`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
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
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    public var description: String { "\(start)..<\(end)" }
}
