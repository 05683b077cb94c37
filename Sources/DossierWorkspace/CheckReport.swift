import DossierAnalysis
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
    public var code: DiagnosticCode
    public var message: String
}

/// The result of checking a workspace, ready for any output format.
public struct CheckReport: Sendable {
    public var root: String
    public var files: Int
    public var entries: [ReportEntry]

    /// Checks the documents `only` (all when nil) of `workspace`, keeping severities at or above `minimum`.
    public init(workspace: LoadedWorkspace, only: Set<DocumentID>?, minimum: Severity) {
        root = workspace.root
        let snapshot = workspace.snapshot
        let ids = snapshot.sortedDocumentIDs.filter { only?.contains($0) ?? true }
        files = ids.count
        let results = ResultSlots<[ReportEntry]>(count: ids.count)
        let prefix = FileURI.uri(forPath: workspace.root) + "/"
        DispatchQueue.concurrentPerform(iterations: ids.count) { index in
            let id = ids[index]
            guard let document = snapshot.documents[id] else { return }
            let path = FileURI.path(forURI: id.rawValue).map { CheckReport.relative($0, root: workspace.root) }
                ?? String(id.rawValue.dropFirst(id.rawValue.hasPrefix(prefix) ? prefix.count : 0))
            let lines = document.syntax.lines
            let entries = Checker.diagnostics(for: id, in: snapshot, minimum: minimum).map { diagnostic in
                CheckReport.entry(path: path, lines: lines, range: diagnostic.range, severity: diagnostic.severity, code: diagnostic.code, message: diagnostic.message)
            }
            results.set(index, entries)
        }
        var entries = results.values.flatMap { $0 ?? [] }
        if only == nil, let bytes = workspace.configurationBytes {
            let lines = LineTable(bytes)
            for problem in workspace.configurationProblems where problem.severity <= minimum {
                entries.append(CheckReport.entry(
                    path: WorkspaceLoader.configurationFile, lines: lines, range: ConfigurationParser.range(of: problem, in: bytes),
                    severity: problem.severity, code: .syntax, message: problem.message))
            }
        }
        self.entries = entries.sorted {
            ($0.path, $0.line, $0.column, $0.code.rawValue) < ($1.path, $1.line, $1.column, $1.code.rawValue)
        }
    }

    static func entry(path: String, lines: LineTable, range: ByteRange, severity: Severity, code: DiagnosticCode, message: String) -> ReportEntry {
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
