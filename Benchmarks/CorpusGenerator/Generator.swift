import Dispatch
import DossierLocking
import Foundation
import Synchronization

/// Text that appears in every article's footer and is nobody's name or alias; the benchmark
/// driver adds it as an alias to make a cast edit that changes every article's diagnostics.
let sharedPhrase = "Wire Desk"

/// Regular articles per `articles/NNNN/` folder.
let articlesPerFolder = 100

/// An I/O failure with the path and the C library's reason.
struct IOError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
}

/// What a run wrote.
struct Summary {
    var files = 0
    var bytes = 0
    var actors = 0
    var names = 0
}

/// Generates and writes a whole corpus.
struct Generator {
    let options: Options

    /// Writes the corpus into `options.out`; returns what was written.
    func run() throws -> Summary {
        let root = options.out
        try prepareOutputFolder(root)

        var castBuilder = CastBuilder(seed: options.seed, reserved: [sharedPhrase])
        castBuilder.build(total: options.actors)
        let actors = castBuilder.actors
        let context = CorpusContext(actors: actors, sharedPhrase: sharedPhrase)

        // Plans are cheap and sequential; writing, the expensive part, is parallel.
        let plans = (0..<options.articles).map {
            planArticle(index: $0, seed: options.seed, context: context, big: false)
        }
        let bigPlan = options.bigArticleKB.map { _ in
            planArticle(index: options.articles, seed: options.seed, context: context, big: true)
        }

        var summary = Summary()
        summary.actors = actors.count

        try writeFile("\(root)/dossier.json", Array("{\n  \"completion\": { \"linkNames\": true }\n}\n".utf8), summary: &summary)

        // Cast files.
        try makeDirectory("\(root)/cast")
        let castFileCount = max(1, (actors.count + options.perCastFile - 1) / options.perCastFile)
        var castPaths: [String] = []
        for n in 0..<castFileCount {
            let lower = n * options.perCastFile
            let upper = min(actors.count, lower + options.perCastFile)
            let path = "cast/cast-\(pad(n + 1, 2)).md"
            castPaths.append(path)
            try writeFile("\(root)/\(path)", renderCastFile(actors[lower..<upper], all: actors, number: n + 1, of: castFileCount),
                          summary: &summary)
        }

        // names.txt: what ripgrep searches for in the floor measurement.
        var names: [UInt8] = []
        names.reserveCapacity(actors.count * 64)
        for actor in actors {
            names.append(actor.name)
            names.append(0x0A)
            summary.names += 1
            for alias in actor.aliases {
                names.append(alias)
                names.append(0x0A)
                summary.names += 1
            }
        }
        try writeFile("\(root)/names.txt", names, summary: &summary)

        // Articles.
        try makeDirectory("\(root)/articles")
        let articleBytes = try writeArticles(plans: plans, context: context, root: root)
        summary.files += plans.count
        summary.bytes += articleBytes

        if let bigPlan, let kb = options.bigArticleKB {
            try makeDirectory("\(root)/articles/big")
            var writer = ArticleWriter(plan: bigPlan, plans: plans, context: context)
            try writeFile("\(root)/\(bigPlan.path)", writer.write(targetBytes: kb * 1024), summary: &summary)
        }

        let manifest = manifestJSON(castPaths: castPaths, bigPath: bigPlan?.path, articleBytes: articleBytes, summary: summary)
        try writeFile("\(root)/corpus.json", Array(manifest.utf8), summary: &summary)
        return summary
    }

    /// Writes every regular article, one folder per task; returns the bytes written.
    private func writeArticles(plans: [ArticlePlan], context: CorpusContext, root: String) throws -> Int {
        let folders = (plans.count + articlesPerFolder - 1) / articlesPerFolder
        let total = Atomic<Int>(0)
        let firstError = Locked<IOError?>(nil)
        let targetBytes = options.kb * 1024
        DispatchQueue.concurrentPerform(iterations: folders) { folder in
            do {
                try makeDirectory("\(root)/articles/\(pad(folder, 4))")
                var bytes = 0
                for index in (folder * articlesPerFolder)..<min(plans.count, (folder + 1) * articlesPerFolder) {
                    var writer = ArticleWriter(plan: plans[index], plans: plans, context: context)
                    let article = writer.write(targetBytes: targetBytes)
                    try writeBytes("\(root)/\(plans[index].path)", article)
                    bytes += article.count
                }
                total.add(bytes, ordering: .relaxed)
            } catch let error as IOError {
                firstError.withLock { if $0 == nil { $0 = error } }
            } catch {
                firstError.withLock { if $0 == nil { $0 = IOError(path: root, reason: "\(error)") } }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
        return total.load(ordering: .relaxed)
    }

    private func writeFile(_ path: String, _ bytes: [UInt8], summary: inout Summary) throws {
        try writeBytes(path, bytes)
        summary.files += 1
        summary.bytes += bytes.count
    }

    /// Makes `root` ready: created if missing; an earlier corpus in it is removed; anything else is kept unless `--force`.
    private func prepareOutputFolder(_ root: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: root, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw IOError(path: root, reason: "exists and is not a folder") }
            if fm.fileExists(atPath: "\(root)/corpus.json") {
                for item in ["articles", "cast", "names.txt", "dossier.json", "corpus.json"] where fm.fileExists(atPath: "\(root)/\(item)") {
                    try fm.removeItem(atPath: "\(root)/\(item)")
                }
            } else if !(try fm.contentsOfDirectory(atPath: root)).isEmpty, !options.force {
                throw IOError(path: root, reason: "folder is not empty and holds no earlier corpus (corpus.json); pass --force to write into it")
            }
        } else {
            try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
    }

    private func manifestJSON(castPaths: [String], bigPath: String?, articleBytes: Int, summary: Summary) -> String {
        let big = bigPath.map { jsonString($0) } ?? "null"
        return """
            {
              "generator": "dossier-corpus 1",
              "seed": \(options.seed),
              "articles": \(options.articles),
              "actors": \(summary.actors),
              "articleKB": \(options.kb),
              "articlesPerFolder": \(articlesPerFolder),
              "articleBytes": \(articleBytes),
              "bigArticle": \(big),
              "bigArticleKB": \(options.bigArticleKB.map(String.init) ?? "null"),
              "castFiles": [\(castPaths.map(jsonString).joined(separator: ", "))],
              "names": "names.txt",
              "nameCount": \(summary.names),
              "sharedPhrase": \(jsonString(sharedPhrase)),
              "files": \(summary.files + 1),
              "bytes": \(summary.bytes)
            }

            """
    }
}

/// A JSON string literal (the manifest holds only paths and plain words, but escape anyway).
func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case _ where scalar.value < 0x20: out += "\\u" + pad(Int(scalar.value), 4)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// Creates a folder if it does not exist yet.
func makeDirectory(_ path: String) throws {
    if mkdir(path, 0o755) != 0 && errno != EEXIST {
        throw IOError(path: path, reason: String(cString: strerror(errno)))
    }
}

/// Writes `bytes` to `path`, replacing it; plain POSIX calls, as 10,000 small files must be fast.
func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw IOError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    try bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// `value` with `digits` decimals.
func formatFixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
