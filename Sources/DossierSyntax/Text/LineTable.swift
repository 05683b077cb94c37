/// Converts between byte offsets and line/character positions for one text, in any `PositionEncoding`.
///
/// Lines end at LF, CRLF or a lone CR. A position past the end of a line clamps to the line's end
/// (before its terminator); a line past the end clamps to the end of the text; a position inside a
/// multi-byte character or a surrogate pair snaps to the character's start.
public struct LineTable: Sendable {
    /// The text, as UTF-8 bytes.
    public let bytes: [UInt8]
    /// The byte offset where each line starts; always holds at least one entry (0).
    public let lineStarts: [Int]
    /// UTF-16 and scalar counts of the text before each 4 KiB block, so that converting a column
    /// on a megabyte-long line costs at most one block's scan instead of the whole line's.
    private let utf16BeforeBlock: [Int]
    private let scalarsBeforeBlock: [Int]
    private static let blockShift = 12

    /// Builds the table in one pass over `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var utf16: [Int] = []
        var scalars: [Int] = []
        utf16.reserveCapacity((bytes.count >> LineTable.blockShift) + 1)
        scalars.reserveCapacity((bytes.count >> LineTable.blockShift) + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            var utf16Count = 0
            var scalarCount = 0
            let blockMask = (1 << LineTable.blockShift) - 1
            while index < count {
                if index & blockMask == 0 {
                    utf16.append(utf16Count)
                    scalars.append(scalarCount)
                }
                let byte = buffer[index]
                if byte & 0xC0 != 0x80 {
                    scalarCount += 1
                    utf16Count += byte >= 0xF0 ? 2 : 1
                }
                if byte == 0x0A {
                    starts.append(index + 1)
                } else if byte == 0x0D, !(index + 1 < count && buffer[index + 1] == 0x0A) {
                    starts.append(index + 1)
                }
                index += 1
            }
            utf16.append(utf16Count)
            scalars.append(scalarCount)
        }
        lineStarts = starts
        utf16BeforeBlock = utf16
        scalarsBeforeBlock = scalars
    }

    /// The number of lines (a text ending in a newline has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The byte offset where `line`'s content ends, before its terminator.
    public func lineContentEnd(_ line: Int) -> Int {
        guard line + 1 < lineStarts.count else { return bytes.count }
        var end = lineStarts[line + 1]
        if end > lineStarts[line], bytes[end - 1] == 0x0A { end -= 1 }
        if end > lineStarts[line], bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The byte range of `line`'s content, without its terminator.
    public func lineRange(_ line: Int) -> ByteRange {
        let clamped = min(max(line, 0), lineStarts.count - 1)
        return ByteRange(lineStarts[clamped], lineContentEnd(clamped))
    }

    /// The zero-based line holding `offset` (clamped to the text).
    public func line(containing offset: Int) -> Int {
        let target = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= target { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The position of byte `offset` in `encoding`.
    public func position(of offset: Int, in encoding: PositionEncoding) -> TextPosition {
        let target = min(max(offset, 0), bytes.count)
        let line = line(containing: target)
        let start = lineStarts[line]
        let end = min(target, lineContentEnd(line))
        return TextPosition(line: line, character: units(from: start, to: end, in: encoding))
    }

    /// The range of `range` in `encoding`.
    public func range(of range: ByteRange, in encoding: PositionEncoding) -> TextRange {
        TextRange(start: position(of: range.start, in: encoding), end: position(of: range.end, in: encoding))
    }

    /// The byte offset of `position` in `encoding`, clamped to the text and to its line.
    public func offset(of position: TextPosition, in encoding: PositionEncoding) -> Int {
        if position.line < 0 { return 0 }
        if position.line >= lineStarts.count { return bytes.count }
        let start = lineStarts[position.line]
        let end = lineContentEnd(position.line)
        if position.character <= 0 { return start }
        if encoding == .utf8 {
            // Compared before adding: a client may send a character near Int.max (found by the edit fuzzer).
            var offset = position.character >= end - start ? end : start + position.character
            while offset > start, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            return offset
        }
        var remaining = position.character
        var index = start
        while index < end {
            let width = LineTable.scalarWidth(bytes[index])
            let units = encoding == .utf16 ? (width == 4 ? 2 : 1) : 1
            if units > remaining { break }
            remaining -= units
            index = min(index + width, end)
            if remaining == 0 { break }
        }
        return index
    }

    /// The number of code units of `encoding` in the bytes `start..<end`.
    public func units(from start: Int, to end: Int, in encoding: PositionEncoding) -> Int {
        if encoding == .utf8 { return end - start }
        if end - start > 1 << LineTable.blockShift {
            return unitsBefore(end, in: encoding) - unitsBefore(start, in: encoding)
        }
        var count = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                count += 1
                index += 1
                continue
            }
            let width = LineTable.scalarWidth(byte)
            count += (encoding == .utf16 && width == 4) ? 2 : 1
            index += width
        }
        return count
    }

    /// The UTF-16 or scalar count of the text before `offset`, from the block table.
    private func unitsBefore(_ offset: Int, in encoding: PositionEncoding) -> Int {
        let block = offset >> LineTable.blockShift
        var count = encoding == .utf16 ? utf16BeforeBlock[block] : scalarsBeforeBlock[block]
        var index = block << LineTable.blockShift
        while index < offset {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 { count += (encoding == .utf16 && byte >= 0xF0) ? 2 : 1 }
            index += 1
        }
        return count
    }

    /// The length of the UTF-8 sequence that `lead` starts (1 for a stray continuation byte).
    @inline(__always)
    static func scalarWidth(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xFF: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }
}
