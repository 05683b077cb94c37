import Foundation
import Testing

/// The repository's documentation: the README's exported brief is what `dossier export` writes, and
/// every relative link in the README and docs/ leads to a file in the repository.
@Suite struct DocumentationTests {
    @Test func theREADMEShowsTheSeedBriefAsExported() throws {
        let readme = try String(contentsOfFile: Paths.repo + "/README.md", encoding: .utf8)
        let marker = "$ dossier export seeds/brief.md\n"
        let start = try #require(readme.range(of: marker), "the README has no export example")
        let block = readme[start.upperBound...]
        let end = try #require(block.range(of: "```"))
        let shown = block[..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let exported = Set(try runDossier(["export", "seeds/brief.md"]).output.split(separator: "\n").map(String.init))
        let checked = shown.filter { !$0.isEmpty && $0 != "…" }
        #expect(checked.count >= 8)
        for line in checked { #expect(exported.contains(line), "the README shows a line the export does not write: \(line)") }
    }

    @Test func relativeLinksInTheDocumentationLeadToFilesInTheRepository() throws {
        let files = ["README.md", "ARCHITECTURE.md", "docs/format.md", "docs/ci.md"]
            + (try FileManager.default.contentsOfDirectory(atPath: Paths.repo + "/docs/rules")).map { "docs/rules/" + $0 }
        let link = /\]\(([^)\s]+)\)/
        var followed = 0
        for file in files where file.hasSuffix(".md") {
            let text = try String(contentsOfFile: Paths.repo + "/" + file, encoding: .utf8)
            let folder = URL(fileURLWithPath: Paths.repo + "/" + file).deletingLastPathComponent()
            for match in text.matches(of: link) {
                let target = String(match.1)
                guard !target.contains("://"), !target.hasPrefix("#"), !target.hasPrefix("@"), !target.hasPrefix("mailto:") else { continue }
                let path = target.split(separator: "#").first.map(String.init) ?? target
                let resolved = folder.appendingPathComponent(path).standardizedFileURL.path
                #expect(resolved.hasPrefix(Paths.repo + "/"), "\(file) links outside the repository: \(target)")
                #expect(FileManager.default.fileExists(atPath: resolved), "\(file) links to a missing file: \(target)")
                followed += 1
            }
        }
        #expect(followed > 50, "only \(followed) links found: is the pattern still right?")
    }
}
