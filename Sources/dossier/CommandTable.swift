import DossierWorkspace

/// An option a command accepts, as its help and completion show it.
struct Flag: Sendable {
    /// The long form, with its dashes: `--format`.
    var name: String
    /// The one-letter form, if any: `-f`.
    var short: String?
    /// The name of its value in help (`FORMAT`); nil for a switch that takes none.
    var value: String?
    /// The values it accepts, checked when parsing and offered by completion; empty when any value goes.
    var choices: [String] = []
    /// What the value is, for completion when there are no choices.
    var valueKind: OperandKind = .none
    /// One line of help.
    var help: String
}

/// What a command's operands (or a flag's value) are, so that completion can offer them.
enum OperandKind: Sendable {
    case none, paths, markdownFile, directory, ruleCode, shell, command
}

/// One subcommand of `dossier`: what its help, its parser and completion know about it.
struct Command: Sendable {
    var name: String
    /// One line: what the command does.
    var summary: String
    /// The operands in the usage line, like `[PATH…]`.
    var operands: String
    /// What the operands are, for completion.
    var operandKind: OperandKind
    /// The fewest and most operands it takes (nil: no limit).
    var operandCount: (minimum: Int, maximum: Int?)
    var flags: [Flag]
    /// Paragraphs shown by `dossier COMMAND --help` after the summary.
    var details: String
    /// Runs the command on its parsed arguments and returns the exit status.
    var run: @Sendable (ParsedArguments) throws(UsageError) -> Int32

    /// The flag `argument` names (`--format` or `-f`), if any.
    func flag(named argument: String) -> Flag? {
        flags.first { $0.name == argument || $0.short == argument }
    }
}

/// The option every command accepts.
let helpFlag = Flag(name: "--help", short: "-h", value: nil, help: "show this help")

/// Every subcommand, in the order `dossier help` lists them.
let commandTable: [Command] = [
    Command(
        name: "check", summary: "Check a workspace, or files in the context of their workspace.",
        operands: "[PATH…]", operandKind: .paths, operandCount: (0, nil),
        flags: [
            Flag(name: "--format", short: "-f", value: "FORMAT", choices: ReportFormat.allCases.map(\.rawValue),
                 help: "text (default), json, sarif (SARIF 2.1.0 for code scanning) or github (workflow annotations)"),
            Flag(name: "--min-severity", value: "LEVEL", choices: ["error", "warning", "information", "hint"],
                 help: "leave out findings below LEVEL: error, warning, information (default) or hint"),
            Flag(name: "--max-warnings", value: "N", help: "exit 1 when more than N warnings are found (default: no limit)"),
            Flag(name: "--rules-url", value: "URL",
                 help: "base URL of the rule pages, for each SARIF rule's helpUri (URL + CODE.md); none by default"),
            Flag(name: "--skip-excluded", value: nil,
                 help: "skip a named file that dossier.json excludes instead of failing (for pre-commit and lists of changed files)"),
        ],
        details: """
            With no PATH, checks the nearest folder upward that holds dossier.json or .git (else the current
            folder). A folder PATH is checked as a workspace; a file PATH is checked in the context of its
            workspace (the cast and the cited claims resolve), so CI can check only the files a change touches.

            Text output is `path:line:column: severity: message [code]`, lines and columns 1-based, with a
            summary on standard error. `dossier explain CODE` tells what a code means and how to fix it.

            Exit status: 0 clean, 1 when an error (or more than --max-warnings warnings) is found, 2 on usage
            or I/O errors.
            """,
        run: { arguments throws(UsageError) in try CheckCommand(arguments).run() }),
    Command(
        name: "lsp", summary: "Run the language server on standard input and output.",
        operands: "", operandKind: .none, operandCount: (0, 0),
        flags: [
            Flag(name: "--stdio", value: nil, help: "accepted and ignored (the server always uses stdio)"),
            Flag(name: "--log-level", value: "LEVEL", choices: ["error", "warn", "info", "debug"],
                 help: "how much to log on standard error (default: warn)"),
        ],
        details: """
            Editors start this: see editors/ in the repository for Neovim, VS Code, Emacs and Helix. The
            server writes no file; logs go to standard error only.
            """,
        run: { arguments throws(UsageError) in try LSPCommand(arguments).run() }),
    Command(
        name: "actors", summary: "List the actors of a workspace.",
        operands: "[PATH]", operandKind: .paths, operandCount: (0, 1),
        flags: [Flag(name: "--json", value: nil, help: "print a JSON array instead of tab-separated lines")],
        details: "Each line: id, kind, name, mentions, claims on record, and where the actor is defined.",
        run: { arguments in ListCommand(kind: .actors, arguments).run() }),
    Command(
        name: "claims", summary: "List the claims of a workspace.",
        operands: "[PATH]", operandKind: .paths, operandCount: (0, 1),
        flags: [Flag(name: "--json", value: nil, help: "print a JSON array instead of tab-separated lines")],
        details: "Each line: #id, kind, sources, where the claim stands, and the start of its text.",
        run: { arguments in ListCommand(kind: .claims, arguments).run() }),
    Command(
        name: "explain", summary: "Show the page of a diagnostic code: what it means and how to fix it.",
        operands: "[CODE]", operandKind: .ruleCode, operandCount: (0, 1),
        flags: [],
        details: "With no CODE, lists every code with its default severity and summary.",
        run: { arguments throws(UsageError) in try ExplainCommand(arguments).run() }),
    Command(
        name: "init", summary: "Start a workspace: dossier.json, a cast and an example article.",
        operands: "[DIR]", operandKind: .directory, operandCount: (0, 1),
        flags: [],
        details: """
            Creates DIR (default: the current folder) if needed, and in it dossier.json, cast.md (one example
            actor) and example-article.md (a mention and a claim), then prints what to do next.

            It never overwrites a file: when any of the three already exists, it names them and creates
            nothing (exit status 2), so running it twice, or in a folder that is already a workspace, changes
            nothing.
            """,
        run: { arguments throws(UsageError) in try InitCommand(arguments).run() }),
    Command(
        name: "export", summary: "Write a reader's version of a brief or article, with its sources as footnotes.",
        operands: "FILE", operandKind: .markdownFile, operandCount: (1, 1),
        flags: [
            Flag(name: "--format", short: "-f", value: "FORMAT", choices: ["md", "html"],
                 help: "md (Pandoc Markdown, default) or html (a standalone page)"),
            Flag(name: "--output", short: "-o", value: "FILE", valueKind: .paths,
                 help: "write to FILE (created or replaced) instead of standard output"),
        ],
        details: """
            Mentions become plain names (links where the actor has a url), and each claim is followed by a
            footnote naming who is on record: the source, their role, who relayed it, and the outlet, title
            and date of the article it comes from, following cite= chains to the claims in the articles.
            Unnamed sources are said to be unnamed; claims with no source are marked as such.

            The Markdown renders with Pandoc: `pandoc brief.md -o brief.docx` (or .html, .pdf).
            """,
        run: { arguments throws(UsageError) in try ExportCommand(arguments).run() }),
    Command(
        name: "completions", summary: "Print a shell completion script.",
        operands: "SHELL", operandKind: .shell, operandCount: (1, 1),
        flags: [],
        details: """
            SHELL is bash, zsh or fish. For example:
              bash: dossier completions bash > ~/.local/share/bash-completion/completions/dossier
              zsh:  dossier completions zsh > "${fpath[1]}/_dossier"
              fish: dossier completions fish > ~/.config/fish/completions/dossier.fish
            """,
        run: { arguments throws(UsageError) in try CompletionsCommand(arguments).run() }),
    Command(
        name: "attributions", summary: "List every attribution inferred in prose, annotated or not.",
        operands: "PATH…", operandKind: .paths, operandCount: (1, nil),
        flags: [Flag(name: "--json", value: nil, help: "print JSON: path, kind (quote, statement, object), ranges, cue, source, confidence, annotated")],
        details: """
            Quotations and reported statements, with the source attribution inference finds for each (SPEC 7),
            and the objects of reporting verbs ("announced his resignation", "called for an inquiry"): on
            record, but no claim of their own, so annotate never wraps them and no rule looks at them.
            """,
        run: { arguments in AttributionsCommand(arguments).run() }),
    Command(
        name: "annotate", summary: "Turn a raw article (.txt or .md) into annotated Markdown.",
        operands: "FILE", operandKind: .paths, operandCount: (1, 1),
        flags: [
            Flag(name: "--write", value: nil, help: "write the result beside FILE (never over an existing file) instead of standard output"),
            Flag(name: "--cast", value: "FILE", valueKind: .markdownFile, help: "the cast file that new actors go to (only with --write)"),
        ],
        details: "Mentions of known actors are linked, and quotations and reported statements are marked as claims with their sources.",
        run: { arguments in AnnotateCommand(arguments).run() }),
    Command(
        name: "help", summary: "Show help for dossier or for one command.",
        operands: "[COMMAND]", operandKind: .command, operandCount: (0, 1),
        flags: [],
        details: "`dossier COMMAND --help` shows the same.",
        run: { arguments throws(UsageError) in try HelpCommand(arguments).run() }),
    Command(
        name: "version", summary: "Print the version (also `dossier --version`).",
        operands: "", operandKind: .none, operandCount: (0, 0),
        flags: [],
        details: "",
        run: { _ in
            print("dossier \(dossierVersion)")
            return 0
        }),
]

