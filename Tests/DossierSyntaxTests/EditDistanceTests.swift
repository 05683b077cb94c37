import DossierSyntax
import DossierTestSupport
import Testing

@Suite struct EditDistanceTests {
    /// The textbook full-table Levenshtein distance over Unicode scalars, for comparison.
    static func reference(_ a: String, _ b: String) -> Int {
        let left = Array(a.unicodeScalars), right = Array(b.unicodeScalars)
        var previous = Array(0...right.count)
        for i in 0..<left.count {
            var current = [i + 1]
            for j in 0..<right.count {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left[i] == right[j] ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }

    @Test func bandedDistanceMatchesTheFullTable() {
        var random = SplitMix64(seed: 7)
        let alphabet: [String] = ["a", "b", "c", "-", "1", "ü", "é", "😀"]
        func word() -> String { (0..<Int.random(in: 0...9, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
        for _ in 0..<3000 {
            let a = word(), b = word()
            let expected = Self.reference(a, b)
            for limit in 0...5 {
                #expect(EditDistance.distance(a, b, limit: limit) == (expected <= limit ? expected : nil), "\(a) \(b) \(limit)")
            }
        }
    }

    @Test func multiByteScalarsCountOnce() {
        #expect(EditDistance.distance("müller", "muller", limit: 1) == 1)
        #expect(EditDistance.distance("😀😀😀", "", limit: 3) == 3)
        #expect(EditDistance.distance("😀😀😀", "", limit: 2) == nil)
        #expect(EditDistance.distance("a", "😀😀😀a", limit: 3) == 3)
    }

    @Test func nearestKeepsTheFirstOfEquallyCloseCandidates() {
        #expect(EditDistance.nearest(to: "cat", in: ["bat", "cot", "cat-x"], limit: 2) == "bat")
        #expect(EditDistance.nearest(to: "cat", in: ["dog", "cats", "cat"], limit: 2) == "cat")
        #expect(EditDistance.nearest(to: "cat", in: ["dog", "horse"], limit: 2) == nil)
    }

    @Test func unorderedNearestIsTheSmallestOfEquallyCloseCandidates() {
        let candidates = ["cot", "bat", "cut", "cart", "dog", "at"]
        var random = SplitMix64(seed: 3)
        for _ in 0..<20 {
            #expect(EditDistance.nearest(to: "cat", amongUnordered: candidates.shuffled(using: &random), limit: 2) == "at")
            #expect(EditDistance.nearest(to: "cxt", amongUnordered: candidates.shuffled(using: &random), limit: 1) == "cot")
        }
        #expect(EditDistance.nearest(to: "cat", amongUnordered: ["dog"], limit: 2) == nil)
    }
}
