import DossierSyntax

/// Names a document: a file URI in the language server, a path in the command line.
public struct DocumentID: Hashable, Sendable, Comparable, CustomStringConvertible, ShardedKey {
    public let rawValue: String

    /// The shard hash of the URI.
    public var shardHash: Int { rawValue.shardHash }

    /// Creates an id.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// A place in a document.
public struct Location: Hashable, Sendable {
    public var document: DocumentID
    public var range: ByteRange

    /// Creates a location.
    public init(_ document: DocumentID, _ range: ByteRange) {
        self.document = document
        self.range = range
    }
}

/// One actor reference with the claim it belongs to, if any. The id is the key it is grouped
/// under in `Document.references`, so a site holds only ranges and indices (16 bytes).
public struct ReferenceSite: Hashable, Sendable {
    /// The bytes of the id as written, `@` included when present.
    public let range: ByteRange
    private let storedClaim: Int32
    public let role: ReferenceRole
    /// How far the id starts after `range.start` (1 past an `@`).
    private let idOffset: UInt8

    /// Creates the site of `reference`, inside claim `claim` if any.
    public init(_ reference: ActorReferenceSyntax, claim: Int?) {
        range = reference.range
        role = reference.role
        idOffset = UInt8(clamping: reference.idRange.start - reference.range.start)
        storedClaim = claim.map { Int32($0) } ?? -1
    }

    /// The bytes of the id alone, without `@`; a rename replaces these.
    public var idRange: ByteRange { ByteRange(range.start + Int(idOffset), range.end) }

    /// Index into the document's claims when the reference is a claim's `by`/`via` (or a mention inside one).
    public var claim: Int? { storedClaim < 0 ? nil : Int(storedClaim) }
}

/// One document, scanned and summarised. Everything here depends on the document's text alone, so
/// an edit recomputes one `Document` and nothing else. A class, so that a snapshot copies one
/// reference per document rather than every array inside it.
public final class Document: Sendable {
    public let id: DocumentID
    public let syntax: DocumentSyntax
    /// Set when the file is not valid UTF-8: the document is otherwise skipped.
    public let encodingError: String?
    /// The document's type (`article` unless front matter says otherwise).
    public let type: DocumentType
    /// Every actor reference in the document, grouped by actor id, in text order.
    public let references: KeyedGroups<ReferenceSite>
    /// Claim index by claim id.
    public let claimsByID: KeyedGroups<Int>
    /// For each claim id cited here, the citing claim indices and the cite's location.
    public let citations: KeyedGroups<(claim: Int, range: ByteRange)>

    /// Scans `bytes` (a leading BOM is dropped) into a document, its actor ids shared through
    /// `identifiers` when given (see `IdentifierTable`).
    public convenience init(id: DocumentID, bytes raw: [UInt8], identifiers: IdentifierTable? = nil) {
        let bytes = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(raw.dropFirst(3)) : raw
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            var syntax = DocumentSyntax(lines: LineTable(bytes))
            syntax.diagnostics = [SyntaxDiagnostic(
                .syntax, ByteRange(offset, min(offset + 1, bytes.count)),
                "this file is not valid UTF-8 (bad byte at offset \(offset)): save it as UTF-8 to have it checked")]
            self.init(id: id, syntax: syntax, encodingError: syntax.diagnostics[0].message)
        } else {
            self.init(id: id, syntax: DocumentScanner.scan(bytes, identifiers: identifiers), encodingError: nil)
        }
    }

    private init(id: DocumentID, syntax: DocumentSyntax, encodingError: String?) {
        self.id = id
        self.syntax = syntax
        self.encodingError = encodingError
        type = syntax.frontMatter?.type ?? .article
        var references: [(key: String, element: ReferenceSite)] = []
        references.reserveCapacity(syntax.mentions.count + 2 * syntax.claims.count)
        if let outlet = syntax.frontMatter?.outlet { references.append((outlet.id, ReferenceSite(outlet, claim: nil))) }
        for actor in syntax.actors {
            for member in actor.memberOf { references.append((member.id, ReferenceSite(member, claim: nil))) }
        }
        var claimsByID: [(key: String, element: Int)] = []
        var citations: [(key: String, element: (claim: Int, range: ByteRange))] = []
        // Fields read in place: a copy of each claim would retain all of its strings and arrays.
        let claims = syntax.claims
        for index in claims.indices {
            if let id = claims[index].id { claimsByID.append((id.text, index)) }
            for reference in claims[index].by { references.append((reference.id, ReferenceSite(reference, claim: index))) }
            for reference in claims[index].via { references.append((reference.id, ReferenceSite(reference, claim: index))) }
            for cite in claims[index].cites { citations.append((cite.text, (index, cite.range))) }
        }
        let claimOrder = syntax.claims.indices.sorted { syntax.claims[$0].textRange.start < syntax.claims[$1].textRange.start }
        for mention in syntax.mentions {
            let claim = Document.enclosingClaim(of: mention.fullRange, claims: syntax.claims, order: claimOrder)
            references.append((mention.reference.id, ReferenceSite(mention.reference, claim: claim)))
        }
        // Text order within each actor's group: grouping keeps this order.
        references.sort { $0.element.range < $1.element.range }
        self.references = KeyedGroups(references)
        self.claimsByID = KeyedGroups(claimsByID)
        self.citations = KeyedGroups(citations)
    }

    /// The claim whose text holds `range`: the last claim starting before it, found by binary search
    /// over claims ordered by start (claims do not nest; a nested one is a syntax error).
    static func enclosingClaim(of range: ByteRange, claims: [ClaimSyntax], order: [Int]) -> Int? {
        let low = partitionPoint(order.count) { mid in claims[order[mid]].textRange.start <= range.start }
        guard low > 0 else { return nil }
        let candidate = order[low - 1]
        return claims[candidate].textRange.contains(range) ? candidate : nil
    }

    /// The text of the document's title: front matter `title`, else its first heading, else nil.
    public var title: String? {
        syntax.frontMatter?.value("title")?.text ?? syntax.headings.first?.text.text
    }
}
