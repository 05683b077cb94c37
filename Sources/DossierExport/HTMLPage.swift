extension ExportedDocument {
    /// The document as a standalone HTML page: its own small template and style, nothing fetched.
    public var html: String {
        var notesHTML = ""
        if !notes.isEmpty {
            notesHTML = "<section class=\"notes\" aria-label=\"Sources\">\n<h2>Sources</h2>\n<ol>\n"
            for (index, note) in notes.enumerated() {
                let number = index + 1
                notesHTML += "<li id=\"note-\(number)\">\(MarkdownHTML.inline(note)) <a class=\"back\" href=\"#ref-\(number)\" aria-label=\"Back to the text\">↩</a></li>\n"
            }
            notesHTML += "</ol>\n</section>\n"
        }
        let heading = hasHeading ? "" : "<h1>\(MarkdownHTML.inline(MarkdownText.escaped(title)))</h1>\n"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="dossier export">
            <title>\(MarkdownHTML.escape(title))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            <article>
            \(heading)\(MarkdownHTML.blocks(body))\(notesHTML)</article>
            </body>
            </html>

            """
    }

    /// A plain reading style: one column, a serif text face, sources set smaller below a rule.
    static let style = """
        :root { color-scheme: light; }
        body { margin: 0; background: #fdfcf9; color: #1d1d1b; font: 18px/1.6 Georgia, "Times New Roman", serif; }
        article { max-width: 40rem; margin: 0 auto; padding: 3rem 1.5rem 4rem; }
        h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
        h1 { font-size: 1.9rem; margin: 0 0 1.5rem; }
        h2 { font-size: 1.2rem; margin: 2.2rem 0 0.6rem; text-transform: uppercase; letter-spacing: 0.04em; color: #5b5a55; }
        a { color: #1a5490; }
        sup.note-ref { font-size: 0.7em; line-height: 0; }
        sup.note-ref a { text-decoration: none; padding: 0 0.1em; }
        blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #d8d4c8; color: #44433f; }
        code { font-size: 0.9em; }
        section.notes { margin-top: 3rem; border-top: 1px solid #d8d4c8; font-size: 0.85rem; line-height: 1.5; color: #33322f; }
        section.notes h2 { font-size: 0.9rem; }
        section.notes li { margin-bottom: 0.5rem; }
        section.notes a.back { text-decoration: none; }
        """
}
