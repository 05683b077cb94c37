/// A JSON object: string keys in insertion order, with fast lookup.
///
/// Assigning to an existing key keeps its position; assigning nil removes it.
/// Equality and hashing ignore key order.
public struct JSONObject: Sendable {
    @usableFromInline var _keys: [String]
    @usableFromInline var _values: [JSONValue]
    /// Key -> position, built only once the object is large enough for linear search to hurt.
    @usableFromInline var _index: [String: Int]?

    @usableFromInline static var indexThreshold: Int { 12 }

    /// An empty object.
    @inlinable
    public init() {
        _keys = []
        _values = []
        _index = nil
    }

    /// An empty object with room for `minimumCapacity` members.
    @inlinable
    public init(minimumCapacity: Int) {
        self.init()
        _keys.reserveCapacity(minimumCapacity)
        _values.reserveCapacity(minimumCapacity)
    }

    /// An object from key/value pairs in order; a repeated key keeps its first position and last value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        self.init()
        for (k, v) in pairs { self[k] = v }
    }

    /// The keys, in order.
    @inlinable
    public var keys: [String] { _keys }

    /// The values, in key order.
    @inlinable
    public var values: [JSONValue] { _values }

    /// The position of `key`, if present.
    @inlinable
    public func position(of key: String) -> Int? {
        if let index = _index { return index[key] }
        return _keys.firstIndex(of: key)
    }

    /// The value for `key`, if present; setting nil removes the key.
    @inlinable
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = position(of: key) else { return nil }
            return _values[i]
        }
        set {
            if let newValue {
                if let i = position(of: key) {
                    _values[i] = newValue
                } else {
                    append(key, newValue)
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Appends a member without checking for duplicates; the caller guarantees `key` is new.
    @inlinable
    mutating func append(_ key: String, _ value: JSONValue) {
        _keys.append(key)
        _values.append(value)
        if _index != nil {
            _index![key] = _keys.count - 1
        } else if _keys.count > Self.indexThreshold {
            buildIndex()
        }
    }

    @usableFromInline
    mutating func buildIndex() {
        var index = [String: Int](minimumCapacity: _keys.count * 2)
        for (i, k) in _keys.enumerated() { index[k] = i }
        _index = index
    }

    /// Removes `key` and returns its value, if present.
    @inlinable
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = position(of: key) else { return nil }
        _keys.remove(at: i)
        let old = _values.remove(at: i)
        if _index != nil {
            if _keys.count > Self.indexThreshold { buildIndex() } else { _index = nil }
        }
        return old
    }

    /// A copy with keys sorted by their UTF-8 bytes (useful for canonical output).
    public func sortedByKey() -> JSONObject {
        let order = _keys.indices.sorted { _keys[$0].utf8.lexicographicallyPrecedes(_keys[$1].utf8) }
        var o = JSONObject(minimumCapacity: _keys.count)
        for i in order { o.append(_keys[i], _values[i]) }
        return o
    }
}

extension JSONObject: RandomAccessCollection {
    /// A member: key and value.
    public typealias Element = (key: String, value: JSONValue)

    /// Always 0.
    @inlinable
    public var startIndex: Int { 0 }

    /// The member count.
    @inlinable
    public var endIndex: Int { _keys.count }

    /// The member at a position.
    @inlinable
    public subscript(position: Int) -> Element { (_keys[position], _values[position]) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object literal; key order is kept.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Hashable {
    /// Same members, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs._keys == rhs._keys { return lhs._values == rhs._values }
        for i in lhs._keys.indices {
            guard let v = rhs[lhs._keys[i]], v == lhs._values[i] else { return false }
        }
        return true
    }

    /// Order-independent hash.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(_keys.count)
        var acc = 0
        for i in _keys.indices {
            var h = Hasher()
            h.combine(_keys[i])
            h.combine(_values[i])
            acc = acc &+ h.finalize()
        }
        hasher.combine(acc)
    }
}

extension JSONObject: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONValue.object(self).serialized() }
}
