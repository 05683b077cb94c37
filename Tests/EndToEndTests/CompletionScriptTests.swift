import Foundation
import Testing

/// `dossier completions bash|zsh|fish`, each script loaded by the real shell: parsed, registered,
/// and (bash and fish) asked for completions.
@Suite struct CompletionScriptTests {
    /// The script for `shell`, written to a file.
    static func script(_ shell: String) throws -> String {
        let result = try runDossier(["completions", shell])
        #expect(result.status == 0, "\(result.errors)")
        let path = try temporaryFolder("completions") + "/dossier.\(shell)"
        try Data(result.output.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func anUnknownShellIsAUsageError() throws {
        let result = try runDossier(["completions", "tcsh"])
        #expect(result.status == 2)
        #expect(result.errors.contains("use bash, zsh or fish"), "\(result.errors)")
    }

    @Test(.enabled(if: toolTestRuns("bash"), "needs bash"))
    func bashCompletesCommandsFlagsValuesAndFiles() throws {
        let bash = try requiredTool("bash")
        let script = try Self.script("bash")
        #expect(try runProgram(bash, ["-n", script], in: Paths.repo).status == 0)
        let probe = """
            source "$1"
            ask() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _dossier; echo "$*|${COMPREPLY[*]}"; }
            ask dossier ex
            ask dossier check --fo
            ask dossier check --min-severity h
            ask dossier explain vague-a
            ask dossier completions f
            ask dossier export seeds/bri
            ask dossier lsp --log
            complete -p dossier
            """
        let result = try runProgram(bash, ["-c", probe, "probe", script], in: Paths.repo)
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("dossier ex|explain export"), "\(result.output)")
        #expect(lines.contains("dossier check --fo|--format"))
        #expect(lines.contains("dossier check --min-severity h|hint"))
        #expect(lines.contains("dossier explain vague-a|vague-attribution"))
        #expect(lines.contains("dossier completions f|fish"))
        #expect(lines.contains("dossier export seeds/bri|seeds/brief.md"))
        #expect(lines.contains("dossier lsp --log|--log-level"))
        #expect(result.output.contains("-F _dossier dossier"))
    }

    @Test(.enabled(if: toolTestRuns("zsh"), "needs zsh"))
    func zshParsesAndRegistersTheCompletion() throws {
        let zsh = try requiredTool("zsh")
        let script = try Self.script("zsh")
        let syntax = try runProgram(zsh, ["-n", script], in: Paths.repo)
        #expect(syntax.status == 0, "\(syntax.errors)")
        let registered = try runProgram(zsh, ["-f", "-c", "autoload -U compinit; compinit -u -D; source \"$1\"; print -r -- ${_comps[dossier]}", "zsh", script], in: Paths.repo)
        #expect(registered.status == 0, "\(registered.errors)")
        #expect(registered.output == "_dossier\n", "\(registered.output)\(registered.errors)")
    }

    @Test(.enabled(if: toolTestRuns("fish"), "needs fish"))
    func fishCompletesCommandsFlagsAndValues() throws {
        let fish = try requiredTool("fish")
        let script = try Self.script("fish")
        let syntax = try runProgram(fish, ["--no-execute", script], in: Paths.repo)
        #expect(syntax.status == 0, "\(syntax.errors)")
        let probe = "source $argv[1]; complete -C 'dossier ex'; complete -C 'dossier check --fo'; complete -C 'dossier export --format '"
        let result = try runProgram(fish, ["--no-config", "-c", probe, script], in: Paths.repo, environment: ["HOME": try temporaryFolder("fish-home")])
        #expect(result.status == 0, "\(result.errors)")
        let words = result.output.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        #expect(words.contains("explain") && words.contains("export"), "\(result.output)")
        #expect(words.contains("--format"))
        #expect(words.contains("md") && words.contains("html"))
    }
}
