import DossierAnalysis
import DossierSyntax
import DossierTestSupport
import DossierWorkspace
import Foundation
import Testing

/// Files that disappear, change kind or cannot be read between the walk and the read, named
/// pipes and link loops: the loader reports them and reads the rest, and never waits forever.
@Suite struct WorkspaceLoaderHostileFileTests {
    private static func workspace(_ files: [String]) throws -> String {
        let root = NSTemporaryDirectory() + "dossier-hostile-files-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for file in files {
            try Data("Text of \(file).\n".utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        return root
    }

    private static func names(_ paths: [String], root: String) -> [String] {
        paths.map { CheckReport.relative($0, root: root) }.sorted()
    }

    @Test func filesChangedAfterTheWalkAreReportedAndTheRestRead() throws {
        let manager = FileManager.default
        let root = try Self.workspace(["a.md", "deleted.md", "folder.md", "dangling.md", "pipe.md", "locked.md", "huge.md"])
        defer { try? manager.removeItem(atPath: root) }
        let files = WorkspaceLoader.walk(WorkspaceMembership(root: root, exclude: [])).files
        #expect(files.count == 7)

        // Between the walk and the read, every listed file but a.md changes under the loader.
        try manager.removeItem(atPath: root + "/deleted.md")
        try manager.removeItem(atPath: root + "/folder.md")
        try manager.createDirectory(atPath: root + "/folder.md", withIntermediateDirectories: false)
        try manager.removeItem(atPath: root + "/dangling.md")
        try manager.createSymbolicLink(atPath: root + "/dangling.md", withDestinationPath: root + "/nowhere.md")
        try manager.removeItem(atPath: root + "/pipe.md")
        try HostileFiles.makeNamedPipe(at: root + "/pipe.md")
        let locked = HostileFiles.lockAndCheckThatReadsFail(root + "/locked.md")
        try HostileFiles.makeSparseFile(at: root + "/huge.md", bytes: FileReader.maximumSize + 1)

        let pipe = root + "/pipe.md"
        let read = HostileFiles.finishing(within: 20, release: { HostileFiles.releaseReaders(of: [pipe]) }) {
            WorkspaceLoader.readDocuments(files)
        }
        let (documents, failures) = try #require(read, "reading stopped at the named pipe")
        let reasons = Dictionary(uniqueKeysWithValues: failures.map { (CheckReport.relative($0.path, root: root), $0.reason) })
        #expect(reasons["deleted.md"] == "cannot read: No such file or directory")
        #expect(reasons["folder.md"] == "is a folder, not a file")
        #expect(reasons["dangling.md"] == "cannot read: No such file or directory")
        #expect(reasons["pipe.md"] == "is a named pipe, not a regular file")
        #expect(reasons["huge.md"]?.hasPrefix("is larger than 64 MB") == true)
        if locked {
            #expect(reasons["locked.md"] == "cannot read: Permission denied")
            #expect(Self.names(documents.compactMap { FileURI.path(forURI: $0.id.rawValue) }, root: root) == ["a.md"])
        } else {
            // Root reads a mode-000 file anyway; the other variants above fail for root too.
            #expect(reasons["locked.md"] == nil)
            #expect(Self.names(documents.compactMap { FileURI.path(forURI: $0.id.rawValue) }, root: root) == ["a.md", "locked.md"])
        }
        #expect(failures.count == (locked ? 6 : 5))
    }

    @Test func walkSkipsNamedPipesAndLinkLoops() throws {
        let manager = FileManager.default
        let root = try Self.workspace(["a.md"])
        defer { try? manager.removeItem(atPath: root) }
        try manager.createDirectory(atPath: root + "/sub", withIntermediateDirectories: false)
        let pipes = [root + "/x.md", root + "/sub/y.md"]
        for pipe in pipes { try HostileFiles.makeNamedPipe(at: pipe) }
        // A link to a pipe, links to each other, a link to itself and a folder link back up.
        try manager.createSymbolicLink(atPath: root + "/to-pipe.md", withDestinationPath: root + "/x.md")
        try manager.createSymbolicLink(atPath: root + "/ping.md", withDestinationPath: root + "/pong.md")
        try manager.createSymbolicLink(atPath: root + "/pong.md", withDestinationPath: root + "/ping.md")
        try manager.createSymbolicLink(atPath: root + "/self.md", withDestinationPath: root + "/self.md")
        try manager.createSymbolicLink(atPath: root + "/sub/up", withDestinationPath: root)

        let release: @Sendable () -> Void = { HostileFiles.releaseReaders(of: pipes) }
        let loaded = HostileFiles.finishing(within: 20, release: release) { WorkspaceLoader.load(root: root) }
        let workspace = try #require(loaded, "the walk or the reader waited on a named pipe")
        #expect(workspace.snapshot.documents.keys.map { FileURI.path(forURI: $0.rawValue) ?? "" }.map { CheckReport.relative($0, root: root) } == ["a.md"])
        #expect(workspace.unreadable.isEmpty)

        // Read directly (as a watched-file event or closing a buffer does), each fails at once.
        for path in pipes + ["to-pipe.md", "ping.md", "self.md"].map({ root + "/" + $0 }) {
            let result = HostileFiles.finishing(within: 10, release: release) { WorkspaceLoader.readDocument(path) }
            guard case .failure(let error)? = result else {
                Issue.record("\(path): expected a failure, got \(String(describing: result))")
                continue
            }
            #expect(error.description.contains("named pipe") || error.description.contains("Too many levels of symbolic links"), "\(path): \(error)")
        }
    }

    @Test func aDossierJSONThatCannotBeReadIsReportedAndTheDefaultsApply() throws {
        let root = try Self.workspace(["a.md"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let pipe = root + "/" + WorkspaceLoader.configurationFile
        try HostileFiles.makeNamedPipe(at: pipe)
        let loaded = HostileFiles.finishing(within: 20, release: { HostileFiles.releaseReaders(of: [pipe]) }) {
            WorkspaceLoader.load(root: root)
        }
        let workspace = try #require(loaded, "reading dossier.json waited on a named pipe")
        #expect(workspace.snapshot.configuration == Configuration())
        #expect(workspace.configurationProblems.map(\.message) == ["dossier.json: is a named pipe, not a regular file; the defaults apply"])
        #expect(workspace.unreadable.map { CheckReport.relative($0.path, root: root) } == ["dossier.json"])
        #expect(workspace.snapshot.documents.count == 1)
    }
}
