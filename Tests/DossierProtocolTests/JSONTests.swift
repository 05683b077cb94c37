import DossierJSON
import DossierTestSupport
import Testing

/// Parses `text`, returning the error (nil when it parses).
private func parseError(_ text: String) -> JSONError? {
    do {
        _ = try JSONParser.parse(text)
        return nil
    } catch {
        return error
    }
}

private func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
}

@Suite("JSON parsing and writing")
struct JSONTests {
    @Test func roundTripKeepsKeyOrderAndText() throws {
        let text = #"{"z":1,"a":[true,false,null,"x",-2,0.5,{"b":{},"a":[]}],"m":"é😀","k":-9223372036854775808}"#
        let value = try parse(text)
        #expect(value.serialized() == text)
        #expect(value["z"] == 1)
        #expect(value.objectValue?.keys == ["z", "a", "m", "k"])
        #expect(try parse(value.serialized()) == value)
        #expect(try parse(value.prettyPrinted) == value)
    }

    @Test(arguments: [
        ("9007199254740993", Int64(9_007_199_254_740_993)),
        ("-1", Int64(-1)),
        ("0", Int64(0)),
        ("-0", Int64(0)),
        ("9223372036854775807", Int64.max),
        ("-9223372036854775808", Int64.min),
    ])
    func integersAreExact(text: String, expected: Int64) throws {
        let value = try parse(text)
        #expect(value == .integer(expected))
        #expect(value.int64Value == expected)
        if text != "-0" { #expect(value.serialized() == text) }
    }

    @Test func integersInsideRequestsEchoExactly() throws {
        let value = try parse(#"{"jsonrpc":"2.0","id":9007199254740993,"method":"x"}"#)
        #expect(value["id"] == .integer(9_007_199_254_740_993))
        #expect(JSONValue.object(["id": value["id"]!]).serialized() == #"{"id":9007199254740993}"#)
    }

    @Test func numbersOutsideInt64BecomeDoubles() throws {
        #expect(try parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try parse("-9223372036854775809") == .double(-9_223_372_036_854_775_808.0))
        #expect(try parse("1.0") == .double(1))
        #expect(try parse("1e2") == .double(100))
        #expect(try parse("-2.5E-3") == .double(-0.0025))
        #expect(try parse("1E+2") == .double(100))
        #expect(throws: JSONError.self) { try parse("1e400") }  // beyond Double: rejected, it could not round-trip
        #expect(try parse("0.1").doubleValue == 0.1)
        #expect(try parse("3").doubleValue == 3)
        #expect(try parse("3.0").intValue == 3)
        #expect(try parse("3.5").intValue == nil)
    }

    @Test func doublesAreWrittenShortestRoundTrip() throws {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (1.0, "1.0"), (-0.0, "-0.0"), (1e-7, "1e-07"), (1e16, "1e+16"),
            (123.456, "123.456"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (.leastNonzeroMagnitude, "5e-324"), (.infinity, "null"), (.nan, "null"),
        ]
        for (d, text) in cases {
            #expect(JSONValue.double(d).serialized() == text)
            if d.isFinite { #expect(try parse(text) == .double(d)) }
        }
    }

    @Test func stringEscapes() throws {
        let value = try parse(#""q\"b\\s\/b\bf\fn\nr\rt\tu\u0041\u00e9\u20AC""#)
        #expect(value == .string("q\"b\\s/b\u{8}f\u{c}n\nr\rt\tuAé€"))
        #expect(value.serialized() == #""q\"b\\s/b\bf\fn\nr\rt\tuAé€""#)
    }

    @Test func writerEscapesEveryControlCharacter() throws {
        var s = ""
        for v in 0..<0x80 { s.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        let text = JSONValue.string(s).serialized()
        #expect(text.hasPrefix(#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e"#))
        #expect(text.contains(##"\u001f !\"#"##))
        #expect(text.contains(#"[\\]"#))
        #expect(!text.contains("/\\/"))
        #expect(text.utf8.allSatisfy { $0 >= 0x20 })
        #expect(try parse(text) == .string(s))
        #expect(JSONValue.string("é😀\u{2028}").serialized() == "\"é😀\u{2028}\"")
    }

    @Test func surrogatePairs() throws {
        #expect(try parse(#""\ud83d\ude00""#) == "😀")
        #expect(try parse(#""\uD834\uDD1E""#) == "𝄞")
        #expect(try parse(#""a\ud83db""#) == "a\u{FFFD}b")
        #expect(try parse(#""\ude00""#) == "\u{FFFD}")
        #expect(try parse(#""\ud83d""#) == "\u{FFFD}")
        #expect(try parse(#""\ud83d\ud83d\ude00""#) == "\u{FFFD}😀")
        #expect(try parse(#""\ud83d\u0041""#) == "\u{FFFD}A")
        #expect(try parse(#""\ud83d\n""#) == "\u{FFFD}\n")
        #expect(parseError(#""\ud83d\u00""#)?.offset == 7)
    }

    @Test func invalidUTF8IsReplaced() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0xC3, 0x22]
        #expect(try JSONParser.parse(bytes) == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    @Test(arguments: [
        ("", 0, "unexpected end of input"),
        ("   ", 3, "unexpected end of input"),
        (#"{"key" 1}"#, 7, "expected ':' after object key"),
        (#"{"a":1,"b"}"#, 10, "expected ':' after object key"),
        (#"{"a":1,}"#, 7, "trailing comma before '}'"),
        ("[1,]", 3, "trailing comma before ']'"),
        ("[1 2]", 3, "expected ',' or ']' after array element"),
        (#"{"a":1 "b":2}"#, 7, "expected ',' or '}' after object member"),
        ("{1:2}", 1, "expected '\"' to start an object key"),
        ("{", 1, "unexpected end of input"),
        ("[", 1, "unexpected end of input"),
        (#"{"a":"#, 5, "unexpected end of input"),
        ("[1,", 3, "unexpected end of input"),
        ("tru", 0, "invalid literal"),
        ("nul", 0, "invalid literal"),
        ("falsey", 5, "after the JSON value"),
        ("NaN", 0, "expected a JSON value"),
        ("'a'", 0, "expected a JSON value"),
        ("01", 0, "leading zeros"),
        ("-", 1, "expected a digit"),
        ("-a", 1, "expected a digit"),
        ("1.", 2, "after '.'"),
        ("1.e3", 2, "after '.'"),
        ("1e", 2, "exponent"),
        ("1e+", 3, "exponent"),
        ("+1", 0, "expected a JSON value"),
        (".5", 0, "expected a JSON value"),
        (#""abc"#, 0, "unterminated string"),
        (#""abc\"#, 4, "unterminated string"),
        (#""a\qb""#, 2, "invalid escape sequence '\\q'"),
        (#""\u12G4""#, 1, "invalid \\u escape"),
        ("\"a\nb\"", 2, "unescaped control character"),
        ("\"a\u{0}b\"", 2, "unescaped control character byte 0x00"),
        (#"{"a":1} x"#, 8, "unexpected 'x' after the JSON value"),
        ("[] []", 3, "after the JSON value"),
        ("[1]]", 3, "unexpected ']' after the JSON value"),
        ("\u{FEFF}\u{FEFF}1", 3, "expected a JSON value"),
    ])
    func malformedInputs(text: String, offset: Int, message: String) {
        let error = parseError(text)
        #expect(error != nil, "\(text) should not parse")
        #expect(error?.offset == offset, "\(text): \(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(text): \(String(describing: error))")
    }

    @Test func errorDescriptionFormat() {
        let error = parseError(#"{"jsonrpc":"2.0" "id":1}"#)
        #expect(error?.description == "JSONError: expected ',' or '}' after object member, found '\"' at byte 17")
        #expect(JSONError(offset: 17, message: "expected ':' after object key").description
            == "JSONError: expected ':' after object key at byte 17")
    }

    @Test func nestingLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let value = try parse(ok)
        #expect(value.serialized() == ok)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = parseError(tooDeep)
        #expect(error?.message.contains("nesting too deep") == true)
        #expect(error?.offset == 512)
        let objects = String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(parseError(objects)?.message.contains("nesting too deep") == true)
        // An enormous unclosed prefix fails fast instead of overflowing the stack.
        #expect(parseError(String(repeating: "[", count: 1_000_000))?.offset == 512)
        #expect(try JSONParser.parse("[[[1]]]", maxDepth: 3) == [[[1]]])
        #expect(throws: JSONError.self) { try JSONParser.parse("[[[[1]]]]", maxDepth: 3) }
    }

    @Test func fiveMegabyteString() throws {
        let big = String(repeating: "abcdefghé", count: 500_000) // 5 MB of UTF-8
        let text = "[\"" + big + "\"]"
        let value = try parse(text)
        #expect(value[0]?.stringValue?.utf8.count == big.utf8.count)
        #expect(value.serialized() == text)
        // With escapes (slow path).
        let escaped = "\"\\n" + big + "\\t\""
        #expect(try parse(escaped).stringValue == "\n" + big + "\t")
    }

    @Test func prettyPrinting() throws {
        let value: JSONValue = ["name": "x", "list": [1, 2.5, ["k": nil]], "empty": [], "obj": [:], "t": true]
        let expected = """
        {
          "name": "x",
          "list": [
            1,
            2.5,
            {
              "k": null
            }
          ],
          "empty": [],
          "obj": {},
          "t": true
        }
        """
        #expect(value.prettyPrinted == expected)
        #expect(JSONValue.string("a").prettyPrinted == "\"a\"")
        #expect(value.serialized() == #"{"name":"x","list":[1,2.5,{"k":null}],"empty":[],"obj":{},"t":true}"#)
        #expect(value.serialized(options: .sortedKeys) == #"{"empty":[],"list":[1,2.5,{"k":null}],"name":"x","obj":{},"t":true}"#)
    }

    @Test func objectSemantics() throws {
        var o: JSONObject = ["b": 1, "a": 2]
        o["c"] = 3
        o["b"] = 10
        #expect(o.keys == ["b", "a", "c"])
        #expect(o["b"] == 10)
        o["a"] = nil
        #expect(o.keys == ["b", "c"])
        #expect(o.removeValue(forKey: "zz") == nil)
        // Order-insensitive equality and hashing.
        let x: JSONObject = ["p": 1, "q": [1, 2]]
        let y: JSONObject = ["q": [1, 2], "p": 1]
        #expect(x == y)
        #expect(x.hashValue == y.hashValue)
        #expect(x != ["p": 1, "q": [2, 1]])
        #expect(x != ["p": 1])
        // Duplicate keys: first position, last value.
        let dup = try parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(dup.objectValue?.keys == ["a", "b"])
        #expect(dup["a"] == 3)
        // Large objects use an index; it must stay right across removals.
        var big = JSONObject()
        for i in 0..<100 { big["k\(i)"] = .int(i) }
        #expect(big["k57"] == 57)
        big["k10"] = nil
        #expect(big["k57"] == 57)
        #expect(big["k10"] == nil)
        #expect(big.count == 99)
        #expect(big.keys.first == "k0")
        #expect(big[10].key == "k11")
        for i in 0..<95 { big["k\(i)"] = nil }
        #expect(big.keys == ["k95", "k96", "k97", "k98", "k99"])
        #expect(big["k99"] == 99)
        let parsedBig = try parse("{" + (0..<50).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}")
        #expect(parsedBig["k49"] == 49)
        #expect(parsedBig.objectValue?.count == 50)
    }

    @Test func accessorsAndLiterals() throws {
        var v: JSONValue = ["s": "str", "i": 42, "d": 1.5, "b": true, "n": nil, "a": [1, "two"], "o": ["x": 1]]
        #expect(v["s"]?.stringValue == "str")
        #expect(v["i"]?.intValue == 42)
        #expect(v["d"]?.doubleValue == 1.5)
        #expect(v["b"]?.boolValue == true)
        #expect(v["n"]?.isNull == true)
        #expect(v["a"]?.arrayValue?.count == 2)
        #expect(v["a"]?[1]?.stringValue == "two")
        #expect(v["a"]?[2] == nil)
        #expect(v["o"]?["x"]?.intValue == 1)
        #expect(v["o"]?.objectValue?.keys == ["x"])
        #expect(v["missing"] == nil)
        #expect(v["s"]?.intValue == nil)
        #expect(v.stringValue == nil)
        v["new"] = "value"
        v["s"] = nil
        #expect(v.objectValue?.keys == ["i", "d", "b", "n", "a", "o", "new"])
        var n = JSONValue.null
        n["k"] = 1
        #expect(n == ["k": 1])
        let name = "world"
        let interpolated: JSONValue = "hello \(name)"
        #expect(interpolated == "hello world")
        #expect(JSONValue(3) == .integer(3))
        #expect(JSONValue.int(3) == 3)
        #expect(JSONValue("x") == "x")
        #expect(JSONValue(true) == true)
        #expect(JSONValue(2.0) == .double(2))
        #expect(JSONValue.integer(1) != JSONValue.double(1))
        #expect(JSONValue.optional(nil) == .null)
        #expect(v.typeName == "object")
        #expect(v.description == v.serialized())
    }

    @Test func byteCollectionsParse() throws {
        let bytes = Array(#"  {"a": [1, 2]}  "#.utf8)
        #expect(try JSONParser.parse(bytes) == ["a": [1, 2]])
        #expect(try JSONParser.parse(bytes[2...]) == ["a": [1, 2]])
        #expect(try bytes.withUnsafeBytes { try JSONParser.parse($0) } == ["a": [1, 2]])
        #expect(try JSONValue(parsing: "[null]") == [nil])
    }

    @Test func neverCrashesOnMutatedOrRandomInput() {
        var rng = SplitMix64(seed: 0xD055_1E12)
        let seeds = [
            #"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"position":{"line":3,"character":14}}}"#,
            #"[1,-2.5e+3,"a\u00e9\ud83d\ude00\n",true,false,null,{},[],{"k":[{"x":"y"}]}]"#,
        ].map { Array($0.utf8) }
        let alphabet = Array(#"{}[]":,\"-+.0123456789eEtrufalsn \u"#.utf8) + [0x00, 0x0A, 0xFF, 0xC3]
        var parsed = 0
        for round in 0..<3000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            } else {
                bytes = seeds[round % seeds.count]
                for _ in 0...Int(rng.next() % 4) {
                    let i = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 3 {
                    case 0: bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    case 1: bytes.remove(at: i)
                    default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                    }
                }
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(bytes)
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count)
                continue
            }
            // Whatever parses must serialise to text that re-parses to the same serialisation.
            let text = value.serializedBytes()
            #expect((try? JSONParser.parse(text))?.serializedBytes() == text)
            parsed += 1
        }
        // Every strict prefix of a valid object is an error located inside the input.
        let seed = seeds[0]
        for n in 0..<seed.count {
            do {
                _ = try JSONParser.parse(Array(seed[..<n]))
                Issue.record("prefix of length \(n) parsed")
            } catch {
                #expect(error.offset <= n)
            }
        }
        #expect(parsed > 0)
    }
}

/// Inputs the fuzzer found (Fuzz/regressions) stay fixed.
@Suite struct JSONFuzzRegressionTests {
    @Test(arguments: ["1e400", "-1e400", "13131e2131311", "[7196.7931348623157e308]"])
    func numbersBeyondDoubleRangeAreRejected(_ text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(text.utf8)) }
    }
}
