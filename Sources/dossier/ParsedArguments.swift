import DossierSyntax

/// A command's arguments checked against its entry in `commandTable`: operands in order, and the
/// flags given (a flag given twice keeps its last value).
struct ParsedArguments: Sendable {
    /// The arguments that are not flags, in order.
    var operands: [String] = []
    private var values: [String: String] = [:]
    private var switches: Set<String> = []

    /// The value of flag `name` (its long form), if given.
    func value(_ name: String) -> String? { values[name] }

    /// Whether switch `name` (its long form) was given.
    func has(_ name: String) -> Bool { switches.contains(name) }

    /// What a command line asks for: to run the command, or to show its help.
    enum Outcome {
        case run(ParsedArguments)
        case help
    }

    /// Parses `arguments` for `command`: `--name value`, `--name=value`, `-f value`; `--` ends the
    /// flags; `-` alone is an operand. A mistake is a `UsageError` that names the nearest flag.
    static func parse(_ arguments: [String], for command: Command) throws(UsageError) -> Outcome {
        var parsed = ParsedArguments()
        var index = 0
        var flagsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if flagsEnded || !argument.hasPrefix("-") || argument == "-" {
                parsed.operands.append(argument)
                continue
            }
            if argument == "--" {
                flagsEnded = true
                continue
            }
            let (name, inline) = splitOption(argument)
            if name == helpFlag.name || name == helpFlag.short { return .help }
            guard let flag = command.flag(named: name) else { throw unknownFlag(name, for: command) }
            guard let valueName = flag.value else {
                if inline != nil { throw UsageError("\(flag.name) takes no value") }
                parsed.switches.insert(flag.name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError("\(flag.name) needs a value: \(flag.name) \(valueName)")
            }
            if !flag.choices.isEmpty, !flag.choices.contains(value) {
                let suggestion = EditDistance.nearest(to: value, in: flag.choices, limit: 2)
                throw UsageError(
                    "\(flag.name) takes \(list(flag.choices)), not `\(value)`" + (suggestion.map { ": did you mean `\($0)`?" } ?? ""))
            }
            parsed.values[flag.name] = value
        }
        let (minimum, maximum) = command.operandCount
        if parsed.operands.count < minimum {
            throw UsageError("\(command.name) needs \(command.operands): dossier \(command.name) \(command.operands) (see `dossier \(command.name) --help`)")
        }
        if let maximum, parsed.operands.count > maximum {
            let extra = parsed.operands[maximum]
            throw UsageError(maximum == 0
                ? "\(command.name) takes no operand, not `\(extra)`"
                : "\(command.name) takes at most \(maximum) \(command.operands), and `\(extra)` is one too many")
        }
        return .run(parsed)
    }

    /// The error for a flag `command` does not know, with the nearest one it does.
    private static func unknownFlag(_ name: String, for command: Command) -> UsageError {
        let known = command.flags.map(\.name) + [helpFlag.name]
        let suggestion = EditDistance.nearest(to: name, in: known, limit: max(2, name.count / 3))
        let hint = suggestion.map { ": did you mean `\($0)`?" } ?? (command.flags.isEmpty
            ? ": \(command.name) takes no options"
            : ": it takes \(list(command.flags.map(\.name)))")
        return UsageError("unknown option `\(name)` for \(command.name)\(hint)")
    }
}

/// `a, b or c` (or `a, b and c` with `conjunction: "and"`).
func list(_ words: [String], conjunction: String = "or") -> String {
    guard words.count > 1 else { return words.first ?? "" }
    return words.dropLast().joined(separator: ", ") + " \(conjunction) " + words[words.count - 1]
}
