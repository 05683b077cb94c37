@testable import DossierAnalysis
import Testing

@Suite struct IndexStorageTests {
    @Test func aPersistentMapCopyChangesWithoutTouchingTheOriginal() {
        var original = PersistentMap<String, [Int]>()
        for key in 0..<1000 { original["k\(key)"] = [key] }
        var copy = original
        copy.modify("k1", default: []) { $0.append(-1) }
        copy.modify("new", default: []) { $0.append(7) }
        copy["k2"] = nil
        copy.modifyExisting("k3", removingIf: \.isEmpty) { $0.removeAll() }
        copy.modifyExisting("absent", removingIf: \.isEmpty) { $0.append(1) }

        #expect(original.count == 1000)
        #expect(original["k1"] == [1] && original["k2"] == [2] && original["k3"] == [3] && original["new"] == nil)
        #expect(copy.count == 1000 - 2 + 1)
        #expect(copy["k1"] == [1, -1] && copy["new"] == [7] && copy["k2"] == nil && copy["k3"] == nil && copy["absent"] == nil)
        #expect(Set(copy.keys) == Set((0..<1000).map { "k\($0)" }).subtracting(["k2", "k3"]).union(["new"]))
        #expect(Dictionary(uniqueKeysWithValues: copy.map { ($0.key, $0.value) }).count == copy.count)
        #expect(PersistentMap<String, Int>().isEmpty && !copy.isEmpty)
    }

    @Test func keyedGroupsKeepFirstAppearanceOrderAndOrderWithinAKey() {
        let groups = KeyedGroups([("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)])
        #expect(groups.keys == ["b", "a", "c"])
        #expect(groups["a"].map(Array.init) == [2, 5])
        #expect(groups["b"].map(Array.init) == [1, 3])
        #expect(groups["c"].map(Array.init) == [4])
        #expect(groups["d"] == nil)
        #expect(groups.map(\.key) == ["b", "a", "c"])
        #expect(KeyedGroups<Int>([]).isEmpty)
    }

    /// Grouping is the same below and above the number of keys where lookups switch from a scan to a table.
    @Test func keyedGroupsOfManyKeysGroupAsADictionaryWould() {
        for keyCount in [1, 15, 16, 17, 18, 40, 200] {
            let pairs = (0..<3 * keyCount).map { (key: "key-\(($0 * 7) % keyCount)", element: $0) }
            let groups = KeyedGroups(pairs)
            var firstAppearance: [String] = []
            for pair in pairs where !firstAppearance.contains(pair.key) { firstAppearance.append(pair.key) }
            #expect(groups.keys == firstAppearance)
            for key in firstAppearance {
                #expect(groups[key].map(Array.init) == pairs.filter { $0.key == key }.map(\.element), "\(keyCount) keys: \(key)")
            }
        }
    }
}
