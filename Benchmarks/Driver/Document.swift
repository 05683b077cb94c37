import DossierJSON

/// The unit LSP positions count in, as negotiated at `initialize`.
enum PositionEncoding: String {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"
}

/// An open document as the client sees it: bytes, version, and a line table for positions.
struct TextDocument {
    let path: String
    let uri: String
    private(set) var bytes: [UInt8]
    var version = 1
    private(set) var lineStarts: [Int] = [0]

    /// A document at version 1 with the given contents.
    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.uri = fileURI(path)
        self.bytes = bytes
        indexLines()
    }

    private mutating func indexLines() {
        lineStarts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { lineStarts.append(i + 1) }
    }

    /// The text, for `didOpen`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The LSP position of a byte offset (which must be on a character boundary).
    func position(_ offset: Int, _ encoding: PositionEncoding) -> JSONValue {
        // Last line start ≤ offset.
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var character = 0
        switch encoding {
        case .utf8:
            character = offset - start
        case .utf16, .utf32:
            for i in start..<offset {
                let b = bytes[i]
                if b & 0xC0 == 0x80 { continue }
                character += (b >= 0xF0 && encoding == .utf16) ? 2 : 1
            }
        }
        return ["line": .int(lo), "character": .int(character)]
    }

    /// `{"start":…,"end":…}` for a byte range.
    func range(_ r: Range<Int>, _ encoding: PositionEncoding) -> JSONValue {
        ["start": position(r.lowerBound, encoding), "end": position(r.upperBound, encoding)]
    }

    /// `offset` moved back to the start of the character it falls in.
    func boundary(_ offset: Int) -> Int {
        var o = min(max(0, offset), bytes.count)
        while o > 0 && o < bytes.count && bytes[o] & 0xC0 == 0x80 { o -= 1 }
        return o
    }

    /// Replaces a byte range, bumps the version, and returns the `contentChanges` entry describing it
    /// (incremental, with the range in the old text; or the whole text when `full`).
    mutating func edit(_ r: Range<Int>, with replacement: [UInt8], encoding: PositionEncoding, full: Bool) -> JSONValue {
        let oldRange = range(r, encoding)
        bytes.replaceSubrange(r, with: replacement)
        indexLines()
        version += 1
        if full { return ["text": .string(text)] }
        return ["range": oldRange, "text": .string(String(decoding: replacement, as: UTF8.self))]
    }

    /// Byte offset where the body starts (after front matter).
    var bodyStart: Int {
        guard bytes.starts(with: Array("---\n".utf8)) else { return 0 }
        let marker = Array("\n---\n".utf8)
        var i = 3
        while i + marker.count <= bytes.count {
            if bytes[i] == 0x0A && Array(bytes[i..<i + marker.count]) == marker { return i + marker.count }
            i += 1
        }
        return 0
    }

    /// Offsets inside actor ids written after `@` (mentions, `by=`, `via=`, `member-of`): where hover and friends have work to do.
    func referenceOffsets() -> [Int] {
        var result: [Int] = []
        for i in 0..<max(0, bytes.count - 1) where bytes[i] == UInt8(ascii: "@") {
            var j = i + 1
            while j < bytes.count, isIDByte(bytes[j]) { j += 1 }
            if j - i > 1 { result.append(i + 1 + (j - i - 1) / 2) }
        }
        return result
    }

    /// Offsets just after a space in the body, outside attribute blocks `{…}`: places where typing keeps annotations intact.
    func typingOffsets() -> [Int] {
        var result: [Int] = []
        var braces = 0
        for i in bodyStart..<bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"): braces += 1
            case UInt8(ascii: "}"): braces = max(0, braces - 1)
            case 0x0A where braces > 0 && i + 1 < bytes.count && bytes[i + 1] == 0x0A: braces = 0
            case UInt8(ascii: " ") where braces == 0: result.append(i + 1)
            default: break
            }
        }
        return result
    }

    /// Offsets inside annotations (actor ids after `@`, attribute blocks `{…}`): where an edit changes
    /// what the text means rather than just the prose.
    func annotationOffsets() -> [Int] {
        var result: [Int] = []
        var i = bodyStart
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "@") {
                var j = i + 1
                while j < bytes.count, isIDByte(bytes[j]) { result.append(j); j += 1 }
                i = j
            } else if bytes[i] == UInt8(ascii: "{") {
                var j = i + 1
                // A block ends at `}` or at a blank line (an unclosed block never spans paragraphs).
                while j < bytes.count, bytes[j] != UInt8(ascii: "}"), !(bytes[j] == 0x0A && j + 1 < bytes.count && bytes[j + 1] == 0x0A) {
                    if bytes[j] & 0xC0 != 0x80 { result.append(j) }
                    j += 1
                }
                i = j + 1
            } else {
                i += 1
            }
        }
        return result
    }

    /// The first character boundary after `offset` (or the end of the text).
    func nextBoundary(after offset: Int) -> Int {
        var o = min(offset + 1, bytes.count)
        while o < bytes.count && bytes[o] & 0xC0 == 0x80 { o += 1 }
        return o
    }

    /// The end of the first line starting with `prefix`, or nil.
    func endOfLine(startingWith prefix: String) -> Int? {
        let p = Array(prefix.utf8)
        for start in lineStarts where start + p.count <= bytes.count && Array(bytes[start..<start + p.count]) == p {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            return end
        }
        return nil
    }
}

private func isIDByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
}

/// A `file://` URI for an absolute path, percent-encoding everything outside the unreserved set and `/`.
func fileURI(_ path: String) -> String {
    var out = "file://"
    for b in path.utf8 {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
            out.unicodeScalars.append(Unicode.Scalar(b))
        default:
            let hex = Array("0123456789ABCDEF".utf8)
            out += "%" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
        }
    }
    return out
}

/// The `TextDocumentIdentifier` of `doc`.
func identifier(_ doc: TextDocument) -> JSONValue { ["uri": .string(doc.uri)] }

/// The `VersionedTextDocumentIdentifier` of `doc`.
func versioned(_ doc: TextDocument) -> JSONValue { ["uri": .string(doc.uri), "version": .int(doc.version)] }

/// Whether a result is `null`, `[]`, or an object whose list (items, token data, changes) is empty.
func isEmptyResult(_ value: JSONValue) -> Bool {
    switch value {
    case .null: return true
    case .array(let a): return a.isEmpty
    case .object(let o):
        if let items = o["items"]?.arrayValue { return items.isEmpty }
        if let data = o["data"]?.arrayValue { return data.isEmpty }
        if let changes = o["changes"]?.objectValue { return changes.isEmpty }
        return false
    default: return false
    }
}
