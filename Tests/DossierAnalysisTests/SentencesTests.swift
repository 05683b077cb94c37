@testable import DossierAnalysis
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
