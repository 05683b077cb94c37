/// Scans the inline content of paragraphs and headings: code spans, comments, escapes, links,
/// mentions and claim spans. Brackets are matched with a stack and every search is memoised, so a
/// paragraph of any shape is scanned in linear time.
struct InlineScanner {
    let bytes: [UInt8]
    let identifiers: IdentifierTable?
    private var attributes: AttributeParser
    private var finder: ByteFinder
    /// The last `[` left open by the previous paragraph, to explain a claim that crosses a blank line.
    private var carriedOpen: (offset: Int, blankLine: Int)?
    /// Whether the paragraph has an escaped `\[`, which makes a lone `]{.claim}` deliberate text.
    private var escapedBracket = false
    /// The ranges of the paragraph's claims not inside another claim, in order: a closing claim
    /// takes the ones it encloses off the end, so nesting is found in linear time (ranges, not
    /// indices: reading a claim back copies it, and a copy retains all of its fields).
    private var outermostClaims: [ByteRange] = []
    /// The last search for `-->`: from where, what it found, within which limit (keeps many `<!--` linear).
    private var commentCloseMemo: (from: Int, close: Int?, limit: Int)?
    /// The paragraph's prose segments while it is scanned (kept between paragraphs for its
    /// capacity), and where the current segment started.
    private var segments: [ByteRange] = []
    private var segmentStart = 0
    /// The offsets of the `[`s not closed yet, kept between paragraphs for its capacity.
    private var openBrackets: [Int] = []

    init(bytes: [UInt8], identifiers: IdentifierTable?) {
        self.bytes = bytes
        self.identifiers = identifiers
        attributes = AttributeParser(bytes: bytes)
        finder = ByteFinder(bytes: bytes)
    }

    /// Scans `range` (one paragraph, or a heading's text) into `syntax`, its prose segments
    /// appended to `syntax.segments`; returns their indices there.
    mutating func scan(_ range: ByteRange, blankLineAfter: Int, into syntax: inout DocumentSyntax) -> Range<Int> {
        let limit = range.end
        // Found at the paragraph's first backtick: most paragraphs have none.
        var codeSpans: [ByteRange]?
        var nextCodeSpan = 0
        segmentStart = range.start
        openBrackets.removeAll(keepingCapacity: true)
        escapedBracket = false
        outermostClaims.removeAll(keepingCapacity: true)
        var index = range.start

        while index < limit {
            let byte = bytes[index]
            switch byte {
            case ASCII.backslash:
                if index + 1 < limit, ASCII.isPunctuation(bytes[index + 1]) {
                    if bytes[index + 1] == ASCII.openBracket { escapedBracket = true }
                    index += 2
                } else {
                    index += 1
                }
            case ASCII.backtick:
                let spans = codeSpans ?? InlineScanner.codeSpans(bytes, range)
                codeSpans = spans
                while nextCodeSpan < spans.count, spans[nextCodeSpan].start < index { nextCodeSpan += 1 }
                if nextCodeSpan < spans.count, spans[nextCodeSpan].start == index {
                    let span = spans[nextCodeSpan]
                    cut(span.start, span.end)
                    index = span.end
                } else {
                    while index < limit, bytes[index] == ASCII.backtick { index += 1 }
                }
            case ASCII.lessThan where bytes.hasPrefix("<!--", at: index):
                if let close = commentEnd(from: index + 4, limit: limit) {
                    cut(index, close)
                    suppression(ByteRange(index, close), paragraphEnd: limit, into: &syntax)
                    index = close
                } else {
                    index += 4
                }
            case ASCII.openBracket:
                openBrackets.append(index)
                index += 1
            case ASCII.closeBracket:
                let open = openBrackets.popLast()
                index = closeBracket(
                    at: index, open: open, limit: limit, into: &syntax)
            case ASCII.at:
                index = bareMention(at: index, limit: limit, into: &syntax)
            default:
                index = InlineScanner.nextSpecial(bytes, from: index + 1, limit: limit)
            }
        }
        cut(limit, limit)
        carriedOpen = openBrackets.last.map { ($0, blankLineAfter) }
        let firstSegment = syntax.segments.count
        syntax.segments += segments
        segments.removeAll(keepingCapacity: true)
        return firstSegment..<syntax.segments.count
    }

    /// The bytes the scan loop acts on — `\\`, `` ` ``, `<`, `@`, `[` and `]` — as bits over 0x3C…0x60.
    private static let specialBytes: UInt64 =
        1 << (0x5C - 0x3C) | 1 << (0x60 - 0x3C) | 1 << (0x3C - 0x3C) | 1 << (0x40 - 0x3C) | 1 << (0x5B - 0x3C) | 1 << (0x5D - 0x3C)

    /// The offset of the first byte at or after `start` that the scan loop acts on, or `limit`:
    /// prose is mostly letters, ruled out eight bytes at a time.
    @inline(__always)
    private static func nextSpecial(_ bytes: [UInt8], from start: Int, limit: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            ByteSearch.firstIndex(
                in: buffer, from: start, to: limit,
                matchingBytes: { word in
                    ByteSearch.equalBytes(word, ASCII.backslash) | ByteSearch.equalBytes(word, ASCII.backtick)
                        | ByteSearch.equalBytes(word, ASCII.lessThan) | ByteSearch.equalBytes(word, ASCII.at)
                        | ByteSearch.equalBytes(word, ASCII.openBracket) | ByteSearch.equalBytes(word, ASCII.closeBracket)
                },
                matches: { byte in
                    let offset = byte &- 0x3C
                    return offset <= 0x60 - 0x3C && specialBytes >> UInt64(offset) & 1 != 0
                })
        }
    }

    /// Ends the current prose segment at `start`; the next one starts at `end`.
    private mutating func cut(_ start: Int, _ end: Int) {
        if start > segmentStart { segments.append(ByteRange(segmentStart, start)) }
        segmentStart = end
    }

    /// Handles a `]`: a link `](…)`, an attribute block `]{…}`, or plain text. Returns where to resume.
    private mutating func closeBracket(
        at index: Int, open: Int?, limit: Int, into syntax: inout DocumentSyntax
    ) -> Int {
        let next = index + 1
        guard next < limit else { return next }
        if bytes[next] == ASCII.openParen {
            guard let close = finder.next(ASCII.closeParen, from: next + 1, limit: limit) else { return next }
            if let open { linkedMention(open: open, textEnd: index, destination: ByteRange(next + 1, close), into: &syntax) }
            cut(next, close + 1)
            return close + 1
        }
        guard bytes[next] == ASCII.openBrace else { return next }
        switch attributes.parse(at: next, limit: limit, isOurs: { $0.contains(where: InlineScanner.isClaimClass) }) {
        case .notAttributes:
            return next
        case .malformed(let diagnostic, let resume):
            syntax.diagnostics.append(diagnostic)
            cut(next, resume)
            return resume
        case .block(let tokens, let end):
            cut(next, end)
            guard let kindToken = tokens.first(where: InlineScanner.isClaimClass) else { return end }
            guard let open else {
                orphanClaim(closing: ByteRange(index, end), into: &syntax)
                return end
            }
            let kind: ClaimKind = kindToken.name.text == "quote" ? .quote : .claim
            let claim = ClaimBuilder.build(
                kind: kind, range: ByteRange(open, end), textRange: ByteRange(open + 1, index),
                attributeRange: ByteRange(next, end), tokens: tokens, bytes: bytes, identifiers: identifiers,
                diagnostics: &syntax.diagnostics)
            while let inner = outermostClaims.last, inner.start > open {
                syntax.diagnostics.append(SyntaxDiagnostic(
                    .syntax, inner, "a claim cannot hold another claim: close the outer span before this one opens"))
                outermostClaims.removeLast()
            }
            outermostClaims.append(claim.range)
            syntax.claims.append(consume claim)
            return end
        }
    }

    /// A `]{.claim}` with no `[` in its paragraph: explains it at the `[` of the paragraph before, if any.
    private mutating func orphanClaim(closing: ByteRange, into syntax: inout DocumentSyntax) {
        if let carried = carriedOpen {
            syntax.diagnostics.append(SyntaxDiagnostic(
                .syntax, ByteRange(carried.offset, carried.offset + 1),
                "claim span opened here is never closed before the blank line on line \(carried.blankLine + 1): a claim cannot cross a blank line"))
            carriedOpen = nil
        } else if !escapedBracket {
            syntax.diagnostics.append(SyntaxDiagnostic(
                .syntax, closing, "this attribute block closes a claim that never opened: add `[` before the claim's text"))
        }
    }

    /// Records `[text](@id)` when the destination is an actor id.
    private func linkedMention(open: Int, textEnd: Int, destination: ByteRange, into syntax: inout DocumentSyntax) {
        var start = destination.start
        while start < destination.end, ASCII.isSpace(bytes[start]) { start += 1 }
        guard start < destination.end, bytes[start] == ASCII.at else { return }
        let idStart = start + 1
        let idEnd = Identifier.scanEnd(bytes, from: idStart, limit: destination.end)
        var after = idEnd
        while after < destination.end, ASCII.isSpace(bytes[after]) { after += 1 }
        guard idEnd > idStart, after == destination.end || bytes[after] == ASCII.quote, idEnd - idStart <= Identifier.maximumLength
        else {
            var end = destination.end
            while end > start, ASCII.isSpace(bytes[end - 1]) { end -= 1 }
            let written = bytes.string(in: ByteRange(start, end))
            syntax.diagnostics.append(SyntaxDiagnostic(
                .syntax, ByteRange(start, end),
                "`\(written)` is not an actor id: \(Identifier.problem(String(written.dropFirst())) ?? "write the id alone, like (@lloyd-austin)")"))
            return
        }
        let id = bytes.identifier(in: ByteRange(idStart, idEnd), sharedBy: identifiers)
        let reference = ActorReferenceSyntax(id: id, range: ByteRange(start, idEnd), idRange: ByteRange(idStart, idEnd), role: .linked)
        syntax.mentions.append(MentionSyntax(
            reference: reference, fullRange: ByteRange(open, destination.end + 1), linkText: ByteRange(open + 1, textEnd)))
    }

    /// Records a bare `@id` candidate unless the `@` follows a letter, digit, `@`, `.` or `/`.
    private func bareMention(at index: Int, limit: Int, into syntax: inout DocumentSyntax) -> Int {
        if index > 0, precededByWordCharacter(index) { return index + 1 }
        let end = Identifier.scanEnd(bytes, from: index + 1, limit: limit)
        guard end > index + 1, end - index - 1 <= Identifier.maximumLength else { return index + 1 }
        let id = bytes.identifier(in: ByteRange(index + 1, end), sharedBy: identifiers)
        let reference = ActorReferenceSyntax(id: id, range: ByteRange(index, end), idRange: ByteRange(index + 1, end), role: .bare)
        syntax.mentions.append(MentionSyntax(reference: reference, fullRange: ByteRange(index, end), linkText: nil))
        return end
    }

    private func precededByWordCharacter(_ index: Int) -> Bool {
        let previous = bytes[index - 1]
        if previous < 0x80 {
            return ASCII.isAlphanumeric(previous) || previous == ASCII.at || previous == ASCII.dot || previous == ASCII.slash
        }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80, index - start < 4 { start -= 1 }
        let scalar = String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars.last
        return scalar.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
    }

    /// Records a `dossier-ignore` comment inside a paragraph: it silences the sentence after it (the
    /// file, for `dossier-ignore-file`).
    private func suppression(_ comment: ByteRange, paragraphEnd: Int, into syntax: inout DocumentSyntax) {
        guard let (rules, isFile) = SuppressionComment.parse(bytes, comment, diagnostics: &syntax.diagnostics) else { return }
        let scope: SuppressionScope = isFile ? .file : .sentence(ByteRange(comment.end, paragraphEnd))
        syntax.suppressions.append(SuppressionSyntax(rules: rules, range: comment, scope: scope))
    }

    /// The offset just past the `-->` closing a comment whose body starts at `start`.
    private mutating func commentEnd(from start: Int, limit: Int) -> Int? {
        if let memo = commentCloseMemo, memo.limit == limit, start >= memo.from {
            guard let close = memo.close else { return nil }
            if start <= close - 3 { return close }
        }
        var index = start
        var close: Int?
        while let dash = finder.next(ASCII.dash, from: index, limit: limit) {
            if dash + 2 < limit, bytes[dash + 1] == ASCII.dash, bytes[dash + 2] == 0x3E {
                close = dash + 3
                break
            }
            index = dash + 1
        }
        commentCloseMemo = (start, close, limit)
        return close
    }

    static func isClaimClass(_ token: AttributeToken) -> Bool {
        token.kind == .className && (token.name.text == "claim" || token.name.text == "quote")
    }

    /// The code spans of `range`: a run of n backticks up to the next run of exactly n. Linear: each
    /// run length keeps a cursor over the runs of that length.
    static func codeSpans(_ bytes: [UInt8], _ range: ByteRange) -> [ByteRange] {
        var runs: [(start: Int, length: Int)] = []
        var index = range.start
        while index < range.end {
            if bytes[index] == ASCII.backslash, index + 1 < range.end, bytes[index + 1] == ASCII.backtick {
                index += 2
                continue
            }
            if bytes[index] == ASCII.backtick {
                let start = index
                while index < range.end, bytes[index] == ASCII.backtick { index += 1 }
                runs.append((start, index - start))
            } else {
                index += 1
            }
        }
        guard runs.count > 1 else { return [] }
        var runsByLength: [Int: [Int]] = [:]
        for (position, run) in runs.enumerated() { runsByLength[run.length, default: []].append(position) }
        var cursor: [Int: Int] = [:]
        var spans: [ByteRange] = []
        var position = 0
        while position < runs.count {
            let run = runs[position]
            let sameLength = runsByLength[run.length]!
            var next = cursor[run.length] ?? 0
            while next < sameLength.count, sameLength[next] <= position { next += 1 }
            cursor[run.length] = next
            if next < sameLength.count {
                let closing = runs[sameLength[next]]
                spans.append(ByteRange(run.start, closing.start + closing.length))
                position = sameLength[next] + 1
            } else {
                position += 1
            }
        }
        return spans
    }
}
