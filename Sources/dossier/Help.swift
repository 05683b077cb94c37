import DossierSyntax

/// The help texts, all drawn from `commandTable`.
enum Help {
    /// `dossier help`: every command, with its summary.
    static var overview: String {
        let commands = commandTable
        let width = commands.map(\.name.count).max() ?? 0
        let lines = commands.map { "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)" }
        return """
            dossier \(dossierVersion) — language server and checker for annotated news articles

            Usage: dossier COMMAND [ARGUMENTS…]

            Commands:
            \(lines.joined(separator: "\n"))

            Run `dossier COMMAND --help` for a command's options, `dossier explain CODE` for a diagnostic code.
            """
    }

    /// `dossier COMMAND --help`: usage, summary, details and options.
    static func page(_ command: Command) -> String {
        let flags = command.flags + [helpFlag]
        var usage = "dossier \(command.name)"
        if !command.operands.isEmpty { usage += " \(command.operands)" }
        for flag in command.flags { usage += " [\(flag.name)\(flag.value.map { " " + $0 } ?? "")]" }
        var text = "Usage: \(usage)\n\n\(command.summary)\n"
        if !command.details.isEmpty { text += "\n\(command.details)\n" }
        let labels = flags.map { flag in
            (flag.short.map { "\($0), " } ?? "    ") + flag.name + (flag.value.map { " " + $0 } ?? "")
        }
        let width = labels.map(\.count).max() ?? 0
        text += "\nOptions:\n"
        for (label, flag) in zip(labels, flags) {
            // Choices the help line does not already spell out are listed after it.
            let choices = flag.choices.allSatisfy { flag.help.contains($0) } ? "" : " (\(list(flag.choices)))"
            text += "  \(label.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(flag.help)\(choices)\n"
        }
        return text
    }

    /// The command named `name`, or a usage error naming the nearest one.
    static func command(named name: String) throws(UsageError) -> Command {
        if let command = commandTable.first(where: { $0.name == name }) { return command }
        let suggestion = EditDistance.nearest(to: name, in: commandTable.map(\.name), limit: max(2, name.count / 3))
        throw UsageError("unknown command `\(name)`" + (suggestion.map { ": did you mean `dossier \($0)`?" } ?? ": run `dossier help`"))
    }
}

/// `dossier help [COMMAND]`.
struct HelpCommand {
    var topic: String?

    init(_ arguments: ParsedArguments) {
        topic = arguments.operands.first
    }

    func run() throws(UsageError) -> Int32 {
        guard let topic else {
            print(Help.overview)
            return 0
        }
        print(Help.page(try Help.command(named: topic)), terminator: "")
        return 0
    }
}
