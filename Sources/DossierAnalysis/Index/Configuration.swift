import DossierSyntax

/// The settings of `dossier.json` (SPEC 6), already validated; defaults where a key is absent.
public struct Configuration: Sendable, Hashable {
    /// Glob patterns of workspace-relative paths to leave out.
    public var exclude: [String] = []
    /// Per-rule severity; a rule mapped to nil is off.
    public var severities: [DiagnosticCode: Severity?] = [:]
    /// Extra cue phrases, added to the defaults.
    public var extraVagueCues: [String] = []
    public var extraUnnamedCues: [String] = []
    public var extraReportingCues: [String] = []
    /// Whether prose completion inserts a linked mention rather than the plain name.
    public var linkNames = true
    /// Whether the editor shows each quotation's inferred source after it (`— Lloyd Austin`).
    public var inlayHints = true

    /// The default configuration.
    public init() {}

    /// The severity `code` has under this configuration, or nil when it is off.
    public func severity(of code: DiagnosticCode) -> Severity? {
        if let configured = severities[code] { return configured }
        return code.defaultSeverity
    }
}
