import DossierSyntax

/// A label the editor shows inside the text: the inferred source after a quotation.
public struct InlayHintItem: Hashable, Sendable {
    /// Where the label goes: right after the quotation's closing mark.
    public var offset: Int
    /// "— Lloyd Austin".
    public var label: String
    /// The cue and how sure the inference is, for the editor's tooltip.
    public var tooltip: String
}

extension Features {
    /// The inlay hints of `range` in document `id` (SPEC 7): after each unannotated quotation whose
    /// source inference finds, `— ` and the source's name ("— Lloyd Austin", "— a State Department
    /// spokesperson"). Empty when `dossier.json` has `"inlayHints": false`. Reads the paragraphs
    /// of `range` and the few before them (what a quotation can take its source from), not the
    /// whole document.
    public static func inlayHints(in id: DocumentID, range: ByteRange, snapshot: WorkspaceSnapshot) -> [InlayHintItem] {
        guard snapshot.configuration.inlayHints, let document = snapshot.documents[id] else { return [] }
        return attributions(in: document, around: range, snapshot: snapshot).compactMap { attribution in
            guard attribution.kind == .quote, !attribution.annotated, range.touches(attribution.content.end),
                !attribution.sources.isEmpty
            else { return nil }
            var tooltip = "inferred source"
            if let cue = attribution.cue { tooltip += " · cue “\(squeeze(document.syntax.text(cue)))”" }
            tooltip += " · confidence \(percent(attribution.confidence))"
            return InlayHintItem(offset: attribution.content.end, label: "— " + sourceNames(attribution.sources, snapshot), tooltip: tooltip)
        }
    }

    /// The hover on an unannotated quotation or statement at `offset`: its inferred source and cue.
    static func attributionHover(at offset: Int, in id: DocumentID, snapshot: WorkspaceSnapshot) -> HoverResult? {
        guard let document = snapshot.documents[id] else { return nil }
        let here = attributions(in: document, around: ByteRange(offset, offset), snapshot: snapshot).filter {
            $0.kind != .object && !$0.annotated && ($0.content.touches(offset) || $0.cue?.touches(offset) == true)
        }
        // The innermost: a quotation inside a statement is what the cursor is on.
        guard let attribution = here.min(by: { $0.content.length < $1.content.length }) else { return nil }
        let syntax = document.syntax
        let what = attribution.kind == .quote ? "quotation" : "reported statement"
        var blocks = ["**\(what)** · " + (attribution.sources.isEmpty && attribution.sourceRange == nil ? "**no source found**" : "inferred source")]
        blocks.append("> " + truncate(squeeze(syntax.text(attribution.content)), 300))
        var line: String
        if attribution.sources.isEmpty {
            if let pronoun = attribution.sourceRange {
                line = "- by “\(squeeze(syntax.text(pronoun)))”, whom the text does not name nearby"
            } else {
                line = "- no source in the text: add who said it (“…,” Austin said) or mark it with by="
            }
        } else {
            line = "- by " + attribution.sources.map { sourceLabel($0, snapshot) }.joined(separator: ", ")
        }
        if let cue = attribution.cue { line += " → cue “\(squeeze(syntax.text(cue)))”" }
        if !attribution.sources.isEmpty { line += " · confidence \(percent(attribution.confidence))" }
        blocks.append(line)
        if !attribution.sources.isEmpty { blocks.append("Annotate it with the code action “Annotate: by=…”.") }
        return HoverResult(markdown: blocks.joined(separator: "\n\n"), range: attribution.content)
    }

    /// The attributions of the paragraphs `range` touches, each read after the paragraphs before
    /// it that inference reaches back to.
    static func attributions(in document: Document, around range: ByteRange, snapshot: WorkspaceSnapshot) -> [Attribution] {
        let paragraphs = document.syntax.paragraphs
        guard let first = paragraphs.firstIndex(where: { $0.range.end >= range.start }) else { return [] }
        var last = first
        while last + 1 < paragraphs.count, paragraphs[last + 1].range.start <= range.end { last += 1 }
        return Attributions.infer(in: document, snapshot: snapshot, paragraphs: first..<(last + 1)).filter {
            $0.content.overlaps(range) || $0.content.touches(range.start) || $0.content.touches(range.end) || range.contains($0.content)
        }
    }

    /// "Lloyd Austin", "Durbin and Graham", "a State Department spokesperson".
    static func sourceNames(_ sources: [AttributionSource], _ snapshot: WorkspaceSnapshot) -> String {
        let names = sources.map { source -> String in
            switch source {
            case let .actor(id): actorName(id, snapshot)
            case let .name(name): name
            case let .description(text): text
            }
        }
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    /// "Lloyd Austin (`@lloyd-austin`)", "Karim Khan (not in the cast)", "“a spokesperson” (unnamed)".
    private static func sourceLabel(_ source: AttributionSource, _ snapshot: WorkspaceSnapshot) -> String {
        switch source {
        case let .actor(id): "\(actorName(id, snapshot)) (`@\(id)`)"
        case let .name(name): "\(name) (not in the cast)"
        case let .description(text): "“\(text)” (unnamed)"
        }
    }

    private static func percent(_ confidence: Double) -> String { "\(Int((confidence * 100).rounded()))%" }
}
