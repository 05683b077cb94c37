import DossierAnalysis
import DossierWorkspace
import Foundation
import Testing

/// The seeds are the golden test: `dossier check seeds --format json` must match the committed file.
/// Regenerate after a deliberate change with `DOSSIER_UPDATE_GOLDEN=1 swift test --filter GoldenTests`.
@Suite struct GoldenTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func seedsCheckMatchesTheGoldenJSON() throws {
        let root = GoldenTests.repository.appendingPathComponent("seeds").path
        let report = CheckReport(workspaces: [WorkspaceLoader.load(root: root)], only: nil, minimum: .information)
        let actual = ReportFormat.json.render(report, version: "golden").replacingOccurrences(of: root, with: "<seeds>")
        let goldenFile = GoldenTests.repository.appendingPathComponent("Tests/Golden/seeds-check.json")
        if ProcessInfo.processInfo.environment["DOSSIER_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: goldenFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: goldenFile, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test func seedsHaveNoErrorsAndEveryClaimIdResolves() {
        let root = GoldenTests.repository.appendingPathComponent("seeds").path
        let workspace = WorkspaceLoader.load(root: root)
        let report = CheckReport(workspaces: [workspace], only: nil, minimum: .hint)
        #expect(report.count(.error) == 0)
        #expect(workspace.snapshot.documents.count == 7)
        #expect(workspace.snapshot.actorSites.values.allSatisfy { $0.count == 1 })
    }
}
