import DossierSyntax

/// What a completion item stands for (the server maps it to an LSP `CompletionItemKind`).
public enum CompletionKind: String, Hashable, Sendable {
    case actor, claim, attribute, key, value, name
}

/// The actor or claim a completion proposes, whose card (`Features.cardMarkdown`) documents it.
/// Cards are built only when asked for: fifty of them cost more than finding the proposals.
public enum CompletionCard: Hashable, Sendable {
    case actor(String)
    case claim(String)
}

/// One completion proposal; `insertText` replaces `replaceRange`.
///
/// What lands must be exactly `insertText`, whatever the editor: so `insertText` holds no white space
/// (Neovim keeps an edit's text only up to its first space) unless `replacesTypedWord`, and it never
/// ends in a sigil the user types next by habit (`by=`, not `by=@`).
public struct CompletionItem: Hashable, Sendable {
    public var label: String
    public var detail: String?
    /// Markdown written with the item (attribute and key explanations); actors and claims have a `card` instead.
    public var documentation: String?
    public var card: CompletionCard? = nil
    public var insertText: String
    public var filterText: String?
    public var kind: CompletionKind
    public var replaceRange: ByteRange
    /// Whether `replaceRange` is just the letters typed before the cursor, the word every editor replaces by
    /// itself when an item names no range: a name in prose, whose text (`[Lloyd Austin](@lloyd-austin)`)
    /// holds a space.
    public var replacesTypedWord = false
}

/// The proposals at a position; `isIncomplete` asks the client to ask again as the user types.
public struct CompletionResult: Hashable, Sendable {
    public var isIncomplete: Bool
    public var items: [CompletionItem]

    static let empty = CompletionResult(isIncomplete: false, items: [])
}

extension Features {
    /// Completions at `offset`: actors after `@`, claim ids after `#` in `cite=`, attribute names in `{…}`,
    /// front-matter keys and values, and known names in prose after three letters of a capitalised word.
    public static func completions(at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot) -> CompletionResult {
        guard let document = snapshot.documents[id] else { return .empty }
        let syntax = document.syntax
        let bytes = syntax.bytes
        let offset = min(max(offset, 0), bytes.count)
        let line = syntax.lines.lineRange(syntax.lines.line(containing: offset))
        // The id-like word ending at the cursor, and where it would end if it continues past the cursor.
        var wordStart = offset
        while wordStart > line.start, isIDByte(bytes[wordStart - 1]) { wordStart -= 1 }
        var wordEnd = offset
        while wordEnd < line.end, isIDByte(bytes[wordEnd]) { wordEnd += 1 }
        let replace = ByteRange(wordStart, wordEnd)
        let before = wordStart > line.start ? bytes[wordStart - 1] : 0

        // Front matter.
        if let front = syntax.frontMatter, offset > front.range.start + 3, offset < front.range.end - 3 {
            return frontMatterCompletions(offset: offset, line: line, bytes: bytes, front: front, snapshot)
        }
        // Attribute block on this line.
        let block = openAttributeBlock(bytes, line: line, offset: offset)
        if before == 0x40 {  // @
            let previous = wordStart - 1 > line.start ? bytes[wordStart - 2] : 0
            if previous == 0x40 || previous == 0x2E || previous == 0x2F || (previous < 0x80 && (isASCIILetter(previous) || (previous >= 0x30 && previous <= 0x39))) {
                return .empty
            }
            let typed = bytes.string(in: ByteRange(wordStart, offset))
            return actorCompletion(replace, typed: typed, snapshot)
        }
        if let block {
            let token = bytes.string(in: ByteRange(block.tokenStart, offset))
            let isHeading = line.length > 0 && bytes[line.start] == 0x23
            if before == 0x23, token.hasPrefix("cite=") {
                return CompletionResult(isIncomplete: false, items: claimItems(replace, snapshot))
            }
            // An id after `#`: a claim's is new text; an actor heading's is proposed from its name. Nothing
            // may replace the `#` itself.
            if token.hasPrefix("#") {
                guard isHeading else { return .empty }
                return CompletionResult(isIncomplete: false, items: headingIDItems(replace, line: line, block: block.open, bytes))
            }
            if token.contains("=") { return .empty }
            // An `=` already after the name is taken over, not doubled.
            let range = ByteRange(block.tokenStart, wordEnd < line.end && bytes[wordEnd] == 0x3D ? wordEnd + 1 : wordEnd)
            if isHeading {
                let items = ActorKind.allCases.map {
                    CompletionItem(
                        label: "." + $0.rawValue, detail: "actor kind", documentation: nil, insertText: "." + $0.rawValue,
                        filterText: "." + $0.rawValue, kind: .attribute, replaceRange: range)
                }
                return CompletionResult(isIncomplete: false, items: items)
            }
            let attributes: [(String, String, String)] = [
                (".claim", ".claim", "a reported or paraphrased claim"),
                (".quote", ".quote", "a verbatim quote"),
                ("by=", "by=", "who is on record: `@id`, `@a,@b` or a quoted description of an unnamed source"),
                ("via=", "via=", "who relayed it: `@id`"),
                ("cite=", "cite=", "the claims it rests on: `#claim-id`"),
                ("cue=", "cue=", "the reporting verb: `said`, `\"according to\"`"),
                ("#", "#", "a claim id, so briefs can cite it"),
            ]
            let items = attributes.map { label, insert, doc in
                CompletionItem(
                    label: label, detail: nil, documentation: doc, insertText: insert, filterText: label, kind: .attribute,
                    replaceRange: range)
            }
            return CompletionResult(isIncomplete: false, items: items)
        }
        if let keys = actorFieldKeys(offset: offset, line: line, syntax: syntax) { return keys }
        return nameCompletions(offset: offset, line: line, syntax: syntax, snapshot)
    }

    /// The id made from an actor heading's name (`## Jane Roe {#` → `jane-roe`), for the id being typed after `#`.
    private static func headingIDItems(_ replace: ByteRange, line: ByteRange, block: Int, _ bytes: [UInt8]) -> [CompletionItem] {
        var start = line.start
        while start < block, bytes[start] == 0x23 { start += 1 }
        let slug = Identifier.slug(bytes.string(in: ByteRange(start, block)))
        guard !slug.isEmpty else { return [] }
        return [CompletionItem(
            label: slug, detail: "id from the heading", documentation: nil, insertText: slug, filterText: slug, kind: .value,
            replaceRange: replace)]
    }

    /// The start of the attribute token under the cursor when the cursor is inside an unclosed `{` on its line.
    private static func openAttributeBlock(_ bytes: [UInt8], line: ByteRange, offset: Int) -> (open: Int, tokenStart: Int)? {
        var index = offset
        var tokenStart: Int?
        var inQuote = false
        // Count quotes between `{` and the cursor to know whether the cursor sits in a quoted value.
        while index > line.start {
            let byte = bytes[index - 1]
            if byte == 0x7D { return nil }  // }
            if byte == 0x22 { inQuote.toggle() }
            if byte == 0x7B {  // {
                if inQuote { return nil }
                return (index - 1, tokenStart ?? index)
            }
            if (byte == 0x20 || byte == 0x09), tokenStart == nil, !inQuote { tokenStart = index }
            index -= 1
        }
        return nil
    }

    /// The most actors one `@` completion sends; the client asks again as the user types.
    static let actorLimit = 50

    /// Actors whose id, name or alias holds what was typed after `@` (prefix matches first), at most
    /// `actorLimit` of them, so that a cast of thousands stays a small, fast answer.
    private static func actorCompletion(_ replace: ByteRange, typed: String, _ snapshot: WorkspaceSnapshot) -> CompletionResult {
        let needle = typed.lowercased()
        var prefixed: [String] = []
        var containing: [String] = []
        for actorID in snapshot.actorIDs {
            guard !needle.isEmpty else {
                prefixed.append(actorID)
                continue
            }
            guard let (_, actor) = snapshot.actor(actorID) else { continue }
            let names = [actorID, actor.name.text.lowercased()] + actor.aliases.map { $0.text.lowercased() }
            if names.contains(where: { $0.hasPrefix(needle) }) {
                prefixed.append(actorID)
            } else if names.contains(where: { $0.contains(needle) }) {
                containing.append(actorID)
            }
        }
        let chosen = Array((prefixed + containing).prefix(actorLimit))
        return CompletionResult(
            isIncomplete: prefixed.count + containing.count > chosen.count, items: actorItems(replace, snapshot, ids: chosen))
    }

    private static func actorItems(
        _ replace: ByteRange, _ snapshot: WorkspaceSnapshot, kinds: Set<ActorKind>? = nil, ids: [String]? = nil
    ) -> [CompletionItem] {
        (ids ?? snapshot.actorIDs).compactMap { actorID in
            guard let (_, actor) = snapshot.actor(actorID) else { return nil }
            if let kinds, !kinds.contains(actor.kind) { return nil }
            var detail = actor.kind.rawValue
            if let role = actor.role, !role.text.isEmpty { detail += " · " + role.text }
            let filter = ([actorID, actor.name.text] + actor.aliases.map(\.text)).joined(separator: " ")
            return CompletionItem(
                label: actor.name.text, detail: detail, documentation: nil, card: .actor(actorID), insertText: actorID,
                filterText: filter, kind: .actor, replaceRange: replace)
        }
    }

    private static func claimItems(_ replace: ByteRange, _ snapshot: WorkspaceSnapshot) -> [CompletionItem] {
        snapshot.claimSites.keys.sorted().compactMap { claimID in
            guard let found = snapshot.claim(claimID), let document = snapshot.documents[found.site.document] else { return nil }
            let text = truncate(squeeze(document.syntax.text(found.claim.textRange)), 80)
            let by = found.claim.by.map { "@" + $0.id }.joined(separator: ",")
            return CompletionItem(
                label: claimID, detail: by.isEmpty ? text : "\(by) · \(text)",
                documentation: nil, card: .claim(claimID), insertText: claimID,
                filterText: claimID, kind: .claim, replaceRange: replace)
        }
    }

    private static func frontMatterCompletions(
        offset: Int, line: ByteRange, bytes: [UInt8], front: FrontMatterSyntax, _ snapshot: WorkspaceSnapshot
    ) -> CompletionResult {
        let prefix = Array(bytes[line.start..<offset])
        if let colon = prefix.firstIndex(of: 0x3A) {
            let key = String(decoding: prefix[..<colon], as: UTF8.self).trimmingWhitespace()
            var valueStart = line.start + colon + 1
            while valueStart < offset, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            var valueEnd = offset
            while valueEnd < line.end, bytes[valueEnd] != 0x20, bytes[valueEnd] != 0x23 { valueEnd += 1 }
            let range = ByteRange(valueStart, valueEnd)
            switch key {
            case "outlet":
                return CompletionResult(isIncomplete: false, items: actorItems(range, snapshot, kinds: [.outlet]))
            case "type":
                let items = DocumentType.allCases.map {
                    CompletionItem(
                        label: $0.rawValue, detail: "document type", documentation: nil, insertText: $0.rawValue,
                        filterText: $0.rawValue, kind: .value, replaceRange: range)
                }
                return CompletionResult(isIncomplete: false, items: items)
            default:
                return .empty
            }
        }
        var start = line.start
        while start < offset, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        var end = offset
        while end < line.end, bytes[end] != 0x3A, bytes[end] != 0x20 { end += 1 }
        let present = Set(front.fields.map(\.key.text))
        let keys: [(String, String)] = [
            ("title", "the headline"), ("type", "article (default), brief or cast"), ("outlet", "the publishing outlet's actor id"),
            ("author", "the byline"), ("published", "publication date, YYYY-MM-DD"), ("url", "the article's address"),
        ]
        let items = keys.filter { !present.contains($0.0) || bytes.string(in: ByteRange(start, end)) == $0.0 }.map { key, doc in
            CompletionItem(
                label: key, detail: nil, documentation: doc, insertText: key + ":", filterText: key, kind: .key,
                replaceRange: ByteRange(start, end < line.end && bytes[end] == 0x3A ? end + 1 : end))
        }
        return CompletionResult(isIncomplete: false, items: items)
    }

    /// The Markdown card of a proposed actor or claim (as on hover), or nil when it is no longer known.
    public static func cardMarkdown(_ card: CompletionCard, _ snapshot: WorkspaceSnapshot) -> String? {
        switch card {
        case .actor(let id):
            return snapshot.actor(id) == nil ? nil : actorMarkdown(id, snapshot)
        case .claim(let id):
            guard let found = snapshot.claim(id) else { return nil }
            return claimMarkdown(found.claim, in: found.site.document, snapshot)
        }
    }
}
