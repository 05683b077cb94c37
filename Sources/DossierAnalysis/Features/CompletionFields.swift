import DossierSyntax

extension Features {
    /// The field keys an actor heading takes, with what each holds.
    static let actorFieldKeys: [(key: String, documentation: String)] = [
        ("aliases", "other names, comma-separated: `Austin, Secretary Austin`"),
        ("role", "the actor's role or title"),
        ("member-of", "what the actor belongs to: `@us-dod, @nato`"),
        ("wikidata", "the Wikidata id: `Q` and digits"),
        ("url", "the actor's web page"),
    ]

    /// Field keys on a field line under an actor heading (SPEC 2.2: right after the heading or its other
    /// fields, one blank line allowed after the heading), while the cursor is in the key; nil elsewhere.
    /// Keys the actor already has are left out. A key is inserted with its colon and no space, which
    /// every editor inserts whole.
    static func actorFieldKeys(offset: Int, line: ByteRange, syntax: DocumentSyntax) -> CompletionResult? {
        let bytes = syntax.bytes
        let lines = syntax.lines
        var keyStart = line.start
        while keyStart < offset, bytes[keyStart] == 0x20 || bytes[keyStart] == 0x09 { keyStart += 1 }
        if keyStart + 1 < offset, bytes[keyStart] == 0x2D || bytes[keyStart] == 0x2A, bytes[keyStart + 1] == 0x20 {
            keyStart += 2
            while keyStart < offset, bytes[keyStart] == 0x20 { keyStart += 1 }
        }
        func isKeyByte(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D }
        guard bytes[keyStart..<offset].allSatisfy(isKeyByte) else { return nil }
        let lineIndex = lines.line(containing: offset)
        guard let actor = syntax.actors.last(where: { $0.headingRange.start < line.start }) else { return nil }
        let headingLine = lines.line(containing: actor.headingRange.start)
        let fieldLines = Set(actor.fields.map { lines.line(containing: $0.lineRange.start) })
        var between = headingLine + 1
        if between < lineIndex, isWhiteSpace(lines.lineRange(between), bytes) { between += 1 }
        while between < lineIndex, fieldLines.contains(between) { between += 1 }
        guard between == lineIndex else { return nil }
        var keyEnd = offset
        while keyEnd < line.end, isKeyByte(bytes[keyEnd]) { keyEnd += 1 }
        if keyEnd < line.end, bytes[keyEnd] == 0x3A { keyEnd += 1 }
        let present = Set(actor.fields.filter { lines.line(containing: $0.lineRange.start) != lineIndex }.map(\.key.text))
        let items = actorFieldKeys.filter { !present.contains($0.key) }.map { key, documentation in
            CompletionItem(
                label: key, detail: "actor field", documentation: documentation, insertText: key + ":", filterText: key, kind: .key,
                replaceRange: ByteRange(keyStart, keyEnd))
        }
        return CompletionResult(isIncomplete: false, items: items)
    }

    private static func isWhiteSpace(_ range: ByteRange, _ bytes: [UInt8]) -> Bool {
        bytes[range.start..<range.end].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
