"""What a client does with each feature on `seeds/`, the way an editor would.

Each `exercise_*` function drives one feature through a session and returns the methods whose
messages the feature owns (the test then asserts no violation about them); it raises
NotAdvertised when the server does not offer the feature to this client. Requests a client
never sends for this profile (a range of semantic tokens when it declares `range: false`,
`prepareRename` without `prepareSupport`) are not sent; everything else the server advertises is.
The seeds guarantee content, so an empty answer where the seeds hold something is a failure
too: a feature that answers nothing would otherwise pass every rule.
"""

from __future__ import annotations

from typing import Any

from .client import Answer, Session
from .documents import end_position, position_of
from .violations import Violation

ARTICLE = "senate-hearing-austin-icc-evidence.md"
FINDINGS = "joyner-us-to-cooperate-with-hague.md"
CAST = "cast.md"
BRIEF = "brief.md"
# How many items of a list are resolved one by one (the seeds give a few dozen at most).
RESOLVED_ITEMS = 12


class NotAdvertised(Exception):
    """The server does not offer a feature to this client, so the client would never ask for it."""


def offered(session: Session, capability: str) -> None:
    """Raises NotAdvertised unless the server advertises `capability` (a dotted path)."""
    if not session.advertises(capability):
        raise NotAdvertised(capability)


def expect(session: Session, method: str, condition: bool, what: str) -> None:
    """Records a violation when an answer the seeds guarantee is missing or empty."""
    if not condition:
        session.record(Violation("empty-answer", method, what))


def at(session: Session, uri: str, needle: str, delta: int = 0, occurrence: int = 0) -> dict[str, Any]:
    """`textDocument` + `position` params `delta` characters into `needle` in an open document."""
    text = session.text(uri)
    assert text is not None, uri
    return {"textDocument": {"uri": uri},
            "position": position_of(text, needle, session.encoding, delta=delta, occurrence=occurrence)}


def document(uri: str) -> dict[str, Any]:
    """`textDocument` params."""
    return {"textDocument": {"uri": uri}}


async def exercise_hover(session: Session) -> set[str]:
    """Hover on a linked mention and on a quote."""
    offered(session, "hoverProvider")
    uri = session.open(ARTICLE)
    for needle, delta in (("(@lloyd-austin)", 3), ("I will always prioritize", 2)):
        answer = await session.request("textDocument/hover", at(session, uri, needle, delta))
        expect(session, "textDocument/hover", answer.ok and bool(answer.result), f"no hover on {needle!r}")
    return {"textDocument/hover"}


async def exercise_definition_and_references(session: Session) -> set[str]:
    """Definition and references (declaration included) of an actor."""
    offered(session, "definitionProvider")
    uri = session.open(ARTICLE)
    params = at(session, uri, "(@lloyd-austin)", 3)
    answer = await session.request("textDocument/definition", params)
    expect(session, "textDocument/definition", answer.ok and bool(answer.result), "no definition of @lloyd-austin")
    offered(session, "referencesProvider")
    answer = await session.request("textDocument/references", {**params, "context": {"includeDeclaration": True}})
    expect(session, "textDocument/references", answer.ok and bool(answer.result), "no references to @lloyd-austin")
    return {"textDocument/definition", "textDocument/references"}


async def exercise_rename(session: Session) -> set[str]:
    """prepareRename (when the client prepares) then rename of an actor id."""
    offered(session, "renameProvider")
    uri = session.open(ARTICLE)
    params = at(session, uri, "(@lloyd-austin)", 3)
    if session.advertises("renameProvider.prepareProvider") and session.profile.declares("textDocument.rename.prepareSupport"):
        answer = await session.request("textDocument/prepareRename", params)
        expect(session, "textDocument/prepareRename", answer.ok and bool(answer.result), "@lloyd-austin cannot be renamed")
    answer = await session.request("textDocument/rename", {**params, "newName": "lloyd-j-austin"})
    expect(session, "textDocument/rename", answer.ok and bool(answer.result), "no edit renaming @lloyd-austin")
    return {"textDocument/prepareRename", "textDocument/rename"}


async def complete(session: Session, uri: str, typed: str, trigger: str | None) -> Answer:
    """Types `typed` at the end of an open document and asks for completion there."""
    position = session.append(uri, typed)
    params: dict[str, Any] = {"textDocument": {"uri": uri}, "position": position}
    if session.profile.declares("textDocument.completion.contextSupport"):
        params["context"] = {"triggerKind": 2, "triggerCharacter": trigger} if trigger else {"triggerKind": 1}
    return await session.request("textDocument/completion", params)


def completion_items(result: Any) -> list[dict[str, Any]]:
    """The items of a completion answer."""
    items = result.get("items") if isinstance(result, dict) else result
    return [i for i in items or [] if isinstance(i, dict)]


async def exercise_completion(session: Session) -> set[str]:
    """Completion after `@`, after three letters of a name, and after `cite=#`; each item resolved."""
    offered(session, "completionProvider")
    article = session.open(ARTICLE)
    brief = session.open(BRIEF)
    cases = [(article, "\n\nSaid @", "@"), (article, "\n\nLloy", None), (brief, "\n\n[A claim]{.claim cite=#", "#")]
    for uri, typed, trigger in cases:
        answer = await complete(session, uri, typed, trigger)
        items = completion_items(answer.result)
        expect(session, "textDocument/completion", answer.ok and bool(items), f"no completion after {typed.strip()!r}")
        if session.advertises("completionProvider.resolveProvider"):
            for item in items[:RESOLVED_ITEMS]:
                await session.request("completionItem/resolve", item)
    return {"textDocument/completion", "completionItem/resolve"}


async def exercise_code_actions(session: Session) -> set[str]:
    """Code actions over a document with findings; each action resolved."""
    offered(session, "codeActionProvider")
    uri = session.open(FINDINGS)
    await session.indexed()
    whole = {"start": {"line": 0, "character": 0}, "end": end_position(session.text(uri) or "", session.encoding)}
    answer = await session.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": [], "triggerKind": 1},
    })
    actions = [a for a in answer.result or [] if isinstance(a, dict)] if answer.ok else []
    expect(session, "textDocument/codeAction", bool(actions), f"no code action in {FINDINGS}, which has findings")
    if session.advertises("codeActionProvider.resolveProvider"):
        for action in actions[:RESOLVED_ITEMS]:
            if not isinstance(action.get("command"), str):
                await session.request("codeAction/resolve", action)
    return {"textDocument/codeAction", "codeAction/resolve"}


async def exercise_code_lens(session: Session) -> set[str]:
    """Code lenses over the cast; each lens resolved."""
    offered(session, "codeLensProvider")
    uri = session.open(CAST)
    await session.indexed()
    answer = await session.request("textDocument/codeLens", document(uri))
    lenses = [lens for lens in answer.result or [] if isinstance(lens, dict)] if answer.ok else []
    expect(session, "textDocument/codeLens", bool(lenses), "no code lens over the cast's actors")
    if session.advertises("codeLensProvider.resolveProvider"):
        for lens in lenses[:RESOLVED_ITEMS]:
            await session.request("codeLens/resolve", lens)
    return {"textDocument/codeLens", "codeLens/resolve"}


async def exercise_document_links(session: Session) -> set[str]:
    """Document links of the cast (Wikidata ids); each link resolved."""
    offered(session, "documentLinkProvider")
    uri = session.open(CAST)
    answer = await session.request("textDocument/documentLink", document(uri))
    links = [link for link in answer.result or [] if isinstance(link, dict)] if answer.ok else []
    expect(session, "textDocument/documentLink", bool(links), "no document link in the cast, which has Wikidata ids")
    if session.advertises("documentLinkProvider.resolveProvider"):
        for link in links[:RESOLVED_ITEMS]:
            await session.request("documentLink/resolve", link)
    return {"textDocument/documentLink", "documentLink/resolve"}


async def exercise_symbols(session: Session) -> set[str]:
    """Document symbols of the cast and an article; workspace symbols for a name and for everything."""
    offered(session, "documentSymbolProvider")
    for name in (CAST, ARTICLE):
        uri = session.open(name)
        answer = await session.request("textDocument/documentSymbol", document(uri))
        expect(session, "textDocument/documentSymbol", answer.ok and bool(answer.result), f"no symbols in {name}")
    await session.indexed()
    offered(session, "workspaceSymbolProvider")
    for query in ("austin", ""):
        answer = await session.request("workspace/symbol", {"query": query})
        expect(session, "workspace/symbol", answer.ok and (bool(answer.result) or query == ""), f"no workspace symbol for {query!r}")
    return {"textDocument/documentSymbol", "workspace/symbol"}


async def exercise_semantic_tokens(session: Session) -> set[str]:
    """Full tokens of an article and the cast, and a range, as far as the client asks for them."""
    offered(session, "semanticTokensProvider")
    requests = session.profile.get("textDocument.semanticTokens.requests") or {}
    methods = {"textDocument/semanticTokens/full", "textDocument/semanticTokens/range"}
    if not requests:
        return methods
    for name in (ARTICLE, CAST):
        uri = session.open(name)
        await session.indexed()
        if requests.get("full") and session.advertises("semanticTokensProvider.full"):
            answer = await session.request("textDocument/semanticTokens/full", document(uri))
            data = (answer.result or {}).get("data") if answer.ok and isinstance(answer.result, dict) else None
            expect(session, "textDocument/semanticTokens/full", bool(data), f"no semantic tokens in {name}")
        if requests.get("range") and session.advertises("semanticTokensProvider.range"):
            window = {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}}
            await session.request("textDocument/semanticTokens/range", {**document(uri), "range": window})
    return methods


async def exercise_folding(session: Session) -> set[str]:
    """Folding ranges of the cast and an article."""
    offered(session, "foldingRangeProvider")
    for name in (CAST, ARTICLE):
        uri = session.open(name)
        answer = await session.request("textDocument/foldingRange", document(uri))
        expect(session, "textDocument/foldingRange", answer.ok and bool(answer.result), f"no folding range in {name}")
    return {"textDocument/foldingRange"}


async def exercise_inlay_hints(session: Session) -> set[str]:
    """Inlay hints over an article with quotations; each hint resolved when the client resolves."""
    offered(session, "inlayHintProvider")
    uri = session.open(ARTICLE)
    await session.indexed()
    window = {"start": {"line": 0, "character": 0}, "end": end_position(session.text(uri) or "", session.encoding)}
    answer = await session.request("textDocument/inlayHint", {**document(uri), "range": window})
    hints = [h for h in answer.result or [] if isinstance(h, dict)] if answer.ok else []
    if session.advertises("inlayHintProvider.resolveProvider") and session.profile.get("textDocument.inlayHint.resolveSupport"):
        for hint in hints[:RESOLVED_ITEMS]:
            await session.request("inlayHint/resolve", hint)
    return {"textDocument/inlayHint", "inlayHint/resolve"}
