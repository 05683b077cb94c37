// Shared by the targets built with Sources/DossierSyntax (scanner, edit; see Fuzz/run.sh).

/// Traps unless every ByteRange reachable from `value` lies within 0...count.
func checkRanges(_ value: Any, count: Int, path: String) {
    if let r = value as? ByteRange {
        check(r.start >= 0 && r.start <= r.end && r.end <= count,
                     "range \(r) out of bounds (count \(count)) at \(path)")
        return
    }
    // Leaves that hold no ranges; walking every byte of them by reflection would be slow.
    if value is LineTable || value is [UInt8] || value is String { return }
    let mirror = Mirror(reflecting: value)
    for (index, child) in mirror.children.enumerated() {
        checkRanges(child.value, count: count, path: path + "." + (child.label ?? String(index)))
    }
}
