import DossierSyntax

/// Every code a finding can carry: the diagnostic codes of documents (SPEC 3), and `configuration`
/// for a problem in `dossier.json` itself. Each has a page in `docs/rules/`.
public enum RuleCode: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case diagnostic(DiagnosticCode)
    case configuration

    /// The document codes in their declared order, then `configuration`.
    public static var allCases: [RuleCode] { DiagnosticCode.allCases.map(RuleCode.diagnostic) + [.configuration] }

    /// The code as written in reports, `dossier.json` and `dossier-ignore` comments.
    public var rawValue: String {
        switch self {
        case .diagnostic(let code): code.rawValue
        case .configuration: "configuration"
        }
    }

    /// The code written `rawValue`, if any.
    public init?(rawValue: String) {
        if rawValue == "configuration" {
            self = .configuration
        } else if let code = DiagnosticCode(rawValue: rawValue) {
            self = .diagnostic(code)
        } else {
            return nil
        }
    }

    public var description: String { rawValue }

    /// The severity findings of this code have unless `dossier.json` says otherwise (a
    /// `dossier.json` that is not JSON at all is an error; other configuration problems are warnings).
    public var defaultSeverity: Severity {
        switch self {
        case .diagnostic(let code): code.defaultSeverity
        case .configuration: .warning
        }
    }

    /// One line on what the rule checks.
    public var summary: String {
        switch self {
        case .diagnostic(let code): code.summary
        case .configuration: "dossier.json has an unknown key, an unknown rule or a bad value."
        }
    }
}
