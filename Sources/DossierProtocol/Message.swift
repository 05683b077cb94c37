import DossierJSON

/// A JSON-RPC request id: an integer or a string, echoed back exactly.
public enum RequestID: Sendable, Hashable, CustomStringConvertible {
    /// An integer id.
    case integer(Int64)
    /// A string id.
    case string(String)

    /// Reads an id from JSON; nil for any other type (including `null` and non-integral numbers).
    public init?(json: JSONValue) {
        switch json {
        case .integer(let i): self = .integer(i)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    /// The id as JSON.
    public var json: JSONValue {
        switch self {
        case .integer(let i): return .integer(i)
        case .string(let s): return .string(s)
        }
    }

    /// The id as it appears in JSON (`7` or `"abc"`).
    public var description: String { json.serialized() }
}

extension RequestID: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// An integer id literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A string id literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

/// A JSON-RPC error code.
public struct ErrorCode: RawRepresentable, Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The numeric code.
    public var rawValue: Int
    /// Wraps a numeric code.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Wraps a numeric code literal.
    public init(integerLiteral value: Int) { self.rawValue = value }
    /// The number.
    public var description: String { String(rawValue) }

    /// -32700: the body is not valid JSON.
    public static let parseError: ErrorCode = -32700
    /// -32600: the JSON is not a valid request object.
    public static let invalidRequest: ErrorCode = -32600
    /// -32601: the method does not exist.
    public static let methodNotFound: ErrorCode = -32601
    /// -32602: invalid method parameters.
    public static let invalidParams: ErrorCode = -32602
    /// -32603: internal error.
    public static let internalError: ErrorCode = -32603
    /// -32002: a request arrived before `initialize`.
    public static let serverNotInitialized: ErrorCode = -32002
    /// -32001: unknown error code (LSP).
    public static let unknownErrorCode: ErrorCode = -32001
    /// -32800: the request was cancelled.
    public static let requestCancelled: ErrorCode = -32800
    /// -32801: the document changed while the request ran.
    public static let contentModified: ErrorCode = -32801
    /// -32802: the server cancelled the request.
    public static let serverCancelled: ErrorCode = -32802
    /// -32803: the request failed although it was valid.
    public static let requestFailed: ErrorCode = -32803
}

/// The error member of a JSON-RPC response.
public struct ResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code.
    public var code: ErrorCode
    /// A short human-readable message.
    public var message: String
    /// Optional extra data.
    public var data: JSONValue?

    /// Creates an error.
    public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// "message (code N)".
    public var description: String { "\(message) (code \(code.rawValue))" }

    /// The error as a JSON object `{"code":…,"message":…,"data":…}`.
    public var json: JSONValue {
        var o: JSONObject = ["code": .int(code.rawValue), "message": .string(message)]
        if let data { o["data"] = data }
        return .object(o)
    }

    /// Reads an error object; nil unless it has an integer `code` and a string `message`.
    public init?(json: JSONValue) {
        guard let code = json["code"]?.intValue, let message = json["message"]?.stringValue else { return nil }
        self.init(code: ErrorCode(rawValue: code), message: message, data: json["data"])
    }

    /// -32700 with a message.
    public static func parseError(_ message: String) -> ResponseError { .init(code: .parseError, message: message) }
    /// -32600 with a message.
    public static func invalidRequest(_ message: String) -> ResponseError { .init(code: .invalidRequest, message: message) }
    /// -32601 "method not found: <method>".
    public static func methodNotFound(_ method: String) -> ResponseError {
        .init(code: .methodNotFound, message: "method not found: \(method)")
    }
    /// -32602 with a message.
    public static func invalidParams(_ message: String) -> ResponseError { .init(code: .invalidParams, message: message) }
    /// -32603 with a message.
    public static func internalError(_ message: String) -> ResponseError { .init(code: .internalError, message: message) }
    /// -32002 "server not initialized".
    public static let serverNotInitialized = ResponseError(code: .serverNotInitialized, message: "server not initialized")
    /// -32800 "request cancelled".
    public static let requestCancelled = ResponseError(code: .requestCancelled, message: "request cancelled")
    /// -32801 "content modified".
    public static let contentModified = ResponseError(code: .contentModified, message: "content modified")
    /// -32803 with a message.
    public static func requestFailed(_ message: String) -> ResponseError { .init(code: .requestFailed, message: message) }
}

/// A JSON-RPC 2.0 message.
public enum Message: Sendable, Hashable {
    /// A call that expects a response.
    case request(id: RequestID, method: String, params: JSONValue?)
    /// A call without response.
    case notification(method: String, params: JSONValue?)
    /// The answer to a request; `id` is nil only for errors about unreadable requests.
    case response(id: RequestID?, result: Result<JSONValue, ResponseError>)

    /// The method of a request or notification.
    public var method: String? {
        switch self {
        case .request(_, let method, _), .notification(let method, _): return method
        case .response: return nil
        }
    }
}

/// Why a message body could not be decoded, with what is needed to answer it.
public struct MessageDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error to send back (-32700 parse error or -32600 invalid request).
    public var error: ResponseError
    /// The request id, when one could be read.
    public var id: RequestID?
    /// True when the message looked like a response (no `method`): such messages must not be answered.
    public var isResponse: Bool

    /// Creates a decoding error.
    public init(error: ResponseError, id: RequestID? = nil, isResponse: Bool = false) {
        self.error = error
        self.id = id
        self.isResponse = isResponse
    }

    /// The error response to send to the peer, or nil when the message was a response.
    public var response: Message? {
        isResponse ? nil : .response(id: id, result: .failure(error))
    }

    /// Human-readable summary.
    public var description: String {
        "\(error.message) (code \(error.code.rawValue)\(id.map { ", id \($0)" } ?? ""))"
    }
}

// MARK: - Decoding

extension Message {
    /// Decodes a message body (the bytes after the header).
    public static func decode(_ body: [UInt8]) -> Result<Message, MessageDecodingError> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            return .failure(MessageDecodingError(error: .parseError("parse error: \(error.message) at byte \(error.offset)")))
        }
        return decode(json: json)
    }

    /// Classifies an already parsed JSON value as a message (`"params": null` counts as absent).
    public static func decode(json: JSONValue) -> Result<Message, MessageDecodingError> {
        guard case .object(let object) = json else {
            let what = json.arrayValue != nil ? "batch messages are not supported" : "message must be a JSON object, found \(json.typeName)"
            return .failure(MessageDecodingError(error: .invalidRequest("invalid request: \(what)")))
        }
        let hasMethod = object["method"] != nil
        let rawID = object["id"]
        let id = rawID.flatMap(RequestID.init(json:))
        // Answering a broken response could be mistaken by the peer for the answer to one of its own requests.
        let looksLikeResponse = !hasMethod && (rawID != nil || object["result"] != nil || object["error"] != nil)
        func invalid(_ reason: String) -> Result<Message, MessageDecodingError> {
            .failure(MessageDecodingError(error: .invalidRequest("invalid request: \(reason)"), id: id, isResponse: looksLikeResponse))
        }

        guard let version = object["jsonrpc"] else { return invalid("missing \"jsonrpc\": \"2.0\"") }
        guard version == .string("2.0") else { return invalid("\"jsonrpc\" must be \"2.0\", found \(version)") }
        if let rawID, id == nil, !(rawID.isNull && !hasMethod) {
            return invalid("\"id\" must be an integer or a string, found \(rawID.typeName)")
        }

        if let methodValue = object["method"] {
            guard case .string(let method) = methodValue else {
                return invalid("\"method\" must be a string, found \(methodValue.typeName)")
            }
            var params = object["params"]
            switch params {
            case nil, .array?, .object?: break
            case .null?: params = nil
            case let other?: return invalid("\"params\" must be an object or an array, found \(other.typeName)")
            }
            if let id {
                return .success(.request(id: id, method: method, params: params))
            }
            return .success(.notification(method: method, params: params))
        }

        // A response.
        guard rawID != nil else { return invalid("message has neither \"method\" nor \"id\"") }
        let result = object["result"]
        let errorValue = object["error"]
        switch (result, errorValue) {
        case (let result?, nil), (let result?, .null?):
            return .success(.response(id: id, result: .success(result)))
        case (nil, let errorValue?), (.null?, let errorValue?):
            guard let error = ResponseError(json: errorValue) else {
                return invalid("\"error\" must be an object with an integer \"code\" and a string \"message\"")
            }
            return .success(.response(id: id, result: .failure(error)))
        case (nil, nil):
            return invalid("response has neither \"result\" nor \"error\"")
        case (_?, _?):
            return invalid("response has both \"result\" and \"error\"")
        }
    }
}

// MARK: - Encoding

extension Message {
    /// The message as a JSON object, with `"jsonrpc":"2.0"` first.
    public var json: JSONValue {
        var o = JSONObject(minimumCapacity: 4)
        o["jsonrpc"] = "2.0"
        switch self {
        case .request(let id, let method, let params):
            o["id"] = id.json
            o["method"] = .string(method)
            if let params { o["params"] = params }
        case .notification(let method, let params):
            o["method"] = .string(method)
            if let params { o["params"] = params }
        case .response(let id, let result):
            o["id"] = id?.json ?? .null
            switch result {
            case .success(let value): o["result"] = value
            case .failure(let error): o["error"] = error.json
            }
        }
        return .object(o)
    }

    /// The compact JSON body.
    public func encodedBody() -> [UInt8] {
        json.serializedBytes()
    }

    /// The body with its `Content-Length` header, ready to write.
    public func framed() -> [UInt8] {
        MessageFramer.frame(encodedBody())
    }
}
