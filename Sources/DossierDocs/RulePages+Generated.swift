// Generated from docs/rules/*.md by `DOSSIER_UPDATE_DOCS=1 swift test --filter RulePageTests`: do not edit.

extension RulePages {
    /// The Markdown of each rule page, by code.
    static let markdown: [String: String] = [:]
}
