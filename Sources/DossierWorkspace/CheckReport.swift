import DossierAnalysis
import DossierDocs
import DossierSyntax
import Dispatch

/// One diagnostic as the command line reports it: a relative path, 1-based lines and columns
/// counted in Unicode scalars, end exclusive.
public struct ReportEntry: Hashable, Sendable {
    public var path: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    public var severity: Severity
    public var code: RuleCode
    public var message: String
}

/// The result of checking a workspace, ready for any output format.
public struct CheckReport: Sendable {
    public var root: String
    public var files: Int
    public var entries: [ReportEntry]

    /// Checks the documents `only` (all when nil) of `workspaces`, keeping severities at or above `minimum`;
    /// paths are relative to `root` (the first workspace's root when nil).
    public init(workspaces: [LoadedWorkspace], root: String? = nil, only: Set<DocumentID>?, minimum: Severity) {
        self.root = root ?? workspaces.first?.root ?? ""
        var entries: [ReportEntry] = []
        files = CheckReport.stream(workspaces: workspaces, root: self.root, only: only, minimum: minimum, transform: { $0 }) { entries += $0 }
        self.entries = entries
    }

    /// Checks the documents `only` (all when nil) of `workspaces` in report order (by path relative to `root`,
    /// then line, column and code), each against its own workspace, one batch of documents at a time on all cores;
    /// returns how many documents were checked. `transform` turns one file's sorted entries into `T` on a worker;
    /// `consume` receives the results in report order. A caller that writes each result and drops it holds one
    /// batch of the report in memory, never the whole of it.
    public static func stream<T: Sendable>(
        workspaces: [LoadedWorkspace], root: String, only: Set<DocumentID>?, minimum: Severity, batchSize: Int = 256,
        transform: @escaping @Sendable ([ReportEntry]) -> T, consume: (T) -> Void
    ) -> Int {
        // Each file's entries are sorted on their own, so the files go in path order: the order the report sorts
        // entries in. Each `dossier.json` takes its place among them.
        var files: [(path: String, workspace: Int, document: DocumentID?)] = []
        for (index, workspace) in workspaces.enumerated() {
            // Unsorted here: all files are sorted by path below.
            let prefix = FileURI.uri(forPath: root) + "/"
            for id in workspace.snapshot.documents.keys where only?.contains(id) ?? true {
                let path = FileURI.path(forURI: id.rawValue).map { CheckReport.relative($0, root: root) }
                    ?? String(id.rawValue.dropFirst(id.rawValue.hasPrefix(prefix) ? prefix.count : 0))
                files.append((path, index, id))
            }
            if only == nil, workspace.configurationBytes != nil {
                files.append((CheckReport.relative(workspace.root + "/" + WorkspaceLoader.configurationFile, root: root), index, nil))
            }
        }
        files.sort { $0.path < $1.path }
        var start = 0
        while start < files.count {
            let batch = files[start..<min(start + batchSize, files.count)]
            let results = ResultSlots<T>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                let file = batch[batch.startIndex + offset]
                let workspace = workspaces[file.workspace]
                var entries = file.document.map { documentEntries(of: $0, path: file.path, snapshot: workspace.snapshot, minimum: minimum) }
                    ?? configurationEntries(workspace, path: file.path, minimum: minimum)
                entries.sort { ($0.line, $0.column, $0.code.rawValue) < ($1.line, $1.column, $1.code.rawValue) }
                results.set(offset, transform(entries))
            }
            for result in results.values {
                if let result { consume(result) }
            }
            start += batch.count
        }
        return files.lazy.filter { $0.document != nil }.count
    }

    private static func documentEntries(of id: DocumentID, path: String, snapshot: WorkspaceSnapshot, minimum: Severity) -> [ReportEntry] {
        guard let document = snapshot.documents[id] else { return [] }
        let lines = document.syntax.lines
        return Checker.diagnostics(for: id, in: snapshot, minimum: minimum).map { diagnostic in
            entry(path: path, lines: lines, range: diagnostic.range, severity: diagnostic.severity, code: .diagnostic(diagnostic.code), message: diagnostic.message)
        }
    }

    private static func configurationEntries(_ workspace: LoadedWorkspace, path: String, minimum: Severity) -> [ReportEntry] {
        guard let bytes = workspace.configurationBytes else { return [] }
        let lines = LineTable(bytes)
        return workspace.configurationProblems.filter { $0.severity <= minimum }.map { problem in
            entry(
                path: path, lines: lines, range: ConfigurationParser.range(of: problem, in: bytes),
                severity: problem.severity, code: .configuration, message: problem.message)
        }
    }

    static func entry(path: String, lines: LineTable, range: ByteRange, severity: Severity, code: RuleCode, message: String) -> ReportEntry {
        let start = lines.position(of: range.start, in: .utf32)
        let end = lines.position(of: range.end, in: .utf32)
        return ReportEntry(
            path: path, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
            severity: severity, code: code, message: message)
    }

    /// `path` relative to `root` when inside it.
    public static func relative(_ path: String, root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// How many entries have `severity`.
    public func count(_ severity: Severity) -> Int { entries.lazy.filter { $0.severity == severity }.count }
}
