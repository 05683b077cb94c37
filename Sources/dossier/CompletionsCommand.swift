import DossierDocs

/// `dossier completions bash|zsh|fish`: a completion script drawn from `commandTable`.
struct CompletionsCommand {
    var shell: String

    init(_ arguments: ParsedArguments) {
        shell = arguments.operands[0]
    }

    func run() throws(UsageError) -> Int32 {
        switch shell {
        case "bash": print(CompletionScripts.bash, terminator: "")
        case "zsh": print(CompletionScripts.zsh, terminator: "")
        case "fish": print(CompletionScripts.fish, terminator: "")
        default: throw UsageError("no completions for `\(shell)`: use bash, zsh or fish")
        }
        return 0
    }
}

/// The three scripts. Each completes the commands, their flags, the values of
/// flags with choices, and operands by kind (files, folders, rule codes, shells, commands).
enum CompletionScripts {
    static let shells = ["bash", "zsh", "fish"]

    /// The words an operand or flag value of `kind` completes to, when they are fixed.
    static func words(for kind: OperandKind) -> [String] {
        switch kind {
        case .ruleCode: RuleCode.allCases.map(\.rawValue)
        case .shell: shells
        case .command: commandTable.map(\.name)
        case .none, .paths, .markdownFile, .directory: []
        }
    }

    // MARK: bash

    static var bash: String {
        var script = """
            # bash completion for dossier: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`
            _dossier() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                COMPREPLY=()
                if [[ $COMP_CWORD -eq 1 ]]; then
                    COMPREPLY=($(compgen -W "\(commandTable.map(\.name).joined(separator: " ")) --help --version" -- "$cur"))
                    return
                fi
                case "${COMP_WORDS[1]}" in

            """
        for command in commandTable {
            script += "        \(command.name))\n"
            let valued = command.flags.filter { $0.value != nil }
            if !valued.isEmpty {
                script += "            case \"$prev\" in\n"
                for flag in valued {
                    let names = ([flag.name] + (flag.short.map { [$0] } ?? [])).joined(separator: "|")
                    script += "                \(names)) \(bashValues(flag.choices, kind: flag.valueKind)); return ;;\n"
                }
                script += "            esac\n"
            }
            let flags = (command.flags.flatMap { [$0.name] + ($0.short.map { [$0] } ?? []) } + ["--help", "-h"]).joined(separator: " ")
            script += "            if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"\(flags)\" -- \"$cur\")); return; fi\n"
            if command.operandKind != .none { script += "            \(bashValues([], kind: command.operandKind))\n" }
            script += "            ;;\n"
        }
        script += """
                esac
            }
            complete -o bashdefault -o default -o filenames -F _dossier dossier

            """
        return script
    }

    private static func bashValues(_ choices: [String], kind: OperandKind) -> String {
        let fixed = choices.isEmpty ? words(for: kind) : choices
        if !fixed.isEmpty { return "COMPREPLY=($(compgen -W \"\(fixed.joined(separator: " "))\" -- \"$cur\"))" }
        switch kind {
        case .paths: return "COMPREPLY=($(compgen -f -- \"$cur\"))"
        case .markdownFile: return "COMPREPLY=($(compgen -d -- \"$cur\") $(compgen -f -X '!*.md' -- \"$cur\"))"
        case .directory: return "COMPREPLY=($(compgen -d -- \"$cur\"))"
        case .none, .ruleCode, .shell, .command: return "COMPREPLY=()"
        }
    }

    // MARK: zsh

    static var zsh: String {
        var script = """
            #compdef dossier
            # zsh completion for dossier: `dossier completions zsh > "${fpath[1]}/_dossier"`, or source it after compinit.

            _dossier() {
                local -a commands
                commands=(

            """
        for command in commandTable { script += "        '\(command.name):\(zshText(command.summary))'\n" }
        script += """
                )
                if (( CURRENT == 2 )); then
                    _describe -t commands 'dossier command' commands
                    return
                fi
                local command=${words[2]}
                shift words
                (( CURRENT-- ))
                case $command in

            """
        for command in commandTable {
            var specs = command.flags.map { flag -> String in
                let value = flag.value.map { ":\($0):\(zshAction(flag.choices, kind: flag.valueKind))" } ?? ""
                let help = "[\(zshText(flag.help))]"
                guard let short = flag.short else { return "'\(flag.name)\(help)\(value)'" }
                return "'(\(short) \(flag.name))'{\(short),\(flag.name)}'\(help)\(value)'"
            }
            specs.append("'(- *)'{-h,--help}'[show this help]'")
            if command.operandKind != .none {
                let repeats = command.operandCount.maximum.map { $0 > 1 } ?? true
                specs.append("'\(repeats ? "*" : "1"):\(zshText(command.operands)):\(zshAction([], kind: command.operandKind))'")
            }
            script += "        \(command.name)) _arguments -s \(specs.joined(separator: " ")) ;;\n"
        }
        script += """
                esac
            }

            if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
                _dossier "$@"
            else
                compdef _dossier dossier
            fi

            """
        return script
    }

    private static func zshAction(_ choices: [String], kind: OperandKind) -> String {
        let fixed = choices.isEmpty ? words(for: kind) : choices
        if !fixed.isEmpty { return "(\(fixed.joined(separator: " ")))" }
        switch kind {
        case .paths: return "_files"
        case .markdownFile: return "_files -g \"*.md\""
        case .directory: return "_files -/"
        case .none, .ruleCode, .shell, .command: return " "
        }
    }

    /// Text for a zsh spec inside single quotes and brackets: no quote, bracket or colon.
    private static func zshText(_ text: String) -> String {
        String(text.map { "[]:'`".contains($0) ? " " : $0 })
    }

    // MARK: fish

    static var fish: String {
        var script = """
            # fish completion for dossier: `dossier completions fish > ~/.config/fish/completions/dossier.fish`
            complete -c dossier -f
            complete -c dossier -n __fish_use_subcommand -l help -s h -d 'show help'
            complete -c dossier -n __fish_use_subcommand -l version -d 'print the version'

            """
        for command in commandTable {
            script += "complete -c dossier -n __fish_use_subcommand -a \(command.name) -d '\(fishText(command.summary))'\n"
            let condition = "-n '__fish_seen_subcommand_from \(command.name)'"
            for flag in command.flags + [helpFlag] {
                var line = "complete -c dossier \(condition) -l \(flag.name.dropFirst(2))"
                if let short = flag.short { line += " -s \(short.dropFirst())" }
                if flag.value != nil {
                    let fixed = flag.choices.isEmpty ? words(for: flag.valueKind) : flag.choices
                    line += fixed.isEmpty ? " -r -F" : " -x -a '\(fixed.joined(separator: " "))'"
                }
                script += line + " -d '\(fishText(flag.help))'\n"
            }
            let fixed = words(for: command.operandKind)
            if !fixed.isEmpty {
                script += "complete -c dossier \(condition) -a '\(fixed.joined(separator: " "))'\n"
            } else if command.operandKind != .none {
                script += "complete -c dossier \(condition) -F\n"
            }
        }
        return script
    }

    /// Text inside fish single quotes.
    private static func fishText(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
    }
}
