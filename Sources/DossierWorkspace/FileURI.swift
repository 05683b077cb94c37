/// Converts between absolute paths and `file://` URIs, the ids documents have in a workspace.
public enum FileURI {
    /// The URI of an absolute path, percent-encoding what RFC 3986 requires.
    public static func uri(forPath path: String) -> String {
        // Most paths need no escape: one pass to see it, no byte-by-byte copy.
        if path.utf8.allSatisfy(isUnreserved) { return "file://" + path }
        var result = Array("file://".utf8)
        result.reserveCapacity(result.count + path.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            if isUnreserved(byte) {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Letters, digits, `-._~` and the path separator: written as they are.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
        default: false
        }
    }

    /// The path of a `file://` URI, or nil for other schemes.
    public static func path(forURI uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = Substring(uri.dropFirst(7))
        if !rest.hasPrefix("/"), let slash = rest.firstIndex(of: "/") { rest = rest[slash...] }  // file://host/path
        // Most paths escape nothing: no byte-by-byte decoding for them (a check lists ten thousand).
        if !rest.utf8.contains(UInt8(ascii: "%")) { return String(rest) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rest.utf8.count)
        var iterator = Array(rest.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URI in our canonical encoding (clients differ in what they escape, e.g. `:`).
    public static func normalized(_ uri: String) -> String {
        path(forURI: uri).map(uri(forPath:)) ?? uri
    }
}
