import DossierSyntax

extension Features {
    /// Known names for the capitalised word being typed in prose (three letters or more), inserted as linked
    /// mentions. Only names that start at that word are proposed: editors replace the word before the cursor
    /// and nothing before it, so a name begun two words back could not land whole.
    static func nameCompletions(offset: Int, line: ByteRange, syntax: DocumentSyntax, _ snapshot: WorkspaceSnapshot) -> CompletionResult {
        let bytes = syntax.bytes
        // Only in prose: inside a paragraph's prose segments (not a link target or attribute block), or on a
        // line no paragraph holds yet; not in a mention's text, not on a heading line.
        guard syntax.paragraphs.contains(where: { $0.range.touches(offset) && syntax.segments(of: $0).contains { $0.touches(offset) } })
            || !syntax.paragraphs.contains(where: { $0.range.touches(offset) })
        else { return .empty }
        if syntax.mentions.contains(where: { $0.fullRange.touches(offset) && $0.fullRange.end != offset }) { return .empty }
        if line.length > 0, bytes[line.start] == 0x23 { return .empty }
        guard let start = typedWordStart(bytes, before: offset, lineStart: line.start) else { return .empty }
        let typed = bytes.string(in: ByteRange(start, offset))
        guard typed.count >= 3, typed.unicodeScalars.first?.properties.isUppercase == true else { return .empty }
        var items: [CompletionItem] = []
        for (name, owners) in snapshot.actorsByName where owners.count == 1 && name.hasPrefix(typed) {
            let actorID = owners[0]
            guard let (_, actor) = snapshot.actor(actorID) else { continue }
            var detail = "@\(actorID) · \(actor.kind.rawValue)"
            if let role = actor.role, !role.text.isEmpty { detail += " · " + role.text }
            items.append(CompletionItem(
                label: name, detail: detail, documentation: nil, card: .actor(actorID),
                insertText: snapshot.configuration.linkNames ? "[\(name)](@\(actorID))" : name, filterText: name, kind: .name,
                replaceRange: ByteRange(start, offset), replacesTypedWord: true))
        }
        items.sort { $0.label != $1.label ? $0.label < $1.label : $0.insertText < $1.insertText }
        return CompletionResult(isIncomplete: true, items: items)
    }

    /// Where the word of letters ending at `offset` starts, when it stands on its own: at the line's start or
    /// after white space, an opening parenthesis or quote, or emphasis. Nil after anything else (`[Lloy`,
    /// `U.Sec`, `O'Bri`), where a linked name would not fit or the editor's word would differ from ours.
    static func typedWordStart(_ bytes: [UInt8], before offset: Int, lineStart: Int) -> Int? {
        var start = offset
        while start > lineStart, let (scalar, scalarStart) = scalar(before: start, in: bytes, lowerBound: lineStart),
            scalar.properties.isAlphabetic
        {
            start = scalarStart
        }
        guard start < offset else { return nil }
        guard start > lineStart, let (previous, _) = scalar(before: start, in: bytes, lowerBound: lineStart) else { return start }
        return wordOpeners.contains(previous) ? start : nil
    }

    /// What may stand right before a name being typed.
    private static let wordOpeners: Set<Unicode.Scalar> = [" ", "\t", "(", "\"", "“", "‘", "*", "_", "—", "–"]

    /// The Unicode scalar that ends at `end`, and where it starts (not before `lowerBound`).
    private static func scalar(before end: Int, in bytes: [UInt8], lowerBound: Int) -> (Unicode.Scalar, Int)? {
        var start = end - 1
        while start > lowerBound, bytes[start] & 0xC0 == 0x80, end - start < 4 { start -= 1 }
        guard start >= lowerBound, let scalar = String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars.first else { return nil }
        return (scalar, start)
    }
}
