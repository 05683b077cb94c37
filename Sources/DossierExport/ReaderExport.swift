import DossierAnalysis
import DossierSyntax

/// A document as a reader gets it: the annotations turned into plain prose, each claim followed by a
/// footnote that names who is on record for it.
public struct ExportedDocument: Sendable, Equatable {
    /// The document's title (front matter `title`, else its first heading, else its file name).
    public var title: String
    /// Whether the body opens with its own level-1 heading (then a page shows no separate title).
    public var hasHeading: Bool
    /// The body as Pandoc Markdown, with `[^n]` footnote references and without the notes.
    public var body: String
    /// The footnotes' texts (inline Markdown), note 1 first.
    public var notes: [String]

    /// A document with these parts.
    public init(title: String, hasHeading: Bool, body: String, notes: [String]) {
        self.title = title
        self.hasHeading = hasHeading
        self.body = body
        self.notes = notes
    }

    /// The whole document as Pandoc Markdown: a YAML title block, the body, then the notes.
    public var markdown: String {
        // With a heading of its own, the title goes to `pagetitle` (the HTML <title>) so that Pandoc
        // does not print it twice.
        var text = "---\n\(hasHeading ? "pagetitle" : "title"): \(MarkdownText.yamlString(title))\n---\n\n"
        text += body
        if !notes.isEmpty {
            text += "\n"
            for (index, note) in notes.enumerated() { text += "[^\(index + 1)]: \(note)\n" }
        }
        return text
    }
}

/// Writes the reader's version of a brief or article (`dossier export`): a pure function of a
/// snapshot and one of its documents.
public enum ReaderExport {
    /// The reader's version of `id`, or nil when the snapshot has no such document.
    public static func export(_ id: DocumentID, in snapshot: WorkspaceSnapshot) -> ExportedDocument? {
        guard let document = snapshot.documents[id] else { return nil }
        let syntax = document.syntax
        var edits: [(range: ByteRange, text: String)] = []
        if let frontMatter = syntax.frontMatter {
            edits.append((ByteRange(frontMatter.range.start, lineEnd(after: frontMatter.range.end, in: syntax.bytes)), ""))
        }
        for suppression in syntax.suppressions { edits.append((suppression.range, "")) }
        for actor in syntax.actors {
            // `## Name {#id .kind}` → `## Name`: the attribute block is for Dossier, not the reader.
            let heading = syntax.text(actor.headingRange)
            let marks = heading.prefix { $0 == "#" }
            edits.append((actor.headingRange, "\(marks) \(MarkdownText.escaped(actor.name.text))"))
        }
        let sources = SourceNotes(snapshot: snapshot)
        var notes: [String] = []
        for claim in syntax.claims.sorted(by: { $0.range.start < $1.range.start }) {
            notes.append(sources.note(for: claim, in: document))
            edits.append((ByteRange(claim.range.start, claim.textRange.start), ""))
            edits.append((ByteRange(claim.textRange.end, claim.range.end), "[^\(notes.count)]"))
        }
        for mention in syntax.mentions {
            edits.append((mention.fullRange, mentionText(mention, syntax: syntax, snapshot: snapshot)))
        }
        let body = apply(edits, to: syntax)
        let hasHeading = syntax.headings.contains { $0.level == 1 }
        let title = document.title ?? SourceNotes.fileName(of: id)
        return ExportedDocument(title: title, hasHeading: hasHeading, body: body, notes: notes)
    }

    /// A mention as the reader sees it: the link text (or, for a bare `@id`, the actor's name),
    /// linked to the actor's `url` when it has one.
    private static func mentionText(_ mention: MentionSyntax, syntax: DocumentSyntax, snapshot: WorkspaceSnapshot) -> String {
        let actor = snapshot.actor(mention.reference.id)?.definition
        let text: String
        if let linkText = mention.linkText {
            text = syntax.text(linkText)
        } else {
            text = actor.map { MarkdownText.escaped($0.name.text) } ?? syntax.text(mention.fullRange)
        }
        guard let url = actor?.url?.text, !url.isEmpty else { return text }
        return "[\(text)](\(MarkdownText.linkDestination(url)))"
    }

    /// The text with `edits` applied; edits never overlap (mentions lie inside claim texts, not
    /// across their brackets), and the text between them is kept byte for byte.
    private static func apply(_ edits: [(range: ByteRange, text: String)], to syntax: DocumentSyntax) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(syntax.bytes.count)
        var position = 0
        for edit in edits.sorted(by: { $0.range.start < $1.range.start }) where edit.range.start >= position {
            output += syntax.bytes[position..<edit.range.start]
            output += edit.text.utf8
            position = edit.range.end
        }
        output += syntax.bytes[position...]
        var text = String(decoding: output, as: UTF8.self)
        // The front matter and comments leave blank lines behind; the body starts with its text.
        while text.hasPrefix("\n") || text.hasPrefix("\r\n") { text.removeFirst() }
        if text.last?.isNewline != true { text += "\n" }
        return text
    }

    /// The offset after the line break that follows `offset`, if it follows at once.
    private static func lineEnd(after offset: Int, in bytes: [UInt8]) -> Int {
        var end = offset
        if end < bytes.count, bytes[end] == 0x0D { end += 1 }
        if end < bytes.count, bytes[end] == 0x0A { end += 1 }
        return end
    }
}
