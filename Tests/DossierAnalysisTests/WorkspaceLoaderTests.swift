import DossierAnalysis
import DossierSyntax
import DossierWorkspace
import Foundation
import Testing

@Suite struct WorkspaceLoaderTests {
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
