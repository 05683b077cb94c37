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

/// A document the client has open: its text (in the snapshot) overrides the file on disk.
struct OpenDocument: Sendable {
    /// The client's version of the text now in the snapshot: set together with the snapshot, so a diagnostics
    /// run never stamps a version on text it did not check.
    var version: Int
    /// The workspace holding it (a key of `ServerState.workspaces`).
    var workspace: String
    /// The text as the client has it (a byte-order mark included, which the document leaves out), which
    /// `didChange` positions refer to.
    var bytes: [UInt8]
}

/// Everything mutable in the server, guarded by one lock. Nothing does I/O while holding it: handlers copy what
/// they need (`requestContext()`), and sends go through the connection's queue outside the lock.
struct ServerState: Sendable {
    var phase = LifecyclePhase.uninitialized
    var client = ClientProfile()
    /// The folders the client opened (absolute paths), in its order.
    var clientFolders: [String] = []
    /// The workspaces by key: a root folder, or `""` for files opened outside every workspace.
    var workspaces: [String: WorkspaceState] = [:]
    var open: [DocumentID: OpenDocument] = [:]
    /// Settings layered over each `dossier.json`: `initializationOptions`, then pushed configuration.
    var initializationOptions: JSONValue?
    var settings: JSONValue?
    /// Requests in flight: an entry exists until the request is answered (the task is set once created).
    var running: [RequestID: Task<Void, Never>?] = [:]
    /// Bumped by every message: memory release tells a quiet server from a busy one by it.
    var activity = 0
    /// Diagnostics to deliver, and what was delivered.
    var publishing = PublishingState()
    /// Workspaces waiting for their first indexing, in order; the indexer takes them one at a time.
    var indexQueue: [String] = []
    var indexerRunning = false
    /// Whether the client was asked to watch files for the server.
    var watchingThroughClient = false

    /// What a request started now reads.
    func requestContext() -> RequestContext {
        RequestContext(
            client: client, workspaces: workspaces.values.map(\.view).sorted { $0.key < $1.key },
            versions: open.mapValues(\.version))
    }

    /// The open documents of workspace `key`.
    func openDocuments(in key: String) -> [DocumentID] {
        open.compactMap { $0.value.workspace == key ? $0.key : nil }
    }

    /// Whether every workspace has finished its first indexing.
    var indexed: Bool { workspaces.values.allSatisfy { !$0.indexing } }
}

/// One workspace: a folder with its configuration and snapshot (SPEC 4: every folder holding a `dossier.json` is a
/// workspace of its own), or the loose files opened outside every workspace.
struct WorkspaceState: Sendable {
    /// The key in `ServerState.workspaces`: the root, or `""` for loose files.
    let key: String
    /// The folder; nil for loose files.
    let root: String?
    var snapshot: WorkspaceSnapshot
    /// `dossier.json` as read from disk, its problems and bytes (to place them).
    var fileConfiguration = Configuration()
    var fileProblems: [ConfigurationProblem] = []
    var configurationBytes: [UInt8]?
    /// The problems of `dossier.json` and of the settings layered over it.
    var configurationProblems: [ConfigurationProblem] = []
    /// Settings the client gave for this folder (`workspace/configuration`), over the shared layers.
    var folderSettings: JSONValue?
    /// True until the first indexing of the folder ends: no finding is computed against a partial index.
    var indexing: Bool
    /// Renewed whenever a change may alter other documents' findings (a registry change, a configuration change,
    /// the end of indexing): diagnostics of open documents are re-checked, and pull result ids change with it.
    var crossGeneration = Generation.next()
    /// Renewed per installed document version (documents read by the indexing have none): a pull result id is the
    /// pair of the two.
    var documentSerials: [DocumentID: Int] = [:]

    /// A workspace at `root` (nil for loose files), empty until indexed.
    init(root: String?, configuration: Configuration) {
        key = root ?? ""
        self.root = root
        snapshot = WorkspaceSnapshot(configuration: configuration)
        indexing = root != nil
    }

    /// Which paths belong to it (nil for loose files, which hold only open documents).
    var membership: WorkspaceMembership? {
        root.map { WorkspaceMembership(root: $0, exclude: snapshot.configuration.exclude) }
    }

    /// Installs a new version of a document (nil removes it); returns the other documents whose findings may
    /// change: all of them (`nil`), or those listed.
    @discardableResult
    mutating func install(_ document: Document?, id: DocumentID) -> Set<DocumentID>? {
        let old = snapshot.documents[id]
        guard old != nil || document != nil else { return [] }
        let before = snapshot
        snapshot = document.map { snapshot.replacing($0) } ?? snapshot.removing(id)
        documentSerials[id] = document == nil ? nil : Generation.next()
        switch WorkspaceSnapshot.crossDocumentEffect(from: old, to: document, before: before, after: snapshot) {
        case .none:
            return []
        case .definitions:
            crossGeneration = Generation.next()
            return nil
        case .referencesTo(let actors):
            // Only the documents defining those actors read it; their pull result ids change, the others' stay.
            let defining = Set(actors.flatMap { snapshot.actorSites[$0]?.map(\.document) ?? [] }).subtracting([id])
            for other in defining where documentSerials[other] != nil || snapshot.documents[other] != nil {
                documentSerials[other] = Generation.next()
            }
            return defining
        }
    }

    /// The immutable part a request reads.
    var view: WorkspaceView {
        WorkspaceView(
            key: key, root: root, snapshot: snapshot, indexed: !indexing, crossGeneration: crossGeneration,
            documentSerials: documentSerials, configurationBytes: configurationBytes, configurationProblems: configurationProblems)
    }
}

/// A workspace as a request sees it.
struct WorkspaceView: Sendable {
    let key: String
    let root: String?
    let snapshot: WorkspaceSnapshot
    let indexed: Bool
    let crossGeneration: Int
    let documentSerials: [DocumentID: Int]
    let configurationBytes: [UInt8]?
    let configurationProblems: [ConfigurationProblem]
}

/// What a request handler reads: immutable snapshots of every workspace, the client's profile and the open
/// documents' versions, all taken under one lock at one moment.
struct RequestContext: Sendable {
    let client: ClientProfile
    let workspaces: [WorkspaceView]
    let versions: [DocumentID: Int]

    var encoding: PositionEncoding { client.positionEncoding }

    /// The workspace holding document `id`.
    func workspace(of id: DocumentID) -> WorkspaceView? {
        workspaces.first { $0.snapshot.documents[id] != nil }
    }

    /// Document `id` and the snapshot it lives in.
    func document(_ id: DocumentID) -> (document: Document, snapshot: WorkspaceSnapshot)? {
        for workspace in workspaces {
            if let document = workspace.snapshot.documents[id] { return (document, workspace.snapshot) }
        }
        return nil
    }

    /// An LSP range for `range` of `document`.
    func range(_ range: ByteRange, in document: Document) -> JSONValue {
        LSPValues.range(document.syntax.lines.range(of: range, in: encoding))
    }

    /// An LSP location; nil when the document is unknown.
    func location(_ location: Location) -> JSONValue? {
        guard let (document, _) = document(location.document) else { return nil }
        return ["uri": .string(location.document.rawValue), "range": range(location.range, in: document)]
    }

    /// The byte offset of an LSP position in `document` (clamped).
    func offset(_ position: TextPosition, in document: Document) -> Int {
        document.syntax.lines.offset(of: position, in: encoding)
    }
}
