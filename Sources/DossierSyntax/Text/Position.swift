/// How a position's `character` counts: in UTF-8 bytes, UTF-16 code units or Unicode scalars.
public enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"
}

/// A zero-based line and character offset, counted in some `PositionEncoding`.
public struct TextPosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var character: Int

    /// Creates a position.
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        lhs.line != rhs.line ? lhs.line < rhs.line : lhs.character < rhs.character
    }

    public var description: String { "\(line):\(character)" }
}

/// A range between two positions, end exclusive.
public struct TextRange: Hashable, Sendable, CustomStringConvertible {
    public var start: TextPosition
    public var end: TextPosition

    /// Creates a range.
    public init(start: TextPosition, end: TextPosition) {
        self.start = start
        self.end = end
    }

    public var description: String { "\(start)-\(end)" }
}
