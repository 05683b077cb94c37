import DossierJSON
import DossierProtocol

/// One LSP notification the server takes, declared once: its method, its params type, what it advertises, and
/// how it is handled. Notifications are handled on the reader thread, in arrival order.
protocol Notification: SendableMetatype {
    associatedtype Params: Sendable

    /// The LSP method.
    static var method: String { get }
    /// Reads the params; a mismatch throws -32602 naming the field (logged: notifications are never answered).
    static func decode(_ params: JSONReader) throws(ResponseError) -> Params
    /// Applies the notification to the server.
    static func handle(_ params: Params, _ server: LanguageServer)
    /// What the server advertises for it to this client.
    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile)
}

extension Notification {
    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {}

    /// Decodes and handles one notification.
    static func receive(_ params: JSONValue?, _ server: LanguageServer) throws(ResponseError) {
        handle(try decode(JSONReader(params, method: method)), server)
    }
}

/// Every notification the server takes besides `exit` and `$/cancelRequest`, which the lifecycle handles itself.
enum NotificationTable {
    static let notifications: [any Notification.Type] = [
        InitializedNotification.self, DidOpenNotification.self, DidChangeNotification.self, DidCloseNotification.self,
        DidSaveNotification.self, DidChangeWatchedFilesNotification.self, DidChangeConfigurationNotification.self,
        DidChangeWorkspaceFoldersNotification.self,
    ]

    /// The notifications by method.
    static let byMethod: [String: any Notification.Type] = Dictionary(uniqueKeysWithValues: notifications.map { ($0.method, $0) })
}

/// `initialized`: the client is ready for the server's own requests.
enum InitializedNotification: Notification {
    static let method = "initialized"

    static func decode(_ params: JSONReader) throws(ResponseError) {}

    static func handle(_ params: Void, _ server: LanguageServer) { server.initialized() }
}
