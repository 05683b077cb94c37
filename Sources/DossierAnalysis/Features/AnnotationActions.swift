import DossierSyntax

extension Features {
    /// The annotation actions at `range` (SPEC 4, 7): on an unannotated quotation or statement,
    /// "Annotate: by=@id cue=said" with the inferred source first and other actors of the
    /// paragraph after it; all quotations and statements of the paragraph, of the document; on a
    /// source's name that no actor has, "Create actor … and link its mentions"; "Link every mention
    /// of known names in this document"; on a selection, "Mark the selection as a claim".
    static func annotationActions(for range: ByteRange, in id: DocumentID, snapshot: WorkspaceSnapshot) -> [CodeActionItem] {
        guard let document = snapshot.documents[id] else { return [] }
        let syntax = document.syntax
        var actions: [CodeActionItem] = []
        func action(_ title: String, _ plan: AnnotationPlan, preferred: Bool = false) {
            guard !plan.isEmpty else { return }
            var edits: [DocumentID: [TextEdit]] = [id: plan.edits]
            if let (castDoc, stub) = castStub(plan.proposedActors, near: id, snapshot: snapshot) { edits[castDoc, default: []].append(stub) }
            actions.append(CodeActionItem(title: title, category: .rewrite, diagnostic: nil, edits: edits, isPreferred: preferred))
        }
        // Objects ("called for a ban") are never wrapped.
        let attributions = Attributions.infer(in: document, snapshot: snapshot).filter { $0.kind != .object }
        let touched = attributions.filter { attribution in
            !attribution.annotated && (attribution.content.overlaps(range) || attribution.content.touches(range.start)
                || attribution.cue.map { $0.touches(range.start) || $0.overlaps(range) } == true
                || attribution.sourceRange.map { $0.touches(range.start) || $0.overlaps(range) } == true)
        }
        // One quotation or statement: the innermost under the cursor.
        if let attribution = touched.min(by: { $0.content.length < $1.content.length }), attribution.source != nil {
            let plan = Annotator.plan(document, snapshot: snapshot, range: attribution.content, options: [.wrap, .proposeActors], attributions: [attribution])
            action("Annotate: \(annotationSummary(plan, attribution, snapshot))", plan, preferred: true)
            for other in otherActors(near: attribution, in: document, snapshot: snapshot) {
                var alternative = attribution
                alternative.source = .actor(other)
                alternative.otherSources = []
                let plan = Annotator.plan(document, snapshot: snapshot, range: attribution.content, options: [.wrap], attributions: [alternative])
                action("Annotate: \(annotationSummary(plan, alternative, snapshot))", plan)
            }
        }
        // The paragraph and the document.
        if let paragraph = syntax.paragraphs.first(where: { $0.range.touches(range.start) }) {
            let plan = Annotator.plan(document, snapshot: snapshot, range: paragraph.range, options: [.wrap, .proposeActors], attributions: attributions)
            if plan.wrapped > 1 || (plan.wrapped == 1 && actions.isEmpty) {
                action("Annotate all quotations and statements in this paragraph (\(plan.wrapped))", plan)
            }
        }
        let whole = Annotator.plan(document, snapshot: snapshot, options: [.wrap, .proposeActors], attributions: attributions)
        if whole.wrapped > 0 { action("Annotate all quotations and statements in this document (\(whole.wrapped))", whole) }
        // A name the text attributes something to that no actor has.
        let names = Set(attributions.compactMap { attribution -> String? in
            guard let sourceRange = attribution.sourceRange, sourceRange.touches(range.start) || sourceRange.overlaps(range) else { return nil }
            for source in attribution.sources { if case let .name(name) = source { return name } }
            return nil
        })
        for name in names.sorted() {
            let plan = Annotator.plan(document, snapshot: snapshot, options: [.proposeActors], propose: [name], attributions: [])
            guard let actor = plan.proposedActors.first else { continue }
            action("Create actor \(actor.summary) and link its mentions", plan)
        }
        let links = Annotator.plan(document, snapshot: snapshot, options: [.linkNames], attributions: [])
        if links.linked > 0 { action("Link every mention of known names in this document (\(links.linked))", links) }
        // The selection.
        if range.length > 0, Annotator.canWrap(Features.trim(range, syntax.bytes), syntax) {
            let selection = Features.trim(range, syntax.bytes)
            let inferred = attributions.first { $0.content.contains(selection) && $0.source != nil }
            var claim = Attribution(kind: .statement, content: selection, cue: nil, source: nil, sourceRange: nil, confidence: 0, annotated: false)
            if let inferred {
                claim.source = inferred.source
                claim.otherSources = inferred.otherSources
                claim.cue = inferred.cue
            }
            let plan = claim.source == nil
                ? AnnotationPlan(edits: [
                    TextEdit(range: ByteRange(selection.start, selection.start), newText: "["),
                    TextEdit(range: ByteRange(selection.end, selection.end), newText: "]{.claim}"),
                ], wrapped: 1)
                : Annotator.plan(document, snapshot: snapshot, range: selection, options: [.wrap, .proposeActors], attributions: [claim])
            action("Mark the selection as a claim", plan)
        }
        return actions
    }

    /// "by=@lloyd-austin cue=said": what wrapping one attribution writes, for the action's title.
    private static func annotationSummary(_ plan: AnnotationPlan, _ attribution: Attribution, _ snapshot: WorkspaceSnapshot) -> String {
        // The attribute block closes the last insertion (after a link that ends with the content, if any).
        var title = sourceAttributes(of: plan.edits.last?.newText ?? "").joined(separator: " ")
        if let actor = plan.proposedActors.first { title += " (creates actor \(actor.name))" }
        return title
    }

    /// The `by=` and `cue=` attributes of an attribute block (`{.quote #id by="a b" cue=said}`), quoted values kept whole.
    private static func sourceAttributes(of block: String) -> [String] {
        guard let open = block.lastIndex(of: "{") else { return [] }
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in block[block.index(after: open)...] where character != "}" {
            if character == "\"" { quoted.toggle() }
            if character == " ", !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.filter { $0.hasPrefix("by=") || $0.hasPrefix("cue=") }
    }

    /// Actors named in the paragraph of `attribution`, outside it and other than its source: other
    /// sources to offer (at most two).
    private static func otherActors(near attribution: Attribution, in document: Document, snapshot: WorkspaceSnapshot) -> [String] {
        let syntax = document.syntax
        guard let paragraph = syntax.paragraphs.first(where: { $0.range.contains(attribution.content) }) else { return [] }
        var found: [String] = []
        let current = attribution.sources.compactMap { source -> String? in if case let .actor(id) = source { id } else { nil } }
        for mention in syntax.mentions where paragraph.range.contains(mention.fullRange) && !attribution.content.overlaps(mention.fullRange) {
            let id = mention.reference.id
            guard snapshot.actor(id)?.definition.kind == .person || snapshot.actor(id)?.definition.kind == .organization
                || snapshot.actor(id)?.definition.kind == .outlet,
                !current.contains(id), !found.contains(id)
            else { continue }
            found.append(id)
            if found.count == 2 { break }
        }
        return found
    }
}
