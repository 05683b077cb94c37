import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax
import DossierWorkspace

/// Reads request params field by field; every mismatch is a -32602 whose message names the method and the field
/// (`textDocument/hover: position.line must be an integer`).
struct JSONReader {
    let value: JSONValue?
    /// The method whose params these are, for messages.
    let method: String
    /// The field path so far (`position.line`).
    let path: String

    /// A reader of a message's params.
    init(_ value: JSONValue?, method: String) {
        self.init(value, method: method, path: "")
    }

    private init(_ value: JSONValue?, method: String, path: String) {
        self.value = value
        self.method = method
        self.path = path
    }

    /// The member `key` (absent when this is not an object or has no such key).
    subscript(key: String) -> JSONReader {
        JSONReader(value?[key], method: method, path: path.isEmpty ? key : path + "." + key)
    }

    /// Whether the value is absent or null.
    var isAbsent: Bool { value == nil || value == .null }

    /// The error for this field.
    func invalid(_ expectation: String) -> ResponseError {
        .invalidParams("\(method): \(path.isEmpty ? "params" : path) \(expectation)")
    }

    func object() throws(ResponseError) -> JSONObject {
        guard let object = value?.objectValue else { throw invalid("must be an object") }
        return object
    }

    func string() throws(ResponseError) -> String {
        guard let string = value?.stringValue else { throw invalid("must be a string") }
        return string
    }

    func int() throws(ResponseError) -> Int {
        guard let int = value?.intValue else { throw invalid("must be an integer") }
        return int
    }

    func bool() throws(ResponseError) -> Bool {
        guard let bool = value?.boolValue else { throw invalid("must be a boolean") }
        return bool
    }

    func array() throws(ResponseError) -> [JSONReader] {
        guard let array = value?.arrayValue else { throw invalid("must be an array") }
        return array.indices.map { JSONReader(array[$0], method: method, path: "\(path)[\($0)]") }
    }

    /// Each element of an array read by `read`.
    func elements<T>(_ read: (JSONReader) throws(ResponseError) -> T) throws(ResponseError) -> [T] {
        var result: [T] = []
        for element in try array() { result.append(try read(element)) }
        return result
    }

    /// The value read by `read`, or nil when absent or null.
    func optional<T>(_ read: (JSONReader) throws(ResponseError) -> T) throws(ResponseError) -> T? {
        isAbsent ? nil : try read(self)
    }

    /// An LSP `Position` (negative numbers clamp to 0).
    func position() throws(ResponseError) -> TextPosition {
        _ = try object()
        return TextPosition(line: max(0, try self["line"].int()), character: max(0, try self["character"].int()))
    }

    /// An LSP `Range`.
    func range() throws(ResponseError) -> TextRange {
        _ = try object()
        return TextRange(start: try self["start"].position(), end: try self["end"].position())
    }

    /// A `TextDocumentIdentifier`'s uri, normalised into a document id.
    func documentID() throws(ResponseError) -> DocumentID {
        _ = try object()
        return DocumentID(FileURI.normalized(try self["uri"].string()))
    }
}
