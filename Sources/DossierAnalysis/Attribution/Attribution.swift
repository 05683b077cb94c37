import DossierSyntax

/// Who is on record for a quotation or a reported statement, as attribution inference finds it (SPEC 7).
public enum AttributionSource: Hashable, Sendable {
    /// An actor of the cast, by id.
    case actor(String)
    /// A name that no actor has, such as a person not yet in the cast: the name as written, titles left out.
    case name(String)
    /// An unnamed source ("a State Department spokesperson"), as written.
    case description(String)
}

/// What was attributed: a quotation (the words between the quotation marks), a reported statement
/// (a clause), or what a cue reports without a clause.
public enum AttributionKind: String, Hashable, Sendable {
    case quote, statement
    /// A noun phrase or a prepositional object that a cue reports ("announced his resignation",
    /// "called for a ban", "criticized the decision"): on record, but no claim of its own, so
    /// it is listed (`dossier attributions`) but never wrapped, flagged or hovered.
    case object
}

/// One inference: a quotation or reported statement in prose, its reporting cue and its source.
public struct Attribution: Hashable, Sendable {
    public var kind: AttributionKind
    /// The quotation with its quotation marks, or the clause reported.
    public var content: ByteRange
    /// The reporting cue (“said”, “according to”, the colon of a lead-in), or nil when the source is
    /// carried over from a neighbouring quotation (the second half of a split quote, a continued paragraph).
    public var cue: ByteRange?
    /// The source; nil when none is found.
    public var source: AttributionSource?
    /// Further sources named together with `source` (“Durbin and Graham said”).
    public var otherSources: [AttributionSource] = []
    /// The words that name the source where the cue is (“Austin”, “she”, “the spokesman”), before a
    /// pronoun or description is resolved; nil when the source is carried over.
    public var sourceRange: ByteRange?
    /// How sure the inference is, from 0 to 1: an explicit name beside the cue is near 1, a source
    /// carried over from another paragraph or found by a colon alone is lower.
    public var confidence: Double
    /// Whether the content lies inside a claim span (already annotated).
    public var annotated: Bool
    /// Whether the source is named where the cue is (an actor's name or mention, or a person's
    /// name), not a pronoun, a description or a source carried over from elsewhere.
    public var namedAtCue = false

    /// Creates an inference.
    public init(
        kind: AttributionKind, content: ByteRange, cue: ByteRange?, source: AttributionSource?, otherSources: [AttributionSource] = [],
        sourceRange: ByteRange?, confidence: Double, annotated: Bool, namedAtCue: Bool = false
    ) {
        self.kind = kind
        self.content = content
        self.cue = cue
        self.source = source
        self.otherSources = otherSources
        self.sourceRange = sourceRange
        self.confidence = confidence
        self.annotated = annotated
        self.namedAtCue = namedAtCue
    }

    /// `source` followed by `otherSources`.
    public var sources: [AttributionSource] { source.map { [$0] + otherSources } ?? [] }
}
