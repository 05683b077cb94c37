import DossierAnalysis
import DossierSyntax
import DossierWorkspace
import Foundation
import Testing

@Suite struct WorkspaceLoaderTests {
    /// Writes `files` (relative path → text) below a new temporary folder.
    static func tree(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "dossier-tree-\(UUID().uuidString)"
        for (name, text) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        return root
    }

    /// The one membership rule: by name (hidden, node_modules, exclude globs on any folder of the path) and nested
    /// workspaces claiming their files.
    @Test func membershipRule() throws {
        let root = try Self.tree(["dossier.json": "{}", "team/dossier.json": "{}", "team/x.md": "", "a/b.md": ""])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let rule = WorkspaceMembership(root: root, exclude: ["drafts/**", "old"])
        #expect(rule.contains(root + "/a/b.md"))
        #expect(rule.contains(root + "/new/file.md"))
        for left in ["/.hidden/x.md", "/a/.git/x.md", "/node_modules/p/x.md", "/drafts/x.md", "/old/deep/x.md", "/a/notes.txt", "/team/x.md"] {
            #expect(!rule.contains(root + left), "\(left)")
        }
        #expect(rule.nestedRoot(of: root + "/team/deeper/y.md") == root + "/team")
        #expect(!rule.contains("/elsewhere/x.md"))
    }

    /// `dossier check` on a folder checks each nested workspace with its own configuration and cast.
    @Test func nestedWorkspacesAreCheckedWithTheirOwnConfiguration() throws {
        let root = try Self.tree([
            "dossier.json": #"{"rules": {"vague-attribution": "off"}}"#,
            "cast.md": "## Ann Lee {#ann .person}\n",
            "a.md": "# A\n\nIt reportedly happened to @ann.\n",
            "team/dossier.json": #"{"rules": {"vague-attribution": "error"}}"#,
            "team/b.md": "# B\n\nIt reportedly happened to [Ann](@ann).\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let workspaces = WorkspaceLoader.loadTree(root: root)
        #expect(workspaces.map(\.root) == [root, root + "/team"])
        let report = CheckReport(workspaces: workspaces, root: root, only: nil, minimum: .information)
        let found = report.entries.map { "\($0.path) \($0.severity) \($0.code.rawValue)" }
        #expect(found == ["team/b.md error vague-attribution", "team/b.md error unknown-actor"])
        #expect(report.files == 3)
    }

    @Test func walkSkipsHiddenExcludedLinkedFoldersAndLinksLeavingTheWorkspace() throws {
        let root = NSTemporaryDirectory() + "dossier-walk-\(UUID().uuidString)"
        let manager = FileManager.default
        for folder in ["a", ".git", "node_modules", "drafts", "a/b"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["a/one.md", ".git/x.md", "node_modules/y.md", "drafts/z.md", "a/b/two.md", "a/notes.txt"] {
            try Data("text".utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        try manager.createSymbolicLink(atPath: root + "/a/loop", withDestinationPath: root)
        try manager.createSymbolicLink(atPath: root + "/a/linked.md", withDestinationPath: root + "/a/one.md")
        let outside = NSTemporaryDirectory() + "dossier-outside-\(UUID().uuidString).md"
        try Data("secret".utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? manager.removeItem(atPath: outside) }
        try manager.createSymbolicLink(atPath: root + "/a/outside.md", withDestinationPath: outside)
        defer { try? manager.removeItem(atPath: root) }
        let files = WorkspaceLoader.walk(WorkspaceMembership(root: root, exclude: ["drafts/**"])).files.map { CheckReport.relative($0, root: root) }
        #expect(files == ["a/b/two.md", "a/linked.md", "a/one.md"])
    }

    @Test func badConfigurationKeepsDefaultsAndSaysWhere() {
        let text = Array(#"{"rules": {"vague": "error", "unattributed-claim": "loud"}, "exlude": []}"#.utf8)
        let (configuration, problems) = ConfigurationParser.parse(bytes: text)
        #expect(configuration == Configuration())
        #expect(problems.map(\.path) == ["rules.vague", "rules.unattributed-claim", "exlude"])
        #expect(problems.last?.message.contains("did you mean `exclude`?") == true)
        #expect(ConfigurationParser.range(of: problems[2], in: text) == DossierSyntaxRange.of("\"exlude\"", in: text))
        #expect(ConfigurationParser.parse(bytes: Array("{".utf8)).1.first?.severity == .error)
    }

    @Test func invalidUTF8FileYieldsOneSyntaxDiagnostic() {
        let document = Document(id: DocumentID("file:///w/bad.md"), bytes: Array("ok [x](@nobody) ".utf8) + [0xFF, 0xFE])
        let snapshot = WorkspaceSnapshot(documents: [document], configuration: Configuration())
        let diagnostics = Checker.diagnostics(for: document.id, in: snapshot)
        #expect(diagnostics.map(\.code) == [.syntax])
        #expect(diagnostics.first?.range.start == 16)
    }
}

/// Finds a needle's byte range for expectations.
enum DossierSyntaxRange {
    static func of(_ needle: String, in bytes: [UInt8]) -> DossierSyntax.ByteRange? {
        let pattern = Array(needle.utf8)
        guard pattern.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<(start + pattern.count)]) == pattern {
            return DossierSyntax.ByteRange(start, start + pattern.count)
        }
        return nil
    }
}
