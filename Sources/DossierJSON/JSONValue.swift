// Links libm: Double rounding (e.g. `Int64(exactly:)`) calls trunc/floor/… on Linux, and a client
// that imports neither Foundation nor Glibc would otherwise fail to link.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A JSON value. Integers and doubles are kept apart so that integers round-trip exactly.
///
/// Equality is structural: `.integer(1)` and `.double(1.0)` are different values, and
/// objects compare without regard to key order (see ``JSONObject``).
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with ordered keys.
    case object(JSONObject)
}

// MARK: - Convenience constructors

extension JSONValue {
    /// An integer value from an `Int`.
    @inlinable
    public static func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// A string value, or `null` when `value` is nil.
    @inlinable
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Wraps a string.
    @inlinable
    public init(_ value: String) { self = .string(value) }

    /// Wraps an `Int`.
    @inlinable
    public init(_ value: Int) { self = .integer(Int64(value)) }

    /// Wraps an `Int64`.
    @inlinable
    public init(_ value: Int64) { self = .integer(value) }

    /// Wraps a `Double`.
    @inlinable
    public init(_ value: Double) { self = .double(value) }

    /// Wraps a `Bool`.
    @inlinable
    public init(_ value: Bool) { self = .bool(value) }

    /// Wraps an array.
    @inlinable
    public init(_ value: [JSONValue]) { self = .array(value) }

    /// Wraps an object.
    @inlinable
    public init(_ value: JSONObject) { self = .object(value) }
}

// MARK: - Accessors

extension JSONValue {
    /// True for `null`.
    @inlinable
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The string, if this is a string.
    @inlinable
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }

    /// The boolean, if this is a boolean.
    @inlinable
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// The number as `Int64`, if it is an integer (or a double with an exact integral value in range).
    @inlinable
    public var int64Value: Int64? {
        switch self {
        case .integer(let i): return i
        case .double(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    /// The number as `Int`, if it is an integer (or a double with an exact integral value in range).
    @inlinable
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The number as `Double`, if this is a number (integers are converted).
    @inlinable
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The elements, if this is an array.
    @inlinable
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }

    /// The object, if this is an object.
    @inlinable
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }

    /// A short name of the value's type ("null", "boolean", "integer", "number", "string", "array", "object").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Object member lookup; nil when this is not an object or the key is absent.
    /// Setting on a non-object replaces the value by an object; setting nil removes the key.
    public subscript(key: String) -> JSONValue? {
        get {
            if case .object(let o) = self { return o[key] }
            return nil
        }
        set {
            var o: JSONObject
            if case .object(let existing) = self { o = existing } else { o = JSONObject() }
            self = .null // release our reference so `o` stays uniquely referenced
            o[key] = newValue
            self = .object(o)
        }
    }

    /// Array element lookup; nil when this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral {
    /// `nil` is `null`.
    @inlinable
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// A boolean literal.
    @inlinable
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// An integer literal.
    @inlinable
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// A floating-point literal.
    @inlinable
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A string literal.
    @inlinable
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// An array literal.
    @inlinable
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object literal; key order is kept.
    @inlinable
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var o = JSONObject(minimumCapacity: elements.count)
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
}

// MARK: - Text

extension JSONValue: CustomStringConvertible, CustomDebugStringConvertible {
    /// Compact JSON text.
    public var description: String { serialized() }
    /// Compact JSON text.
    public var debugDescription: String { serialized() }
}
