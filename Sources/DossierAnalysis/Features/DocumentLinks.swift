import DossierSyntax

/// A clickable range and where it leads.
public struct DocumentLinkItem: Hashable, Sendable {
    public var range: ByteRange
    public var target: String
    public var tooltip: String?
}

extension Features {
    /// Links on values: front-matter `url`, actor `url`, and actor `wikidata` (to wikidata.org).
    public static func documentLinks(in id: DocumentID, snapshot: WorkspaceSnapshot) -> [DocumentLinkItem] {
        guard let syntax = snapshot.documents[id]?.syntax else { return [] }
        var links: [DocumentLinkItem] = []
        func web(_ value: Located?, _ tooltip: String) {
            guard let value, value.text.hasPrefix("http://") || value.text.hasPrefix("https://"), !value.text.contains(" ") else { return }
            links.append(DocumentLinkItem(range: value.range, target: value.text, tooltip: tooltip))
        }
        web(syntax.frontMatter?.value("url"), "Open the article")
        for actor in syntax.actors {
            web(actor.url, "Open \(actor.name.text)'s site")
            if let wikidata = actor.wikidata, wikidata.text.count > 1, wikidata.text.hasPrefix("Q"),
                wikidata.text.dropFirst().allSatisfy(\.isASCII), wikidata.text.dropFirst().allSatisfy(\.isNumber)
            {
                links.append(DocumentLinkItem(
                    range: wikidata.range, target: "https://www.wikidata.org/wiki/\(wikidata.text)",
                    tooltip: "\(actor.name.text) on Wikidata"))
            }
        }
        return links.sorted { $0.range < $1.range }
    }
}
