extension Array where Element == UInt8 {
    /// The bytes of `range` decoded as UTF-8, clamped to the array; invalid sequences become U+FFFD.
    public func string(in range: ByteRange) -> String {
        let start = Swift.min(Swift.max(range.start, 0), count)
        let end = Swift.min(Swift.max(range.end, start), count)
        return String(decoding: self[start..<end], as: UTF8.self)
    }

    /// The identifier at `range` (valid UTF-8), shared through `table` when there is one.
    func identifier(in range: ByteRange, sharedBy table: IdentifierTable?) -> String {
        table?.string(self, range) ?? string(in: range)
    }
}

/// Byte classes the scanners test often.
enum ASCII {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let hash: UInt8 = 0x23
    static let at: UInt8 = 0x40
    static let backslash: UInt8 = 0x5C
    static let backtick: UInt8 = 0x60
    static let tilde: UInt8 = 0x7E
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let quote: UInt8 = 0x22
    static let dash: UInt8 = 0x2D
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let dot: UInt8 = 0x2E
    static let equals: UInt8 = 0x3D
    static let lessThan: UInt8 = 0x3C
    static let slash: UInt8 = 0x2F

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == space || byte == tab }
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    /// ASCII punctuation, the characters a backslash escapes in Markdown.
    @inline(__always) static func isPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60)
            || (byte >= 0x7B && byte <= 0x7E)
    }
}
