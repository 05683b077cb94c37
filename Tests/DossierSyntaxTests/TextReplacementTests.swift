import DossierSyntax
import Testing

@Suite struct TextReplacementTests {
    private func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> TextRange {
        TextRange(start: TextPosition(line: l1, character: c1), end: TextPosition(line: l2, character: c2))
    }

    private func applying(_ changes: [TextReplacement], to text: String, _ encoding: PositionEncoding) -> String {
        var bytes = Array(text.utf8)
        TextReplacement.apply(changes, to: &bytes, encoding: encoding)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func eachChangeSeesTheTextLeftByThePreviousOne() {
        let changes = [
            TextReplacement(range: range(0, 0, 0, 0), text: "X\n"),   // "X\nab\ncd"
            TextReplacement(range: range(1, 1, 2, 1), text: "-"),      // "X\na-d"
        ]
        #expect(applying(changes, to: "ab\ncd", .utf16) == "X\na-d")
    }

    @Test func utf16ColumnsCountSurrogatePairsAndCurlyQuotesInUnits() {
        // "“😀”": “ is 1 UTF-16 unit, 😀 is 2, so ” starts at column 3.
        #expect(applying([TextReplacement(range: range(0, 3, 0, 4), text: "\"")], to: "“😀”", .utf16) == "“😀\"")
        #expect(applying([TextReplacement(range: range(0, 7, 0, 10), text: "\"")], to: "“😀”", .utf8) == "“😀\"")
        #expect(applying([TextReplacement(range: range(0, 2, 0, 3), text: "\"")], to: "“😀”", .utf32) == "“😀\"")
    }

    @Test func crlfLineEndsAreNotSplitByAColumnPastTheLineEnd() {
        // Column 99 clamps to the end of line 0, before its CRLF.
        #expect(applying([TextReplacement(range: range(0, 99, 0, 99), text: "!")], to: "ab\r\ncd", .utf16) == "ab!\r\ncd")
        #expect(applying([TextReplacement(range: range(0, 2, 1, 0), text: " ")], to: "ab\r\ncd", .utf16) == "ab cd")
    }

    @Test func aRangelessChangeReplacesEverythingAndAReversedRangeInsertsAtItsStart() {
        #expect(applying([TextReplacement(range: nil, text: "new")], to: "old text", .utf8) == "new")
        #expect(applying([TextReplacement(range: range(0, 3, 0, 1), text: "+")], to: "abcd", .utf8) == "abc+d")
        #expect(applying([TextReplacement(range: range(7, 0, 9, 0), text: "!")], to: "ab", .utf8) == "ab!")
    }

    /// Found by the `edit` fuzz target: in UTF-8, a character near `Int.max` on any line but the
    /// first overflowed `lineStart + character` and trapped (a hover or didChange from a client
    /// could stop the server). It clamps to the line's end like any other past-the-end column.
    @Test func hugeCharactersClampToTheLineEndInEveryEncoding() {
        for encoding in PositionEncoding.allCases {
            let changes = [
                TextReplacement(range: range(1, Int.max, 2, Int.max), text: "x"),      // "ab\ncdx"
                TextReplacement(range: range(Int.max, Int.max, Int.max, Int.max), text: "!"),
                TextReplacement(range: range(1, Int.max - 1, 1, Int.max), text: "?"),
            ]
            #expect(applying(changes, to: "ab\ncd\nef", encoding) == "ab\ncdx!?", "\(encoding)")
        }
    }
}
