import DossierJSON
import DossierProtocol
import Testing

private func decode(_ text: String) -> Result<Message, MessageDecodingError> {
    Message.decode(Array(text.utf8))
}

private func decodeFailure(_ text: String) -> MessageDecodingError? {
    if case .failure(let e) = decode(text) { return e }
    return nil
}

@Suite("JSON-RPC messages")
struct MessageTests {
    @Test func decodesRequestsAndNotifications() throws {
        #expect(try decode(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"a":1}}"#).get()
            == .request(id: 1, method: "initialize", params: ["a": 1]))
        #expect(try decode(#"{"jsonrpc":"2.0","id":"abc","method":"shutdown"}"#).get()
            == .request(id: "abc", method: "shutdown", params: nil))
        #expect(try decode(#"{"jsonrpc":"2.0","id":7,"method":"shutdown","params":null}"#).get()
            == .request(id: 7, method: "shutdown", params: nil))
        #expect(try decode(#"{"method":"initialized","params":{},"jsonrpc":"2.0"}"#).get()
            == .notification(method: "initialized", params: [:]))
        #expect(try decode(#"{"jsonrpc":"2.0","method":"x","params":[1,2]}"#).get()
            == .notification(method: "x", params: [1, 2]))
        #expect(try decode(#"{"jsonrpc":"2.0","id":-1,"method":"x"}"#).get().method == "x")
    }

    @Test(arguments: ["9007199254740993", "-1", "0", "9223372036854775807", "\"\"", "\"id-ü\"", "\"1\""])
    func idsAreEchoedExactly(id: String) throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":"# + id + #","method":"x"}"#).get()
        guard case .request(let rid, _, _) = message else {
            Issue.record("not a request")
            return
        }
        let response = Message.response(id: rid, result: .success(.null))
        #expect(String(decoding: response.encodedBody(), as: UTF8.self) == #"{"jsonrpc":"2.0","id":"# + id + #","result":null}"#)
    }

    @Test func decodesResponsesFromTheClient() throws {
        #expect(try decode(#"{"jsonrpc":"2.0","id":3,"result":[{"x":1}]}"#).get()
            == .response(id: 3, result: .success([["x": 1]])))
        #expect(try decode(#"{"jsonrpc":"2.0","id":3,"result":null}"#).get()
            == .response(id: 3, result: .success(.null)))
        #expect(try decode(#"{"jsonrpc":"2.0","id":"s","error":{"code":-32601,"message":"nope","data":[1]}}"#).get()
            == .response(id: "s", result: .failure(ResponseError(code: .methodNotFound, message: "nope", data: [1]))))
        #expect(try decode(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#).get()
            == .response(id: nil, result: .failure(.parseError("bad"))))
    }

    @Test func notJSONIsParseError() throws {
        let e = try #require(decodeFailure(#"{"jsonrpc":"2.0","id":1,"method":"x""#))
        #expect(e.error.code == .parseError)
        #expect(e.error.code.rawValue == -32700)
        #expect(e.id == nil)
        #expect(e.error.message.contains("at byte"))
        #expect(e.response == .response(id: nil, result: .failure(e.error)))
        #expect(decodeFailure("")?.error.code == .parseError)
        #expect(decodeFailure("\u{FF}")?.error.code == .parseError)
    }

    @Test(arguments: [
        ("[]", nil as RequestID?, "batch"),
        (#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#, nil, "batch"),
        ("\"text\"", nil, "must be a JSON object"),
        ("42", nil, "must be a JSON object"),
        ("null", nil, "must be a JSON object"),
        (#"{"id":1,"method":"x"}"#, 1, "missing \"jsonrpc\""),
        (#"{"jsonrpc":"1.0","id":"a","method":"x"}"#, "a", "must be \"2.0\""),
        (#"{"jsonrpc":2.0,"id":2,"method":"x"}"#, 2, "must be \"2.0\""),
        (#"{"jsonrpc":"2.0","id":3,"method":7}"#, 3, "\"method\" must be a string"),
        (#"{"jsonrpc":"2.0","id":4,"method":null}"#, 4, "\"method\" must be a string"),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, nil, "\"id\" must be an integer or a string"),
        (#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, nil, "\"id\" must be"),
        (#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#, nil, "\"id\" must be"),
        (#"{"jsonrpc":"2.0","id":null,"method":"x"}"#, nil, "\"id\" must be"),
        (#"{"jsonrpc":"2.0","id":5,"method":"x","params":"s"}"#, 5, "\"params\" must be"),
        (#"{"jsonrpc":"2.0","method":"x","params":3}"#, nil, "\"params\" must be"),
        (#"{"jsonrpc":"2.0"}"#, nil, "neither \"method\" nor \"id\""),
    ])
    func invalidRequests(text: String, id: RequestID?, reason: String) throws {
        let e = try #require(decodeFailure(text), "\(text) should be rejected")
        #expect(e.error.code == .invalidRequest)
        #expect(e.error.code.rawValue == -32600)
        #expect(e.id == id)
        #expect(e.error.message.contains(reason), "\(e.error.message)")
        #expect(!e.isResponse)
        #expect(e.response == .response(id: id, result: .failure(e.error)))
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1}"#, "neither \"result\" nor \"error\""),
        (#"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}"#, "both"),
        (#"{"jsonrpc":"2.0","id":1,"error":"boom"}"#, "\"error\" must be an object"),
        (#"{"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"m"}}"#, "\"error\" must be an object"),
        (#"{"id":1,"result":1}"#, "jsonrpc"),
    ])
    func invalidResponsesAreNotAnswered(text: String, reason: String) throws {
        let e = try #require(decodeFailure(text))
        #expect(e.error.code == .invalidRequest)
        #expect(e.isResponse)
        #expect(e.response == nil)
        #expect(e.error.message.contains(reason))
    }

    @Test func encoding() {
        func text(_ m: Message) -> String { String(decoding: m.encodedBody(), as: UTF8.self) }
        #expect(text(.response(id: 1, result: .success(.null))) == #"{"jsonrpc":"2.0","id":1,"result":null}"#)
        #expect(text(.response(id: "x", result: .success(["a": [1]]))) == #"{"jsonrpc":"2.0","id":"x","result":{"a":[1]}}"#)
        #expect(text(.response(id: 2, result: .failure(.methodNotFound("foo/bar"))))
            == #"{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"method not found: foo/bar"}}"#)
        #expect(text(.response(id: nil, result: .failure(ResponseError(code: .parseError, message: "m", data: ["d": true]))))
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"m","data":{"d":true}}}"#)
        #expect(text(.request(id: 9, method: "workspace/configuration", params: ["items": []]))
            == #"{"jsonrpc":"2.0","id":9,"method":"workspace/configuration","params":{"items":[]}}"#)
        #expect(text(.notification(method: "exit", params: nil)) == #"{"jsonrpc":"2.0","method":"exit"}"#)
        let framed = Message.notification(method: "exit", params: nil).framed()
        #expect(String(decoding: framed, as: UTF8.self) == "Content-Length: 33\r\n\r\n" + #"{"jsonrpc":"2.0","method":"exit"}"#)
    }

    @Test func encodeDecodeRoundTrip() throws {
        let messages: [Message] = [
            .request(id: 1, method: "a", params: ["x": [1, 2.5, "s", nil, true]]),
            .request(id: "id", method: "b", params: [1]),
            .notification(method: "c", params: nil),
            .response(id: 5, result: .success("ok")),
            .response(id: "q", result: .failure(.requestCancelled)),
            .response(id: 6, result: .failure(ResponseError(code: 123, message: "custom", data: [1]))),
        ]
        for m in messages {
            #expect(try Message.decode(m.encodedBody()).get() == m)
        }
    }

    @Test func standardErrorCodes() {
        let codes: [(ErrorCode, Int)] = [
            (.parseError, -32700), (.invalidRequest, -32600), (.methodNotFound, -32601), (.invalidParams, -32602),
            (.internalError, -32603), (.serverNotInitialized, -32002), (.unknownErrorCode, -32001),
            (.requestCancelled, -32800), (.contentModified, -32801), (.serverCancelled, -32802), (.requestFailed, -32803),
        ]
        for (code, value) in codes { #expect(code.rawValue == value) }
        #expect(ResponseError.serverNotInitialized.code == .serverNotInitialized)
        #expect(ResponseError.contentModified.code.rawValue == -32801)
        #expect(ResponseError.invalidParams("p").json == ["code": -32602, "message": "p"])
        #expect(ResponseError.internalError("i").code == .internalError)
        #expect(ResponseError.requestFailed("f").code == .requestFailed)
        #expect(RequestID(json: 1.0) == nil)
        #expect(RequestID(json: "a") == "a")
        #expect(RequestID.integer(3).description == "3")
        #expect(RequestID.string("a").description == "\"a\"")
    }
}
