import DossierSyntax

/// What a code action is for: fixing a finding, or rewriting prose into annotations (the server names these in
/// its own vocabulary).
public enum CodeActionCategory: Hashable, Sendable {
    /// Fixes the diagnostic it carries.
    case quickFix
    /// Annotates a quotation, statement, name or selection, finding or not.
    case rewrite
}

/// A code action: a title, what it is for, the diagnostic it fixes if any, and the edits to apply.
public struct CodeActionItem: Hashable, Sendable {
    public var title: String
    public var category: CodeActionCategory
    /// The diagnostic the action fixes; nil for an annotation action.
    public var diagnostic: Diagnostic?
    public var edits: [DocumentID: [TextEdit]]
    public var isPreferred: Bool

    /// Creates an action.
    public init(title: String, category: CodeActionCategory, diagnostic: Diagnostic?, edits: [DocumentID: [TextEdit]], isPreferred: Bool) {
        self.title = title
        self.category = category
        self.diagnostic = diagnostic
        self.edits = edits
        self.isPreferred = isPreferred
    }
}

extension Features {
    /// Every code action at `range`: the quick fixes of the diagnostics there, then the annotation actions
    /// (annotate a quotation or statement with its inferred source, all of a paragraph or of the document, create
    /// an actor for a name, link known names, mark the selection as a claim).
    public static func actions(
        for range: ByteRange, in id: DocumentID, snapshot: WorkspaceSnapshot, diagnostics: [Diagnostic]? = nil
    ) -> [CodeActionItem] {
        quickFixes(for: range, in: id, snapshot: snapshot, diagnostics: diagnostics) + annotationActions(for: range, in: id, snapshot: snapshot)
    }

    /// Quick fixes for the diagnostics overlapping (or touching) `range`. Pass `diagnostics` when the server
    /// already has them for this snapshot; otherwise they are computed.
    ///
    /// Wrapping a vague sentence yields `[sentence]{.claim}`: valid, but flagged as unattributed until
    /// the user adds `by=`. Every diagnostic also gets "Ignore CODE here" (a `dossier-ignore` comment right
    /// before its sentence, see `ignoreHere`) and "Ignore CODE in this file" (a `dossier-ignore-file` comment
    /// after the front matter), once per code.
    static func quickFixes(
        for range: ByteRange, in id: DocumentID, snapshot: WorkspaceSnapshot, diagnostics: [Diagnostic]? = nil
    ) -> [CodeActionItem] {
        guard let document = snapshot.documents[id] else { return [] }
        let syntax = document.syntax
        let bytes = syntax.bytes
        let newline = newline(of: bytes)
        let all = diagnostics ?? Checker.diagnostics(for: id, in: snapshot)
        let relevant = all.filter { $0.range.overlaps(range) || $0.range.touches(range.start) || range.touches($0.range.start) }
        var actions: [CodeActionItem] = []
        var ignored: Set<String> = []
        for diagnostic in relevant {
            func action(_ title: String, _ edits: [DocumentID: [TextEdit]], preferred: Bool = false) {
                actions.append(CodeActionItem(title: title, category: .quickFix, diagnostic: diagnostic, edits: edits, isPreferred: preferred))
            }
            for fix in diagnostic.fixes {
                switch fix {
                case let .replaceID(newID):
                    var target = diagnostic.range
                    if target.length > 0, bytes[target.start] == 0x40 || bytes[target.start] == 0x23 { target.start += 1 }
                    let sigil = target.start > diagnostic.range.start ? bytes.string(in: ByteRange(diagnostic.range.start, target.start)) : ""
                    action("Replace with `\(sigil)\(newID)`", [id: [TextEdit(range: target, newText: newID)]], preferred: true)
                case let .createActor(actorID):
                    let isOutlet = syntax.frontMatter?.outlet?.range == diagnostic.range
                    let kind: ActorKind = isOutlet ? .outlet : .person
                    let actor = ProposedActor(id: actorID, name: humanize(actorID), kind: kind, aliases: [])
                    guard let (castDoc, edit) = castStub([actor], near: id, snapshot: snapshot) else { continue }
                    action("Create actor `@\(actorID)` in \(fileName(castDoc))", [castDoc: [edit]])
                case let .linkMention(actorID):
                    let text = syntax.text(diagnostic.range)
                    action(
                        "Link “\(text)” to `@\(actorID)`",
                        [id: [TextEdit(range: diagnostic.range, newText: "[\(text)](@\(actorID))")]], preferred: true)
                case let .attribute(actorID):
                    guard let claim = syntax.claims.first(where: { $0.range == diagnostic.range }) else { continue }
                    let close = claim.attributeRange.end - 1
                    action(
                        "Attribute to \(actorName(actorID, snapshot)) (by=@\(actorID))",
                        [id: [TextEdit(range: ByteRange(close, close), newText: " by=@\(actorID)")]], preferred: true)
                case let .wrapSentence(sentence):
                    let trimmed = trim(sentence, bytes)
                    guard trimmed.length > 0, !syntax.claims.contains(where: { $0.range.overlaps(trimmed) }) else { continue }
                    action("Mark the sentence as a claim to attribute", [id: [
                        TextEdit(range: ByteRange(trimmed.start, trimmed.start), newText: "["),
                        TextEdit(range: ByteRange(trimmed.end, trimmed.end), newText: "]{.claim}"),
                    ]])
                case let .wrapQuote(quote, actor):
                    guard !syntax.claims.contains(where: { $0.range.overlaps(quote) }) else { continue }
                    let attributes = actor.map { ".quote by=@\($0)" } ?? ".quote"
                    let title = actor.map { "Mark as a quote by \(actorName($0, snapshot))" } ?? "Mark as a quote"
                    action(title, [id: [
                        TextEdit(range: ByteRange(quote.start, quote.start), newText: "["),
                        TextEdit(range: ByteRange(quote.end, quote.end), newText: "]{\(attributes)}"),
                    ]], preferred: actor != nil)
                }
            }
            let code = diagnostic.code.rawValue
            guard ignored.insert(code).inserted else { continue }
            action("Ignore \(code) here", [id: [ignoreHere(code, diagnostic.range.start, syntax, newline: newline)]])
            var fileOffset = 0
            var fileText = "<!-- dossier-ignore-file \(code) -->\(newline)"
            if let front = syntax.frontMatter {
                let last = syntax.lines.line(containing: max(front.range.end - 1, 0))
                if last + 1 < syntax.lines.lineCount {
                    fileOffset = syntax.lines.lineStart(last + 1)
                } else {
                    fileOffset = bytes.count
                    fileText = newline + fileText
                }
            }
            action("Ignore \(code) in this file", [id: [TextEdit(range: ByteRange(fileOffset, fileOffset), newText: fileText)]])
        }
        return actions
    }

    /// The `dossier-ignore` comment for a finding at `offset` (SPEC 2.5): in prose, right before the sentence
    /// holding it, so it silences that sentence and not its neighbours; elsewhere (headings of actors, fields,
    /// front matter), on a line of its own before the line holding it, with its indentation.
    static func ignoreHere(_ code: String, _ offset: Int, _ syntax: DocumentSyntax, newline: String) -> TextEdit {
        let bytes = syntax.bytes
        if let paragraph = syntax.paragraphs.first(where: { $0.range.touches(offset) }) {
            var sentenceStart = paragraph.range.start
            Sentences.split(bytes, paragraph.range) { sentence in
                if sentence.start <= offset { sentenceStart = sentence.start }
            }
            let at = afterBlockMarkers(sentenceStart, bytes, lineStart: syntax.lines.lineStart(syntax.lines.line(containing: sentenceStart)))
            return TextEdit(range: ByteRange(at, at), newText: "<!-- dossier-ignore \(code) --> ")
        }
        let lineStart = syntax.lines.lineStart(syntax.lines.line(containing: offset))
        var indentEnd = lineStart
        while indentEnd < bytes.count, bytes[indentEnd] == 0x20 || bytes[indentEnd] == 0x09 { indentEnd += 1 }
        let indent = bytes.string(in: ByteRange(lineStart, indentEnd))
        return TextEdit(range: ByteRange(lineStart, lineStart), newText: "\(indent)<!-- dossier-ignore \(code) -->\(newline)")
    }

    /// `offset` moved past white space and, when nothing but them stands between it and `lineStart`, past the
    /// block quote and list markers that open the line (`> `, `- `, `* `, `+ `, `1. `, `1) `): a comment there
    /// must stay inside the list item or quote.
    static func afterBlockMarkers(_ offset: Int, _ bytes: [UInt8], lineStart: Int) -> Int {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var index = offset
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        guard bytes[lineStart..<index].allSatisfy(isBlank) else { return index }
        while index < bytes.count {
            var marker = index
            if bytes[marker] == 0x3E {  // >
                marker += 1
            } else if bytes[marker] == 0x2D || bytes[marker] == 0x2A || bytes[marker] == 0x2B {  // - * +
                marker += 1
                guard marker < bytes.count, isBlank(bytes[marker]) else { break }
            } else if bytes[marker] >= 0x30 && bytes[marker] <= 0x39 {
                while marker < bytes.count, bytes[marker] >= 0x30 && bytes[marker] <= 0x39 { marker += 1 }
                guard marker + 1 < bytes.count, bytes[marker] == 0x2E || bytes[marker] == 0x29, isBlank(bytes[marker + 1]) else { break }
                marker += 1
            } else {
                break
            }
            index = marker
            while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        }
        return index
    }

    /// The cast file for new actors (the first `type: cast` document, else `id` itself) and the edit
    /// that appends their headings to it, a blank line before each.
    static func castStub(_ actors: [ProposedActor], near id: DocumentID, snapshot: WorkspaceSnapshot) -> (DocumentID, TextEdit)? {
        let castDoc = snapshot.sortedDocumentIDs.first { snapshot.documents[$0]?.type == .cast } ?? id
        guard !actors.isEmpty, let castBytes = snapshot.documents[castDoc]?.syntax.bytes else { return nil }
        let castNewline = Features.newline(of: castBytes)
        var prefix = ""
        if !castBytes.isEmpty {
            let nl = Array(castNewline.utf8)
            if castBytes.count >= 2 * nl.count, Array(castBytes.suffix(2 * nl.count)) == nl + nl {
                prefix = ""
            } else if castBytes.suffix(nl.count).elementsEqual(nl) {
                prefix = castNewline
            } else {
                prefix = castNewline + castNewline
            }
        }
        let stubs = actors.map { $0.stub(newline: castNewline) }.joined(separator: castNewline)
        return (castDoc, TextEdit(range: ByteRange(castBytes.count, castBytes.count), newText: prefix + stubs))
    }

    /// `range` without surrounding whitespace.
    static func trim(_ range: ByteRange, _ bytes: [UInt8]) -> ByteRange {
        var start = range.start
        var end = min(range.end, bytes.count)
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x09 { end -= 1 }
        return ByteRange(start, end)
    }
}
