import DossierJSON
import Foundation

/// A workspace to benchmark: its Markdown files and, for generated corpora, the manifest.
struct Corpus {
    let root: String
    /// Absolute paths of every document, sorted.
    let documents: [String]
    let totalBytes: Int
    let manifest: JSONValue?

    /// Reads the folder the way Dossier does: every `*.md` below it, hidden folders skipped.
    init(root: String) throws {
        let fm = FileManager.default
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchError("\(root): not a folder")
        }
        self.root = absolute
        var docs: [String] = []
        var total = 0
        var stack = [absolute]
        while let dir = stack.popLast() {
            for name in try fm.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") && name != "node_modules" {
                let path = dir + "/" + name
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
                if isDir.boolValue {
                    stack.append(path)
                } else if name.hasSuffix(".md") {
                    docs.append(path)
                    total += (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                }
            }
        }
        documents = docs.sorted()
        totalBytes = total
        manifest = readFile(absolute + "/corpus.json").flatMap { try? JSONParser.parse($0) }
    }

    /// An absolute path for a manifest entry.
    func path(_ key: String) -> String? {
        manifest?[key]?.stringValue.map { root + "/" + $0 }
    }

    /// The big article (from the manifest), if the corpus has one.
    var bigArticle: String? { path("bigArticle") }

    /// The first cast file.
    var castFile: String? {
        if let first = manifest?["castFiles"]?[0]?.stringValue { return root + "/" + first }
        return nil
    }

    /// `names.txt`, the ripgrep pattern list.
    var namesFile: String? { path("names") ?? (FileManager.default.fileExists(atPath: root + "/names.txt") ? root + "/names.txt" : nil) }

    /// Regular articles: documents other than the cast and the big article (any document, in a workspace that is not generated).
    var articles: [String] {
        guard manifest != nil else { return documents }
        let skip = Set([bigArticle].compactMap { $0 })
        return documents.filter { $0.contains("/articles/") && !skip.contains($0) }
    }

    /// One line describing the corpus.
    var summary: String {
        var parts: [String] = []
        if let m = manifest {
            parts.append("\(m["articles"]?.intValue ?? 0) articles of ~\(m["articleKB"]?.intValue ?? 0) KiB")
            if let big = m["bigArticleKB"]?.intValue { parts.append("1 big article of ~\(big) KiB") }
            parts.append("\(m["actors"]?.intValue ?? 0) actors (\(m["nameCount"]?.intValue ?? 0) names)")
            parts.append("seed \(m["seed"]?.intValue ?? 0)")
        }
        parts.append("\(documents.count) .md files, \(megabytes(totalBytes))")
        return parts.joined(separator: ", ")
    }
}

/// SplitMix64: the driver's own seeded choices (documents, positions), reproducible run to run.
struct SeededRandom {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `0..<n`.
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(max(1, n))).high)
    }

    /// A random element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
