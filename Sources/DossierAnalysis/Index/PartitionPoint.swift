/// The first of the indices `0..<count` for which `isBefore` is false, where it is true for a
/// prefix of them and false for the rest: the binary search every sorted lookup of the analysis
/// (tokens, cues, mentions, claims, entities) goes through.
@inline(__always)
func partitionPoint(_ count: Int, _ isBefore: (Int) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
        let mid = (low + high) / 2
        if isBefore(mid) { low = mid + 1 } else { high = mid }
    }
    return low
}
