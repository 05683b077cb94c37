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

func main() -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let name = arguments.first else {
        printError(Help.overview)
        return 2
    }
    switch name {
    case "--version", "-V":
        print("dossier \(dossierVersion)")
        return 0
    case "--help", "-h":
        print(Help.overview)
        return 0
    default:
        break
    }
    do {
        let command = try Help.command(named: name)
        switch try ParsedArguments.parse(Array(arguments.dropFirst()), for: command) {
        case .help:
            print(Help.page(command), terminator: "")
            return 0
        case .run(let parsed):
            return try command.run(parsed)
        }
    } catch {
        printError("dossier: \(error.message)")
        return 2
    }
}

exit(main())
