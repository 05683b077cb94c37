import DossierAnalysis
import DossierJSON
import DossierSyntax
import DossierWorkspace
import Foundation

/// `dossier actors` and `dossier claims`: the index as a table or JSON.
struct ListCommand {
    /// What is listed.
    enum Kind: String {
        case actors, claims
    }

    var kind: Kind
    var path: String?
    var json = false

    init(kind: Kind, _ arguments: ParsedArguments) {
        self.kind = kind
        path = arguments.operands.first
        json = arguments.has("--json")
    }

    func run() -> Int32 {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let target = path.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: workingDirectory)).standardizedFileURL.path }
        var isDirectory: ObjCBool = false
        if let target, !FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            printError("dossier: \(path!): no such file or folder")
            return 2
        }
        let root = target.flatMap { isDirectory.boolValue ? $0 : WorkspaceLoader.root(containing: $0) }
            ?? WorkspaceLoader.root(containing: workingDirectory) ?? workingDirectory
        let snapshot = WorkspaceLoader.load(root: root).snapshot
        let rows = kind == .actors ? actorRows(snapshot, root: root) : claimRows(snapshot, root: root)
        if json {
            print(JSONValue.array(rows.map(\.json)).serialized(options: .prettyPrinted))
        } else {
            for row in rows { print(row.text) }
        }
        return 0
    }

    private func location(_ document: DocumentID, _ range: ByteRange, _ snapshot: WorkspaceSnapshot, root: String) -> (String, Int) {
        let path = FileURI.path(forURI: document.rawValue).map { CheckReport.relative($0, root: root) } ?? document.rawValue
        let line = snapshot.documents[document].map { $0.syntax.lines.line(containing: range.start) + 1 } ?? 0
        return (path, line)
    }

    private func actorRows(_ snapshot: WorkspaceSnapshot, root: String) -> [(text: String, json: JSONValue)] {
        snapshot.actorIDs.compactMap { id in
            guard let (site, actor) = snapshot.actor(id) else { return nil }
            let stats = snapshot.stats[id] ?? ActorStats()
            let (path, line) = location(site.document, actor.headingRange, snapshot, root: root)
            let text = "\(id)\t\(actor.kind.rawValue)\t\(actor.name.text)\t\(stats.mentions) mentions\t\(stats.claims) claims\t\(path):\(line)"
            let json: JSONValue = [
                "id": .string(id), "name": .string(actor.name.text), "kind": .string(actor.kind.rawValue),
                "aliases": .array(actor.aliases.map { .string($0.text) }), "role": .optional(actor.role?.text),
                "memberOf": .array(actor.memberOf.map { .string($0.id) }), "wikidata": .optional(actor.wikidata?.text),
                "mentions": .int(stats.mentions), "documents": .int(stats.documents), "claims": .int(stats.claims),
                "path": .string(path), "line": .int(line),
            ]
            return (text, json)
        }
    }

    private func claimRows(_ snapshot: WorkspaceSnapshot, root: String) -> [(text: String, json: JSONValue)] {
        var rows: [(text: String, json: JSONValue)] = []
        for documentID in snapshot.sortedDocumentIDs {
            guard let document = snapshot.documents[documentID] else { continue }
            for claim in document.syntax.claims {
                let (path, line) = location(documentID, claim.range, snapshot, root: root)
                let text = document.syntax.text(claim.textRange).replacingOccurrences(of: "\n", with: " ")
                let by = claim.by.map { "@" + $0.id } + (claim.byDescription.map { ["\"\($0.text)\""] } ?? [])
                let row = "\(claim.id.map { "#" + $0.text } ?? "-")\t\(claim.kind.rawValue)\t\(by.joined(separator: ","))\t\(path):\(line)\t\(text.prefix(80))"
                let json: JSONValue = [
                    "id": .optional(claim.id?.text), "kind": .string(claim.kind.rawValue), "text": .string(text),
                    "by": .array(claim.by.map { .string($0.id) }), "byDescription": .optional(claim.byDescription?.text),
                    "via": .array(claim.via.map { .string($0.id) }), "cite": .array(claim.cites.map { .string($0.text) }),
                    "cue": .optional(claim.cue?.text), "attributed": .bool(snapshot.isAttributed(claim)),
                    "path": .string(path), "line": .int(line),
                ]
                rows.append((row, json))
            }
        }
        return rows
    }
}
