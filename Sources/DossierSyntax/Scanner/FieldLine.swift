/// Reads `key: value` lines, shared by front matter and actor field lists.
enum FieldLine {
    /// Parses `line` as `[- ]key: value`; `allowBullet` accepts a leading `- ` or `* `.
    /// The value is trimmed; `stripComment` removes a YAML ` # comment` outside quotes.
    static func parse(_ bytes: [UInt8], line: ByteRange, allowBullet: Bool, stripComment: Bool) -> FieldSyntax? {
        var index = line.start
        while index < line.end, ASCII.isSpace(bytes[index]) { index += 1 }
        if allowBullet, index + 1 < line.end, bytes[index] == ASCII.dash || bytes[index] == 0x2A,
            ASCII.isSpace(bytes[index + 1])
        {
            index += 2
            while index < line.end, ASCII.isSpace(bytes[index]) { index += 1 }
        }
        let keyStart = index
        guard index < line.end, ASCII.isLetter(bytes[index]) || bytes[index] == 0x5F else { return nil }
        while index < line.end, ASCII.isAlphanumeric(bytes[index]) || bytes[index] == ASCII.dash || bytes[index] == 0x5F {
            index += 1
        }
        let keyEnd = index
        guard index < line.end, bytes[index] == ASCII.colon else { return nil }
        index += 1
        guard index == line.end || ASCII.isSpace(bytes[index]) else { return nil }
        var valueStart = index
        while valueStart < line.end, ASCII.isSpace(bytes[valueStart]) { valueStart += 1 }
        var valueEnd = line.end
        if stripComment { valueEnd = commentStart(bytes, from: valueStart, to: valueEnd) }
        while valueEnd > valueStart, ASCII.isSpace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        let keyRange = ByteRange(keyStart, keyEnd)
        let valueRange = ByteRange(valueStart, valueEnd)
        return FieldSyntax(
            key: Located(bytes.string(in: keyRange), keyRange),
            value: Located(bytes.string(in: valueRange), valueRange),
            lineRange: line)
    }

    /// Where a YAML comment (` #` outside quotes) starts, or `end`.
    private static func commentStart(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var quote: UInt8?
        var index = start
        while index < end {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if index == start, byte == ASCII.quote || byte == 0x27 {
                quote = byte
            } else if byte == ASCII.hash, index == start || ASCII.isSpace(bytes[index - 1]) {
                return index
            }
            index += 1
        }
        return end
    }

    /// Splits a comma-separated list, honouring double quotes around an item that holds a comma.
    /// Each item is trimmed and unquoted; its range covers the item without quotes.
    static func splitList(_ bytes: [UInt8], _ range: ByteRange) -> [Located] {
        var items: [Located] = []
        forEachListItem(bytes, range) { items.append(Located(bytes.string(in: $0), $0)) }
        return items
    }

    /// Calls `body` with the range of each item of a comma-separated list, as `splitList` splits
    /// it: for the readers that keep only some items, or only their ranges, no string per item.
    static func forEachListItem(_ bytes: [UInt8], _ range: ByteRange, _ body: (ByteRange) -> Void) {
        var index = range.start
        while index < range.end {
            while index < range.end, ASCII.isSpace(bytes[index]) { index += 1 }
            guard index < range.end else { break }
            if bytes[index] == ASCII.quote {
                let start = index + 1
                var close = start
                while close < range.end, bytes[close] != ASCII.quote { close += 1 }
                body(ByteRange(start, close))
                index = close + 1
                while index < range.end, bytes[index] != ASCII.comma { index += 1 }
                index += 1
                continue
            }
            let start = index
            while index < range.end, bytes[index] != ASCII.comma { index += 1 }
            var end = index
            while end > start, ASCII.isSpace(bytes[end - 1]) { end -= 1 }
            if end > start { body(ByteRange(start, end)) }
            index += 1
        }
    }

    /// Reads one actor reference written `@id` (or bare `id` when `allowBare`), reporting a bad id.
    static func actorReference(
        _ bytes: [UInt8], _ item: ByteRange, role: ReferenceRole, allowBare: Bool, identifiers: IdentifierTable?,
        diagnostics: inout [SyntaxDiagnostic]
    ) -> ActorReferenceSyntax? {
        var start = item.start
        let hasAt = start < item.end && bytes[start] == ASCII.at
        if hasAt { start += 1 }
        let end = Identifier.scanEnd(bytes, from: start, limit: item.end)
        guard hasAt || allowBare, end == item.end, end > start, end - start <= Identifier.maximumLength else {
            let id = bytes.string(in: ByteRange(start, end))
            let hint = hasAt || allowBare ? Identifier.problem(id) ?? "write an actor id" : "write an actor id with `@`, like @lloyd-austin"
            diagnostics.append(SyntaxDiagnostic(.syntax, item, "`\(bytes.string(in: item))` is not an actor reference: \(hint)"))
            return nil
        }
        let id = bytes.identifier(in: ByteRange(start, end), sharedBy: identifiers)
        return ActorReferenceSyntax(id: id, range: item, idRange: ByteRange(start, end), role: role)
    }
}
