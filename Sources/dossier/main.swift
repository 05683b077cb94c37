import DossierAnalysis
import DossierSyntax
import DossierWorkspace
import Foundation

/// The version `dossier --version` prints.
let dossierVersion = "0.1.0"

/// A command-line mistake; exits with status 2.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Splits `--name=value` into its parts.
func splitOption(_ argument: String) -> (String, String?) {
    guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
}

let usage = """
    dossier \(dossierVersion) — language server and checker for annotated news articles

    Usage:
      dossier check [PATH…] [--format text|json|sarif|github] [--min-severity LEVEL] [--max-warnings N]
          Check a workspace (default: the nearest folder up with dossier.json or .git).
          A file PATH is checked in the context of its workspace. Exit 0 clean, 1 problems, 2 usage/I/O.
      dossier lsp [--stdio] [--log-level error|warn|info|debug]
          Run the language server on stdin/stdout.
      dossier actors [PATH] [--json]     List the actors of a workspace.
      dossier claims [PATH] [--json]     List the claims of a workspace.
      dossier attributions PATH… [--json]
          List every quotation and reported statement with its inferred source, cue and confidence.
      dossier annotate FILE [--write] [--cast FILE]
          Annotate a raw article (.txt or .md): Markdown on stdout, or beside FILE with --write.
      dossier --version | help

    Levels: error, warning, information, hint (check shows information and above by default).
    Rules: \(DiagnosticCode.allCases.map(\.rawValue).joined(separator: ", "))
    """

func main() -> Int32 {
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let command = arguments.first else {
        print(usage)
        return 2
    }
    arguments.removeFirst()
    do {
        switch command {
        case "check":
            return try CheckCommand(arguments: arguments).run()
        case "lsp":
            return LSPCommand(arguments: arguments).run()
        case "actors", "claims":
            return try ListCommand(kind: command, arguments: arguments).run()
        case "attributions":
            return try AttributionsCommand(arguments: arguments).run()
        case "annotate":
            return try AnnotateCommand(arguments: arguments).run()
        case "--version", "-V", "version":
            print("dossier \(dossierVersion)")
            return 0
        case "help", "--help", "-h":
            print(usage)
            return 0
        default:
            throw UsageError("unknown command `\(command)`: run `dossier help`")
        }
    } catch let error as UsageError {
        printError("dossier: \(error.message)")
        return 2
    } catch {
        printError("dossier: \(error)")
        return 2
    }
}

exit(main())
