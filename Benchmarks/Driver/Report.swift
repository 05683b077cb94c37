import Foundation

/// A set of latency samples in nanoseconds.
struct Distribution {
    private(set) var samples: [UInt64] = []
    private var sorted = true

    /// Records one sample.
    mutating func add(_ ns: UInt64) {
        samples.append(ns)
        sorted = false
    }

    var count: Int { samples.count }

    /// Nearest-rank percentile (p in 0…100), in nanoseconds; nil when empty.
    mutating func percentile(_ p: Double) -> UInt64? {
        guard !samples.isEmpty else { return nil }
        if !sorted { samples.sort(); sorted = true }
        let rank = Int((p / 100 * Double(samples.count)).rounded(.up))
        return samples[min(samples.count - 1, max(0, rank - 1))]
    }
}

/// Milliseconds with precision that suits the size ("0.184 ms", "12.3 ms", "1,204 ms").
func ms(_ ns: UInt64?) -> String {
    guard let ns else { return "—" }
    let v = Double(ns) / 1e6
    if v < 1 { return String(format: "%.3f ms", v) }
    if v < 100 { return String(format: "%.2f ms", v) }
    return String(format: "%.0f ms", v)
}

/// Seconds: "0.812 s".
func seconds(_ s: Double?) -> String {
    guard let s else { return "—" }
    return String(format: "%.3f s", s)
}

/// "123.4 MB" for a byte count (decimal megabytes, like throughput).
func megabytes(_ bytes: Int?) -> String {
    guard let bytes else { return "—" }
    return String(format: "%.1f MB", Double(bytes) / 1e6)
}

/// "0.4 KB", "312.5 KB" for a response size.
func kilobytes(_ bytes: Int) -> String {
    String(format: "%.1f KB", Double(bytes) / 1e3)
}

/// A Markdown table printed with aligned columns (readable raw and rendered).
struct MarkdownTable {
    var headers: [String]
    var rows: [[String]] = []

    /// A table with these column headers.
    init(_ headers: String...) { self.headers = headers }

    /// Appends a row.
    mutating func add(_ cells: String...) { rows.append(cells) }

    var text: String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { i, c in c + String(repeating: " ", count: max(0, widths[i] - c.count)) }.joined(separator: " | ") + " |"
        }
        var out = [line(headers), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// "✅" when within budget, "❌" when over, "" when unknown.
func verdict(_ ok: Bool?) -> String {
    guard let ok else { return "" }
    return ok ? "✅" : "❌"
}

/// The median of a non-empty list.
func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
