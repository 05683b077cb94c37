import DossierSyntax

/// Another place a diagnostic involves, such as the other definition of a duplicated id.
public struct RelatedLocation: Hashable, Sendable {
    public var location: Location
    public var message: String
}

/// What a code action needs to fix a diagnostic mechanically.
public enum DiagnosticFix: Hashable, Sendable {
    /// Replace the range with this actor id (a mistyped id).
    case replaceID(String)
    /// Create a stub actor with this id.
    case createActor(String)
    /// Turn plain text into a linked mention of this actor.
    case linkMention(String)
    /// Add `by=@id` to the claim, the actor named by its reporting cue.
    case attribute(String)
    /// Wrap a sentence (this range) as a `.claim` to attribute.
    case wrapSentence(ByteRange)
    /// Wrap a quotation (this range) as a `.quote` attributed to this actor.
    case wrapQuote(ByteRange, actor: String?)
}

/// A finding of a rule, with its final severity.
public struct Diagnostic: Hashable, Sendable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var range: ByteRange
    public var message: String
    public var related: [RelatedLocation] = []
    public var fixes: [DiagnosticFix] = []

    /// Creates a diagnostic.
    public init(
        code: DiagnosticCode, severity: Severity, range: ByteRange, message: String, related: [RelatedLocation] = [],
        fixes: [DiagnosticFix] = []
    ) {
        self.code = code
        self.severity = severity
        self.range = range
        self.message = message
        self.related = related
        self.fixes = fixes
    }
}

/// Collects diagnostics for one document, applying the configuration's severities.
struct DiagnosticSink {
    let configuration: Configuration
    /// Findings less severe than this are dropped before their message, related locations and
    /// fixes are built (`dossier check` drops hints, unlinked mentions among them).
    let minimum: Severity
    private(set) var items: [Diagnostic] = []

    init(configuration: Configuration, minimum: Severity) {
        self.configuration = configuration
        self.minimum = minimum
    }

    /// Adds a finding unless its rule is off or below `minimum`; `severity` overrides the rule's for
    /// special cases (a hint-level "did you mean").
    mutating func add(
        _ code: DiagnosticCode, _ range: ByteRange, _ message: @autoclosure () -> String, severity: Severity? = nil,
        related: @autoclosure () -> [RelatedLocation] = [], fixes: @autoclosure () -> [DiagnosticFix] = []
    ) {
        guard let configured = configuration.severity(of: code) else { return }
        let final = severity.map { max($0, configured) } ?? configured
        guard final <= minimum else { return }
        items.append(Diagnostic(code: code, severity: final, range: range, message: message(), related: related(), fixes: fixes()))
    }
}
