// libFuzzer target: the incremental-edit path of `textDocument/didChange` — TextReplacement.apply
// followed by a rescan — against a reference implementation written here from the documented
// rules, not from LineTable's code.
// Built together with Sources/DossierSyntax/**/*.swift and targets/shared/*.swift (see Fuzz/run.sh).
//
// Input layout (see Fuzz/README.md; Fuzz/make-edit-seeds.py writes seeds in it):
//   byte 0         bits 0-1: encoding (0 utf-8, 1 utf-16, 2 utf-32, 3 utf-16);
//                  bit 2: start text taken raw (may be invalid UTF-8), else decoded like change texts
//   bytes 1-2      start text length, little-endian, reduced modulo (remaining bytes + 1)
//   …              the start text
//   then changes until the input ends (at most `maximumChanges`):
//     1 byte       0xFF: the change replaces the whole document (no range); anything else: ranged
//     4 bytes      start line, start character, end line, end character (ranged changes only);
//                  0x00-0xEF are themselves, 0xF0-0xFF pick `specialNumber` values
//     1 byte       replacement length n, reduced modulo (remaining bytes + 1); then n bytes of
//                  text: 0x00-0x7F are ASCII, 0x80-0xFF pick a `fragments` entry

/// Texts a replacement byte ≥ 0x80 stands for: line ends, multi-byte and non-BMP characters,
/// and the annotation syntax the scanner cares about, so short inputs reach deep scanner states.
let fragments: [String] = [
    "\r\n", "\r", "\n", "é", "“", "”", "😀", "👩‍👩‍👧", "\u{301}", "\u{FEFF}", "€", "𝄞", "中", "\u{2028}", "\u{0}", "\t",
    "[", "](", "]{.claim by=", "]{.quote by=", "]{.claim}", "@", "\"", "{#", " .person}", "(@lloyd-austin)",
    "cite=#", "via=", "member-of=", "---\n", "title: ", "outlet: ", "## ", "> ", "<!-- dossier-ignore -->",
    "`", "```\n", "}", "#", "=", "[Lloyd Austin](@lloyd-austin)", "## Lloyd Austin {#lloyd-austin .person}\n",
    "reportedly ", "“A quote of four words.”", "\\", "<!--", "-->", "*", "_", "!", "( ", ")", "'", "’",
]

/// Position numbers a byte 0xF0-0xFF stands for: the extremes a hostile client may send and
/// the ones near the text's own shape (`lineCount`, its last line).
func specialNumber(_ byte: UInt8, lineCount: Int) -> Int {
    switch byte {
    case 0xF0: return -1
    case 0xF1: return Int.max
    case 0xF2: return Int.min
    case 0xF3: return Int.max / 2
    case 0xF4: return Int(Int32.max)
    case 0xF5: return 1_000_000
    case 0xF6: return 4096
    case 0xF7: return 4097
    case 0xF8: return lineCount
    case 0xF9: return lineCount - 1
    case 0xFA: return 65_535
    case 0xFB: return 1 << 32
    case 0xFC: return Int.max - 1
    case 0xFD: return lineCount + 1
    case 0xFE: return 1 << 62
    default: return 255
    }
}

/// Reads the fuzz input front to back; reading past the end yields zeros.
struct InputReader {
    let bytes: [UInt8]
    var index = 0

    var remaining: Int { bytes.count - index }

    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func take(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, index + count)
        defer { index = end }
        return Array(bytes[index..<end])
    }

    /// `count` bytes decoded through `fragments`: always valid UTF-8, as an LSP string is.
    mutating func text(_ count: Int) -> String {
        var text = ""
        for byte in take(count) {
            if byte < 0x80 {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += fragments[Int(byte - 0x80) % fragments.count]
            }
        }
        return text
    }
}

let maximumChanges = 32

/// The encoding, start text and changes an input stands for.
func decode(_ input: [UInt8]) -> (PositionEncoding, [UInt8], [TextReplacement]) {
    var reader = InputReader(bytes: input)
    let header = reader.byte()
    let encoding: PositionEncoding = [.utf8, .utf16, .utf32, .utf16][Int(header & 3)]
    let length = (Int(reader.byte()) | Int(reader.byte()) << 8) % (reader.remaining + 1)
    let start = header & 4 != 0 ? reader.take(length) : Array(reader.text(length).utf8)
    let lineCount = ReferenceLines(start).starts.count
    var changes: [TextReplacement] = []
    while reader.remaining > 0, changes.count < maximumChanges {
        let whole = reader.byte() == 0xFF
        var range: TextRange?
        if !whole {
            func number() -> Int {
                let byte = reader.byte()
                return byte < 0xF0 ? Int(byte) : specialNumber(byte, lineCount: lineCount)
            }
            let startPosition = TextPosition(line: number(), character: number())
            range = TextRange(start: startPosition, end: TextPosition(line: number(), character: number()))
        }
        let count = Int(reader.byte()) % (reader.remaining + 1)
        changes.append(TextReplacement(range: range, text: reader.text(count)))
    }
    return (encoding, start, changes)
}

/// The lines of a text, found by walking it: each line ends at LF, CRLF or a lone CR.
struct ReferenceLines {
    /// Where each line starts and where its content ends (before the terminator).
    var starts: [Int] = []
    var contentEnds: [Int] = []

    init(_ bytes: [UInt8]) {
        var lineStart = 0
        var index = 0
        while true {
            while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            starts.append(lineStart)
            contentEnds.append(index)
            if index == bytes.count { break }
            index += bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            lineStart = index
        }
    }
}

/// The byte offset of `position`, from the rules documented on LineTable: a line before the
/// first is the start of the text and one past the last is its end; a character past the line's
/// content is the content's end (before the terminator); a character inside a multi-byte UTF-8
/// sequence or a surrogate pair is the character's start. Valid UTF-8 only.
func referenceOffset(of position: TextPosition, in bytes: [UInt8], encoding: PositionEncoding) -> Int {
    let lines = ReferenceLines(bytes)
    if position.line < 0 { return 0 }
    if position.line >= lines.starts.count { return bytes.count }
    let start = lines.starts[position.line]
    let end = lines.contentEnds[position.line]
    var offset = start
    var units = 0
    for scalar in String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars {
        let width: Int
        switch encoding {
        case .utf8: width = scalar.utf8.count
        case .utf16: width = scalar.utf16.count
        case .utf32: width = 1
        }
        // Stop before a character the position does not reach in full.
        if units + width > position.character { return offset }
        units += width
        offset += scalar.utf8.count
    }
    return end
}

/// `changes` applied one after the other by the reference rules; an end before its start
/// replaces nothing.
func referenceApply(_ changes: [TextReplacement], to text: [UInt8], encoding: PositionEncoding) -> [UInt8] {
    var bytes = text
    for change in changes {
        guard let range = change.range else {
            bytes = Array(change.text.utf8)
            continue
        }
        let start = referenceOffset(of: range.start, in: bytes, encoding: encoding)
        let end = max(start, referenceOffset(of: range.end, in: bytes, encoding: encoding))
        bytes = Array(bytes[..<start]) + Array(change.text.utf8) + Array(bytes[end...])
    }
    return bytes
}

func isValidUTF8(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

func show(_ bytes: [UInt8]) -> String { String(reflecting: String(decoding: bytes, as: UTF8.self)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (encoding, start, changes) = decode(Array(UnsafeBufferPointer(start: data, count: size)))

    var all = start
    TextReplacement.apply(changes, to: &all, encoding: encoding)

    // LSP lets a client send the changes in one notification or in several: same result.
    var oneByOne = start
    for change in changes { TextReplacement.apply([change], to: &oneByOne, encoding: encoding) }
    check(all == oneByOne, "one at a time gave \(show(oneByOne)), all at once \(show(all))")

    // Texts from the client are strings, so the reference (defined on characters) applies to
    // valid UTF-8; invalid start texts (a file read from disk) are still run for crashes and bounds.
    if isValidUTF8(start) {
        let expected = referenceApply(changes, to: start, encoding: encoding)
        check(all == expected, "\(encoding) \(changes) on \(show(start)): got \(show(all)), reference \(show(expected))")
        check(isValidUTF8(all), "edits of valid UTF-8 left invalid UTF-8: \(show(all))")
    }

    let syntax = DocumentScanner.scan(all)
    checkRanges(syntax, count: all.count, path: "syntax")
    return 0
}
