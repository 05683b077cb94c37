// libFuzzer target: DocumentScanner.scan + LineTable position/offset round trips.
// Built together with Sources/DossierSyntax/**/*.swift and targets/shared/*.swift into one executable (see Fuzz/run.sh).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    let syntax = DocumentScanner.scan(bytes)
    checkRanges(syntax, count: bytes.count, path: "syntax")

    let table = LineTable(bytes)
    check(table.lineStart(0) == 0, "the first line must start at 0")
    // The round-trip property only holds for valid UTF-8 (LSP text always is); on other input we
    // still exercise every conversion for crashes.
    let valid = String(validating: bytes, as: UTF8.self) != nil
    // Each conversion walks its line, so checking every offset of a long line is quadratic (23
    // exec/s on 2 cores): every offset up to 256 bytes of input, an even spread of about 256 beyond.
    let step = max(1, bytes.count / 256)
    let sampled = Array(stride(from: 0, to: bytes.count, by: step)) + [bytes.count]
    for encoding in PositionEncoding.allCases {
        for offset in sampled where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
            let position = table.position(of: offset, in: encoding)
            let back = table.offset(of: position, in: encoding)
            check(back >= 0 && back <= bytes.count, "offset(of:) out of bounds: \(back) for \(offset) in \(encoding)")
            if valid {
                let lineEnd = table.lineContentEnd(table.line(containing: offset))
                check(back == min(offset, lineEnd),
                             "round trip: offset \(offset) -> \(position) -> \(back) (line end \(lineEnd)) in \(encoding)")
            }
        }
        // Arbitrary (out-of-range) positions must clamp into the text.
        for line in [-1, 0, 1, table.lineCount, Int.max / 2] {
            for character in [-1, 0, 3, Int.max / 2] {
                let o = table.offset(of: TextPosition(line: line, character: character), in: encoding)
                check(o >= 0 && o <= bytes.count, "clamp: (\(line),\(character)) -> \(o) in \(encoding)")
            }
        }
    }
    return 0
}
