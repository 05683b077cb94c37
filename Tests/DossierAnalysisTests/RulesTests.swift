import DossierAnalysis
import DossierSyntax
import DossierTestSupport
import Testing

@Suite struct ReferenceRuleTests {
    @Test func unknownLinkedActorOffersTheNearestId() {
        let text = Marked("Said [Austin](⟦@lloyd-austn⟧) and [Times](@nyt).")
        let found = check(text, codes: [.unknownActor])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.first?.severity == .error)
        #expect(found.first?.message.contains("did you mean `@lloyd-austin`?") == true)
        #expect(found.first?.fixes.contains(.replaceID("lloyd-austin")) == true)
    }

    @Test func unknownByViaAndOutletAreErrors() {
        let text = Marked("---\noutlet: ⟦reuters⟧\n---\n[x]{.claim by=⟦@nobody⟧ via=⟦@nyt2⟧}")
        let found = check(text, codes: [.unknownActor])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.allSatisfy { $0.severity == .error })
    }

    @Test func bareUnknownIdIsAHintOnlyWhenClose() {
        let text = Marked("Ask ⟦@nty⟧ or @somebody-else or mail a@nyt.com.")
        let found = check(text, codes: [.unknownActor])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.first?.severity == .hint)
    }
}

@Suite struct RegistryRuleTests {
    @Test func duplicateActorIsReportedOnEveryDefinitionWithRelatedInformation() {
        let text = Marked("## Another Austin {#⟦lloyd-austin⟧ .person}\n")
        let found = check(text, codes: [.duplicateActor])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.first?.related.first?.location.document == DocumentID("file:///w/cast.md"))
    }

    @Test func aliasConflictOnTheAliasEntry() {
        let text = Marked("## Austin Texas {#austin-tx .place}\n- aliases: ⟦Austin⟧\n")
        let found = check(text, codes: [.aliasConflict])
        #expect(found.map(\.range) == text.ranges)
    }

    @Test func unusedActorIsAHint() {
        let text = Marked("## Nobody {#⟦nobody⟧ .person}\n\nA [Times](@nyt) story.")
        let found = check(text, codes: [.unusedActor])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.first?.severity == .hint)
    }

    @Test func duplicateAndUnknownClaims() {
        let text = Marked("[a]{.claim #⟦c1⟧ by=@nyt} [b]{.claim #⟦c1⟧ by=@nyt} [c]{.claim cite=⟦#c2⟧}")
        let found = check(text, codes: [.duplicateClaim, .unknownClaim])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.map(\.code) == [.duplicateClaim, .duplicateClaim, .unknownClaim])
    }
}

@Suite struct AttributionRuleTests {
    @Test func claimWithoutSourceAndCiteChains() {
        let text = Marked("""
            ⟦[The Pentagon is blocking it]{.claim #a}⟧ and [x]{.claim #b by=@nyt}.

            ⟦[Rests on a]{.claim cite=#a}⟧ but [rests on b]{.claim cite=#b} and [on both]{.claim cite=#a,#b}.
            """)
        let found = check(text, codes: [.unattributedClaim])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.last?.message.contains("#a") == true)
    }

    @Test func citeCyclesTerminate() {
        let text = Marked("⟦[a]{.claim #a cite=#b}⟧ ⟦[b]{.claim #b cite=#a}⟧")
        #expect(check(text, codes: [.unattributedClaim]).map(\.range) == text.ranges)
    }

    @Test func unattributedClaimOffersTheActorOfItsReportingCue() {
        let text = Marked("[Biden overrode the Pentagon]{.claim}, [Austin](@lloyd-austin) said.")
        let found = check(text, codes: [.unattributedClaim])
        #expect(found.first?.fixes == [.attribute("lloyd-austin")])
    }

    @Test func theFixNamesTheActorInferenceFindsForTheClaim() {
        // The link names the whole phrase: the aide is @lloyd-austin, whoever is named inside it.
        let inLinkText = Marked("[Biden overrode the Pentagon]{.claim}, [an aide to @dick-durbin](@lloyd-austin) said.")
        #expect(check(inLinkText, codes: [.unattributedClaim]).first?.fixes == [.attribute("lloyd-austin")])
        // Of two sources named together, the first that is an actor.
        let afterUnknown = Marked("[Biden overrode the Pentagon]{.claim}, @nobody-known and Secretary Austin said.")
        #expect(check(afterUnknown, codes: [.unattributedClaim]).first?.fixes == [.attribute("lloyd-austin")])
        // Never an actor named inside the quotation.
        let quoted = Marked("[“Why is the Pentagon blocking it, Austin?”]{.quote} [Durbin](@dick-durbin) asked.")
        #expect(check(quoted, codes: [.unattributedClaim]).first?.fixes == [.attribute("dick-durbin")])
    }

    @Test func describedSourceIsAnonymous() {
        let text = Marked("[the evidence]{.claim by=\"⟦officials familiar with the matter⟧\" via=@nyt}")
        let found = check(text, codes: [.anonymousSource, .unattributedClaim])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.first?.severity == .information)
    }
}

@Suite struct ProseRuleTests {
    @Test func vagueCuesFireOutsideAttributedClaims() {
        let text = Marked("""
            The Defense Department is ⟦reportedly⟧ alone. ⟦Reports indicate⟧ that Biden waits. Austin ⟦is said to⟧ object.

            [The evidence reportedly includes material]{.claim by=@nyt}.
            """)
        let found = check(text, codes: [.vagueAttribution])
        #expect(found.map(\.range) == text.ranges)
    }

    @Test func namedSourceWithReportingCueSatisfiesVagueCue() {
        let text = Marked("The plan is reportedly done, [Durbin](@dick-durbin) said. It reportedly failed, the Times reported.")
        #expect(check(text, codes: [.vagueAttribution]).isEmpty)
    }

    @Test func unnamedSourcePhraseIsAnonymousNotVague() {
        let text = Marked("It reportedly happened, according to ⟦officials familiar with the matter⟧.")
        let found = check(text, codes: [.vagueAttribution, .anonymousSource])
        #expect(found.map(\.code) == [.anonymousSource])
        #expect(found.map(\.range) == text.ranges)
    }

    @Test func quotesNeedACueInTheirSentenceOrTheNext() {
        let text = Marked("""
            “I will always prioritize the protection of personnel,” Austin said.

            When pressed, he responded: “We support the goal of holding them accountable.”

            “We support a range of investigations,” she explained in a statement.

            A “special operation” to “demilitarize” is scare-quoted.

            ⟦“This is a quote with no source at all.”⟧ Nothing else here.

            ⟦"Straight quotes are quotes too, you know."⟧
            """)
        let found = check(text, codes: [.unattributedQuote])
        #expect(found.map(\.range) == text.ranges)
    }

    @Test func quoteInsideAClaimSpanIsNotFlagged() {
        let text = Marked("[“Why are you reluctant to share the evidence?”]{.quote by=@dick-durbin cue=asked}")
        #expect(check(text, codes: [.unattributedQuote, .unattributedClaim]).isEmpty)
    }

    @Test func unlinkedMentionsAreLongestFirstOnWordBoundaries() {
        let text = Marked("⟦Secretary Austin⟧ met ⟦Lloyd Austin⟧’s staff in Austinville; [Austin](@lloyd-austin) too; ⟦the Times⟧.")
        let found = check(text, codes: [.unlinkedMention])
        #expect(found.map(\.range) == text.ranges)
        #expect(found.first?.fixes == [.linkMention("lloyd-austin")])
        #expect(found.first?.severity == .hint)
    }

    @Test func customCuesExtendTheDefaults() {
        var configuration = Configuration()
        configuration.extraVagueCues = ["it is rumoured in town"]
        let text = Marked("Well, ⟦it is rumoured in town⟧ that it rains.")
        #expect(check(text, codes: [.vagueAttribution], configuration: configuration).map(\.range) == text.ranges)
    }
}

@Suite struct SeverityAndSuppressionTests {
    @Test func rulesCanBeTurnedOffOrRaised() {
        var configuration = Configuration()
        configuration.severities[.vagueAttribution] = .error
        configuration.severities[.unattributedClaim] = .some(nil)
        let text = Marked("It ⟦reportedly⟧ is. [x]{.claim}")
        let found = check(text, codes: [.vagueAttribution, .unattributedClaim], configuration: configuration)
        #expect(found.map(\.range) == text.ranges)
        #expect(found.first?.severity == .error)
    }

    @Test func ignoreCommentsSilenceTheNextBlockOrTheFile() {
        let text = Marked("""
            <!-- dossier-ignore vague-attribution -->
            It reportedly is.

            It ⟦reportedly⟧ is again.
            """)
        #expect(check(text, codes: [.vagueAttribution]).map(\.range) == text.ranges)
        let file = Marked("<!-- dossier-ignore-file vague-attribution -->\n\nIt reportedly is.\n\nAnd reportedly again.")
        #expect(check(file, codes: [.vagueAttribution]).isEmpty)
    }

    @Test func anIgnoreCommentInsideAParagraphSilencesOnlyTheSentenceAfterIt() {
        let text = Marked("""
            Talks ⟦reportedly⟧ stalled. <!-- dossier-ignore vague-attribution --> Aides reportedly left. Envoys ⟦reportedly⟧ stayed.

            Troops ⟦reportedly⟧ moved.
            """)
        #expect(check(text, codes: [.vagueAttribution]).map(\.range) == text.ranges)
    }

    @Test func anIgnoreCommentOpeningAParagraphSilencesItsFirstSentenceOnly() {
        let text = Marked("""
            <!-- dossier-ignore vague-attribution --> Aides reportedly left. Envoys ⟦reportedly⟧ stayed.
            """)
        #expect(check(text, codes: [.vagueAttribution]).map(\.range) == text.ranges)
    }

    @Test func aCommentBetweenSentencesEndsTheOneBeforeIt() {
        // “said” after the comment must not name a source for “reportedly” before it.
        let text = Marked("The base ⟦reportedly⟧ closed. <!-- dossier-ignore unlinked-mention --> Austin said so.")
        #expect(check(text, codes: [.vagueAttribution]).map(\.range) == text.ranges)
    }
}

@Suite struct IncrementalSnapshotTests {
    @Test func replacingADocumentUpdatesRegistriesWithoutTouchingOthers() {
        let cast = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(testCast.utf8))
        let article = Document(id: DocumentID("file:///w/a.md"), bytes: Array("[A](@lloyd-austin) [B](@nyt)".utf8))
        let snapshot = WorkspaceSnapshot(documents: [cast, article], configuration: Configuration())
        #expect(snapshot.stats["lloyd-austin"]?.mentions == 1)
        let edited = snapshot.replacing(Document(id: article.id, bytes: Array("[A](@lloyd-austin) [A](@lloyd-austin)".utf8)))
        #expect(edited.stats["lloyd-austin"]?.mentions == 2)
        #expect(edited.stats["nyt"] == nil)
        #expect(edited.nameMatcher.phrases == snapshot.nameMatcher.phrases)
        #expect(snapshot.stats["lloyd-austin"]?.mentions == 1)
        let renamed = edited.replacing(Document(id: cast.id, bytes: Array(testCast.replacingOccurrences(of: "#nyt", with: "#times").utf8)))
        #expect(renamed.actorSites["times"] != nil && renamed.actorSites["nyt"] == nil)
        #expect(renamed.removing(article.id).stats["lloyd-austin"] == nil)
        #expect(snapshot.documents(referringTo: "nyt") == [article.id, cast.id])
        #expect(edited.documents(referringTo: "nyt") == [cast.id])
        #expect(edited.documents(referringTo: "lloyd-austin") == [article.id, cast.id])
        #expect(edited.removing(article.id).documents(referringTo: "lloyd-austin") == [cast.id])
    }
}

@Suite struct IncrementalRegistryTests {
    /// Versions a document may take: actors defined or not, claim ids added, moved or dropped, references counted differently.
    static let versions = [
        "[A](@lloyd-austin) said [it]{.claim #c1 by=@nyt}.",
        "[It]{.claim #c0} then [A](@lloyd-austin) said [it]{.claim #c1 by=@nyt}. @nyt",
        "[it]{.claim #c1} and [more]{.claim #c1 by=@dick-durbin}",
        "## Extra {#extra .person}\n- aliases: Mr Extra\n\n## Twice {#nyt .outlet}\n",
        "@extra met @lloyd-austin; [x]{.quote #q by=@extra}",
        "",
    ]

    @Test func anySequenceOfReplacementsLeavesTheRegistriesAFreshBuildWouldHave() {
        var generator = SplitMix64(seed: 7)
        let ids = (0..<4).map { DocumentID("file:///w/d\($0).md") }
        var current: [DocumentID: Document] = [:]
        let cast = Document(id: DocumentID("file:///w/cast.md"), bytes: Array(testCast.utf8))
        var snapshot = WorkspaceSnapshot(documents: [cast], configuration: Configuration())
        for _ in 0..<300 {
            let id = ids.randomElement(using: &generator)!
            if Int.random(in: 0..<6, using: &generator) == 0 {
                snapshot = snapshot.removing(id)
                current[id] = nil
            } else {
                let document = Document(id: id, bytes: Array(Self.versions.randomElement(using: &generator)!.utf8))
                snapshot = snapshot.replacing(document)
                current[id] = document
            }
            let fresh = WorkspaceSnapshot(documents: [cast] + current.values, configuration: Configuration())
            #expect(Self.sites(snapshot.actorSites) == Self.sites(fresh.actorSites))
            #expect(Self.sites(snapshot.claimSites) == Self.sites(fresh.claimSites))
            #expect(Dictionary(uniqueKeysWithValues: snapshot.stats.map { ($0.key, $0.value) })
                == Dictionary(uniqueKeysWithValues: fresh.stats.map { ($0.key, $0.value) }))
            #expect(Set(snapshot.nameMatcher.phrases) == Set(fresh.nameMatcher.phrases))
        }
    }

    @Test func whetherAnEditCanChangeOtherDocumentsFindings() {
        let id = DocumentID("file:///w/d.md")
        func document(_ text: String) -> Document { Document(id: id, bytes: Array(text.utf8)) }
        let cast = "## Ann Lee {#ann .person}\n- aliases: Ann\n\nText [x]{.claim #c1 by=@ann} and [y]{.claim #c2}.\n"
        let other = Document(id: DocumentID("file:///w/e.md"), bytes: Array("See [z]{.claim #c1 by=@ann}.\n".utf8))
        let base = document(cast)
        let before = WorkspaceSnapshot(documents: [base, other], configuration: Configuration())
        func affects(_ new: Document?) -> Bool {
            let after = new.map { before.replacing($0) } ?? before.removing(id)
            return WorkspaceSnapshot.crossDocumentEffect(from: base, to: new, before: before, after: after) != .none
        }
        // Prose edits that keep definitions and what is referred to: nobody else is affected, even when they move
        // a claim whose id is not shared.
        #expect(!affects(document(cast.replacingOccurrences(of: "and [y]", with: "and then [y y]"))))
        #expect(!affects(document(cast + "More prose.\n")))
        #expect(WorkspaceSnapshot.crossDocumentEffect(from: nil, to: document("Just prose.\n"), before: before, after: before) == .none)
        // Referring to other actors reaches only the documents that define them.
        let rereferred = document(cast.replacingOccurrences(of: "by=@ann", with: "by=@bob"))
        #expect(WorkspaceSnapshot.crossDocumentEffect(from: base, to: rereferred, before: before, after: before.replacing(rereferred)) == .referencesTo(["ann", "bob"]))
        for changed in [
            cast.replacingOccurrences(of: "- aliases: Ann", with: "- aliases: Annie"),
            cast.replacingOccurrences(of: ".person", with: ".group"),
            cast.replacingOccurrences(of: "#ann", with: "#anne"),
            cast.replacingOccurrences(of: "#c1", with: "#c3"),
            cast.replacingOccurrences(of: "{.claim #c2}", with: "{.claim #c2 by=@ann}"),
            // Who is referred to (unused-actor elsewhere).
            cast.replacingOccurrences(of: "by=@ann", with: "by=@bob"),
            // #c1 is also defined in e.md, which points at this definition: its position counts.
            cast.replacingOccurrences(of: "Text [x]", with: "Text\n\n[x]"),
        ] {
            #expect(affects(document(changed)), "\(changed)")
        }
        #expect(affects(nil))
    }

    /// The sites under each key, in order: the first counts, so it must not depend on the history of edits.
    static func sites<Site: Hashable>(_ map: PersistentMap<String, [Site]>) -> [String: [Site]] {
        Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.value) })
    }
}

@Suite struct NameMatcherTests {
    @Test func findsEveryPhraseInOnePassLeftmostLongest() {
        let matcher = NameMatcher(phrases: ["Austin", "Lloyd Austin", "Lloyd", "ICC", "I.C.C."])
        let text = Array("Lloyd Austin, ICC and I.C.C.; ICCs no; Austin!".utf8)
        let found = matcher.matches(in: text, range: ByteRange(0, text.count)).map { matcher.phrases[$0.phrase] }
        #expect(found == ["Lloyd Austin", "ICC", "I.C.C.", "Austin"])
    }

    @Test func caseInsensitiveModeFoldsASCII() {
        let matcher = NameMatcher(phrases: ["reports indicate"], caseInsensitive: true)
        let text = Array("Reports Indicate that".utf8)
        #expect(matcher.matches(in: text, range: ByteRange(0, text.count)).count == 1)
    }

    @Test func twoMatchersInOnePassFindWhatEachFindsAlone() {
        let names = NameMatcher(phrases: ["Lloyd Austin", "Austin", "A.B.", "Times", "New York Times"])
        let cues = NameMatcher(phrases: ["said", "according to", "austin said", "sources", "times"], caseInsensitive: true)
        let words = ["Lloyd", "Austin", "said", "according", "to", "the", "New", "York", "Times", "A.B.", "sources", "é", "—", "“", ",", "\n"]
        var generator = SplitMix64(seed: 11)
        // Reused across texts, as the rules reuse them across segments: each call must replace what they held.
        var (cueFound, nameFound): ([NameMatcher.Match], [NameMatcher.Match]) = ([], [])
        for _ in 0..<500 {
            let text = Array((0..<Int.random(in: 1..<30, using: &generator)).map { _ in words.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : "").utf8)
            let start = Int.random(in: 0..<text.count, using: &generator)
            let range = ByteRange(start, Int.random(in: start...text.count, using: &generator))
            NameMatcher.matches(cues, names, in: text, range: range, into: &cueFound, &nameFound)
            #expect(cueFound == cues.matches(in: text, range: range))
            #expect(nameFound == names.matches(in: text, range: range))
        }
    }

    /// Without one-byte phrases the matchers' three-byte filter is in play (a one-byte phrase
    /// turns it off), so both cases are compared with the slow matcher.
    @Test(arguments: [true, false])
    func matchesWhatTryingEveryPhraseAtEveryOffsetFinds(withOneBytePhrases: Bool) {
        let keep = { (phrase: String) in withOneBytePhrases || phrase.utf8.count > 1 }
        let names = ["Lloyd Austin", "Austin", "A", "I.C.C.", "Émile Zola", "Київ", "G7", "_id", "“Quote”", "Ab", "Lloyd"].filter(keep)
        let cues = ["said", "according to", "a source", "says", "a", "é", "in a statement", "said", "x_y"].filter(keep)
        let nameMatcher = NameMatcher(phrases: names)
        let cueMatcher = NameMatcher(phrases: cues, caseInsensitive: true)
        let words = [
            "Lloyd", "Austin", "AUSTIN", "said", "SAID", "Said", "according", "to", "A", "a", "Ab", "abc", "I.C.C.", "Émile", "Zola",
            "Київ", "G7", "7", "_id", "x_y", "_", "é", "source", "statement", "in", "“", "”", "’", "—", "–", "…", "Quote", "ü",
        ]
        let separators = [" ", "", "\n", ", ", ".", "-", "“", "’", "é"]
        var generator = SplitMix64(seed: 29)
        var (cueFound, nameFound): ([NameMatcher.Match], [NameMatcher.Match]) = ([], [])
        for _ in 0..<2_000 {
            let count = Int.random(in: 1..<24, using: &generator)
            let text = Array((0..<count).map { _ in
                words.randomElement(using: &generator)! + separators.randomElement(using: &generator)!
            }.joined().utf8)
            let start = Int.random(in: 0..<text.count, using: &generator)
            let range = ByteRange(start, Int.random(in: start...text.count, using: &generator))
            NameMatcher.matches(cueMatcher, nameMatcher, in: text, range: range, into: &cueFound, &nameFound)
            let written = String(decoding: text, as: UTF8.self)
            #expect(cueFound.map(Found.init) == Self.slowMatches(cues, caseInsensitive: true, in: text, range: range), "\(written)")
            #expect(nameFound.map(Found.init) == Self.slowMatches(names, caseInsensitive: false, in: text, range: range), "\(written)")
        }
    }

    /// A match as the slow matcher reports it.
    struct Found: Equatable {
        var range: ByteRange
        var phrase: Int
        init(range: ByteRange, phrase: Int) { (self.range, self.phrase) = (range, phrase) }
        init(_ match: NameMatcher.Match) { (range, phrase) = (match.range, match.phrase) }
    }

    /// Leftmost-longest word-bounded matches found the slow way, every phrase tried at every offset;
    /// letters, digits and `_` are word characters, U+2000–U+203F are not.
    static func slowMatches(_ phrases: [String], caseInsensitive: Bool, in text: [UInt8], range: ByteRange) -> [Found] {
        func fold(_ byte: UInt8) -> UInt8 { caseInsensitive && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        // The scalar that covers each byte offset.
        var scalars: [Unicode.Scalar] = []
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            scalars += Array(repeating: scalar, count: String(scalar).utf8.count)
        }
        func isWord(_ offset: Int) -> Bool {
            let scalar = scalars[offset]
            if scalar == "_" { return true }
            if (0x2000...0x203F).contains(scalar.value) { return false }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        var found: [Found] = []
        var from = range.start
        for start in range.start..<range.end where start >= from && (start == range.start || !isWord(start - 1)) {
            var best: Found?
            for (index, phrase) in phrases.enumerated() {
                let bytes = Array(phrase.utf8)
                let end = start + bytes.count
                guard end <= range.end, zip(bytes, text[start..<end]).allSatisfy({ fold($0) == fold($1) }) else { continue }
                guard end == range.end || !isWord(end) else { continue }
                if end > best?.range.end ?? start { best = Found(range: ByteRange(start, end), phrase: index) }
            }
            if let best {
                found.append(best)
                from = best.range.end
            }
        }
        return found
    }

    @Test func boundariesRespectNonASCIILetters() {
        let matcher = NameMatcher(phrases: ["Kyiv"])
        let text = Array("éKyiv Kyivé Kyiv’s".utf8)
        let found = matcher.matches(in: text, range: ByteRange(0, text.count))
        #expect(found.count == 1)
    }
}

@Suite struct SuggestionCostTests {
    /// The least of five timings of `body`, in seconds: the minimum is what other load on the machine disturbs least.
    static func seconds(_ body: () -> Void) -> Double {
        (0..<5).map { _ in
            let elapsed = ContinuousClock().measure(body)
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }.min()!
    }

    /// A "did you mean" scans every actor id: one scan per unknown id, however often the document
    /// names it (it used to be one per bare reference, so 200 mentions of one typo cost 200 scans of
    /// the registry on every re-check).
    @Test func anUnknownIdNamedManyTimesIsLookedUpOnce() {
        let cast = (0..<500).map { "## Person \($0) {#person-number-\($0) .person}\n" }.joined(separator: "\n")
        let id = DocumentID("file:///w/typos.md")
        let workspace = WorkspaceSnapshot(
            documents: [Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast.utf8))], configuration: Configuration())
        func checked(mentions: Int) -> (count: Int, seconds: Double) {
            let snapshot = workspace.replacing(Document(id: id, bytes: Array(repeatElement("@person-numbr-7 ", count: mentions).joined().utf8)))
            var count = 0
            let seconds = Self.seconds { count = Checker.diagnostics(for: id, in: snapshot).filter { $0.code == .unknownActor }.count }
            return (count, seconds)
        }
        let once = checked(mentions: 1), often = checked(mentions: 200)
        #expect(once.count == 1 && often.count == 200)
        #expect(often.seconds < once.seconds * 20, "200 mentions took \(often.seconds) s, one took \(once.seconds) s")
    }
}
