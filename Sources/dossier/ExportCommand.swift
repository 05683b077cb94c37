import DossierAnalysis
import DossierExport
import DossierWorkspace
import Foundation

/// `dossier export FILE [--format md|html] [--output FILE]`: reads the workspace, writes the export.
struct ExportCommand {
    var file: String
    var html: Bool
    var output: String?

    init(_ arguments: ParsedArguments) {
        file = arguments.operands[0]
        html = arguments.value("--format") == "html"
        output = arguments.value("--output")
    }

    func run() throws(UsageError) -> Int32 {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let path = URL(fileURLWithPath: file, relativeTo: workingDirectory).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path) else { throw UsageError("\(file): no such file") }
        guard path.hasSuffix(".md"), WorkspaceLoader.isRegularFile(path) else {
            throw UsageError("\(file): not a Markdown (.md) file")
        }
        let root = WorkspaceLoader.root(containing: path) ?? (path as NSString).deletingLastPathComponent
        let workspace = WorkspaceLoader.load(root: root)
        let id = DocumentID(FileURI.uri(forPath: path))
        guard let exported = ReaderExport.export(id, in: workspace.snapshot) else {
            if let failure = workspace.unreadable.first(where: { $0.path == path }) { throw UsageError("\(file): \(failure.reason)") }
            throw UsageError("\(file): excluded from its workspace (\(root)) by dossier.json")
        }
        let text = html ? exported.html : exported.markdown
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return 0
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output, relativeTo: workingDirectory), options: .atomic)
        } catch {
            throw UsageError("cannot write \(output): \(error.localizedDescription)")
        }
        return 0
    }
}
