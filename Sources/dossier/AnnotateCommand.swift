import DossierAnalysis
import DossierSyntax
import DossierWorkspace
import Foundation

/// `dossier annotate FILE [--write] [--cast FILE]`: a raw article (`.txt` or `.md`) as annotated
/// Markdown (SPEC 5, 7): front matter from what a `.txt` says, names of known actors linked,
/// quotations and statements wrapped with `by`, `cue` and a generated id, and names that no
/// actor has proposed for the cast. Standard output unless `--write`.
struct AnnotateCommand {
    var file: String?
    var write = false
    var cast: String?

    /// The command for its parsed arguments (the command table checks the flags and that one FILE is given).
    init(_ arguments: ParsedArguments) {
        file = arguments.operands.first
        write = arguments.has("--write")
        cast = arguments.value("--cast")
    }

    func run() -> Int32 {
        guard let file else { return 2 }
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let input = URL(fileURLWithPath: file, relativeTo: workingDirectory).standardizedFileURL
        guard WorkspaceLoader.isRegularFile(input.path) else {
            printError("dossier: \(file): no such file")
            return 2
        }
        let bytes: [UInt8]
        switch FileReader.read(input.path) {
        case let .failure(error):
            printError("dossier: \(file): \(error.description)")
            return 2
        case let .success(read): bytes = read
        }
        let isMarkdown = input.pathExtension == "md"
        let output = isMarkdown ? input : input.deletingPathExtension().appendingPathExtension("md")
        let markdown = isMarkdown ? bytes : Array(FrontMatterGuess.frontMatter(for: RawArticle(bytes).markdown).utf8) + RawArticle(bytes).markdown

        // The workspace around the article gives the cast; --cast adds a cast file of its own.
        let root = WorkspaceLoader.root(containing: output.path) ?? output.deletingLastPathComponent().path
        var snapshot = WorkspaceLoader.load(root: root).snapshot
        var castPath: String?
        if let cast {
            let castURL = URL(fileURLWithPath: cast, relativeTo: workingDirectory).standardizedFileURL
            castPath = castURL.path
            if WorkspaceLoader.isRegularFile(castURL.path) {
                switch FileReader.read(castURL.path) {
                case let .failure(error):
                    printError("dossier: \(cast): \(error.description)")
                    return 2
                case let .success(castBytes):
                    snapshot = snapshot.replacing(Document(id: DocumentID(FileURI.uri(forPath: castURL.path)), bytes: castBytes))
                }
            }
        } else if let castDocument = snapshot.sortedDocumentIDs.first(where: { snapshot.documents[$0]?.type == .cast }) {
            castPath = FileURI.path(forURI: castDocument.rawValue)
        }
        let id = DocumentID(FileURI.uri(forPath: output.path))
        let document = Document(id: id, bytes: markdown)
        snapshot = snapshot.replacing(document)
        let plan = Annotator.plan(document, snapshot: snapshot)
        let annotated = TextEdit.apply(plan.edits, to: markdown)

        if write {
            do {
                try Data(annotated).write(to: output)
            } catch {
                printError("dossier: cannot write \(output.path): \(error.localizedDescription)")
                return 2
            }
        } else {
            FileHandle.standardOutput.write(Data(annotated))
        }
        var summary = "dossier: \(plan.wrapped) quotations and statements annotated, \(plan.linked) names linked"
        if write { summary += "; written to \(CheckReport.relative(output.path, root: workingDirectory.path))" }
        printError(summary)
        return proposeActors(plan.proposedActors, castPath: castPath, near: output, workingDirectory: workingDirectory)
    }

    /// Lists the proposed actors; with --write appends them to the cast file (a new `cast.md` beside the article when there is none).
    private func proposeActors(_ actors: [ProposedActor], castPath: String?, near output: URL, workingDirectory: URL) -> Int32 {
        guard !actors.isEmpty else { return 0 }
        let stubs = actors.map { $0.stub() }.joined(separator: "\n")
        guard write else {
            printError("dossier: proposed for the cast (written with --write):\n\n" + stubs)
            return 0
        }
        let path = castPath ?? output.deletingLastPathComponent().appendingPathComponent("cast.md").path
        var existing = FileManager.default.contents(atPath: path).map { Array($0) } ?? Array("---\ntype: cast\n---\n".utf8)
        if existing.last != 0x0A { existing.append(0x0A) }
        existing += Array(("\n" + stubs).utf8)
        do {
            try Data(existing).write(to: URL(fileURLWithPath: path))
        } catch {
            printError("dossier: cannot write \(path): \(error.localizedDescription)")
            return 2
        }
        printError("dossier: \(actors.count) actors added to \(CheckReport.relative(path, root: workingDirectory.path)): "
            + actors.map(\.summary).joined(separator: "; "))
        return 0
    }
}
