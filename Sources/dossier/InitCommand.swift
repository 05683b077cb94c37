import Foundation

/// `dossier init [DIR]`: a new workspace with settings, a cast and an example article (SPEC 5).
struct InitCommand {
    var directory: String

    init(_ arguments: ParsedArguments) {
        directory = arguments.operands.first ?? "."
    }

    /// The files a new workspace starts with, by name.
    static let files: [(name: String, text: String)] = [
        ("dossier.json", """
            {
              "exclude": ["drafts/**"],
              "rules": { "anonymous-source": "information", "unlinked-mention": "hint" },
              "cues": { "vague": [], "unnamed": [], "reporting": [] }
            }

            """),
        ("cast.md", """
            ---
            title: Cast
            type: cast
            ---

            # Cast

            One heading per actor: a person, organization, country, court, outlet, group, place, document or
            event. The id in braces is what articles link to (`[Jane Doe](@jane-doe)` or `@jane-doe`).

            ## Jane Doe {#jane-doe .person}

            - aliases: Doe, Mayor Doe
            - role: Mayor of Riverton

            A fictional mayor, to show the format: replace her with the people and organizations of your story.

            """),
        ("example-article.md", """
            ---
            title: Riverton to build a second bridge
            type: article
            published: 2024-03-04
            url: https://example.com/riverton-bridge
            ---

            [Jane Doe](@jane-doe) said on Monday that [the city will start building a second bridge next
            year]{.claim #riverton-bridge by=@jane-doe cue=said}.

            """),
    ]

    func run() throws(UsageError) -> Int32 {
        let folder = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw UsageError("\(directory) is a file, not a folder")
        }
        // All or nothing: a workspace half made of examples and half of the user's files would mix an
        // example cast into theirs.
        let existing = Self.files.map(\.name).filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if !existing.isEmpty {
            throw UsageError("\(list(existing.map { display(folder.appendingPathComponent($0).path) }, conjunction: "and")) already \(existing.count == 1 ? "exists" : "exist"): nothing was created (init never overwrites a file)")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in Self.files {
                // `withoutOverwriting`: a file created meanwhile by someone else is not replaced either.
                try Data(file.text.utf8).write(to: folder.appendingPathComponent(file.name), options: .withoutOverwriting)
            }
        } catch {
            throw UsageError("cannot create the workspace in \(display(folder.path)): \(error.localizedDescription)")
        }
        let place = display(folder.path)
        print("""
            Created a Dossier workspace in \(place):
              dossier.json        settings: excluded folders, rule severities, extra cue phrases
              cast.md             the actors, one heading each (an example mayor to replace)
              example-article.md  an article with a linked mention and a claim with its source

            Next:
              dossier check \(place.contains(" ") ? "\"\(place)\"" : place)
                  check it (clean now); `dossier explain CODE` explains any finding
              open the folder in an editor with the Dossier language server (dossier lsp) for hover,
                  completion after @ and quick fixes
              add your articles as .md files, mark claims as [text]{.claim by=@id}, and cite them
                  from a brief (type: brief) with [text]{.claim cite=#claim-id}
              dossier export brief.md --format html -o brief.html
                  a reader's version with every source in a footnote
            """)
        return 0
    }

    /// `path` relative to the working directory when inside it.
    private func display(_ path: String) -> String {
        let base = FileManager.default.currentDirectoryPath
        if path == base { return "." }
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
