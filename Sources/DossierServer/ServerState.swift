import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax
import DossierWorkspace

/// Where the server is in the LSP lifecycle.
enum LifecyclePhase: Sendable {
    case uninitialized
    case running
    case shutdown
    case exited
}

/// An editor buffer the client has opened: its text overrides the file on disk.
struct OpenBuffer: Sendable {
    var bytes: [UInt8]
    var version: Int
}

/// Everything mutable in the server, guarded by one lock; requests copy what they need.
struct ServerState: Sendable {
    var phase = LifecyclePhase.uninitialized
    var encoding = PositionEncoding.utf16
    var root: String?
    var clientCapabilities: JSONValue = .null
    /// The client resolves completion documentation lazily (`completionItem/resolve`), so lists
    /// can leave it out: a list of 50 actors with their cards is otherwise tens of kilobytes.
    var resolvesCompletionDocumentation = false
    /// The client takes a completion list's shared edit range once (`itemDefaults.editRange`, LSP
    /// 3.17) instead of a `textEdit` per item.
    var completionListEditRange = false
    var snapshot = WorkspaceSnapshot()
    /// Bumped on every snapshot change; publications carry it to stay in order.
    var generation = 0
    var open: [DocumentID: OpenBuffer] = [:]
    /// dossier.json as read from disk.
    var fileConfiguration = Configuration()
    var fileProblems: [ConfigurationProblem] = []
    var configurationBytes: [UInt8]?
    var initializationOptions: JSONValue?
    var settings: JSONValue?
    /// Requests in flight: an entry exists until the request is answered (the task is set once created).
    var running: [RequestID: Task<Void, Never>?] = [:]
    var dirty: Set<DocumentID> = []
    /// When the oldest unpublished change arrived: a steady stream of edits may delay its
    /// diagnostics by at most `LanguageServer.publishMaxWait`, not forever.
    var dirtySince: ContinuousClock.Instant?
    var publishTask: Task<Void, Never>?
    /// When the last change that needs diagnostics arrived: a change within `debounce` of it is
    /// part of a burst and waits; one after a quiet spell is checked at once.
    var lastChangeAt: ContinuousClock.Instant?
    /// Bumped by every message: memory release tells a quiet server from a busy one by it.
    var activity = 0
    /// `activity` when freed memory was last released.
    var releasedActivity = 0
    var releaseTask: Task<Void, Never>?
    var lastPublished: [DocumentID: Int] = [:]
    var indexing = false
    /// Set once the files near the open documents (or the first chunk) are indexed.
    var firstChunkIndexed = false
    var configurationURIPublished = false

    /// What a request started now reads.
    func requestContext() -> RequestContext {
        RequestContext(
            snapshot: snapshot, encoding: encoding, versions: open.mapValues(\.version), root: root,
            resolvesCompletionDocumentation: resolvesCompletionDocumentation, completionListEditRange: completionListEditRange)
    }

    /// dossier.json, then `initializationOptions`, then `workspace/didChangeConfiguration` settings.
    func effectiveConfiguration() -> (Configuration, [ConfigurationProblem]) {
        var configuration = fileConfiguration
        var problems = fileProblems
        for layer in [initializationOptions, settings] {
            guard let layer, !layer.isNull else { continue }
            let (applied, extra) = ConfigurationParser.apply(layer, to: configuration)
            configuration = applied
            problems += extra
        }
        return (configuration, problems)
    }
}

/// What a request handler reads: an immutable snapshot and the negotiated encoding.
struct RequestContext: Sendable {
    let snapshot: WorkspaceSnapshot
    let encoding: PositionEncoding
    let versions: [DocumentID: Int]
    let root: String?
    let resolvesCompletionDocumentation: Bool
    let completionListEditRange: Bool

    func document(_ id: DocumentID) -> Document? { snapshot.documents[id] }

    /// An LSP range for `range` of `document`.
    func range(_ range: ByteRange, in document: Document) -> JSONValue {
        LSP.range(document.syntax.lines.range(of: range, in: encoding))
    }

    /// An LSP location; nil when the document is unknown.
    func location(_ id: DocumentID, _ range: ByteRange) -> JSONValue? {
        guard let document = document(id) else { return nil }
        return ["uri": .string(id.rawValue), "range": self.range(range, in: document)]
    }

    /// The byte offset of an LSP position in `document` (clamped).
    func offset(_ position: TextPosition, in document: Document) -> Int {
        document.syntax.lines.offset(of: position, in: encoding)
    }
}
