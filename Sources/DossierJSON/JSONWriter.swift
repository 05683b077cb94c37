/// Serialises ``JSONValue``s to UTF-8 JSON text.
///
/// Strings are escaped minimally (`"`, `\`, control characters; non-ASCII is written raw),
/// integers exactly, doubles in shortest round-trip form, and non-finite doubles as `null`.
public struct JSONWriter: Sendable {
    /// Output options.
    public struct Options: OptionSet, Sendable, Hashable {
        /// The raw bit set.
        public var rawValue: Int
        /// Creates options from raw bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Multi-line output with two-space indentation and `"key": value`.
        public static let prettyPrinted = Options(rawValue: 1 << 0)
        /// Object keys in UTF-8 byte order instead of insertion order.
        public static let sortedKeys = Options(rawValue: 1 << 1)
    }

    /// The options in effect.
    public var options: Options

    /// A writer with the given options.
    public init(options: Options = []) {
        self.options = options
    }

    /// Appends the serialisation of `value` to `output`.
    public func write(_ value: JSONValue, into output: inout [UInt8]) {
        writeValue(value, into: &output, indent: 0)
    }

    /// Appends the serialisation of `value` as if it stood `indent` levels deep in a larger
    /// document, so pretty-printed pieces of one document can be written separately.
    public func write(_ value: JSONValue, into output: inout [UInt8], indent: Int) {
        writeValue(value, into: &output, indent: indent)
    }

    /// The serialisation of `value` as bytes.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(value, into: &out)
        return out
    }

    /// The serialisation of `value` as a string.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private func writeValue(_ value: JSONValue, into out: inout [UInt8], indent: Int) {
        switch value {
        case .null:
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) // null
        case .bool(let b):
            if b { out.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } // true
            else { out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) } // false
        case .integer(let i):
            JSONWriter.writeInteger(i, into: &out)
        case .double(let d):
            JSONWriter.writeDouble(d, into: &out)
        case .string(let s):
            JSONWriter.writeString(s, into: &out)
        case .array(let elements):
            out.append(0x5B) // [
            if elements.isEmpty {
                out.append(0x5D)
                return
            }
            let pretty = options.contains(.prettyPrinted)
            for (n, element) in elements.enumerated() {
                if n > 0 { out.append(0x2C) } // ,
                if pretty { newline(into: &out, indent: indent + 1) }
                writeValue(element, into: &out, indent: indent + 1)
            }
            if pretty { newline(into: &out, indent: indent) }
            out.append(0x5D) // ]
        case .object(var object):
            out.append(0x7B) // {
            if object.isEmpty {
                out.append(0x7D)
                return
            }
            if options.contains(.sortedKeys) { object = object.sortedByKey() }
            let pretty = options.contains(.prettyPrinted)
            for n in object.indices {
                if n > 0 { out.append(0x2C) }
                if pretty { newline(into: &out, indent: indent + 1) }
                JSONWriter.writeString(object._keys[n], into: &out)
                out.append(0x3A) // :
                if pretty { out.append(0x20) }
                writeValue(object._values[n], into: &out, indent: indent + 1)
            }
            if pretty { newline(into: &out, indent: indent) }
            out.append(0x7D) // }
        }
    }

    private func newline(into out: inout [UInt8], indent: Int) {
        out.append(0x0A)
        for _ in 0..<(indent * 2) { out.append(0x20) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a quoted, escaped JSON string.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E) // \n
                case 0x0D: out.append(0x5C); out.append(0x72) // \r
                case 0x09: out.append(0x5C); out.append(0x74) // \t
                case 0x08: out.append(0x5C); out.append(0x62) // \b
                case 0x0C: out.append(0x5C); out.append(0x66) // \f
                default:
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30]) // \u00
                    out.append(hexDigits[Int(b >> 4)])
                    out.append(hexDigits[Int(b & 0xF)])
                }
            }
            if runStart < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        out.append(0x22)
    }

    /// Appends the decimal digits of `value`.
    public static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value == 0 {
            out.append(0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var magnitude = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            }
            if value < 0 { out.append(0x2D) }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    /// Appends the shortest round-trip form of `value`, or `null` when it is not finite.
    public static func writeDouble(_ value: Double, into out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        // Swift's description is the shortest representation that round-trips, and is valid JSON
        // for finite values ("1.0", "0.1", "1e-07", "1.7976931348623157e+308").
        out.append(contentsOf: value.description.utf8)
    }
}

extension JSONValue {
    /// JSON text; compact unless `.prettyPrinted` is given.
    public func serialized(options: JSONWriter.Options = []) -> String {
        JSONWriter(options: options).string(self)
    }

    /// JSON text as UTF-8 bytes; compact unless `.prettyPrinted` is given.
    public func serializedBytes(options: JSONWriter.Options = []) -> [UInt8] {
        JSONWriter(options: options).bytes(self)
    }

    /// Two-space indented JSON text, for humans and golden files.
    public var prettyPrinted: String { serialized(options: .prettyPrinted) }
}
