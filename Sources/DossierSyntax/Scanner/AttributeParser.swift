/// One token of a Pandoc attribute block: `.class`, `#id` or `key=value`.
struct AttributeToken {
    enum Kind { case className, identifier, pair }
    var kind: Kind
    /// The class name, id or key, without its sigil.
    var name: Located
    /// The value of a pair; quotes excluded when quoted.
    var value: Located?
    var quoted: Bool
    /// The whole token.
    var range: ByteRange
}

/// The outcome of reading an attribute block that starts at a `{`.
enum AttributeParse {
    /// A well-formed block; `end` is just past its `}`.
    case block([AttributeToken], end: Int)
    /// Not an attribute block at all: the `{` is ordinary text.
    case notAttributes
    /// Looks like a block of ours but is broken.
    case malformed(SyntaxDiagnostic, resumeAt: Int)
}

/// Reads Pandoc attribute blocks (`{#id .class key=value key="quoted value"}`), which may wrap across
/// lines but not across a blank line (the caller's `limit`).
struct AttributeParser {
    let bytes: [UInt8]
    var finder: ByteFinder

    init(bytes: [UInt8]) {
        self.bytes = bytes
        finder = ByteFinder(bytes: bytes)
    }

    /// Parses the block whose `{` is at `open`; `isOurs` says whether classes seen so far make it a
    /// Dossier construct, whose defects are errors rather than plain text.
    mutating func parse(at open: Int, limit: Int, isOurs: ([AttributeToken]) -> Bool) -> AttributeParse {
        var tokens: [AttributeToken] = []
        // A claim's block holds a few tokens: one allocation instead of growing through 1, 2 and 4.
        tokens.reserveCapacity(4)
        var index = open + 1
        func fail(_ range: ByteRange, _ message: String) -> AttributeParse {
            guard isOurs(tokens) || lookahead(from: index, limit: limit) else { return .notAttributes }
            return .malformed(SyntaxDiagnostic(.syntax, range, message), resumeAt: min(range.end, limit))
        }
        while true {
            while index < limit, ASCII.isWhitespace(bytes[index]) { index += 1 }
            guard index < limit else {
                return fail(
                    ByteRange(open, min(open + 1, limit)),
                    "attribute block opened here is never closed: add `}` before the end of the paragraph")
            }
            let byte = bytes[index]
            if byte == ASCII.closeBrace { return .block(tokens, end: index + 1) }
            let tokenStart = index
            if byte == ASCII.dot || byte == ASCII.hash {
                index += 1
                let nameStart = index
                while index < limit, !ASCII.isWhitespace(bytes[index]), bytes[index] != ASCII.closeBrace { index += 1 }
                let name = Located(bytes.string(in: ByteRange(nameStart, index)), ByteRange(nameStart, index))
                if name.text.isEmpty {
                    return fail(ByteRange(tokenStart, index), "`\(byte == ASCII.dot ? "." : "#")` must be followed by a name")
                }
                tokens.append(AttributeToken(
                    kind: byte == ASCII.dot ? .className : .identifier, name: name, value: nil, quoted: false,
                    range: ByteRange(tokenStart, index)))
                continue
            }
            guard ASCII.isLetter(byte) || byte == 0x5F else {
                return fail(ByteRange(index, index + 1), "unexpected character in attribute block: write `.class`, `#id` or `key=value`")
            }
            while index < limit, ASCII.isAlphanumeric(bytes[index]) || bytes[index] == ASCII.dash || bytes[index] == 0x5F {
                index += 1
            }
            let key = Located(bytes.string(in: ByteRange(tokenStart, index)), ByteRange(tokenStart, index))
            guard index < limit, bytes[index] == ASCII.equals else {
                return fail(key.range, "`\(key.text)` needs a value: write `\(key.text)=value`")
            }
            index += 1
            if index < limit, bytes[index] == ASCII.quote {
                let valueStart = index + 1
                guard let close = closingQuote(after: valueStart, limit: limit) else {
                    return fail(ByteRange(tokenStart, min(limit, valueStart)), "the quoted value of `\(key.text)` is never closed: add `\"`")
                }
                let raw = bytes.string(in: ByteRange(valueStart, close))
                // Searched as bytes: `String.contains` is a slow generic search, and escapes are rare.
                let escaped = bytes[valueStart..<close].contains(ASCII.backslash)
                let value = Located(escaped ? raw.replacingBackslashEscapes() : raw, ByteRange(valueStart, close))
                index = close + 1
                tokens.append(AttributeToken(kind: .pair, name: key, value: value, quoted: true, range: ByteRange(tokenStart, index)))
            } else {
                let valueStart = index
                while index < limit, !ASCII.isWhitespace(bytes[index]), bytes[index] != ASCII.closeBrace { index += 1 }
                if index == valueStart {
                    return fail(ByteRange(tokenStart, index), "`\(key.text)=` has no value")
                }
                let value = Located(bytes.string(in: ByteRange(valueStart, index)), ByteRange(valueStart, index))
                tokens.append(AttributeToken(kind: .pair, name: key, value: value, quoted: false, range: ByteRange(tokenStart, index)))
            }
        }
    }

    /// The `"` closing a quoted value that starts at `start`, skipping backslash escapes.
    private mutating func closingQuote(after start: Int, limit: Int) -> Int? {
        var index = start
        while let quote = finder.next(ASCII.quote, from: index, limit: limit) {
            var backslashes = 0
            var back = quote - 1
            while back >= start, bytes[back] == ASCII.backslash {
                backslashes += 1
                back -= 1
            }
            if backslashes % 2 == 0 { return quote }
            index = quote + 1
        }
        return nil
    }

    /// Whether `.claim` or `.quote` follows in the block, so a defect before it is still ours to report.
    private func lookahead(from start: Int, limit: Int) -> Bool {
        var index = start
        let end = min(limit, start + 256)
        while index + 5 < end {
            switch bytes[index] {
            case ASCII.closeBrace, ASCII.openBrace, ASCII.openBracket, ASCII.closeBracket: return false
            default: break
            }
            if bytes[index] == ASCII.dot,
                bytes.hasPrefix("claim", at: index + 1) || bytes.hasPrefix("quote", at: index + 1)
            {
                return true
            }
            index += 1
        }
        return false
    }
}

/// Finds the next occurrence of a byte, remembering earlier answers so that repeated searches over
/// one text stay linear overall.
struct ByteFinder {
    let bytes: [UInt8]
    /// The last search for each byte: a scanner looks for two or three bytes, so a short list
    /// beats hashing.
    private var memo: [(byte: UInt8, from: Int, found: Int?, limit: Int)] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The first index of `byte` in `from..<limit`.
    mutating func next(_ byte: UInt8, from start: Int, limit: Int) -> Int? {
        let slot = memo.firstIndex { $0.byte == byte }
        if let slot, memo[slot].limit == limit, start >= memo[slot].from {
            if let found = memo[slot].found {
                if start <= found { return found }
            } else {
                return nil
            }
        }
        let found = bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: byte, in: $0, from: start, to: limit) }
        let entry = (byte, start, found, limit)
        if let slot { memo[slot] = entry } else { memo.append(entry) }
        return found
    }
}

extension Array where Element == UInt8 {
    /// Whether the ASCII `prefix` stands at `offset`.
    func hasPrefix(_ prefix: StaticString, at offset: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard offset >= 0, offset + length <= count else { return false }
        let pointer = prefix.utf8Start
        for index in 0..<length where self[offset + index] != pointer[index] { return false }
        return true
    }
}

extension String {
    /// The string with `\"` and `\\` unescaped.
    func replacingBackslashEscapes() -> String {
        var result = ""
        var escaping = false
        for character in self {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }
}
