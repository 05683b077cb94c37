import DossierAnalysis
import DossierExport
import DossierSyntax
import Testing

/// The reader's version of a document: mentions as names, claims with footnotes naming their sources.
@Suite struct ReaderExportTests {
    static let cast = """
        ---
        type: cast
        ---
        ## Lloyd Austin {#lloyd-austin .person}

        - aliases: Austin
        - role: U.S. Secretary of Defense

        ## Reuters {#reuters .outlet}

        - url: https://www.reuters.com

        ## The New York Times {#nyt .outlet}

        ## Dick Durbin {#dick-durbin .person}

        - role: U.S. Senator
        """

    static let article = """
        ---
        title: US lawmakers accuse Pentagon of blocking evidence
        outlet: reuters
        author: Jane Reporter
        published: 2023-05-03
        url: https://example.com/lawmakers
        ---

        [“I will always prioritize the protection of U.S. military personnel,”]{.quote #austin-protect by=@lloyd-austin cue=said} [Austin](@lloyd-austin) said.

        [The evidence includes decisions to strike civilian infrastructure]{.claim #nyt-contents by="officials familiar with the matter" via=@nyt cue="according to"}.

        [Khan told him the departments cooperate]{.claim #khan-cooperate by=@lloyd-austin,@dick-durbin via=@dick-durbin}.

        [Nobody knows]{.claim #unsourced}.
        """

    static let brief = """
        ---
        title: "Brief: the evidence"
        type: brief
        ---

        <!-- dossier-ignore unattributed-claim -->
        [@lloyd-austin put his troops first]{.claim cite=#austin-protect}, said @reuters. [It cites a brief claim]{.claim cite=#chain}

        [A chain]{.claim #chain cite=#nyt-contents}. [An orphan]{.claim cite=#unsourced}. [A typo]{.claim cite=#no-such-claim}. [Bare]{.claim}
        """

    static func export(_ text: String, name: String = "brief.md") throws -> ExportedDocument {
        let documents = [
            Document(id: DocumentID("file:///w/cast.md"), bytes: Array(cast.utf8)),
            Document(id: DocumentID("file:///w/reuters%20story.md"), bytes: Array(article.utf8)),
            Document(id: DocumentID("file:///w/\(name)"), bytes: Array(text.utf8)),
        ]
        let snapshot = WorkspaceSnapshot(documents: documents, configuration: Configuration())
        return try #require(ReaderExport.export(DocumentID("file:///w/\(name)"), in: snapshot))
    }

    @Test func mentionsBecomeNamesOrLinksAndAnnotationsDisappear() throws {
        let exported = try Self.export(Self.brief)
        #expect(exported.title == "Brief: the evidence")
        #expect(!exported.hasHeading)
        #expect(exported.body.hasPrefix("Lloyd Austin put his troops first[^1], said [Reuters](https://www.reuters.com). It cites a brief claim[^2]\n"))
        for markup in ["{.", "@", "cite=", "<!--", "---"] { #expect(!exported.body.contains(markup), "\(markup) left in \(exported.body)") }
        #expect(exported.markdown.hasPrefix("---\ntitle: \"Brief: the evidence\"\n---\n\nLloyd Austin"))
    }

    @Test func aCitedClaimNamesItsSourceWithTheArticlesOutletTitleDateAndLink() throws {
        let notes = try Self.export(Self.brief).notes
        #expect(notes[0] == "Lloyd Austin, U.S. Secretary of Defense (said); reported by Reuters (Jane Reporter) in “US lawmakers accuse Pentagon of blocking evidence”, 3 May 2023: <https://example.com/lawmakers>.")
    }

    @Test func chainsAreFollowedAndUnnamedSourcesSaidToBeUnnamed() throws {
        let notes = try Self.export(Self.brief).notes
        #expect(notes[1].hasPrefix("An unnamed source, described as “officials familiar with the matter” (according to), relayed by The New York Times; reported by Reuters"), "\(notes[1])")
        #expect(notes[2] == notes[1])
    }

    @Test func unattributedAndUnresolvedClaimsAreMarked() throws {
        let notes = try Self.export(Self.brief).notes
        #expect(notes[3] == "Unattributed: the cited claim has no source on record.")
        #expect(notes[4] == "The cited claim #no-such-claim cannot be found.")
        #expect(notes[5] == "Unattributed: no source is on record for this claim.")
        #expect(notes.count == 6)
    }

    @Test func anArticleExportsItsOwnClaimsWithSeveralSources() throws {
        let exported = try Self.export(Self.article, name: "story.md")
        #expect(exported.body.hasPrefix("“I will always prioritize the protection of U.S. military personnel,”[^1] Austin said.\n"))
        #expect(exported.notes[2].hasPrefix("Lloyd Austin (U.S. Secretary of Defense) and Dick Durbin (U.S. Senator), relayed by Dick Durbin; reported by Reuters"), "\(exported.notes[2])")
    }

    @Test func withoutFrontMatterTheFileNameSaysWhereTheClaimStands() throws {
        let plain = "[Austin testified]{.claim #testified by=@lloyd-austin}\n"
        let brief = "# Brief\n\n[He did]{.claim cite=#testified}\n"
        let documents = [
            Document(id: DocumentID("file:///w/cast.md"), bytes: Array(Self.cast.utf8)),
            Document(id: DocumentID("file:///w/senate%20hearing.md"), bytes: Array(plain.utf8)),
            Document(id: DocumentID("file:///w/brief.md"), bytes: Array(brief.utf8)),
        ]
        let snapshot = WorkspaceSnapshot(documents: documents, configuration: Configuration())
        let exported = try #require(ReaderExport.export(DocumentID("file:///w/brief.md"), in: snapshot))
        #expect(exported.notes == ["Lloyd Austin, U.S. Secretary of Defense; reported in senate hearing.md."])
        #expect(exported.hasHeading)
        #expect(exported.markdown.hasPrefix("---\npagetitle: \"Brief\"\n---\n\n# Brief\n"))
    }

    @Test func actorHeadingsLoseTheirAttributeBlocksAndCRLFIsKept() throws {
        let text = "## Lloyd Austin {#lloyd-austin .person}\r\n\r\nHe is @lloyd-austin.\r\n"
        let exported = try Self.export(text, name: "people.md")
        #expect(exported.body == "## Lloyd Austin\r\n\r\nHe is Lloyd Austin.\r\n")
    }
}

/// The HTML page of an export, from its own renderer.
@Suite struct ExportHTMLTests {
    @Test func thePageHasTheTitleTheProseAndTheSources() throws {
        let exported = try ReaderExportTests.export(ReaderExportTests.brief)
        let html = exported.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Brief: the evidence</title>"))
        #expect(html.contains("<h1>Brief: the evidence</h1>"))
        #expect(html.contains(##"<p>Lloyd Austin put his troops first<sup class="note-ref"><a href="#note-1" id="ref-1">1</a></sup>, said <a href="https://www.reuters.com">Reuters</a>."##))
        #expect(html.contains(##"<li id="note-1">Lloyd Austin, U.S. Secretary of Defense (said); reported by Reuters (Jane Reporter) in “US lawmakers accuse Pentagon of blocking evidence”, 3 May 2023: <a href="https://example.com/lawmakers">https://example.com/lawmakers</a>."##))
        #expect(!html.contains("{.claim"))
        #expect(!html.contains("<!--"))
    }

    @Test func blocksAndInlineMarkupRender() throws {
        let markdown = """
            # Title {#top}

            Some *emphasis*, **strong**, `co<de>`, a [link](https://example.com "t") and \\*escaped\\* & <b>.
            A snake_case_word stays.

            - one
            - two, with *em*

            1. first
            2. second

            > quoted
            > text

            ```
            <raw>
            ```

            ---
            <!-- hidden -->
            Last[^1].
            """
        let html = ExportedDocument(title: "T", hasHeading: true, body: markdown, notes: ["A note."]).html
        #expect(html.contains(#"<h1 id="top">Title</h1>"#))
        #expect(html.contains(#"Some <em>emphasis</em>, <strong>strong</strong>, <code>co&lt;de&gt;</code>, a <a href="https://example.com">link</a> and *escaped* &amp; &lt;b&gt;."#))
        #expect(html.contains("A snake_case_word stays."))
        #expect(html.contains("<ul>\n<li>one</li>\n<li>two, with <em>em</em></li>\n</ul>"))
        #expect(html.contains("<ol>\n<li>first</li>\n<li>second</li>\n</ol>"))
        #expect(html.contains("<blockquote>\n<p>quoted\ntext</p>\n</blockquote>"))
        #expect(html.contains("<pre><code>&lt;raw&gt;</code></pre>"))
        #expect(html.contains("<hr>"))
        #expect(!html.contains("hidden"))
        #expect(html.contains(##"<li id="note-1">A note."##))
        #expect(!html.contains("<h1>T</h1>"), "a document with its own heading gets no second title")
    }
}
