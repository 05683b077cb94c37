import DossierSyntax
import Testing

@Suite struct LineTableTests {
    @Test func curlyQuotesAndDashesCountDifferentlyPerEncoding() {
        let text = "“Why,” he said — ok\nnext"
        let table = LineTable(Array(text.utf8))
        let okOffset = Array(text.utf8).firstIndex(of: UInt8(ascii: "o"))!
        #expect(table.position(of: okOffset, in: .utf8) == TextPosition(line: 0, character: okOffset))
        #expect(table.position(of: okOffset, in: .utf16) == TextPosition(line: 0, character: 17))
        #expect(table.offset(of: TextPosition(line: 0, character: 17), in: .utf16) == okOffset)
        #expect(table.position(of: Array(text.utf8).count, in: .utf16) == TextPosition(line: 1, character: 4))
    }

    @Test func emojiOutsideTheBMPTakeTwoUTF16Units() {
        let text = "a😀b"
        let table = LineTable(Array(text.utf8))
        #expect(table.position(of: 5, in: .utf16) == TextPosition(line: 0, character: 3))
        #expect(table.position(of: 5, in: .utf8) == TextPosition(line: 0, character: 5))
        #expect(table.position(of: 5, in: .utf32) == TextPosition(line: 0, character: 2))
        #expect(table.offset(of: TextPosition(line: 0, character: 3), in: .utf16) == 5)
        // Inside the surrogate pair snaps back to the emoji's start.
        #expect(table.offset(of: TextPosition(line: 0, character: 2), in: .utf16) == 1)
        #expect(table.offset(of: TextPosition(line: 0, character: 3), in: .utf8) == 1)
    }

    @Test func crlfLinesExcludeTheirTerminator() {
        let text = "ab\r\ncd\r\n"
        let table = LineTable(Array(text.utf8))
        #expect(table.lineCount == 3)
        #expect(table.lineRange(0) == ByteRange(0, 2))
        #expect(table.position(of: 4, in: .utf16) == TextPosition(line: 1, character: 0))
        #expect(table.position(of: 3, in: .utf16) == TextPosition(line: 0, character: 2))
        #expect(table.offset(of: TextPosition(line: 0, character: 99), in: .utf16) == 2)
        #expect(table.offset(of: TextPosition(line: 9, character: 0), in: .utf16) == 8)
    }

    @Test func loneCarriageReturnEndsALine() {
        let table = LineTable(Array("a\rb".utf8))
        #expect(table.lineCount == 2)
        #expect(table.position(of: 2, in: .utf8) == TextPosition(line: 1, character: 0))
    }

    @Test func roundTripsEveryOffsetOfMixedText() {
        let text = "---\r\ntitle: “Biden” 😀\r\n---\nPutin’s — 🇺🇦 flag\n\n"
        let bytes = Array(text.utf8)
        let table = LineTable(bytes)
        for encoding in PositionEncoding.allCases {
            for offset in 0...bytes.count where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
                let lineEnd = table.lineContentEnd(table.line(containing: offset))
                let position = table.position(of: offset, in: encoding)
                let back = table.offset(of: position, in: encoding)
                #expect(back == min(offset, lineEnd), "offset \(offset) in \(encoding)")
            }
        }
    }

    @Test func longLinesUseTheBlockTableAndAgreeWithCounting() {
        let line = String(repeating: "ab “c” 😀 é — ", count: 2_000)
        let text = "x\n" + line + "\r\nend"
        let bytes = Array(text.utf8)
        let table = LineTable(bytes)
        for offset in stride(from: 2, to: bytes.count, by: 997) where bytes[offset] & 0xC0 != 0x80 {
            let prefix = String(decoding: bytes[2..<min(offset, table.lineContentEnd(1))], as: UTF8.self)
            #expect(table.position(of: offset, in: .utf16).character == prefix.utf16.count)
            #expect(table.position(of: offset, in: .utf32).character == prefix.unicodeScalars.count)
        }
    }
}
