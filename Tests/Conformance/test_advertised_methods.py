"""Every request method the server advertises has a handler: none answers -32601 (method not found).

The probes carry well-formed params at a real position; an error other than -32601 is accepted
here (a resolve of a made-up item may be refused), the feature tests judge real answers.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

from conformance.scenario import ARTICLE, at
from conformance.verdict import fail_with

Params = Callable[[Any, str], Any]
WHOLE = {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}


def position(session: Any, uri: str) -> dict[str, Any]:
    return at(session, uri, "(@lloyd-austin)", 3)


def document(session: Any, uri: str) -> dict[str, Any]:
    return {"textDocument": {"uri": uri}}


def ranged(session: Any, uri: str) -> dict[str, Any]:
    return {"textDocument": {"uri": uri}, "range": WHOLE}


# Server capability -> the requests it advertises (a capability with a resolveProvider option
# advertises the resolve request too).
PROBES: dict[str, list[tuple[str, Params]]] = {
    "hoverProvider": [("textDocument/hover", position)],
    "definitionProvider": [("textDocument/definition", position)],
    "declarationProvider": [("textDocument/declaration", position)],
    "typeDefinitionProvider": [("textDocument/typeDefinition", position)],
    "implementationProvider": [("textDocument/implementation", position)],
    "referencesProvider": [("textDocument/references", lambda s, u: {**position(s, u), "context": {"includeDeclaration": True}})],
    "documentHighlightProvider": [("textDocument/documentHighlight", position)],
    "documentSymbolProvider": [("textDocument/documentSymbol", document)],
    "workspaceSymbolProvider": [("workspace/symbol", lambda s, u: {"query": "austin"})],
    "codeActionProvider": [("textDocument/codeAction", lambda s, u: {**ranged(s, u), "context": {"diagnostics": []}})],
    "codeLensProvider": [("textDocument/codeLens", document)],
    "documentLinkProvider": [("textDocument/documentLink", document)],
    "colorProvider": [("textDocument/documentColor", document)],
    "documentFormattingProvider": [("textDocument/formatting", lambda s, u: {**document(s, u), "options": {"tabSize": 2, "insertSpaces": True}})],
    "documentRangeFormattingProvider": [("textDocument/rangeFormatting", lambda s, u: {**ranged(s, u), "options": {"tabSize": 2, "insertSpaces": True}})],
    "renameProvider": [("textDocument/rename", lambda s, u: {**position(s, u), "newName": "lloyd-j-austin"})],
    "foldingRangeProvider": [("textDocument/foldingRange", document)],
    "selectionRangeProvider": [("textDocument/selectionRange", lambda s, u: {**document(s, u), "positions": [position(s, u)["position"]]})],
    "linkedEditingRangeProvider": [("textDocument/linkedEditingRange", position)],
    "callHierarchyProvider": [("textDocument/prepareCallHierarchy", position)],
    "typeHierarchyProvider": [("textDocument/prepareTypeHierarchy", position)],
    "monikerProvider": [("textDocument/moniker", position)],
    "inlineValueProvider": [("textDocument/inlineValue", lambda s, u: {**ranged(s, u), "context": {"frameId": 0, "stoppedLocation": WHOLE}})],
    "inlayHintProvider": [("textDocument/inlayHint", ranged)],
    "signatureHelpProvider": [("textDocument/signatureHelp", position)],
    "completionProvider": [("textDocument/completion", position)],
    "diagnosticProvider": [("textDocument/diagnostic", document)],
}
RESOLVE_PROBES: dict[str, tuple[str, Any]] = {
    "completionProvider": ("completionItem/resolve", {"label": "Lloyd Austin"}),
    "codeActionProvider": ("codeAction/resolve", {"title": "probe"}),
    "codeLensProvider": ("codeLens/resolve", {"range": WHOLE}),
    "documentLinkProvider": ("documentLink/resolve", {"range": WHOLE}),
    "workspaceSymbolProvider": ("workspaceSymbol/resolve", {"name": "probe", "kind": 1, "location": {"uri": "file:///probe.md"}}),
    "inlayHintProvider": ("inlayHint/resolve", {"position": {"line": 0, "character": 0}, "label": "probe"}),
}
# Capabilities that advertise no request of their own.
NOT_REQUESTS = {"positionEncoding", "textDocumentSync", "notebookDocumentSync", "workspace", "experimental",
                "executeCommandProvider", "semanticTokensProvider"}


def advertised_requests(session: Any, uri: str) -> list[tuple[str, Any]]:
    """Every request the server's capabilities advertise, with probe params."""
    capabilities = session.server_capabilities
    requests: list[tuple[str, Any]] = []
    unknown = sorted(set(capabilities) - set(PROBES) - NOT_REQUESTS)
    if unknown:
        pytest.fail(f"the suite has no probe for the advertised capabilities {unknown}: add them to PROBES")
    for capability, probes in PROBES.items():
        if not capabilities.get(capability):
            continue
        requests += [(method, params(session, uri)) for method, params in probes]
        if session.advertises(f"{capability}.resolveProvider") and capability in RESOLVE_PROBES:
            requests.append(RESOLVE_PROBES[capability])
    if session.advertises("diagnosticProvider.workspaceDiagnostics"):
        requests.append(("workspace/diagnostic", {"previousResultIds": []}))
    tokens = capabilities.get("semanticTokensProvider") or {}
    if tokens.get("full"):
        requests.append(("textDocument/semanticTokens/full", document(session, uri)))
    if isinstance(tokens.get("full"), dict) and tokens["full"].get("delta"):
        requests.append(("textDocument/semanticTokens/full/delta", {**document(session, uri), "previousResultId": "probe"}))
    if tokens.get("range"):
        requests.append(("textDocument/semanticTokens/range", ranged(session, uri)))
    for command in (capabilities.get("executeCommandProvider") or {}).get("commands", []):
        requests.append(("workspace/executeCommand", {"command": command, "arguments": []}))
    return requests


async def test_every_advertised_request_has_a_handler(session):
    uri = session.open(ARTICLE)
    await session.indexed()
    methods = set()
    for method, params in advertised_requests(session, uri):
        methods.add(method)
        await session.request(method, params, expect_error=True)
    assert methods, "the server advertises no request at all"
    fail_with(session, [v for v in session.violations if v.rule == "method-not-found"])
