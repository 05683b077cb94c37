/// Converts between byte offsets and line/character positions for one text, in any `PositionEncoding`.
///
/// Lines end at LF, CRLF or a lone CR. A position past the end of a line clamps to the line's end
/// (before its terminator); a line past the end clamps to the end of the text; a position inside a
/// multi-byte character or a surrogate pair snaps to the character's start.
public struct LineTable: Sendable {
    /// The text, as UTF-8 bytes.
    public let bytes: [UInt8]
    /// The byte offset where each line starts; always holds at least one entry (0). 32 bits and
    /// sized exactly: every open document keeps its table.
    private let starts: [UInt32]
    /// UTF-16 and scalar counts of the text before each 4 KiB block, interleaved, so that converting
    /// a column on a megabyte-long line costs at most one block's scan instead of the whole line's.
    /// Empty when no line is longer than a block, as in most texts: shorter ranges are scanned.
    private let unitsBeforeBlock: [UInt32]
    private static let blockShift = 12

    /// Builds the table. Texts without a carriage return, nearly all of them, are split with
    /// `memchr`, which reads many bytes per step; the others take a byte-by-byte pass.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var longestLine = 0
        starts = bytes.withUnsafeBufferPointer { buffer in
            guard ByteSearch.firstIndex(of: ASCII.carriageReturn, in: buffer, from: 0, to: buffer.count) != nil else {
                return LineTable.newlineStarts(buffer, longestLine: &longestLine)
            }
            return LineTable.mixedStarts(buffer, longestLine: &longestLine)
        }
        unitsBeforeBlock = longestLine > 1 << LineTable.blockShift ? LineTable.blockCounts(bytes) : []
    }

    /// The line starts of a text whose only terminator is LF: `memchr` finds each newline, once
    /// to count the lines and once to record them in a table of exactly that size.
    private static func newlineStarts(_ buffer: UnsafeBufferPointer<UInt8>, longestLine: inout Int) -> [UInt32] {
        func forEachLineStart(_ body: (Int) -> Void) {
            var lineStart = 0
            while let newline = ByteSearch.firstIndex(of: ASCII.newline, in: buffer, from: lineStart, to: buffer.count) {
                lineStart = newline + 1
                body(lineStart)
            }
        }
        var lines = 1
        forEachLineStart { _ in lines += 1 }
        return [UInt32](unsafeUninitializedCapacity: lines) { starts, initialized in
            starts[0] = 0
            var line = 1
            forEachLineStart { start in
                longestLine = max(longestLine, start - Int(starts[line - 1]))
                starts[line] = UInt32(truncatingIfNeeded: start)
                line += 1
            }
            longestLine = max(longestLine, buffer.count - Int(starts[line - 1]))
            initialized = lines
        }
    }

    /// The line starts of a text with CR or CRLF terminators: one pass to count, one to record.
    private static func mixedStarts(_ buffer: UnsafeBufferPointer<UInt8>, longestLine: inout Int) -> [UInt32] {
        let count = buffer.count
        var lines = 1
        for index in 0..<count where buffer[index] == 0x0A || buffer[index] == 0x0D {
            if !(buffer[index] == 0x0D && index + 1 < count && buffer[index + 1] == 0x0A) { lines += 1 }
        }
        return [UInt32](unsafeUninitializedCapacity: lines) { starts, initialized in
            starts[0] = 0
            var line = 1
            for index in 0..<count where buffer[index] == 0x0A || buffer[index] == 0x0D {
                if buffer[index] == 0x0D, index + 1 < count, buffer[index + 1] == 0x0A { continue }
                longestLine = max(longestLine, index + 1 - Int(starts[line - 1]))
                starts[line] = UInt32(truncatingIfNeeded: index + 1)
                line += 1
            }
            longestLine = max(longestLine, count - Int(starts[line - 1]))
            initialized = lines
        }
    }

    /// The UTF-16 and scalar counts before each block of `bytes`, and of the whole text.
    private static func blockCounts(_ bytes: [UInt8]) -> [UInt32] {
        var counts: [UInt32] = []
        counts.reserveCapacity(2 * ((bytes.count >> blockShift) + 2))
        var utf16: UInt32 = 0
        var scalars: UInt32 = 0
        let blockMask = (1 << blockShift) - 1
        for (index, byte) in bytes.enumerated() {
            if index & blockMask == 0 { counts += [utf16, scalars] }
            if byte & 0xC0 != 0x80 {
                scalars &+= 1
                utf16 &+= byte >= 0xF0 ? 2 : 1
            }
        }
        counts += [utf16, scalars]
        return counts
    }

    /// The byte offset where `line` starts (0 ≤ `line` < `lineCount`).
    @inline(__always)
    public func lineStart(_ line: Int) -> Int { Int(starts[line]) }

    /// The number of lines (a text ending in a newline has an empty last line).
    public var lineCount: Int { starts.count }

    /// The byte offset where `line`'s content ends, before its terminator.
    public func lineContentEnd(_ line: Int) -> Int {
        guard line + 1 < starts.count else { return bytes.count }
        var end = lineStart(line + 1)
        if end > lineStart(line), bytes[end - 1] == 0x0A { end -= 1 }
        if end > lineStart(line), bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The byte range of `line`'s content, without its terminator.
    public func lineRange(_ line: Int) -> ByteRange {
        let clamped = min(max(line, 0), starts.count - 1)
        return ByteRange(lineStart(clamped), lineContentEnd(clamped))
    }

    /// The zero-based line holding `offset` (clamped to the text).
    public func line(containing offset: Int) -> Int {
        let target = min(max(offset, 0), bytes.count)
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStart(mid) <= target { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The position of byte `offset` in `encoding`. An offset inside a multi-byte character counts as the end of
    /// that character, in every encoding: a UTF-8 position never splits a character either.
    public func position(of offset: Int, in encoding: PositionEncoding) -> TextPosition {
        let target = min(max(offset, 0), bytes.count)
        let line = line(containing: target)
        let start = lineStart(line)
        var end = min(target, lineContentEnd(line))
        if encoding == .utf8 {
            let contentEnd = lineContentEnd(line)
            while end > start, end < contentEnd, bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return TextPosition(line: line, character: units(from: start, to: end, in: encoding))
    }

    /// The range of `range` in `encoding`.
    public func range(of range: ByteRange, in encoding: PositionEncoding) -> TextRange {
        TextRange(start: position(of: range.start, in: encoding), end: position(of: range.end, in: encoding))
    }

    /// The byte offset of `position` in `encoding`, clamped to the text and to its line.
    public func offset(of position: TextPosition, in encoding: PositionEncoding) -> Int {
        if position.line < 0 { return 0 }
        if position.line >= starts.count { return bytes.count }
        let start = lineStart(position.line)
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
        if end - start > 1 << LineTable.blockShift, !unitsBeforeBlock.isEmpty {
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
        var count = Int(unitsBeforeBlock[2 * block + (encoding == .utf16 ? 0 : 1)])
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
