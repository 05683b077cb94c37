@testable import DossierAnalysis
import DossierSyntax
import DossierTestSupport
import Testing

@Suite struct SentencesTests {
    /// The byte-level abbreviation check gives the answers of a set of strings.
    @Test func abbreviationsAreRecognisedAsASetOfStringsWould() {
        let known = Set(Sentences.abbreviations)
        var words = Sentences.abbreviations
        words += Sentences.abbreviations.flatMap { [$0.lowercased(), $0.uppercased(), $0 + "s", "X" + $0, String($0.dropLast())] }
        words += ["", "A", "Z", "a", "7", "_", "I", "AB", "Mrss", "Calif_", "123", "Sept9", "Governor", "Massachusetts", "Washington"]
        var generator = SplitMix64(seed: 5)
        let alphabet = Array("MrsDJanSeptCalifxyz09_".utf8)
        for _ in 0..<2_000 {
            words.append(String(decoding: (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self))
        }
        for word in words {
            let bytes = Array("Said \(word). Then".utf8)
            let period = 5 + word.utf8.count
            let isInitial = word.utf8.count == 1 && word.first!.isASCII && word.first!.isUppercase
            #expect(Sentences.isAbbreviation(bytes, before: period, from: 0) == (isInitial || known.contains(word)), "\(word)")
        }
    }
}

/// Random cases for the eight-bytes-at-a-time scans: texts of up to 39 bytes drawn from `filler`,
/// one byte in `rareOneIn` from `palette`, each with a random range (every alignment comes up).
private func scanCases(
    seed: UInt64, palette: [UInt8], rareOneIn: Int, filler: ClosedRange<UInt8>,
    _ check: (_ bytes: [UInt8], _ start: Int, _ end: Int, _ generator: inout SplitMix64) -> Void
) {
    var generator = SplitMix64(seed: seed)
    for _ in 0..<3_000 {
        let bytes = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
            Int.random(in: 0..<rareOneIn, using: &generator) == 0
                ? palette.randomElement(using: &generator)! : UInt8.random(in: filler, using: &generator)
        }
        let start = Int.random(in: 0...bytes.count, using: &generator)
        let end = Int.random(in: start...bytes.count, using: &generator)
        check(bytes, start, end, &generator)
    }
}

@Suite struct ByteSearchTests {
    /// Eight bytes at a time finds what a byte-by-byte scan finds, whatever the alignment, with
    /// neighbours that differ from the sought bytes in one bit (the borrow between bytes).
    @Test func findsTheFirstOfTheSoughtBytesAsAPlainScanDoes() {
        let palette: [UInt8] = [0x2E, 0xAE, 0x2F, 0x2D, 0x21, 0x3F, 0x22, 0xE2, 0x62, 0x00, 0x01, 0xFF, 0x80, 0x7F, 0x20, 0x61]
        scanCases(seed: 17, palette: palette, rareOneIn: 4, filler: 0x61...0x61) { bytes, start, end, generator in
            let sought = (palette.randomElement(using: &generator)!, palette.randomElement(using: &generator)!, palette.randomElement(using: &generator)!)
            let expected = bytes[start..<end].firstIndex { $0 == sought.0 || $0 == sought.1 || $0 == sought.2 } ?? end
            let found = bytes.withUnsafeBufferPointer {
                ByteSearch.firstIndex(of: sought.0, sought.1, sought.2, in: $0, from: start, to: end)
            }
            #expect(found == expected, "\(bytes) \(start)..<\(end) \(sought)")
        }
    }
}

@Suite struct LowercaseRunTests {
    /// Eight bytes at a time ends the run where a byte-by-byte scan does, at any alignment, with
    /// the letters' neighbours (`` ` ``, `{`, `@`, `[`), upper case, digits and bytes past 0x7F
    /// (whose carries must not leak into the result).
    @Test func endsWhereAByteByByteScanEnds() {
        let palette: [UInt8] = [0x60, 0x7B, 0x40, 0x5B, 0x41, 0x5A, 0x30, 0x5F, 0x20, 0x80, 0xE1, 0xFB, 0xFF, 0x00, 0x7F, 0x9F]
        scanCases(seed: 23, palette: palette, rareOneIn: 6, filler: 0x61...0x7A) { bytes, start, end, _ in
            let expected = bytes[start..<end].firstIndex { !(0x61...0x7A).contains($0) } ?? end
            let found = bytes.withUnsafeBufferPointer { ASCIIWord.lowercaseRunEnd($0, from: start, to: end) }
            // The fast scan may stop short of `expected` only in the last seven bytes, left to the byte loop.
            #expect(found <= expected && (found == expected || end - found < 8), "\(bytes) \(start)..<\(end)")
        }
    }
}
