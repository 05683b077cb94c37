import DossierAnalysis
import DossierSyntax
import DossierWorkspace
import Foundation

/// Workspaces stay alive until the process exits: freeing millions of small syntax nodes one by
/// one would take longer than checking them.
nonisolated(unsafe) private var loadedWorkspaces: [LoadedWorkspace] = []

/// `dossier check [PATH…]`: checks a workspace, or files in the context of their workspace.
struct CheckCommand {
    var paths: [String] = []
    var format = ReportFormat.text
    var minimum = Severity.information
    var maxWarnings: Int?

    init(arguments: [String]) throws(UsageError) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            let (name, inline) = splitOption(argument)
            func value() throws(UsageError) -> String {
                if let inline { return inline }
                guard let next = iterator.next() else { throw UsageError("\(name) needs a value") }
                return next
            }
            switch name {
            case "--format", "-f":
                let text = try value()
                guard let format = ReportFormat(rawValue: text) else {
                    throw UsageError("unknown format `\(text)`: use \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                self.format = format
            case "--min-severity":
                let text = try value()
                guard let severity = Severity(name: text) else {
                    throw UsageError("unknown severity `\(text)`: use error, warning, information or hint")
                }
                minimum = severity
            case "--max-warnings":
                let text = try value()
                guard let count = Int(text), count >= 0 else { throw UsageError("--max-warnings takes a whole number, not `\(text)`") }
                maxWarnings = count
            default:
                if argument.hasPrefix("-"), argument != "-" { throw UsageError("unknown option `\(argument)` for check") }
                paths.append(argument)
            }
        }
    }

    /// Runs the check; returns the exit status.
    func run() -> Int32 {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let targets = paths.isEmpty ? [WorkspaceLoader.root(containing: workingDirectory) ?? workingDirectory] : paths
        var status: Int32 = 0
        // Every target is loaded and validated before any report is written: a bad target fails the
        // command with nothing on standard output.
        var checks: [(root: String, workspaces: [LoadedWorkspace], only: Set<DocumentID>?)] = []
        for target in targets {
            let absolute = URL(fileURLWithPath: target, relativeTo: URL(fileURLWithPath: workingDirectory)).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                printError("dossier: \(target): no such file or folder")
                return 2
            }
            // A named pipe or device is never read (reading one could wait forever).
            if !isDirectory.boolValue, !WorkspaceLoader.isRegularFile(absolute) {
                printError("dossier: \(target): not a regular file")
                return 2
            }
            // A folder is checked with every workspace nested in it (each folder holding a dossier.json is a
            // workspace of its own); a file in the context of its own workspace only.
            let root = isDirectory.boolValue ? absolute : (WorkspaceLoader.root(containing: absolute) ?? (absolute as NSString).deletingLastPathComponent)
            let workspaces = isDirectory.boolValue ? WorkspaceLoader.loadTree(root: root) : [WorkspaceLoader.load(root: root)]
            loadedWorkspaces += workspaces
            for failure in workspaces.flatMap(\.unreadable) {
                printError("dossier: \(CheckReport.relative(failure.path, root: root)): \(failure.reason)")
                status = 2
            }
            var only: Set<DocumentID>?
            if !isDirectory.boolValue {
                guard absolute.hasSuffix(".md") else {
                    printError("dossier: \(target): not a Markdown file (.md)")
                    return 2
                }
                let id = DocumentID(FileURI.uri(forPath: absolute))
                guard workspaces[0].snapshot.documents[id] != nil else {
                    // Why it could not be read was printed above; the other targets are still checked.
                    if workspaces[0].unreadable.contains(where: { $0.path == absolute }) { continue }
                    printError("dossier: \(target): excluded from its workspace (\(root)) by dossier.json")
                    return 2
                }
                only = [id]
            } else if workspaces.allSatisfy(\.snapshot.documents.isEmpty) {
                printError("dossier: \(target): no Markdown (.md) files found")
            }
            checks.append((root, workspaces, only))
        }
        var summaries: [String] = []
        var output = BufferedOutput()
        for check in checks {
            // Written a batch of files at a time: the report is never held whole.
            var writer = ReportWriter(format: format, root: check.root, version: dossierVersion)
            output.write(writer.opening())
            let files = CheckReport.stream(
                workspaces: check.workspaces, root: check.root, only: check.only, minimum: minimum, transform: { [writer] in writer.piece($0) }
            ) { piece in
                output.write(writer.add(piece))
            }
            output.write(writer.closing(files: files))
            if format == .text { summaries.append(summary(writer.counts, files: files)) }
            let tooManyWarnings = maxWarnings.map { writer.counts[.warning] > $0 } ?? false
            if status == 0, writer.counts[.error] > 0 || tooManyWarnings { status = 1 }
        }
        output.flush()
        summaries.forEach(printError)
        return status
    }

    private func summary(_ counts: SeverityCounts, files: Int) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var parts = [plural(counts[.error], "error"), plural(counts[.warning], "warning"), "\(counts[.information]) information"]
        if minimum == .hint { parts.append(plural(counts[.hint], "hint")) }
        return "\(plural(files, "file")) checked: " + parts.joined(separator: ", ")
    }
}

/// Standard output in 64 KiB writes: a report has a piece per file, and a system call for each
/// cost more than formatting it.
private struct BufferedOutput {
    private var pending: [UInt8] = []
    private static let chunkSize = 64 << 10

    mutating func write(_ bytes: [UInt8]) {
        pending += bytes
        if pending.count >= BufferedOutput.chunkSize { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(Data(pending))
        pending.removeAll(keepingCapacity: true)
    }
}
