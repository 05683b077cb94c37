/// Scans one document's bytes into its syntax: front matter, headings and actor definitions,
/// mentions, claims, suppressions and prose paragraphs, each with exact byte ranges, plus the
/// syntax errors found on the way. Pure and linear in the size of the text.
public enum DocumentScanner {
    /// Scans `bytes` (UTF-8, BOM already removed). Actor ids are taken from `identifiers` when
    /// given, so that documents scanned with one table share their id strings.
    public static func scan(_ bytes: [UInt8], identifiers: IdentifierTable? = nil) -> DocumentSyntax {
        var scanner = BlockScanner(bytes: bytes, identifiers: identifiers)
        return scanner.run()
    }
}

extension Array {
    /// Moves the elements into storage of exactly their count when at least an eighth is unused.
    mutating func shrinkToFit() {
        guard capacity - count > Swift.max(count / 8, 1) else { return }
        // Empty: a new empty array. `unsafeUninitializedCapacity: 0` would write the count of the storage every
        // empty array shares, a data race between threads scanning at once.
        guard count > 0 else {
            self = []
            return
        }
        // Not `Array(self[...])`: a slice of the whole array keeps its storage.
        self = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}

/// Classes Pandoc itself gives headings; they are not misspelt actor kinds.
private let pandocHeadingClasses: Set<String> = ["unnumbered", "unlisted", "-"]

struct BlockScanner {
    let bytes: [UInt8]
    let lines: LineTable
    let identifiers: IdentifierTable?
    private var syntax: DocumentSyntax
    private var inline: InlineScanner
    private var attributes: AttributeParser
    /// Per actor: the first line after its fields, where its description may start.
    private var descriptionStartLines: [Int] = []

    init(bytes: [UInt8], identifiers: IdentifierTable?) {
        self.bytes = bytes
        self.identifiers = identifiers
        lines = LineTable(bytes)
        syntax = DocumentSyntax(lines: lines)
        inline = InlineScanner(bytes: bytes, identifiers: identifiers)
        attributes = AttributeParser(bytes: bytes)
    }

    mutating func run() -> DocumentSyntax {
        let (frontMatter, bodyStart) = FrontMatterParser(bytes: bytes, lines: lines, identifiers: identifiers).parse(diagnostics: &syntax.diagnostics)
        syntax.frontMatter = frontMatter
        var line = bodyStart
        var paragraphStart: Int?
        while line < lines.lineCount {
            let range = lines.lineRange(line)
            let indent = indentation(range)
            if isBlank(line) {
                flushParagraph(&paragraphStart, endLine: line)
                line += 1
            } else if indent - range.start < 4, let fence = fenceMarker(at: indent, lineEnd: range.end) {
                flushParagraph(&paragraphStart, endLine: line)
                line = skipFence(from: line, marker: fence)
            } else if indent - range.start < 4, bytes.hasPrefix("<!--", at: indent) {
                let end = SuppressionComment.end(bytes, from: indent)
                if let end, textFollows(end) {
                    // As in Pandoc, text after `-->` on its line is a paragraph, which the comment opens
                    // (or continues): the inline scan reads the comment, a sentence's suppression.
                    if paragraphStart == nil { paragraphStart = line }
                    line = lines.line(containing: end) + 1
                } else {
                    flushParagraph(&paragraphStart, endLine: line)
                    line = htmlComment(from: line, start: indent, end: end)
                }
            } else if indent - range.start < 4, let level = headingLevel(at: indent, lineEnd: range.end) {
                flushParagraph(&paragraphStart, endLine: line)
                line = heading(line: line, level: level, contentStart: indent + level)
            } else {
                if paragraphStart == nil { paragraphStart = line }
                line += 1
            }
        }
        flushParagraph(&paragraphStart, endLine: lines.lineCount)
        finishSections()
        // Appending doubles an array's capacity, and a workspace keeps every document's syntax:
        // the largest arrays are cut to size (a quarter of their memory on average).
        syntax.claims.shrinkToFit()
        syntax.mentions.shrinkToFit()
        syntax.segments.shrinkToFit()
        syntax.paragraphs.shrinkToFit()
        return syntax
    }

    // MARK: Blocks

    private func indentation(_ range: ByteRange) -> Int {
        var index = range.start
        while index < range.end, ASCII.isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// Whether a line is empty or white space, also inside a block quote (`>` alone).
    private func isBlank(_ line: Int) -> Bool {
        let range = lines.lineRange(line)
        var index = range.start
        while index < range.end, ASCII.isSpace(bytes[index]) || bytes[index] == 0x3E { index += 1 }
        return index == range.end
    }

    private mutating func flushParagraph(_ start: inout Int?, endLine: Int) {
        guard let first = start else { return }
        start = nil
        let range = ByteRange(lines.lineStart(first), lines.lineContentEnd(endLine - 1))
        let segments = inline.scan(range, blankLineAfter: endLine, into: &syntax)
        syntax.paragraphs.append(ParagraphSyntax(range: range, segmentIndices: segments))
    }

    /// The fence character and length when a fenced code block opens at `start`.
    private func fenceMarker(at start: Int, lineEnd: Int) -> (UInt8, Int)? {
        let byte = bytes[start]
        guard byte == ASCII.backtick || byte == ASCII.tilde else { return nil }
        var index = start
        while index < lineEnd, bytes[index] == byte { index += 1 }
        let length = index - start
        guard length >= 3 else { return nil }
        if byte == ASCII.backtick, bytes[index..<lineEnd].contains(ASCII.backtick) { return nil }
        return (byte, length)
    }

    /// Skips a fenced block; returns the line after its closing fence (or the end of the text).
    private mutating func skipFence(from first: Int, marker: (UInt8, Int)) -> Int {
        var line = first + 1
        while line < lines.lineCount {
            let range = lines.lineRange(line)
            let indent = indentation(range)
            if indent - range.start < 4, indent < range.end, bytes[indent] == marker.0 {
                var index = indent
                while index < range.end, bytes[index] == marker.0 { index += 1 }
                if index - indent >= marker.1, indentation(ByteRange(index, range.end)) == range.end {
                    syntax.foldableBlocks.append(ByteRange(lines.lineStart(first), range.end))
                    return line + 1
                }
            }
            line += 1
        }
        syntax.foldableBlocks.append(ByteRange(lines.lineStart(first), bytes.count))
        return line
    }

    /// Whether the line holding `offset` has more than white space from `offset` on.
    private func textFollows(_ offset: Int) -> Bool {
        let lineEnd = lines.lineContentEnd(lines.line(containing: offset))
        return offset < lineEnd && indentation(ByteRange(offset, lineEnd)) < lineEnd
    }

    /// Reads an HTML comment block from `start` to `end` (nil when it is never closed), possibly a
    /// suppression; returns the line after it.
    private mutating func htmlComment(from first: Int, start: Int, end: Int?) -> Int {
        guard let end else {
            syntax.foldableBlocks.append(ByteRange(lines.lineStart(first), bytes.count))
            return lines.lineCount
        }
        let lastLine = lines.line(containing: end)
        if lastLine > first { syntax.foldableBlocks.append(ByteRange(lines.lineStart(first), lines.lineContentEnd(lastLine))) }
        let comment = ByteRange(start, end)
        if let (rules, isFile) = SuppressionComment.parse(bytes, comment, diagnostics: &syntax.diagnostics) {
            syntax.suppressions.append(SuppressionSyntax(rules: rules, range: comment, scope: isFile ? .file : .block(blockAfter(line: lastLine))))
        }
        return lastLine + 1
    }

    /// The block after `line`: from the next non-blank line to the line before the next blank one.
    private func blockAfter(line: Int) -> ByteRange {
        var first = line + 1
        while first < lines.lineCount, isBlank(first) { first += 1 }
        guard first < lines.lineCount else { return ByteRange(bytes.count, bytes.count) }
        var last = first
        while last + 1 < lines.lineCount, !isBlank(last + 1) { last += 1 }
        return ByteRange(lines.lineStart(first), lines.lineContentEnd(last))
    }

    // MARK: Headings and actors

    private func headingLevel(at start: Int, lineEnd: Int) -> Int? {
        var index = start
        while index < lineEnd, bytes[index] == ASCII.hash { index += 1 }
        let level = index - start
        guard (1...6).contains(level), index == lineEnd || ASCII.isSpace(bytes[index]) else { return nil }
        return level
    }

    /// Reads a heading, and an actor's fields after it; returns the next line to scan.
    private mutating func heading(line: Int, level: Int, contentStart: Int) -> Int {
        let lineRange = lines.lineRange(line)
        var contentEnd = lineRange.end
        while contentEnd > contentStart, ASCII.isSpace(bytes[contentEnd - 1]) { contentEnd -= 1 }
        var tokens: [AttributeToken] = []
        var textEnd = contentEnd
        if contentEnd > contentStart, bytes[contentEnd - 1] == ASCII.closeBrace,
            let open = bytes[contentStart..<contentEnd].lastIndex(of: ASCII.openBrace)
        {
            switch attributes.parse(at: open, limit: contentEnd, isOurs: { $0.contains { $0.kind == .identifier } }) {
            case .block(let parsed, let end) where end == contentEnd:
                tokens = parsed
                textEnd = open
            case .malformed(let diagnostic, _):
                syntax.diagnostics.append(diagnostic)
                textEnd = open
            default:
                break
            }
        }
        var textStart = contentStart
        while textStart < textEnd, ASCII.isSpace(bytes[textStart]) { textStart += 1 }
        while textEnd > textStart, ASCII.isSpace(bytes[textEnd - 1]) { textEnd -= 1 }
        textEnd = withoutClosingHashes(textStart, textEnd)
        let text = Located(bytes.string(in: ByteRange(textStart, textEnd)), ByteRange(textStart, textEnd))
        let anchor = tokens.first { $0.kind == .identifier }.map(\.name)
        syntax.headings.append(HeadingSyntax(level: level, text: text, range: lineRange, sectionRange: lineRange, anchor: anchor))

        guard let actor = actorDefinition(text: text, tokens: tokens, lineRange: lineRange) else {
            if text.range.length > 0 {
                let segments = inline.scan(text.range, blankLineAfter: line + 1, into: &syntax)
                syntax.paragraphs.append(ParagraphSyntax(range: text.range, segmentIndices: segments))
            }
            return line + 1
        }
        var next = line + 1
        if next + 1 < lines.lineCount, isBlank(next), field(at: next + 1) != nil { next += 1 }
        var definition = actor
        while next < lines.lineCount, let field = field(at: next) {
            definition.fields.append(field)
            next += 1
        }
        readFields(&definition)
        syntax.actors.append(definition)
        descriptionStartLines.append(next)
        return next
    }

    private func field(at line: Int) -> FieldSyntax? {
        let range = lines.lineRange(line)
        let indent = indentation(range)
        guard indent < range.end, headingLevel(at: indent, lineEnd: range.end) == nil else { return nil }
        return FieldLine.parse(bytes, line: range, allowBullet: true, stripComment: false)
    }

    private func withoutClosingHashes(_ start: Int, _ end: Int) -> Int {
        var index = end
        while index > start, bytes[index - 1] == ASCII.hash { index -= 1 }
        guard index < end, index == start || ASCII.isSpace(bytes[index - 1]) else { return end }
        while index > start, ASCII.isSpace(bytes[index - 1]) { index -= 1 }
        return index
    }

    /// The actor a heading defines, if its attributes carry an id and a kind; reports near misses.
    private mutating func actorDefinition(text: Located, tokens: [AttributeToken], lineRange: ByteRange) -> ActorDefinitionSyntax? {
        let idToken = tokens.first { $0.kind == .identifier }
        let classes = tokens.filter { $0.kind == .className }
        let kindToken = classes.first { ActorKind(rawValue: $0.name.text) != nil }
        guard let idToken else {
            if let kindToken {
                let suggestion = Identifier.slug(text.text)
                syntax.diagnostics.append(SyntaxDiagnostic(
                    .invalidActor, kindToken.range,
                    "an actor heading needs an id: write {#\(suggestion.isEmpty ? "some-id" : suggestion) .\(kindToken.name.text)}"))
            }
            return nil
        }
        if let problem = Identifier.problem(idToken.name.text) {
            if kindToken != nil || classes.isEmpty == false {
                syntax.diagnostics.append(SyntaxDiagnostic(.syntax, idToken.name.range, "bad actor id `\(idToken.name.text)`: \(problem)"))
            }
            return nil
        }
        guard let kindToken, let kind = ActorKind(rawValue: kindToken.name.text) else {
            if let unknown = classes.first(where: { !pandocHeadingClasses.contains($0.name.text) }) {
                let kinds = ActorKind.allCases.map(\.rawValue)
                let nearest = EditDistance.nearest(to: unknown.name.text, in: kinds, limit: 100) ?? "person"
                syntax.diagnostics.append(SyntaxDiagnostic(
                    .invalidActor, unknown.range,
                    "unknown actor kind `.\(unknown.name.text)`: did you mean `.\(nearest)`? Kinds: \(kinds.map { "." + $0 }.joined(separator: " "))"))
            }
            return nil
        }
        var name = text
        if text.text.isEmpty {
            syntax.diagnostics.append(SyntaxDiagnostic(
                .invalidActor, idToken.range, "actor `\(idToken.name.text)` has no name: write it before the `{`"))
            name = Located(idToken.name.text, idToken.name.range)
        }
        return ActorDefinitionSyntax(
            id: idToken.name, name: name, kind: kind, headingRange: lineRange, sectionRange: lineRange, fields: [],
            aliases: [], role: nil, memberOf: [], wikidata: nil, url: nil, description: nil)
    }

    /// Reads the known fields of an actor.
    private mutating func readFields(_ actor: inout ActorDefinitionSyntax) {
        for field in actor.fields {
            switch field.key.text {
            case "aliases":
                actor.aliases += FieldLine.splitList(bytes, field.value.range)
            case "role":
                actor.role = field.value
            case "member-of":
                FieldLine.forEachListItem(bytes, field.value.range) { item in
                    if let reference = FieldLine.actorReference(
                        bytes, item, role: .memberOf, allowBare: false, identifiers: identifiers, diagnostics: &syntax.diagnostics)
                    {
                        actor.memberOf.append(reference)
                    }
                }
            case "wikidata":
                let value = field.value.text
                if value.count >= 2, value.hasPrefix("Q"), value.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
                    actor.wikidata = field.value
                } else {
                    syntax.diagnostics.append(SyntaxDiagnostic(
                        .invalidActor, field.value.range, "`\(value)` is not a Wikidata id: write Q followed by digits, like Q1869253"))
                }
            case "url":
                actor.url = field.value
            default:
                break
            }
        }
    }

    /// Sets each heading's section and each actor's description once all headings are known.
    private mutating func finishSections() {
        let headingStarts = syntax.headings.map(\.range.start)
        for index in syntax.headings.indices {
            let level = syntax.headings[index].level
            var end = bytes.count
            for later in syntax.headings[(index + 1)...] where later.level <= level {
                end = later.range.start
                break
            }
            syntax.headings[index].sectionRange = ByteRange(syntax.headings[index].range.start, trimmedEnd(end))
        }
        var headingCursor = 0
        for index in syntax.actors.indices {
            let start = syntax.actors[index].headingRange.start
            while headingCursor < headingStarts.count, headingStarts[headingCursor] <= start { headingCursor += 1 }
            let nextHeading = headingCursor < headingStarts.count ? headingStarts[headingCursor] : bytes.count
            let end = trimmedEnd(nextHeading)
            syntax.actors[index].sectionRange = ByteRange(start, max(end, syntax.actors[index].headingRange.end))
            let descriptionLine = descriptionStartLines[index]
            if descriptionLine < lines.lineCount {
                var descriptionStart = lines.lineStart(descriptionLine)
                while descriptionStart < end, ASCII.isWhitespace(bytes[descriptionStart]) { descriptionStart += 1 }
                if descriptionStart < end {
                    let range = ByteRange(descriptionStart, end)
                    syntax.actors[index].description = Located(bytes.string(in: range), range)
                }
            }
        }
    }

    /// `end` moved back over trailing blank lines and whitespace.
    private func trimmedEnd(_ end: Int) -> Int {
        var index = end
        while index > 0, ASCII.isWhitespace(bytes[index - 1]) { index -= 1 }
        return index
    }
}
