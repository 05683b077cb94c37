import DossierSyntax
import DossierTestSupport
import Testing

@Suite struct RobustnessTests {
    /// Pieces of the grammar, valid and broken, glued at random.
    static let pieces = [
        "---\n", "title: T\n", "outlet: @nyt\n", "## Lloyd Austin {#lloyd-austin .person}\n", "- aliases: Austin, \"A, B\"\n",
        "[Austin](@lloyd-austin)", "@nyt", "[claim text]{.claim by=@nyt #c1}", "[q]{.quote by=\"a source\" cue=said}",
        "[", "]", "]{", "{.claim", "}", "(", ")", "`", "``", "<!--", "-->", "\\", "\\[", "\n", "\n\n", "\r\n", "\r",
        "“", "”", "—", "😀", "é", " ", "word ", "Putin’s ", "```\n", "~~~\n", "# H\n", "<!-- dossier-ignore syntax -->\n",
        "by=", "cite=#c1", "\"", "#", ".person", "@", "-", "@a-", "key: value\n",
    ]

    static func randomDocument(seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        let count = Int.random(in: 0...80, using: &generator)
        var text = ""
        for _ in 0..<count { text += pieces.randomElement(using: &generator)! }
        return Array(text.utf8)
    }

    @Test func randomDocumentsScanDeterministicallyWithRangesInBounds() {
        for seed in UInt64(0)..<3000 {
            let bytes = RobustnessTests.randomDocument(seed: seed)
            let first = DocumentScanner.scan(bytes)
            let second = DocumentScanner.scan(bytes)
            #expect(first.mentions == second.mentions, "seed \(seed)")
            #expect(first.claims == second.claims, "seed \(seed)")
            #expect(first.diagnostics == second.diagnostics, "seed \(seed)")
            var ranges = first.mentions.flatMap { [$0.fullRange, $0.reference.range] }
            ranges += first.claims.flatMap { [$0.range, $0.textRange, $0.attributeRange] }
            ranges += first.diagnostics.map(\.range) + first.paragraphs.map(\.range) + first.segments
            ranges += first.actors.flatMap { [$0.headingRange, $0.sectionRange, $0.id.range, $0.name.range] }
            ranges += first.headings.map(\.sectionRange) + first.suppressions.map(\.range)
            for range in ranges {
                #expect(range.start >= 0 && range.start <= range.end && range.end <= bytes.count, "seed \(seed): \(range)")
            }
        }
    }

    @Test func tenThousandNestedBracketsFinishQuickly() {
        let text = String(repeating: "[", count: 10_000) + "x" + String(repeating: "]{.claim by=@a}", count: 10_000)
        let syntax = DocumentScanner.scan(Array(text.utf8))
        #expect(syntax.claims.count == 10_000)
        #expect(syntax.diagnostics.count == 9_999)
    }

    @Test func hugeSingleLinesOfHostilePatternsStayLinear() {
        for pattern in ["](", "]{", "<!--", "`", "[", "]{a=\"", "@a ", "]{.claim by=@a ", "\\"] {
            let line = "x " + String(repeating: pattern, count: 1_000_000 / pattern.utf8.count)
            let clock = ContinuousClock()
            var syntax: DocumentSyntax?
            let elapsed = clock.measure { syntax = DocumentScanner.scan(Array(line.utf8)) }
            print("pattern \(pattern): \(elapsed)")
            #expect(syntax?.paragraphs.count == 1, "\(pattern)")
        }
    }

    @Test func invalidUTF8AndNULBytesDoNotCrash() {
        var bytes = Array("[a]{.claim by=@x} @nyt ".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0xC3, 0x40, 0x61, 0xE2, 0x80]
        let syntax = DocumentScanner.scan(bytes)
        #expect(syntax.claims.count == 1)
        let table = LineTable(bytes)
        _ = table.position(of: bytes.count, in: .utf16)
        _ = table.offset(of: TextPosition(line: 0, character: 1000), in: .utf16)
    }
}

@Suite struct UTF8ValidationTests {
    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = SplitMix64(seed: 42)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in interesting.randomElement(using: &generator)! }
            let expected = String(validating: bytes, as: UTF8.self) == nil
            #expect((UTF8Validation.firstInvalidOffset(bytes) != nil) == expected, "\(bytes)")
        }
        #expect(UTF8Validation.firstInvalidOffset(Array("plain ASCII text and “quotes” 😀".utf8)) == nil)
        #expect(UTF8Validation.firstInvalidOffset(Array("abcdefghij".utf8) + [0xFF]) == 10)
    }
}
