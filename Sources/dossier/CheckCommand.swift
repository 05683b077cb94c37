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
    /// The base of each SARIF rule's `helpUri`.
    var rulesURL: String?
    /// Whether a named file that dossier.json excludes is skipped rather than an error.
    var skipExcluded = false

    /// Reads the options of `dossier check` (the table has checked the names and choices).
    init(_ arguments: ParsedArguments) throws(UsageError) {
        paths = arguments.operands
        if let text = arguments.value("--format") { format = ReportFormat(rawValue: text) ?? .text }
        if let text = arguments.value("--min-severity") { minimum = Severity(name: text) ?? .information }
        if let text = arguments.value("--max-warnings") {
            guard let count = Int(text), count >= 0 else { throw UsageError("--max-warnings takes a whole number, not `\(text)`") }
            maxWarnings = count
        }
        rulesURL = arguments.value("--rules-url")
        skipExcluded = arguments.has("--skip-excluded")
    }

    /// A workspace to check: the whole of it, or the files named in it.
    private struct Target {
        var root: String
        var whole: Bool
        /// The files named, as given and as absolute paths.
        var files: [(given: String, path: String)]
    }

    /// Runs the check; returns the exit status.
    func run() -> Int32 {
        let workingDirectory = FileManager.default.currentDirectoryPath
        var status: Int32 = 0
        // Every path is validated and every workspace loaded before any report is written: a bad
        // path fails the command with nothing on standard output.
        guard let targets = targets(workingDirectory: workingDirectory) else { return 2 }
        var checks: [(root: String, workspaces: [LoadedWorkspace], only: Set<DocumentID>?)] = []
        for target in targets {
            if target.whole {
                // A folder is checked with every workspace nested in it (each folder holding a
                // dossier.json is a workspace of its own).
                let workspaces = WorkspaceLoader.loadTree(root: target.root)
                loadedWorkspaces += workspaces
                status = reportUnreadable(workspaces, root: target.root) ?? status
                if workspaces.allSatisfy(\.snapshot.documents.isEmpty) {
                    printError("dossier: \(target.root): no Markdown (.md) files found")
                }
                checks.append((target.root, workspaces, nil))
                continue
            }
            // Named files are checked in the context of their own workspace only.
            let workspace = WorkspaceLoader.load(root: target.root)
            loadedWorkspaces.append(workspace)
            status = reportUnreadable([workspace], root: target.root) ?? status
            var only: Set<DocumentID> = []
            for file in target.files {
                let id = DocumentID(FileURI.uri(forPath: file.path))
                guard workspace.snapshot.documents[id] == nil else {
                    only.insert(id)
                    continue
                }
                // Why it could not be read was printed above; the other files are still checked.
                if workspace.unreadable.contains(where: { $0.path == file.path }) { continue }
                if skipExcluded {
                    printError("dossier: \(file.given): skipped, excluded from its workspace by dossier.json")
                    continue
                }
                printError("dossier: \(file.given): excluded from its workspace (\(target.root)) by dossier.json (--skip-excluded skips such files)")
                return 2
            }
            // Even with every named file skipped, the report is written (0 files): SARIF and JSON readers expect one.
            checks.append((target.root, [workspace], only))
        }
        var summaries: [String] = []
        var output = BufferedOutput()
        for check in checks {
            // Written a batch of files at a time: the report is never held whole.
            var writer = ReportWriter(
                format: format, root: check.root, version: dossierVersion, rulesURL: rulesURL, base: workingDirectory)
            output.write(writer.opening())
            let files = CheckReport.stream(
                workspaces: check.workspaces, root: check.root, only: check.only, minimum: minimum,
                transform: { [writer] in writer.piece($0) }
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

    /// Prints why each unreadable file of `workspaces` could not be read; 2 when there was one.
    private func reportUnreadable(_ workspaces: [LoadedWorkspace], root: String) -> Int32? {
        let failures = workspaces.flatMap(\.unreadable)
        for failure in failures { printError("dossier: \(CheckReport.relative(failure.path, root: root)): \(failure.reason)") }
        return failures.isEmpty ? nil : 2
    }

    /// The workspaces to check, each once, in the order the paths first name them; nil (after
    /// saying why) when a path is missing, not a regular file or not Markdown.
    private func targets(workingDirectory: String) -> [Target]? {
        let given = paths.isEmpty ? [WorkspaceLoader.root(containing: workingDirectory) ?? workingDirectory] : paths
        var targets: [Target] = []
        for path in given {
            let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory)).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                printError("dossier: \(path): no such file or folder")
                return nil
            }
            // A named pipe or device is never read (reading one could wait forever).
            if !isDirectory.boolValue, !WorkspaceLoader.isRegularFile(absolute) {
                printError("dossier: \(path): not a regular file")
                return nil
            }
            if !isDirectory.boolValue, !absolute.hasSuffix(".md") {
                printError("dossier: \(path): not a Markdown file (.md)")
                return nil
            }
            let root = isDirectory.boolValue
                ? absolute : (WorkspaceLoader.root(containing: absolute) ?? (absolute as NSString).deletingLastPathComponent)
            let index = targets.firstIndex { $0.root == root } ?? {
                targets.append(Target(root: root, whole: false, files: []))
                return targets.count - 1
            }()
            if isDirectory.boolValue { targets[index].whole = true } else { targets[index].files.append((path, absolute)) }
        }
        return targets
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
