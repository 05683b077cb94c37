struct InitCommand {
    init(_ arguments: ParsedArguments) {}
    func run() throws(UsageError) -> Int32 { throw UsageError("init: not yet") }
}
