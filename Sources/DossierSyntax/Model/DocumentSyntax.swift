/// The kinds of actor an actor heading may declare with its class (`{#id .person}`).
public enum ActorKind: String, Sendable, CaseIterable, Hashable {
    case person, organization, country, court, outlet, group, place, document, event
}

/// What a document is, from the `type` key of its front matter.
public enum DocumentType: String, Sendable, CaseIterable {
    case article, brief, cast
}

/// A piece of text together with the bytes it came from.
public struct Located: Hashable, Sendable {
    public var text: String
    public var range: ByteRange

    /// Creates a located string.
    public init(_ text: String, _ range: ByteRange) {
        self.text = text
        self.range = range
    }
}

/// Where an actor reference stands, which decides how it is shown and renamed.
public enum ReferenceRole: String, Sendable, Hashable {
    case linked, bare, by, via, memberOf = "member-of", outlet
}

/// A reference to an actor id written in the text: `[Name](@id)`, `@id`, `by=@id`, `member-of: @id`, `outlet: id`.
public struct ActorReferenceSyntax: Hashable, Sendable {
    /// The id, without `@`.
    public var id: String
    /// The bytes of the id as written, `@` included when present (a mention's range is its `@id`).
    public var range: ByteRange
    public var role: ReferenceRole
    /// How far the id starts after `range.start` (1 past an `@`): stored instead of a second range,
    /// as every document keeps all its references.
    private var idOffset: UInt8

    /// The bytes of the id alone, without `@`; a rename replaces these.
    public var idRange: ByteRange { ByteRange(range.start + Int(idOffset), range.end) }

    /// Creates a reference; `idRange` lies at the end of `range`, after the `@` if there is one.
    public init(id: String, range: ByteRange, idRange: ByteRange, role: ReferenceRole) {
        self.id = id
        self.range = range
        self.role = role
        idOffset = UInt8(clamping: idRange.start - range.start)
    }
}

/// A linked (`[text](@id)`) or bare (`@id`) mention in prose.
public struct MentionSyntax: Hashable, Sendable {
    public var reference: ActorReferenceSyntax
    /// The whole construct: `[` to `)` for a linked mention, the `@id` for a bare one.
    public var fullRange: ByteRange
    /// The link text of a linked mention.
    public var linkText: ByteRange?

    /// Creates a mention.
    public init(reference: ActorReferenceSyntax, fullRange: ByteRange, linkText: ByteRange?) {
        self.reference = reference
        self.fullRange = fullRange
        self.linkText = linkText
    }
}

/// A `key: value` line of front matter or of an actor's field list.
public struct FieldSyntax: Hashable, Sendable {
    public var key: Located
    public var value: Located
    /// The whole line.
    public var lineRange: ByteRange

    /// Creates a field.
    public init(key: Located, value: Located, lineRange: ByteRange) {
        self.key = key
        self.value = value
        self.lineRange = lineRange
    }
}

/// The `---` block at the top of a document.
public struct FrontMatterSyntax: Hashable, Sendable {
    /// From the opening `---` to the end of the closing one.
    public var range: ByteRange
    public var fields: [FieldSyntax]
    /// The `type` value when it names a known type.
    public var type: DocumentType?
    /// The `outlet` value as an actor reference.
    public var outlet: ActorReferenceSyntax?

    /// Creates front matter.
    public init(range: ByteRange, fields: [FieldSyntax], type: DocumentType?, outlet: ActorReferenceSyntax?) {
        self.range = range
        self.fields = fields
        self.type = type
        self.outlet = outlet
    }

    /// The value of `key`, if present.
    public func value(_ key: String) -> Located? { fields.first { $0.key.text == key }?.value }
}

/// An ATX heading, actor or not.
public struct HeadingSyntax: Hashable, Sendable {
    public var level: Int
    /// The heading text without `#`s and attribute block.
    public var text: Located
    /// The whole heading line.
    public var range: ByteRange
    /// From the heading to the next heading of the same or a higher level (for folding and symbols).
    public var sectionRange: ByteRange
    /// The `#id` of its attribute block, if any.
    public var anchor: Located?

    /// Creates a heading.
    public init(level: Int, text: Located, range: ByteRange, sectionRange: ByteRange, anchor: Located?) {
        self.level = level
        self.text = text
        self.range = range
        self.sectionRange = sectionRange
        self.anchor = anchor
    }
}

/// An actor definition: a heading `## Name {#id .kind}` with its fields and description.
public struct ActorDefinitionSyntax: Hashable, Sendable {
    public var id: Located
    public var name: Located
    public var kind: ActorKind
    /// The heading line; a cursor anywhere on it means this actor.
    public var headingRange: ByteRange
    /// From the heading to the next heading.
    public var sectionRange: ByteRange
    public var fields: [FieldSyntax]
    public var aliases: [Located]
    public var role: Located?
    public var memberOf: [ActorReferenceSyntax]
    public var wikidata: Located?
    public var url: Located?
    /// The Markdown after the fields, trimmed, up to the next heading.
    public var description: Located?

    /// Creates an actor definition.
    public init(
        id: Located, name: Located, kind: ActorKind, headingRange: ByteRange, sectionRange: ByteRange,
        fields: [FieldSyntax], aliases: [Located], role: Located?, memberOf: [ActorReferenceSyntax],
        wikidata: Located?, url: Located?, description: Located?
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.headingRange = headingRange
        self.sectionRange = sectionRange
        self.fields = fields
        self.aliases = aliases
        self.role = role
        self.memberOf = memberOf
        self.wikidata = wikidata
        self.url = url
        self.description = description
    }
}

/// Whether a span is a reported claim or a verbatim quote.
public enum ClaimKind: String, Sendable, Hashable {
    case claim, quote
}

/// A `[text]{.claim …}` or `[text]{.quote …}` span with its attributes.
public struct ClaimSyntax: Hashable, Sendable {
    public var kind: ClaimKind
    /// `[` to `}`.
    public var range: ByteRange
    /// The text between the brackets.
    public var textRange: ByteRange
    /// `{` to `}`.
    public var attributeRange: ByteRange
    public var id: Located?
    public var by: [ActorReferenceSyntax]
    /// A quoted `by="…"` description of an unnamed source (quotes excluded).
    public var byDescription: Located?
    public var via: [ActorReferenceSyntax]
    /// The `#id`s of `cite=`, each located on its id (without `#`).
    public var cites: [Located]
    public var cue: Located?
    /// Other `key=value` attributes, kept for hover.
    public var extra: [FieldSyntax]

    /// Whether the span itself names a source (`by`), known or not.
    public var hasBy: Bool { !by.isEmpty || byDescription != nil }

    /// Creates a claim.
    public init(
        kind: ClaimKind, range: ByteRange, textRange: ByteRange, attributeRange: ByteRange, id: Located?,
        by: [ActorReferenceSyntax], byDescription: Located?, via: [ActorReferenceSyntax], cites: [Located],
        cue: Located?, extra: [FieldSyntax]
    ) {
        self.kind = kind
        self.range = range
        self.textRange = textRange
        self.attributeRange = attributeRange
        self.id = id
        self.by = by
        self.byDescription = byDescription
        self.via = via
        self.cites = cites
        self.cue = cue
        self.extra = extra
    }
}

/// What a `dossier-ignore` comment silences (SPEC 2.5).
public enum SuppressionScope: Hashable, Sendable {
    /// `dossier-ignore-file`: the whole document.
    case file
    /// A comment on a line of its own: the block after it, up to the next blank line.
    case block(ByteRange)
    /// A comment inside a paragraph (text follows it on its line): the sentence after it. The range runs from the
    /// comment's end to the paragraph's; the analysis, which splits sentences, cuts it at the first sentence's end.
    case sentence(ByteRange)
}

/// A `<!-- dossier-ignore … -->` comment.
public struct SuppressionSyntax: Hashable, Sendable {
    /// The rule codes as written.
    public var rules: [Located]
    /// The comment.
    public var range: ByteRange
    /// What it silences.
    public var scope: SuppressionScope

    /// Creates a suppression.
    public init(rules: [Located], range: ByteRange, scope: SuppressionScope) {
        self.rules = rules
        self.range = range
        self.scope = scope
    }
}

/// A block of running text (paragraph or list item) and where its prose parts are listed.
public struct ParagraphSyntax: Hashable, Sendable {
    public var range: ByteRange
    // The prose parts of all paragraphs share one array (`DocumentSyntax.segments`): one small
    // array per paragraph cost more in allocation headers than its ranges.
    private var firstSegment: UInt32
    private var endSegment: UInt32

    /// Where the paragraph's prose parts are in `DocumentSyntax.segments`; `DocumentSyntax.segments(of:)` reads them.
    public var segmentIndices: Range<Int> {
        get { Int(firstSegment)..<Int(endSegment) }
        set {
            firstSegment = UInt32(newValue.lowerBound)
            endSegment = UInt32(newValue.upperBound)
        }
    }

    /// Creates a paragraph whose prose parts are `segmentIndices` of its document's segments.
    public init(range: ByteRange, segmentIndices: Range<Int>) {
        self.range = range
        firstSegment = UInt32(segmentIndices.lowerBound)
        endSegment = UInt32(segmentIndices.upperBound)
    }
}

/// A diagnostic found while scanning one document, before any workspace knowledge.
public struct SyntaxDiagnostic: Hashable, Sendable {
    public var code: DiagnosticCode
    public var range: ByteRange
    public var message: String

    /// Creates a diagnostic.
    public init(_ code: DiagnosticCode, _ range: ByteRange, _ message: String) {
        self.code = code
        self.range = range
        self.message = message
    }
}

/// Everything the scanner finds in one document.
public struct DocumentSyntax: Sendable {
    public var lines: LineTable
    public var frontMatter: FrontMatterSyntax?
    public var headings: [HeadingSyntax] = []
    public var actors: [ActorDefinitionSyntax] = []
    public var mentions: [MentionSyntax] = []
    public var claims: [ClaimSyntax] = []
    public var suppressions: [SuppressionSyntax] = []
    public var paragraphs: [ParagraphSyntax] = []
    /// The prose parts of every paragraph, paragraph after paragraph; see `segments(of:)`.
    public var segments: [ByteRange] = []
    /// Fenced code blocks and multi-line HTML comments (for folding).
    public var foldableBlocks: [ByteRange] = []
    public var diagnostics: [SyntaxDiagnostic] = []

    /// The document's text.
    public var bytes: [UInt8] { lines.bytes }

    /// Creates an empty result for `lines`.
    public init(lines: LineTable) {
        self.lines = lines
    }

    /// The prose parts of `paragraph`, in order: code spans, comments, link targets and attribute blocks are cut out.
    public func segments(of paragraph: ParagraphSyntax) -> ArraySlice<ByteRange> { segments[paragraph.segmentIndices] }

    /// The text of `range`, decoded as UTF-8 (invalid sequences repaired).
    public func text(_ range: ByteRange) -> String { lines.bytes.string(in: range) }
}
