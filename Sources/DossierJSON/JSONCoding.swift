// Links libm: Double rounding (e.g. `Int64(exactly:)`) calls trunc/floor/… on Linux, and a client
// that imports neither Foundation nor Glibc would otherwise fail to link.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Codable bridge: Encodable -> JSONValue and JSONValue -> Decodable, without going through text.
//
// Object keys come out in encoding order (declaration order for synthesised conformances);
// `[String: T]` dictionaries are written with sorted keys so output is deterministic.
// Integers stay exact; nil optionals written with `encodeIfPresent` (the synthesised default) are omitted.

/// Encodes `Encodable` values into ``JSONValue``s.
public struct JSONValueEncoder: Sendable {
    /// A new encoder.
    public init() {}

    /// The JSON form of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try encodeValue(value, codingPath: [])
    }
}

/// Decodes `Decodable` values from ``JSONValue``s.
public struct JSONValueDecoder: Sendable {
    /// A new decoder.
    public init() {}

    /// Decodes a `T` from `value`; throws `DecodingError` with the coding path on mismatch.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try decodeValue(type, from: value, codingPath: [])
    }
}

extension JSONValue {
    /// The JSON form of an `Encodable` value.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONValueEncoder().encode(value)
    }

    /// Decodes a `Decodable` value from this JSON.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONValueDecoder().decode(type, from: self)
    }
}

extension JSONValue: Codable {
    /// Decodes any JSON value (with non-JSON decoders, objects lose their key order).
    public init(from decoder: any Decoder) throws {
        if let d = decoder as? ValueDecoder {
            self = d.value
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            let o = try c.decode([String: JSONValue].self)
            self = .object(JSONObject(o.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
    }

    /// Encodes this value as-is.
    public func encode(to encoder: any Encoder) throws {
        if let e = encoder as? ValueEncoder {
            e.ref.storage = .value(self)
            return
        }
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .integer(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .double(let d):
            var c = encoder.singleValueContainer()
            try c.encode(d)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let a):
            var c = encoder.unkeyedContainer()
            for v in a { try c.encode(v) }
        case .object(let o):
            var c = encoder.container(keyedBy: AnyKey.self)
            for (k, v) in o { try c.encode(v, forKey: AnyKey(k)) }
        }
    }
}

// MARK: - Shared

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string; intValue = nil }
    init(stringValue: String) { self.init(stringValue) }
    init(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

/// Marks `[String: Encodable]` so it can be written with sorted keys.
protocol StringKeyedEncodableDictionary {
    func encodeSorted(into ref: EncodingRef, codingPath: [any CodingKey]) throws
}

extension Dictionary: StringKeyedEncodableDictionary where Key == String, Value: Encodable {
    func encodeSorted(into ref: EncodingRef, codingPath: [any CodingKey]) throws {
        var object = JSONObject(minimumCapacity: count)
        for key in keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            object.append(key, try encodeValue(self[key]!, codingPath: codingPath + [AnyKey(key)]))
        }
        ref.storage = .value(.object(object))
    }
}

// MARK: - Encoding

/// A mutable node of the value being built.
final class EncodingRef {
    enum Storage {
        case empty
        case value(JSONValue)
        case object(keys: [String], refs: [String: EncodingRef])
        case array([EncodingRef])
    }

    var storage: Storage = .empty

    var json: JSONValue {
        switch storage {
        case .empty: return .object(JSONObject())
        case .value(let v): return v
        case .object(let keys, let refs):
            var o = JSONObject(minimumCapacity: keys.count)
            for k in keys { o.append(k, refs[k]!.json) }
            return .object(o)
        case .array(let refs): return .array(refs.map(\.json))
        }
    }

    /// Sets the member `key` (kept at its first position) and returns its node.
    func child(_ key: String) -> EncodingRef {
        var keys: [String] = [], refs: [String: EncodingRef] = [:]
        if case .object(let k, let r) = storage { keys = k; refs = r }
        storage = .empty
        let node = EncodingRef()
        if refs.updateValue(node, forKey: key) == nil { keys.append(key) }
        storage = .object(keys: keys, refs: refs)
        return node
    }

    func appendElement() -> EncodingRef {
        var refs: [EncodingRef] = []
        if case .array(let r) = storage { refs = r }
        storage = .empty
        let node = EncodingRef()
        refs.append(node)
        storage = .array(refs)
        return node
    }

    func makeObject() {
        if case .object = storage { return }
        storage = .object(keys: [], refs: [:])
    }

    func makeArray() {
        if case .array = storage { return }
        storage = .array([])
    }

    var arrayCount: Int {
        if case .array(let r) = storage { return r.count }
        return 0
    }
}

func encodeValue<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> JSONValue {
    if let v = value as? JSONValue { return v }
    let ref = EncodingRef()
    try encode(value, into: ref, codingPath: codingPath)
    return ref.json
}

func encode<T: Encodable>(_ value: T, into ref: EncodingRef, codingPath: [any CodingKey]) throws {
    if let v = value as? JSONValue {
        ref.storage = .value(v)
    } else if let d = value as? any StringKeyedEncodableDictionary {
        try d.encodeSorted(into: ref, codingPath: codingPath)
    } else {
        try value.encode(to: ValueEncoder(ref: ref, codingPath: codingPath))
    }
}

private func integer<I: BinaryInteger>(_ v: I, _ path: [any CodingKey]) throws -> JSONValue {
    guard let i = Int64(exactly: v) else {
        throw EncodingError.invalidValue(v, .init(codingPath: path, debugDescription: "\(v) does not fit in a 64-bit signed integer"))
    }
    return .integer(i)
}

struct ValueEncoder: Encoder {
    let ref: EncodingRef
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(ref: EncodingRef, codingPath: [any CodingKey]) {
        self.ref = ref
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        ref.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<Key>(ref: ref, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ref.makeArray()
        return UnkeyedEncoder(ref: ref, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleEncoder(ref: ref, codingPath: codingPath)
    }
}

struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let ref: EncodingRef
    var codingPath: [any CodingKey]

    private func set(_ v: JSONValue, _ key: Key) { ref.child(key.stringValue).storage = .value(v) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ v: Bool, forKey key: Key) throws { set(.bool(v), key) }
    mutating func encode(_ v: String, forKey key: Key) throws { set(.string(v), key) }
    mutating func encode(_ v: Double, forKey key: Key) throws { set(.double(v), key) }
    mutating func encode(_ v: Float, forKey key: Key) throws { set(.double(Double("\(v)") ?? Double(v)), key) }
    mutating func encode(_ v: Int, forKey key: Key) throws { set(.integer(Int64(v)), key) }
    mutating func encode(_ v: Int8, forKey key: Key) throws { set(.integer(Int64(v)), key) }
    mutating func encode(_ v: Int16, forKey key: Key) throws { set(.integer(Int64(v)), key) }
    mutating func encode(_ v: Int32, forKey key: Key) throws { set(.integer(Int64(v)), key) }
    mutating func encode(_ v: Int64, forKey key: Key) throws { set(.integer(v), key) }
    mutating func encode(_ v: UInt, forKey key: Key) throws { set(try integer(v, codingPath + [key]), key) }
    mutating func encode(_ v: UInt8, forKey key: Key) throws { set(.integer(Int64(v)), key) }
    mutating func encode(_ v: UInt16, forKey key: Key) throws { set(.integer(Int64(v)), key) }
    mutating func encode(_ v: UInt32, forKey key: Key) throws { set(.integer(Int64(v)), key) }
    mutating func encode(_ v: UInt64, forKey key: Key) throws { set(try integer(v, codingPath + [key]), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try DossierJSON.encode(value, into: ref.child(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = ref.child(key.stringValue)
        child.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(ref: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = ref.child(key.stringValue)
        child.makeArray()
        return UnkeyedEncoder(ref: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        ValueEncoder(ref: ref.child("super"), codingPath: codingPath + [AnyKey("super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(ref: ref.child(key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let ref: EncodingRef
    var codingPath: [any CodingKey]
    var count: Int { ref.arrayCount }

    private var nextKey: AnyKey { AnyKey(intValue: count) }
    private func add(_ v: JSONValue) { ref.appendElement().storage = .value(v) }

    mutating func encodeNil() throws { add(.null) }
    mutating func encode(_ v: Bool) throws { add(.bool(v)) }
    mutating func encode(_ v: String) throws { add(.string(v)) }
    mutating func encode(_ v: Double) throws { add(.double(v)) }
    mutating func encode(_ v: Float) throws { add(.double(Double("\(v)") ?? Double(v))) }
    mutating func encode(_ v: Int) throws { add(.integer(Int64(v))) }
    mutating func encode(_ v: Int8) throws { add(.integer(Int64(v))) }
    mutating func encode(_ v: Int16) throws { add(.integer(Int64(v))) }
    mutating func encode(_ v: Int32) throws { add(.integer(Int64(v))) }
    mutating func encode(_ v: Int64) throws { add(.integer(v)) }
    mutating func encode(_ v: UInt) throws { add(try integer(v, codingPath + [nextKey])) }
    mutating func encode(_ v: UInt8) throws { add(.integer(Int64(v))) }
    mutating func encode(_ v: UInt16) throws { add(.integer(Int64(v))) }
    mutating func encode(_ v: UInt32) throws { add(.integer(Int64(v))) }
    mutating func encode(_ v: UInt64) throws { add(try integer(v, codingPath + [nextKey])) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [nextKey]
        try DossierJSON.encode(value, into: ref.appendElement(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [nextKey]
        let child = ref.appendElement()
        child.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(ref: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [nextKey]
        let child = ref.appendElement()
        child.makeArray()
        return UnkeyedEncoder(ref: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [nextKey]
        return ValueEncoder(ref: ref.appendElement(), codingPath: path)
    }
}

struct SingleEncoder: SingleValueEncodingContainer {
    let ref: EncodingRef
    var codingPath: [any CodingKey]

    private func set(_ v: JSONValue) { ref.storage = .value(v) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ v: Bool) throws { set(.bool(v)) }
    mutating func encode(_ v: String) throws { set(.string(v)) }
    mutating func encode(_ v: Double) throws { set(.double(v)) }
    mutating func encode(_ v: Float) throws { set(.double(Double("\(v)") ?? Double(v))) }
    mutating func encode(_ v: Int) throws { set(.integer(Int64(v))) }
    mutating func encode(_ v: Int8) throws { set(.integer(Int64(v))) }
    mutating func encode(_ v: Int16) throws { set(.integer(Int64(v))) }
    mutating func encode(_ v: Int32) throws { set(.integer(Int64(v))) }
    mutating func encode(_ v: Int64) throws { set(.integer(v)) }
    mutating func encode(_ v: UInt) throws { set(try integer(v, codingPath)) }
    mutating func encode(_ v: UInt8) throws { set(.integer(Int64(v))) }
    mutating func encode(_ v: UInt16) throws { set(.integer(Int64(v))) }
    mutating func encode(_ v: UInt32) throws { set(.integer(Int64(v))) }
    mutating func encode(_ v: UInt64) throws { set(try integer(v, codingPath)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try DossierJSON.encode(value, into: ref, codingPath: codingPath)
    }
}

// MARK: - Decoding

func decodeValue<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
    if T.self == JSONValue.self { return value as! T }
    return try T(from: ValueDecoder(value: value, codingPath: codingPath))
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(value.typeName)"))
}

private func decodeInteger<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> I {
    switch value {
    case .integer(let i):
        guard let v = I(exactly: i) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "\(i) does not fit in \(type)"))
        }
        return v
    case .double(let d):
        guard let v = I(exactly: d) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "\(d) is not a valid \(type)"))
        }
        return v
    default:
        throw mismatch(type, value, path)
    }
}

private func decodeDouble(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
    guard let d = value.doubleValue else { throw mismatch(Double.self, value, path) }
    return d
}

private func decodeBool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
    guard case .bool(let b) = value else { throw mismatch(Bool.self, value, path) }
    return b
}

private func decodeString(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
    guard case .string(let s) = value else { throw mismatch(String.self, value, path) }
    return s
}

struct ValueDecoder: Decoder {
    let value: JSONValue
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = value else { throw mismatch(JSONObject.self, value, codingPath) }
        return KeyedDecodingContainer(KeyedDecoder<Key>(object: o, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let a) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedDecoder(array: a, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleDecoder(value: value, codingPath: codingPath)
    }
}

struct KeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    var codingPath: [any CodingKey]

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let v = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing key \"\(key.stringValue)\""))
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeBool(member(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeString(member(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeDouble(member(key), codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decodeDouble(member(key), codingPath + [key])) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeInteger(type, member(key), codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeInteger(type, member(key), codingPath + [key]) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(type, from: member(key), codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: object["super"] ?? .null, codingPath: codingPath + [AnyKey("super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: object[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

struct UnkeyedDecoder: UnkeyedDecodingContainer {
    let array: [JSONValue]
    var codingPath: [any CodingKey]
    var currentIndex = 0

    init(array: [JSONValue], codingPath: [any CodingKey]) {
        self.array = array
        self.codingPath = codingPath
    }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    private var path: [any CodingKey] { codingPath + [AnyKey(intValue: currentIndex)] }

    private mutating func next(_ type: Any.Type) throws -> JSONValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "unkeyed container is at end"))
        }
        defer { currentIndex += 1 }
        return array[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: path, debugDescription: "unkeyed container is at end"))
        }
        if array[currentIndex].isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let p = path; return try decodeBool(next(type), p) }
    mutating func decode(_ type: String.Type) throws -> String { let p = path; return try decodeString(next(type), p) }
    mutating func decode(_ type: Double.Type) throws -> Double { let p = path; return try decodeDouble(next(type), p) }
    mutating func decode(_ type: Float.Type) throws -> Float { let p = path; return Float(try decodeDouble(next(type), p)) }
    mutating func decode(_ type: Int.Type) throws -> Int { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let p = path; return try decodeInteger(type, next(type), p) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let p = path; return try decodeInteger(type, next(type), p) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let p = path
        return try decodeValue(type, from: next(type), codingPath: p)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let p = path
        return try ValueDecoder(value: next(JSONObject.self), codingPath: p).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let p = path
        return try ValueDecoder(value: next([JSONValue].self), codingPath: p).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let p = path
        return ValueDecoder(value: try next(JSONValue.self), codingPath: p)
    }
}

struct SingleDecoder: SingleValueDecodingContainer {
    let value: JSONValue
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeBool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try decodeString(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try decodeDouble(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeDouble(value, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type, value, codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeValue(type, from: value, codingPath: codingPath)
    }
}
