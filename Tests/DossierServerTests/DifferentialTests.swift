import DossierJSON
@testable import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// Random edit sequences sent as incremental `didChange` must leave the server exactly where a
/// fresh `didOpen` of the final text does: same diagnostics, same symbols. Seeded and reproducible.
@Suite struct DifferentialTests {
    static let cast = """
        ---
        type: cast
        ---
        ## Lloyd Austin {#lloyd-austin .person}
        - aliases: Austin

        ## The New York Times {#nyt .outlet}
        """

    static let base = "Intro “quote” — [Austin](@lloyd-austin) said.\r\nIt reportedly 😀 is.\n\n[claim]{.claim by=@nyt}\n"

    /// Pieces inserted by the edits: line breaks of every kind, multi-byte and non-BMP characters, annotation fragments.
    static let pieces = [
        "", "x", " ", "\n", "\r\n", "\n\n", "“", "”", "—", "😀", "é", "[", "]", "{.claim", "}", "(@nyt)", "@nyt", "@lloyd-austin",
        "Austin", "reportedly", "\"Four words in quotes\"", "[a]{.quote by=@nyt}", "`code`", "<!--", "-->", "## H\n", "\\",
    ]

    @Test(arguments: ["utf-16", "utf-8"])
    func incrementalEditsMatchAFreshOpen(encoding: String) async throws {
        let h = try Harness(files: ["cast.md": DifferentialTests.cast])
        try await h.initialize(ClientCapabilities.pull(encodings: [encoding]))
        var generator = SplitMix64(seed: encoding == "utf-8" ? 8 : 16)
        for sequence in 0..<600 {
            var model = Array(DifferentialTests.base.unicodeScalars)
            try h.open("a\(sequence).md", DifferentialTests.base)
            for version in 2..<7 {
                var changes: [JSONValue] = []
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let edit = DifferentialTests.randomEdit(model, using: &generator)
                    changes.append([
                        "range": [
                            "start": DifferentialTests.position(model, edit.start, encoding),
                            "end": DifferentialTests.position(model, edit.end, encoding),
                        ],
                        "text": .string(edit.text),
                    ])
                    model.replaceSubrange(edit.start..<edit.end, with: Array(edit.text.unicodeScalars))
                }
                try h.client.sendNotification(method: "textDocument/didChange", params: [
                    "textDocument": ["uri": .string(h.uri("a\(sequence).md")), "version": .int(version)],
                    "contentChanges": .array(changes),
                ])
            }
            let final = String(String.UnicodeScalarView(model))
            try h.open("b\(sequence).md", final)
            let edited = try await DifferentialTests.state(h, "a\(sequence).md")
            let fresh = try await DifferentialTests.state(h, "b\(sequence).md")
            #expect(edited == fresh, "sequence \(sequence) (\(encoding)): final text \(final.debugDescription)")
            for name in ["a\(sequence).md", "b\(sequence).md"] {
                try h.client.sendNotification(method: "textDocument/didClose", params: ["textDocument": ["uri": .string(h.uri(name))]])
            }
        }
    }

    /// Diagnostics and document symbols of one document, as comparable JSON.
    static func state(_ h: Harness, _ name: String) async throws -> [JSONValue] {
        let document: JSONValue = ["textDocument": ["uri": .string(h.uri(name))]]
        let diagnostics = try await h.client.request(method: "textDocument/diagnostic", params: document)
        let symbols = try await h.client.request(method: "textDocument/documentSymbol", params: document)
        return [diagnostics["result"]?["items"] ?? .null, symbols["result"] ?? .null]
    }

    /// A random replacement that never splits a CRLF pair.
    static func randomEdit(_ model: [Unicode.Scalar], using generator: inout SplitMix64) -> (start: Int, end: Int, text: String) {
        func boundary(_ offset: Int) -> Int {
            offset > 0 && offset < model.count && model[offset - 1] == "\r" && model[offset] == "\n" ? offset - 1 : offset
        }
        let start = boundary(Int.random(in: 0...model.count, using: &generator))
        let end = boundary(min(model.count, start + Int.random(in: 0...6, using: &generator)))
        return (start, max(start, end), pieces.randomElement(using: &generator)!)
    }

    /// The LSP position of scalar `offset` in `encoding` (lines end at LF, CRLF or CR).
    static func position(_ model: [Unicode.Scalar], _ offset: Int, _ encoding: String) -> JSONValue {
        var line = 0
        var character = 0
        var index = 0
        while index < offset {
            let scalar = model[index]
            if scalar == "\r" || scalar == "\n" {
                if scalar == "\r", index + 1 < model.count, model[index + 1] == "\n" { index += 1 }
                line += 1
                character = 0
            } else {
                character += encoding == "utf-8" ? String(scalar).utf8.count : String(scalar).utf16.count
            }
            index += 1
        }
        return ["line": .int(line), "character": .int(character)]
    }
}
