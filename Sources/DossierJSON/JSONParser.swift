/// A JSON syntax error: what was expected and the byte offset where parsing stopped.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zero-based byte offset into the input.
    public var offset: Int
    /// Human-readable reason, e.g. "expected ':' after object key".
    public var message: String

    /// Creates an error.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// "JSONError: <message> at byte <offset>".
    public var description: String { "JSONError: \(message) at byte \(offset)" }
}

/// RFC 8259 JSON parser over UTF-8 bytes. Linear time; nesting is limited so no input can overflow the stack.
///
/// Accepted leniencies: a leading UTF-8 byte-order mark is skipped; invalid UTF-8 inside strings is
/// replaced by U+FFFD, as are lone UTF-16 surrogates written as `\u` escapes. On duplicate keys the
/// last value wins (at the first key's position). Numbers without fraction/exponent that fit in
/// `Int64` become `.integer`, all others `.double`.
public enum JSONParser {
    /// Default maximum nesting depth of arrays and objects.
    public static let defaultMaxDepth = 512

    /// Parses a complete JSON document from raw bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        var core = ParserCore(bytes.bindMemory(to: UInt8.self), maxDepth: maxDepth)
        return try core.parseDocument()
    }

    /// Parses a complete JSON document from a byte array.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            var core = ParserCore(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONError) in try core.parseDocument() }
        }
        return try result.get()
    }

    /// Parses a complete JSON document from any byte collection (e.g. `ArraySlice<UInt8>` or `Data`).
    public static func parse<C: Collection>(_ bytes: C, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue where C.Element == UInt8 {
        let fast: Result<JSONValue, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            var core = ParserCore(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONError) in try core.parseDocument() }
        }
        if let fast { return try fast.get() }
        return try parse(Array(bytes), maxDepth: maxDepth)
    }

    /// Parses a complete JSON document from text.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONError> = text.withUTF8 { buffer in
            var core = ParserCore(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONError) in try core.parseDocument() }
        }
        return try result.get()
    }
}

extension JSONValue {
    /// Parses JSON text.
    public init(parsing text: String) throws(JSONError) {
        self = try JSONParser.parse(text)
    }

    /// Parses JSON bytes.
    public init(parsing bytes: [UInt8]) throws(JSONError) {
        self = try JSONParser.parse(bytes)
    }
}

// MARK: - Implementation

private enum Byte {
    static let quote: UInt8 = 0x22        // "
    static let backslash: UInt8 = 0x5C    // \
    static let slash: UInt8 = 0x2F        // /
    static let comma: UInt8 = 0x2C        // ,
    static let colon: UInt8 = 0x3A        // :
    static let openBracket: UInt8 = 0x5B  // [
    static let closeBracket: UInt8 = 0x5D // ]
    static let openBrace: UInt8 = 0x7B    // {
    static let closeBrace: UInt8 = 0x7D   // }
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
}

/// Describes the byte at an error position for messages: `'x'`, or `byte 0xNN` for non-printables.
private func describeByte(_ b: UInt8) -> String {
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    if b == Byte.space { return "space" }
    let hex = String(b, radix: 16, uppercase: true)
    return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
}

private struct ParserCore {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var pos = 0
    var depth = 0
    let maxDepth: Int
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.end = bytes.count
        self.maxDepth = maxDepth
    }

    @inline(__always)
    func fail(_ message: String, at offset: Int) -> JSONError {
        JSONError(offset: offset, message: message)
    }

    /// Error for the current position: end of input, or the unexpected byte with what was expected.
    func unexpected(_ expected: String) -> JSONError {
        if pos >= end { return fail("unexpected end of input, \(expected)", at: pos) }
        return fail("\(expected), found \(describeByte(bytes[pos]))", at: pos)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            switch bytes[pos] {
            case Byte.space, Byte.lf, Byte.cr, Byte.tab: pos += 1
            default: return
            }
        }
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { pos = 3 }
        skipWhitespace()
        if pos >= end { throw fail("unexpected end of input, expected a JSON value", at: pos) }
        let value = try parseValue()
        skipWhitespace()
        if pos < end {
            throw fail("unexpected \(describeByte(bytes[pos])) after the JSON value", at: pos)
        }
        return value
    }

    mutating func parseValue() throws(JSONError) -> JSONValue {
        guard pos < end else { throw unexpected("expected a JSON value") }
        switch bytes[pos] {
        case Byte.openBrace: return try parseObject()
        case Byte.openBracket: return try parseArray()
        case Byte.quote: return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case Byte.minus, Byte.zero...Byte.nine: return try parseNumber()
        default: throw unexpected("expected a JSON value")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONError) {
        let start = pos
        let count = word.utf8CodeUnitCount
        let w = word.utf8Start
        for i in 0..<count {
            if start + i >= end || bytes[start + i] != w[i] {
                throw fail("invalid literal, expected '\(word)'", at: start)
            }
        }
        pos = start + count
    }

    mutating func enter() throws(JSONError) {
        depth += 1
        if depth > maxDepth {
            throw fail("nesting too deep (more than \(maxDepth) levels)", at: pos)
        }
    }

    mutating func parseArray() throws(JSONError) -> JSONValue {
        try enter()
        pos += 1 // [
        skipWhitespace()
        var elements: [JSONValue] = []
        if pos < end && bytes[pos] == Byte.closeBracket {
            pos += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            if pos < end && bytes[pos] == Byte.closeBracket {
                throw fail("trailing comma before ']'", at: pos)
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard pos < end else { throw unexpected("expected ',' or ']' after array element") }
            switch bytes[pos] {
            case Byte.comma:
                pos += 1
                skipWhitespace()
            case Byte.closeBracket:
                pos += 1
                depth -= 1
                return .array(elements)
            default:
                throw unexpected("expected ',' or ']' after array element")
            }
        }
    }

    mutating func parseObject() throws(JSONError) -> JSONValue {
        try enter()
        pos += 1 // {
        skipWhitespace()
        var object = JSONObject()
        if pos < end && bytes[pos] == Byte.closeBrace {
            pos += 1
            depth -= 1
            return .object(object)
        }
        while true {
            guard pos < end, bytes[pos] == Byte.quote else {
                if pos < end && bytes[pos] == Byte.closeBrace && !object.isEmpty {
                    throw fail("trailing comma before '}'", at: pos)
                }
                throw unexpected("expected '\"' to start an object key")
            }
            let key = try parseString()
            skipWhitespace()
            guard pos < end, bytes[pos] == Byte.colon else {
                throw unexpected("expected ':' after object key")
            }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            if let existing = object.position(of: key) {
                object._values[existing] = value
            } else {
                object.append(key, value)
            }
            skipWhitespace()
            guard pos < end else { throw unexpected("expected ',' or '}' after object member") }
            switch bytes[pos] {
            case Byte.comma:
                pos += 1
                skipWhitespace()
            case Byte.closeBrace:
                pos += 1
                depth -= 1
                return .object(object)
            default:
                throw unexpected("expected ',' or '}' after object member")
            }
        }
    }

    // MARK: Strings

    mutating func parseString() throws(JSONError) -> String {
        let open = pos
        let start = pos + 1
        var i = start
        // Fast path: no escapes, no control characters.
        while i < end {
            let b = bytes[i]
            if b == Byte.quote {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if b == Byte.backslash || b < 0x20 { break }
            i += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while true {
            guard i < end else { throw fail("unterminated string", at: open) }
            let b = bytes[i]
            if b == Byte.quote {
                pos = i + 1
                return String(decoding: scratch, as: UTF8.self)
            } else if b == Byte.backslash {
                i = try parseEscape(at: i)
            } else if b < 0x20 {
                throw fail("unescaped control character \(describeByte(b)) in string", at: i)
            } else {
                // Copy a run of ordinary bytes at once.
                var j = i + 1
                while j < end {
                    let c = bytes[j]
                    if c == Byte.quote || c == Byte.backslash || c < 0x20 { break }
                    j += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
            }
        }
    }

    /// Decodes the escape starting with the backslash at `i` into `scratch`; returns the index after it.
    mutating func parseEscape(at i: Int) throws(JSONError) -> Int {
        guard i + 1 < end else { throw fail("unterminated string", at: i) }
        let c = bytes[i + 1]
        switch c {
        case Byte.quote: scratch.append(Byte.quote)
        case Byte.backslash: scratch.append(Byte.backslash)
        case Byte.slash: scratch.append(Byte.slash)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(Byte.lf)
        case UInt8(ascii: "r"): scratch.append(Byte.cr)
        case UInt8(ascii: "t"): scratch.append(Byte.tab)
        case UInt8(ascii: "u"):
            let unit = try hex4(at: i + 2, escapeStart: i)
            var next = i + 6
            var scalar: UInt32
            if (0xD800...0xDBFF).contains(unit) {
                // High surrogate: combine with a following low surrogate escape, else U+FFFD.
                if next + 5 < end, bytes[next] == Byte.backslash, bytes[next + 1] == UInt8(ascii: "u"),
                   let low = hex4Optional(at: next + 2), (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    next += 6
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0xFFFD
            } else {
                scalar = UInt32(unit)
            }
            appendUTF8(scalar)
            return next
        default:
            if c > 0x20 && c < 0x7F {
                throw fail("invalid escape sequence '\\\(Character(Unicode.Scalar(c)))'", at: i)
            }
            throw fail("invalid escape sequence, '\\' followed by \(describeByte(c))", at: i)
        }
        return i + 2
    }

    func hexValue(_ b: UInt8) -> UInt16? {
        switch b {
        case Byte.zero...Byte.nine: return UInt16(b - Byte.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt16(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt16(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    func hex4Optional(at i: Int) -> UInt16? {
        guard i + 4 <= end else { return nil }
        var v: UInt16 = 0
        for k in 0..<4 {
            guard let h = hexValue(bytes[i + k]) else { return nil }
            v = v << 4 | h
        }
        return v
    }

    func hex4(at i: Int, escapeStart: Int) throws(JSONError) -> UInt16 {
        guard let v = hex4Optional(at: i) else {
            throw fail("invalid \\u escape, expected 4 hexadecimal digits", at: escapeStart)
        }
        return v
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = pos
        var i = pos
        let negative = bytes[i] == Byte.minus
        if negative { i += 1 }
        guard i < end, isDigit(bytes[i]) else {
            pos = i
            throw unexpected("invalid number, expected a digit")
        }
        if bytes[i] == Byte.zero {
            i += 1
            if i < end && isDigit(bytes[i]) {
                throw fail("invalid number, leading zeros are not allowed", at: i - 1)
            }
        } else {
            while i < end && isDigit(bytes[i]) { i += 1 }
        }
        let integerEnd = i
        var isInteger = true
        if i < end && bytes[i] == Byte.dot {
            isInteger = false
            i += 1
            guard i < end, isDigit(bytes[i]) else {
                pos = i
                throw unexpected("invalid number, expected a digit after '.'")
            }
            while i < end && isDigit(bytes[i]) { i += 1 }
        }
        if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            isInteger = false
            i += 1
            if i < end && (bytes[i] == Byte.plus || bytes[i] == Byte.minus) { i += 1 }
            guard i < end, isDigit(bytes[i]) else {
                pos = i
                throw unexpected("invalid number, expected a digit in the exponent")
            }
            while i < end && isDigit(bytes[i]) { i += 1 }
        }
        pos = i
        if isInteger {
            // Accumulate negatively so Int64.min is representable.
            var value: Int64 = 0
            var overflow = false
            var k = negative ? start + 1 : start
            while k < integerEnd {
                let digit = Int64(bytes[k] - Byte.zero)
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(digit)
                if o1 || o2 { overflow = true; break }
                value = s
                k += 1
            }
            if !overflow {
                if negative { return .integer(value) }
                if value != Int64.min { return .integer(-value) }
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let d = Double(text) else {
            throw fail("invalid number", at: start)
        }
        // JSON has no infinity: a number too large for a double would not survive a round trip.
        guard d.isFinite else { throw fail("number out of range", at: start) }
        return .double(d)
    }

    @inline(__always)
    func isDigit(_ b: UInt8) -> Bool { b >= Byte.zero && b <= Byte.nine }
}
