/// Turns the attribute tokens of a `.claim`/`.quote` span into a `ClaimSyntax`, reporting bad values.
enum ClaimBuilder {
    static func build(
        kind: ClaimKind, range: ByteRange, textRange: ByteRange, attributeRange: ByteRange,
        tokens: [AttributeToken], bytes: [UInt8], identifiers: IdentifierTable?, diagnostics: inout [SyntaxDiagnostic]
    ) -> ClaimSyntax {
        var claim = ClaimSyntax(
            kind: kind, range: range, textRange: textRange, attributeRange: attributeRange, id: nil, by: [],
            byDescription: nil, via: [], cites: [], cue: nil, extra: [])
        // A claim has a handful of keys: a list beats hashing each one.
        var seenKeys: [String] = []
        var kindSeen = false
        for token in tokens {
            switch token.kind {
            case .className:
                if InlineScanner.isClaimClass(token) {
                    if kindSeen {
                        diagnostics.append(SyntaxDiagnostic(.syntax, token.range, "a span is either `.claim` or `.quote`, not both"))
                    }
                    kindSeen = true
                }
            case .identifier:
                if claim.id != nil {
                    diagnostics.append(SyntaxDiagnostic(.syntax, token.range, "a claim has one `#id`: remove this one"))
                } else if let problem = Identifier.problem(token.name.text) {
                    diagnostics.append(SyntaxDiagnostic(.syntax, token.name.range, "bad claim id `\(token.name.text)`: \(problem)"))
                } else {
                    claim.id = token.name
                }
            case .pair:
                guard let value = token.value else { continue }
                let key = token.name.text
                if seenKeys.contains(key) {
                    diagnostics.append(SyntaxDiagnostic(.syntax, token.range, "`\(key)=` is given twice: merge the values"))
                    continue
                }
                seenKeys.append(key)
                switch key {
                case "by":
                    if token.quoted {
                        if value.text.trimmingSpaces().isEmpty {
                            diagnostics.append(SyntaxDiagnostic(.syntax, token.range, "`by=\"\"` is empty: name the source or describe it"))
                        } else {
                            claim.byDescription = value
                        }
                    } else {
                        claim.by = references(value, role: .by, bytes: bytes, identifiers: identifiers, diagnostics: &diagnostics)
                    }
                case "via":
                    if token.quoted {
                        diagnostics.append(SyntaxDiagnostic(.syntax, token.range, "`via=` takes actor ids, like via=@nyt"))
                    } else {
                        claim.via = references(value, role: .via, bytes: bytes, identifiers: identifiers, diagnostics: &diagnostics)
                    }
                case "cite":
                    claim.cites = citations(value, bytes: bytes, diagnostics: &diagnostics)
                case "cue":
                    claim.cue = value
                default:
                    claim.extra.append(FieldSyntax(key: token.name, value: value, lineRange: token.range))
                }
            }
        }
        return claim
    }

    private static func references(
        _ value: Located, role: ReferenceRole, bytes: [UInt8], identifiers: IdentifierTable?, diagnostics: inout [SyntaxDiagnostic]
    ) -> [ActorReferenceSyntax] {
        var references: [ActorReferenceSyntax] = []
        FieldLine.forEachListItem(bytes, value.range) { item in
            if let reference = FieldLine.actorReference(bytes, item, role: role, allowBare: false, identifiers: identifiers, diagnostics: &diagnostics) {
                references.append(reference)
            }
        }
        return references
    }

    private static func citations(_ value: Located, bytes: [UInt8], diagnostics: inout [SyntaxDiagnostic]) -> [Located] {
        var cites: [Located] = []
        FieldLine.forEachListItem(bytes, value.range) { item in
            guard item.length > 0, bytes[item.start] == ASCII.hash else {
                diagnostics.append(SyntaxDiagnostic(.syntax, item, "write the cited claim as `#\(bytes.string(in: item))`"))
                return
            }
            let idRange = ByteRange(item.start + 1, item.end)
            let id = bytes.string(in: idRange)
            if let problem = Identifier.problem(id) {
                diagnostics.append(SyntaxDiagnostic(.syntax, item, "bad claim id `\(id)`: \(problem)"))
                return
            }
            cites.append(Located(id, idRange))
        }
        return cites
    }
}
