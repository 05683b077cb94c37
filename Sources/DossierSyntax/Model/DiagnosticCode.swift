/// How serious a diagnostic is, from most to least.
public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case error = 1
    case warning = 2
    case information = 3
    case hint = 4

    /// The name used on the command line and in `dossier.json`.
    public var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .information: "information"
        case .hint: "hint"
        }
    }

    /// Parses a severity name (`info` is accepted for `information`).
    public init?(name: String) {
        switch name {
        case "error": self = .error
        case "warning": self = .warning
        case "information", "info": self = .information
        case "hint": self = .hint
        default: return nil
        }
    }

    /// Errors sort first, hints last.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The stable code of every diagnostic Dossier reports (SPEC section 3).
public enum DiagnosticCode: String, Sendable, CaseIterable, Hashable {
    case syntax
    case unknownActor = "unknown-actor"
    case duplicateActor = "duplicate-actor"
    case invalidActor = "invalid-actor"
    case aliasConflict = "alias-conflict"
    case unknownClaim = "unknown-claim"
    case duplicateClaim = "duplicate-claim"
    case unattributedClaim = "unattributed-claim"
    case anonymousSource = "anonymous-source"
    case vagueAttribution = "vague-attribution"
    case unattributedQuote = "unattributed-quote"
    case unlinkedMention = "unlinked-mention"
    case unusedActor = "unused-actor"
    case frontMatter = "front-matter"

    /// The severity a diagnostic of this code has unless `dossier.json` says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .syntax, .unknownActor, .duplicateActor, .unknownClaim, .duplicateClaim: .error
        case .invalidActor, .aliasConflict, .unattributedClaim, .vagueAttribution, .unattributedQuote, .frontMatter: .warning
        case .anonymousSource: .information
        case .unlinkedMention, .unusedActor: .hint
        }
    }

    /// One line on what the rule checks, for SARIF rule metadata and `dossier help`.
    public var summary: String {
        switch self {
        case .syntax: "Malformed annotation, front matter or attribute block; bad id; nested claim."
        case .unknownActor: "A mention, by, via, member-of or outlet names no actor."
        case .duplicateActor: "One actor id is defined twice."
        case .invalidActor: "An actor definition lacks a name, has an unknown kind or a malformed wikidata id."
        case .aliasConflict: "One name or alias belongs to two actors."
        case .unknownClaim: "cite= names no claim."
        case .duplicateClaim: "One claim id is defined twice."
        case .unattributedClaim: "A claim or quote with neither by nor an attributed cite."
        case .anonymousSource: "A claim attributed to an unnamed source."
        case .vagueAttribution: "Prose that attributes to no one: 'reportedly', 'it is said'…"
        case .unattributedQuote: "A quotation with no reporting cue and source nearby."
        case .unlinkedMention: "A plain-text name or alias of a known actor."
        case .unusedActor: "An actor no document refers to."
        case .frontMatter: "A bad date, URL or type in the front matter."
        }
    }
}
