import DossierAnalysis
import DossierSyntax

/// The footnote of each claim: who is on record for it, from its own `by`, `via` and `cue` or, for a
/// claim that cites others, from the claims its `cite=` chain ends in, with the outlet, title, date
/// and link of the document each of them stands in.
struct SourceNotes {
    let snapshot: WorkspaceSnapshot

    /// The note for `claim`, which stands in `document`.
    func note(for claim: ClaimSyntax, in document: Document) -> String {
        var records: [String] = []
        var visited: Set<String> = []
        collect(claim, in: document, into: &records, visited: &visited)
        var unique: [String] = []
        for record in records where !unique.contains(record) { unique.append(record) }
        guard !unique.isEmpty else { return "Unattributed: no source is on record for this claim." }
        return unique.joined(separator: " ")
    }

    /// Adds the source sentences of `claim`: its own when it has `by`, else those of the claims it cites.
    private func collect(_ claim: ClaimSyntax, in document: Document, into records: inout [String], visited: inout Set<String>) {
        if claim.hasBy {
            records.append(record(for: claim, in: document))
            return
        }
        for cite in claim.cites where visited.insert(cite.text).inserted {
            guard let (site, cited) = snapshot.claim(cite.text), let citedDocument = snapshot.documents[site.document] else {
                records.append("The cited claim #\(cite.text) cannot be found.")
                continue
            }
            let before = records.count
            collect(cited, in: citedDocument, into: &records, visited: &visited)
            if records.count == before { records.append("Unattributed: the cited claim has no source on record.") }
        }
    }

    /// One sentence: who (in what words), relayed by whom; reported where and when.
    private func record(for claim: ClaimSyntax, in document: Document) -> String {
        // Roles are shown for one or two sources; a longer list reads better as names alone.
        let style: RoleStyle = claim.by.count + (claim.byDescription == nil ? 0 : 1) > 2 ? .none
            : claim.by.count == 1 && claim.byDescription == nil ? .afterComma : .inParentheses
        var who = claim.by.map { actorDescription($0.id, role: style) }
        if let description = claim.byDescription {
            who.append("an unnamed source, described as “\(MarkdownText.escaped(description.text))”")
        }
        var sentence = joinedWithAnd(who)
        if let cue = claim.cue?.text, !cue.isEmpty { sentence += " (\(MarkdownText.escaped(cue)))" }
        let relays = claim.via.map { actorDescription($0.id, role: .none) }
        if !relays.isEmpty { sentence += ", relayed by \(joinedWithAnd(relays))" }
        sentence += publication(of: document)
        return capitalisedFirst(sentence) + "."
    }

    /// `; reported by Outlet (Author) in “Title”, 8 March 2023: <url>`, with what the front matter has.
    private func publication(of document: Document) -> String {
        let frontMatter = document.syntax.frontMatter
        var reporter = frontMatter?.outlet.map { actorDescription($0.id, role: .none) }
        if let author = frontMatter?.value("author")?.text, !author.isEmpty {
            let name = MarkdownText.escaped(author)
            reporter = reporter.map { "\($0) (\(name))" } ?? name
        }
        var text = reporter.map { "; reported by \($0)" } ?? "; reported"
        if let title = document.title {
            text += " in “\(MarkdownText.escaped(title))”"
        } else if reporter == nil {
            text += " in \(MarkdownText.escaped(Self.fileName(of: document.id)))"
        }
        if let published = frontMatter?.value("published")?.text { text += ", \(Self.readableDate(published))" }
        if let url = frontMatter?.value("url")?.text, url.hasPrefix("http://") || url.hasPrefix("https://") {
            text += ": <\(url)>"
        }
        return text
    }

    /// How an actor's role is shown, if at all.
    private enum RoleStyle {
        case none, afterComma, inParentheses
    }

    /// `Lloyd Austin, U.S. Secretary of Defense` or `Lloyd Austin (U.S. Secretary of Defense)`, or the
    /// id for an actor the cast does not define.
    private func actorDescription(_ id: String, role style: RoleStyle) -> String {
        guard let actor = snapshot.actor(id)?.definition else { return "@\(id) (not in the cast)" }
        let name = MarkdownText.escaped(actor.name.text)
        guard let role = actor.role?.text, !role.isEmpty else { return name }
        switch style {
        case .none: return name
        case .afterComma: return "\(name), \(MarkdownText.escaped(role))"
        case .inParentheses: return "\(name) (\(MarkdownText.escaped(role)))"
        }
    }

    private func joinedWithAnd(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }

    private func capitalisedFirst(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// `2023-03-08` → `8 March 2023`; any other text unchanged.
    static func readableDate(_ text: String) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return MarkdownText.escaped(text) }
        return "\(day) \(months[month - 1]) \(year)"
    }

    /// The last part of a document's URI, percent escapes decoded: `brief.md`.
    static func fileName(of id: DocumentID) -> String {
        let last = id.rawValue.split(separator: "/").last.map(String.init) ?? id.rawValue
        var bytes: [UInt8] = []
        var utf8 = Array(last.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
