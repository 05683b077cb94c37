/// The page of one rule, `docs/rules/<code>.md`, compiled into the binary (see `RulePages`).
public struct RulePage: Sendable {
    public let code: RuleCode
    /// The page as written: Markdown.
    public let markdown: String

    /// The page of `code`.
    public init(code: RuleCode) {
        self.code = code
        markdown = RulePages.markdown[code.rawValue] ?? "# \(code.rawValue)\n\n\(code.summary)\n"
    }

    /// The page as plain text, for SARIF's `help.text`: no heading marks, no emphasis marks, and
    /// the examples indented instead of fenced (their fence labels are for the tests).
    public var plainText: String {
        var lines: [String] = []
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if inFence {
                lines.append(line.isEmpty ? "" : "    " + line)
            } else if line.hasPrefix("#") {
                lines.append(String(line.drop { $0 == "#" }.drop { $0 == " " }))
            } else {
                lines.append(String(line).replacing("**", with: ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The pages of every rule, embedded in the binary so that `dossier explain` and SARIF reports work
/// wherever the binary is copied. `RulePages+Generated.swift` is written from `docs/rules/*.md` by
/// `DOSSIER_UPDATE_DOCS=1 swift test --filter RulePageTests`, and a test fails when the two differ.
public enum RulePages {
    /// The page of every code.
    public static var all: [RulePage] { RuleCode.allCases.map(RulePage.init) }

    /// The Swift source that embeds `pages` (code → Markdown): what `RulePages+Generated.swift` holds.
    public static func generatedSource(_ pages: [(code: String, markdown: String)]) -> String {
        var source = """
            // Generated from docs/rules/*.md by `DOSSIER_UPDATE_DOCS=1 swift test --filter RulePageTests`: do not edit.

            extension RulePages {
                /// The Markdown of each rule page, by code.
                static let markdown: [String: String] = [

            """
        for page in pages.sorted(by: { $0.code < $1.code }) {
            // A raw string with enough `#`s that nothing in the page can end it or interpolate.
            var hashes = "#"
            while page.markdown.contains("\"\"\"" + hashes) || page.markdown.contains("\\" + hashes) { hashes += "#" }
            source += "        \"\(page.code)\": \(hashes)\"\"\"\n\(page.markdown)\n\"\"\"\(hashes),\n"
        }
        source += "    ]\n}\n"
        return source
    }
}
