import DossierSyntax

/// What a folded span holds, when it is more than a section.
public enum FoldingKind: Hashable, Sendable {
    case comment
    case region
}

/// A foldable line span (zero-based, inclusive).
public struct FoldingItem: Hashable, Sendable {
    public var startLine: Int
    public var endLine: Int
    public var kind: FoldingKind?

    /// Creates a folding range.
    public init(startLine: Int, endLine: Int, kind: FoldingKind?) {
        self.startLine = startLine
        self.endLine = endLine
        self.kind = kind
    }
}

extension Features {
    /// Folding ranges: front matter, heading sections (trailing blank lines left out), multi-line claims,
    /// fenced code blocks and HTML comments. Sorted by start line; single-line spans are dropped.
    public static func foldingRanges(in id: DocumentID, snapshot: WorkspaceSnapshot) -> [FoldingItem] {
        guard let syntax = snapshot.documents[id]?.syntax else { return [] }
        let bytes = syntax.bytes
        let lines = syntax.lines
        var items: [FoldingItem] = []
        func add(_ range: ByteRange, _ kind: FoldingKind?) {
            var end = range.end
            while end > range.start, end <= bytes.count, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 { end -= 1 }
            let first = lines.line(containing: range.start)
            let last = lines.line(containing: max(end - 1, range.start))
            if last > first { items.append(FoldingItem(startLine: first, endLine: last, kind: kind)) }
        }
        if let front = syntax.frontMatter { add(front.range, .region) }
        for heading in syntax.headings { add(heading.sectionRange, nil) }
        for claim in syntax.claims { add(claim.range, nil) }
        for block in syntax.foldableBlocks {
            let isComment = bytes.string(in: ByteRange(block.start, min(block.start + 4, block.end))) == "<!--"
            add(block, isComment ? .comment : .region)
        }
        var seen: Set<FoldingItem> = []
        return items.filter { seen.insert($0).inserted }.sorted { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
    }
}
