extension Handlers {
    /// Features added after the core (completion, symbols, tokens…).
    static let extra: [String: RequestHandler] = [:]
}
