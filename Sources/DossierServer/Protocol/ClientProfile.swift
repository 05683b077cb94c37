import DossierJSON
import DossierSyntax

/// What the client declared it can take, read once from `initialize` and consulted by every handler: the server
/// sends only what the client said it understands (LSP 3.17, `ClientCapabilities`).
struct ClientProfile: Sendable {
    /// How diagnostics reach the client: one channel per client, never both.
    enum DiagnosticsChannel: Sendable {
        /// `textDocument/publishDiagnostics`.
        case push
        /// `textDocument/diagnostic` and `workspace/diagnostic`, with `workspace/diagnostic/refresh`.
        case pull
    }

    var positionEncoding = PositionEncoding.utf16
    var diagnosticsChannel = DiagnosticsChannel.push

    // Diagnostics
    var diagnosticVersion = false
    var relatedInformation = false
    var diagnosticTags: Set<Int> = []
    var diagnosticData = false

    // Markup
    var hoverMarkup = MarkupFormat.string
    var completionDocumentationMarkup = MarkupFormat.string

    // Completion
    var snippets = false
    var labelDetails = false
    var itemDefaultsEditRange = false
    var completionResolvesDocumentation = false
    var completionKinds: Set<Int>?

    // Symbols
    var hierarchicalDocumentSymbols = false
    var documentSymbolKinds: Set<Int>?
    var workspaceSymbolKinds: Set<Int>?

    // Other features the client may lack entirely
    var rename = false
    var prepareRename = false
    var codeActionLiterals = false
    var codeActionIsPreferred = false
    var codeActionResolvesEdit = false
    var codeActionData = false
    var codeLens = false
    var documentLinks = false
    var documentLinkTooltip = false
    var foldingRanges = false
    var foldingKinds: Set<String>?
    var lineFoldingOnly = false
    var semanticTokens = false
    var semanticTokensRange = false
    /// The semantic token legend for this client: only types and modifiers it lists.
    var tokenLegend = TokenLegend(types: nil, modifiers: nil)
    var inlayHints = false

    // Workspace edits and server-to-client requests
    var documentChanges = false
    var workDoneProgress = false
    var registersFileWatchers = false
    var relativePatterns = false
    var pullsConfiguration = false
    var workspaceFolders = false
    var codeLensRefresh = false
    var semanticTokensRefresh = false
    var inlayHintRefresh = false

    /// A profile that takes nothing optional (what a client sending no capabilities gets).
    init() {}

    /// The profile of a client from its `initialize` capabilities.
    init(_ capabilities: JSONValue?) {
        let c = capabilities ?? .null
        let general = c["general"], text = c["textDocument"], workspace = c["workspace"], window = c["window"]
        func flag(_ value: JSONValue?) -> Bool { value?.boolValue == true }
        func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
        func numbers(_ value: JSONValue?) -> Set<Int>? { value?.arrayValue.map { Set($0.compactMap(\.intValue)) } }

        let offered = strings(general?["positionEncodings"])
        positionEncoding = offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16

        let declaresPull = text?["diagnostic"].map { !$0.isNull } ?? false
        diagnosticsChannel = declaresPull && flag(workspace?["diagnostics"]?["refreshSupport"]) ? .pull : .push
        let publish = text?["publishDiagnostics"]
        diagnosticVersion = flag(publish?["versionSupport"])
        relatedInformation = flag(publish?["relatedInformation"])
        diagnosticTags = numbers(publish?["tagSupport"]?["valueSet"]) ?? []
        diagnosticData = flag(publish?["dataSupport"])

        hoverMarkup = MarkupFormat(declared: strings(text?["hover"]?["contentFormat"]))
        let item = text?["completion"]?["completionItem"]
        completionDocumentationMarkup = MarkupFormat(declared: strings(item?["documentationFormat"]))
        snippets = flag(item?["snippetSupport"])
        labelDetails = flag(item?["labelDetailsSupport"])
        itemDefaultsEditRange = strings(text?["completion"]?["completionList"]?["itemDefaults"]).contains("editRange")
        completionResolvesDocumentation = strings(item?["resolveSupport"]?["properties"]).contains("documentation")
        completionKinds = numbers(text?["completion"]?["completionItemKind"]?["valueSet"])

        hierarchicalDocumentSymbols = flag(text?["documentSymbol"]?["hierarchicalDocumentSymbolSupport"])
        documentSymbolKinds = numbers(text?["documentSymbol"]?["symbolKind"]?["valueSet"])
        workspaceSymbolKinds = numbers(workspace?["symbol"]?["symbolKind"]?["valueSet"])

        rename = text?["rename"] != nil
        prepareRename = flag(text?["rename"]?["prepareSupport"])
        let codeAction = text?["codeAction"]
        codeActionLiterals = codeAction?["codeActionLiteralSupport"] != nil
        codeActionIsPreferred = flag(codeAction?["isPreferredSupport"])
        codeActionResolvesEdit = strings(codeAction?["resolveSupport"]?["properties"]).contains("edit")
        codeActionData = flag(codeAction?["dataSupport"])
        codeLens = text?["codeLens"] != nil
        documentLinks = text?["documentLink"] != nil
        documentLinkTooltip = flag(text?["documentLink"]?["tooltipSupport"])
        foldingRanges = text?["foldingRange"] != nil
        foldingKinds = text?["foldingRange"]?["foldingRangeKind"]?["valueSet"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        lineFoldingOnly = flag(text?["foldingRange"]?["lineFoldingOnly"])
        let tokens = text?["semanticTokens"]
        semanticTokens = tokens != nil && strings(tokens?["formats"]).contains("relative") && tokens?["requests"]?["full"].map { $0 != .bool(false) } == true
        semanticTokensRange = semanticTokens && tokens?["requests"]?["range"].map { $0 != .bool(false) } == true
        tokenLegend = TokenLegend(
            types: tokens?["tokenTypes"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) },
            modifiers: tokens?["tokenModifiers"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) })
        inlayHints = text?["inlayHint"] != nil

        documentChanges = flag(workspace?["workspaceEdit"]?["documentChanges"])
        workDoneProgress = flag(window?["workDoneProgress"])
        registersFileWatchers = flag(workspace?["didChangeWatchedFiles"]?["dynamicRegistration"])
        relativePatterns = flag(workspace?["didChangeWatchedFiles"]?["relativePatternSupport"])
        pullsConfiguration = flag(workspace?["configuration"])
        workspaceFolders = flag(workspace?["workspaceFolders"])
        codeLensRefresh = flag(workspace?["codeLens"]?["refreshSupport"])
        semanticTokensRefresh = flag(workspace?["semanticTokens"]?["refreshSupport"])
        inlayHintRefresh = flag(workspace?["inlayHint"]?["refreshSupport"])
    }

    /// Whether to tag diagnostics with `tag` (1 Unnecessary, 2 Deprecated).
    func supportsDiagnosticTag(_ tag: Int) -> Bool { diagnosticTags.contains(tag) }
}

/// How documentation and hover text reach a client: `MarkupContent` in a format it declared, or a plain string when
/// it declared none.
enum MarkupFormat: Sendable {
    case markdown
    case plaintext
    case string

    init(declared: [String]) {
        if declared.contains(LSPVocabulary.markdown) {
            self = .markdown
        } else if declared.contains(LSPVocabulary.plaintext) {
            self = .plaintext
        } else {
            self = .string
        }
    }
}
