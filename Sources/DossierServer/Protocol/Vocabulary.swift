import DossierAnalysis
import DossierJSON
import DossierSyntax

/// LSP's numbers and names for what the analysis layer says in its own words. This file and the request and
/// notification declarations are the only places LSP constants are written.
enum LSPVocabulary {
    /// `DiagnosticSeverity`.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .information: 3
        case .hint: 4
        }
    }

    /// `DiagnosticTag.Unnecessary`: an unused actor is greyed out where the client supports it.
    static let unnecessaryTag = 1

    /// The kinds a client that declares none knows (LSP 3.17: the initial version's, File(1) through Array(18), and
    /// Text(1) through Reference(18) for completion items).
    static let initialKinds = Set(1...18)

    /// `CompletionItemKind`, within what the client declares.
    static func completionKind(_ kind: CompletionKind, supported: Set<Int>?) -> Int {
        let preferred: Int
        switch kind {
        case .actor: preferred = 18  // Reference
        case .claim: preferred = 21  // Constant
        case .attribute: preferred = 10  // Property
        case .key: preferred = 5  // Field
        case .value: preferred = 12  // Value
        case .name: preferred = 1  // Text
        }
        let fallback = preferred == 21 ? 12 : 1  // Constant → Value, anything else → Text
        return (supported ?? initialKinds).contains(preferred) ? preferred : fallback
    }

    /// `SymbolKind`, within what the client declares.
    static func symbolKind(_ category: SymbolCategory, supported: Set<Int>?) -> Int {
        let preferred: Int
        let fallback: Int
        switch category {
        case .heading: (preferred, fallback) = (15, 15)  // String
        case .claim: (preferred, fallback) = (14, 14)  // Constant
        case .quote: (preferred, fallback) = (15, 15)  // String
        case .document: (preferred, fallback) = (1, 1)  // File
        case let .actor(kind):
            switch kind {
            case .person: (preferred, fallback) = (19, 13)  // Object, else Variable
            case .organization: (preferred, fallback) = (23, 5)  // Struct, else Class
            case .country, .place: (preferred, fallback) = (4, 4)  // Package
            case .court: (preferred, fallback) = (11, 11)  // Interface
            case .outlet: (preferred, fallback) = (2, 2)  // Module
            case .group: (preferred, fallback) = (3, 3)  // Namespace
            case .document: (preferred, fallback) = (1, 1)  // File
            case .event: (preferred, fallback) = (24, 14)  // Event, else Constant
            }
        }
        return (supported ?? initialKinds).contains(preferred) ? preferred : fallback
    }

    /// `FoldingRangeKind`.
    static func foldingKind(_ kind: FoldingKind) -> String {
        switch kind {
        case .comment: "comment"
        case .region: "region"
        }
    }

    /// `CodeActionKind.QuickFix` and `RefactorRewrite`.
    static let quickFix = "quickfix"
    static let rewrite = "refactor.rewrite"

    /// The `CodeActionKind` of an action.
    static func codeActionKind(_ category: CodeActionCategory) -> String {
        switch category {
        case .quickFix: quickFix
        case .rewrite: rewrite
        }
    }

    /// `MarkupKind`.
    static let markdown = "markdown"
    static let plaintext = "plaintext"

    /// `TextDocumentSyncKind.Incremental`.
    static let incrementalSync = 2

    /// `MessageType`.
    static let warningMessage = 2

    /// `InsertTextFormat.Snippet`.
    static let snippetFormat = 2

    /// `WatchKind`: Create | Change | Delete.
    static let everyChange = 7

    /// The name of each semantic token type the server reports: an actor's kind, `claim`, `quote`.
    static func tokenTypeName(_ type: SemanticTokenType) -> String {
        switch type {
        case let .actor(kind): kind.rawValue
        case .claim: "claim"
        case .quote: "quote"
        }
    }

    /// The standard LSP token type each of ours falls back to for a client that does not list ours (stock clients
    /// list only the standard ones; the shipped editor integrations add ours).
    static func standardTokenType(_ type: SemanticTokenType) -> String {
        switch type {
        case let .actor(kind):
            switch kind {
            case .person: "variable"
            case .organization: "class"
            case .country, .place: "namespace"
            case .court: "interface"
            case .outlet: "type"
            case .group: "struct"
            case .document: "property"
            case .event: "event"
            }
        case .claim, .quote: "string"
        }
    }

    /// Every token type the server reports, in a fixed order.
    static let allTokenTypes: [SemanticTokenType] = ActorKind.allCases.map { .actor($0) } + [.claim, .quote]

    /// Completion is offered on its own after the characters that open a completion context: `@` (actors), `#`
    /// (claim ids after `cite=`, an id after `{`) and `{` (attribute blocks). Names in prose and attribute names
    /// come while typing a word, which clients ask for without a trigger.
    static let completionTriggers = ["@", "#", "{"]
}

/// Methods of the requests and notifications the server sends to the client.
enum ClientMethod {
    static let publishDiagnostics = "textDocument/publishDiagnostics"
    static let progress = "$/progress"
    static let createWorkDoneProgress = "window/workDoneProgress/create"
    static let registerCapability = "client/registerCapability"
    static let showMessage = "window/showMessage"
    static let configuration = "workspace/configuration"
    static let diagnosticRefresh = "workspace/diagnostic/refresh"
    static let codeLensRefresh = "workspace/codeLens/refresh"
    static let semanticTokensRefresh = "workspace/semanticTokens/refresh"
    static let inlayHintRefresh = "workspace/inlayHint/refresh"
}

/// The semantic token legend for one client: our own type names where the client lists them, standard ones it
/// lists otherwise, nothing for a type it knows neither way; the same for modifiers.
struct TokenLegend: Sendable {
    /// The legend's type names, each once.
    let types: [String]
    let modifiers: [String]
    private let typeIndex: [SemanticTokenType: Int]
    private let declarationBit: Int?
    private let unattributedBit: Int?

    /// The legend for a client listing `types` and `modifiers` (nil: it lists none, so it gets ours).
    init(types known: Set<String>?, modifiers knownModifiers: Set<String>?) {
        var types: [String] = []
        var typeIndex: [SemanticTokenType: Int] = [:]
        for type in LSPVocabulary.allTokenTypes {
            let own = LSPVocabulary.tokenTypeName(type), standard = LSPVocabulary.standardTokenType(type)
            guard let name = known.map({ $0.contains(own) ? own : $0.contains(standard) ? standard : nil }) ?? own else { continue }
            if let index = types.firstIndex(of: name) {
                typeIndex[type] = index
            } else {
                typeIndex[type] = types.count
                types.append(name)
            }
        }
        var modifiers: [String] = []
        for name in ["declaration", "unattributed"] where knownModifiers?.contains(name) ?? true { modifiers.append(name) }
        self.types = types
        self.modifiers = modifiers
        self.typeIndex = typeIndex
        declarationBit = modifiers.firstIndex(of: "declaration")
        unattributedBit = modifiers.firstIndex(of: "unattributed")
    }

    /// A token type's index in `types`; nil when the client knows no name for it.
    func index(of type: SemanticTokenType) -> Int? { typeIndex[type] }

    /// A modifier set as legend bits.
    func bits(_ modifiers: SemanticTokenModifiers) -> Int {
        var bits = 0
        if modifiers.contains(.declaration), let bit = declarationBit { bits |= 1 << bit }
        if modifiers.contains(.unattributed), let bit = unattributedBit { bits |= 1 << bit }
        return bits
    }
}
