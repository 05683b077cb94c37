import DossierJSON
import Foundation
import Testing

private struct Position: Codable, Equatable {
    var line: Int
    var character: Int
}

private struct Range: Codable, Equatable {
    var start: Position
    var end: Position
}

private enum Severity: Int, Codable {
    case error = 1, warning, information, hint
}

private struct Diagnostic: Codable, Equatable {
    var range: Range
    var severity: Severity?
    var code: String?
    var message: String
    var tags: [Int]?
    var data: JSONValue?
}

private struct TextEdit: Codable, Equatable {
    var range: Range
    var newText: String
}

private struct WorkspaceEdit: Codable, Equatable {
    var changes: [String: [TextEdit]]
}

private struct Numbers: Codable, Equatable {
    var i8: Int8, u8: UInt8, i16: Int16, u16: UInt16, i32: Int32, u32: UInt32
    var i64: Int64, u64: UInt64, u: UInt, f: Float, d: Double, b: Bool
}

@Suite("Codable bridge")
struct CodingTests {
    private let range = Range(start: Position(line: 1, character: 2), end: Position(line: 1, character: 9))

    @Test func encodesInDeclarationOrderAndOmitsNil() throws {
        let d = Diagnostic(range: range, severity: .warning, code: nil, message: "vague", tags: [1], data: ["k": [1, nil]])
        let json = try JSONValue(encoding: d)
        #expect(json.serialized() == #"{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":9}},"severity":2,"message":"vague","tags":[1],"data":{"k":[1,null]}}"#)
        #expect(try json.decode(Diagnostic.self) == d)
        let minimal = Diagnostic(range: range, severity: nil, code: nil, message: "m", tags: nil, data: nil)
        #expect(try JSONValue(encoding: minimal).objectValue?.keys == ["range", "message"])
    }

    @Test func dictionariesHaveSortedKeys() throws {
        let edit = TextEdit(range: range, newText: "x")
        let w = WorkspaceEdit(changes: ["file:///z.md": [edit], "file:///a.md": [edit, edit], "file:///m.md": []])
        let json = try JSONValue(encoding: w)
        #expect(json["changes"]?.objectValue?.keys == ["file:///a.md", "file:///m.md", "file:///z.md"])
        #expect(try json.decode(WorkspaceEdit.self) == w)
    }

    @Test func numbersAreExact() throws {
        let n = Numbers(i8: -8, u8: 8, i16: -16, u16: 16, i32: -32, u32: 32, i64: 9_007_199_254_740_993,
                        u64: 64, u: 7, f: 0.1, d: 0.1, b: true)
        let json = try JSONValue(encoding: n)
        #expect(json["i64"] == .integer(9_007_199_254_740_993))
        #expect(json["f"] == .double(0.1))
        #expect(try json.decode(Numbers.self) == n)
        #expect(throws: EncodingError.self) { try JSONValue(encoding: [UInt64.max]) }
        #expect(try JSONValue.double(3).decode(Int.self) == 3)
        #expect(throws: DecodingError.self) { try JSONValue.double(3.5).decode(Int.self) }
        #expect(throws: DecodingError.self) { try JSONValue.integer(300).decode(UInt8.self) }
        #expect(try JSONValue.integer(2).decode(Double.self) == 2)
    }

    @Test func decodingErrorsCarryThePath() throws {
        let bad: JSONValue = ["range": ["start": ["line": 1, "character": "x"], "end": ["line": 1, "character": 2]], "message": "m"]
        do {
            _ = try bad.decode(Diagnostic.self)
            Issue.record("should fail")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["range", "start", "character"])
        }
        do {
            _ = try (["start": ["line": 1], "end": ["line": 1, "character": 2]] as JSONValue).decode(Range.self)
            Issue.record("should fail")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "character")
        }
        #expect(throws: DecodingError.self) { try JSONValue.string("x").decode([Int].self) }
        #expect(throws: DecodingError.self) { try JSONValue.array([1]).decode(Position.self) }
    }

    @Test func collectionsOptionalsAndRawValues() throws {
        let value: [String?] = ["a", nil, "c"]
        let json = try JSONValue(encoding: value)
        #expect(json == ["a", nil, "c"])
        #expect(try json.decode([String?].self) == value)
        #expect(try JSONValue(encoding: Severity.hint) == 4)
        #expect(try JSONValue.integer(1).decode(Severity.self) == .error)
        #expect(try JSONValue(encoding: [[1, 2], [3]]) == [[1, 2], [3]])
        #expect(try JSONValue(encoding: Optional<Int>.none) == .null)
        #expect(try JSONValue(encoding: "s") == "s")
        #expect(try JSONValue.null.decode(Int?.self) == nil)
        let passthrough: JSONValue = ["x": [1, 2.5, "y"]]
        #expect(try JSONValue(encoding: passthrough) == passthrough)
        #expect(try passthrough.decode(JSONValue.self) == passthrough)
        #expect(try passthrough.decode([String: JSONValue].self) == ["x": [1, 2.5, "y"]])
    }

    @Test func jsonValueWorksWithFoundationCoders() throws {
        let value: JSONValue = ["a": [1, 2.5, "s", true, nil], "b": ["c": -7]]
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(back == value)
        #expect(try JSONParser.parse(data) == value)
    }
}
