struct CompletionsCommand {
    init(_ arguments: ParsedArguments) {}
    func run() throws(UsageError) -> Int32 { throw UsageError("completions: not yet") }
}
