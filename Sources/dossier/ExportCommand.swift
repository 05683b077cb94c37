struct ExportCommand {
    init(_ arguments: ParsedArguments) {}
    func run() throws(UsageError) -> Int32 { throw UsageError("export: not yet") }
}
