"""The judge judged: each rule of the suite rejects a message that breaks it and accepts one that
does not, without a server (so a rule that can never fire is caught here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.checks import code_actions, completion, diagnostics, edits, initialize, presentation, semantic_tokens, server_requests
from conformance.client import Session
from conformance.documents import position_of, position_problem, range_problem
from conformance.metamodel import MetaModel
from conformance.profiles import LOCAL_PROFILES, PYTEST_LSP_PROFILES, all_profiles, load
from conformance.violations import Tally

URI = "file:///w/a.md"
TEXT = "# Title\r\nSaid 𝔸 @lloyd-austin’s\nlast"


class FakeSession:
    """What the checks read of a session, set by hand."""

    advertises = Session.advertises

    def __init__(self, model: MetaModel, profile_id: str, server_capabilities: dict[str, Any] | None = None, encoding: str = "utf-16"):
        self.model = model
        self.profile = load(profile_id)
        self.encoding = encoding
        self.server_capabilities = server_capabilities or {}
        self.texts = {URI: TEXT}
        self.versions: dict[str, int] = {URI: 3}
        self.sent_versions = {URI: {1, 2, 3}}
        self.server_requests: list[tuple[float, str, Any]] = []

    def text(self, uri: str) -> str | None:
        return self.texts.get(uri)


def rules(violations: list[Any]) -> set[str]:
    return {v.rule for v in violations}


def range_(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


# The meta model validator


def test_metamodel_accepts_a_well_formed_answer(model):
    link = [{"range": range_(0, 0, 1), "target": "https://www.wikidata.org/wiki/Q1", "tooltip": "x"}]
    assert model.validate(model.request_result("textDocument/documentLink"), link) == []


@pytest.mark.parametrize("value, fragment", [
    ([{"range": range_(0, 0, 1), "bogus": 1}], "has no field 'bogus'"),
    ([{"target": "https://x"}], "required field"),
    ([{"range": range_(0, -1, 1)}], "unsigned"),
    ([{"range": range_(0, 0, 2**31)}], "unsigned"),
    ([{"range": range_(0, 0, 1), "target": "no-scheme"}], "not a URI"),
    ([{"range": range_(0, 0, 1), "tooltip": None}], "null is not a value"),
    ({"range": range_(0, 0, 1)}, "expected an array"),
])
def test_metamodel_rejects(model, value, fragment):
    problems = model.validate(model.request_result("textDocument/documentLink"), value)
    assert any(fragment in str(p) for p in problems), problems


def test_metamodel_checks_enumerations_and_literals(model):
    assert model.validate(model.request_result("textDocument/hover"), {"contents": {"kind": "html", "value": ""}})
    assert not model.validate(model.request_result("textDocument/hover"), {"contents": {"kind": "markdown", "value": ""}})
    report = {"kind": "unchanged", "resultId": "1"}
    assert not model.validate(model.request_result("textDocument/diagnostic"), report)
    assert model.validate(model.request_result("textDocument/diagnostic"), {**report, "kind": "Unchanged"})
    assert not model.validate(model.request_result("textDocument/codeAction"), [{"title": "t", "kind": "custom.kind"}])
    assert model.validate(model.notification_params("window/showMessage"), {"type": 9, "message": "m"})


# Profiles


def test_every_profile_loads_with_capabilities():
    profiles = all_profiles()
    assert [p.id for p in profiles] == PYTEST_LSP_PROFILES + LOCAL_PROFILES
    assert all(p.capabilities.get("textDocument") for p in profiles)


def test_only_the_derived_vscode_profile_selects_pull():
    assert [p.id for p in all_profiles() if p.selects_pull_diagnostics] == ["visual_studio_code_v1.65.2-pull"]
    # Helix master declares workspace.diagnostic (its lsp-types key), not the LSP's workspace.diagnostics.
    assert load("helix_v25.07.1-dev-079a789e").get("workspace.diagnostic.refreshSupport") is True


# Positions


def test_positions_are_counted_in_the_negotiated_encoding():
    assert position_of(TEXT, "@lloyd", "utf-16") == {"line": 1, "character": 8}
    assert position_of(TEXT, "@lloyd", "utf-8") == {"line": 1, "character": 10}
    assert position_of(TEXT, "last", "utf-32") == {"line": 2, "character": 0}
    assert position_problem(TEXT, {"line": 1, "character": 6}, "utf-16") == "character 6 of line 1 falls inside a character (utf-16)"
    assert position_problem(TEXT, {"line": 0, "character": 8}, "utf-16") is not None  # past "# Title" (the CR is the line end)
    assert range_problem(TEXT, range_(1, 9, 8), "utf-16") is not None
    assert range_problem(TEXT, range_(1, 8, 21), "utf-16") is None


# Capability rules


def test_document_link_tooltips_need_tooltip_support(model):
    links = [{"range": range_(1, 8, 21), "target": "https://x", "tooltip": "t"}]
    params = {"textDocument": {"uri": URI}}
    assert "textDocument.documentLink.tooltipSupport" in rules(presentation.check_document_links(FakeSession(model, "neovim_v0.11.0"), params, links))
    assert not presentation.check_document_links(FakeSession(model, "visual_studio_code_v1.65.2"), params, links)


def test_completion_items_use_declared_formats_only(model):
    params = {"textDocument": {"uri": URI}, "position": {"line": 1, "character": 9}}
    item = {"label": "x", "kind": 21, "documentation": {"kind": "markdown", "value": "x"}, "insertTextFormat": 2,
            "textEdit": {"range": range_(1, 8, 9), "newText": "x"}}
    emacs = rules(completion.check_completion(FakeSession(model, "emacs_v29.1"), params, [item]))
    assert {"textDocument.completion.completionItem.documentationFormat", "textDocument.completion.completionItem.snippetSupport",
            "textDocument.completion.completionItemKind"} <= emacs
    assert not completion.check_completion(FakeSession(model, "visual_studio_code_v1.65.2"), params, [item])
    defaults = {"items": [{"label": "x", "textEditText": "y"}], "isIncomplete": False, "itemDefaults": {"editRange": range_(1, 8, 9)}}
    assert "textDocument.completion.completionList.itemDefaults" in rules(
        completion.check_completion(FakeSession(model, "visual_studio_code_v1.65.2"), params, defaults))
    assert not completion.check_completion(FakeSession(model, "neovim_v0.11.0"), params, defaults)
    away = {"label": "x", "textEdit": {"range": range_(0, 0, 1), "newText": "x"}}
    assert "completion.editRange" in rules(completion.check_completion(FakeSession(model, "neovim_v0.11.0"), params, [away]))


def test_completion_resolve_changes_only_lazy_properties(model):
    before = {"label": "x", "data": {"actor": "a"}}
    after = {"label": "x", "detail": "d", "documentation": {"kind": "plaintext", "value": "v"}, "data": {"actor": "a"}}
    # eglot 29.1 lists "details" (sic), not "detail".
    assert "textDocument.completion.completionItem.resolveSupport" in rules(
        completion.check_completion_resolve(FakeSession(model, "emacs_v29.1"), before, after))
    assert not completion.check_completion_resolve(FakeSession(model, "visual_studio_code_v1.65.2"), before, after)


def test_diagnostics_fields_and_channel(model):
    diagnostic = {"range": range_(1, 8, 21), "message": "m", "data": {}, "relatedInformation": [], "codeDescription": {"href": "https://x"}}
    push = {"uri": URI, "version": 3, "diagnostics": [diagnostic]}
    neovim = rules(diagnostics.check_publish(FakeSession(model, "neovim_v0.6.1"), push))
    assert {"textDocument.publishDiagnostics.versionSupport", "textDocument.publishDiagnostics.dataSupport",
            "textDocument.publishDiagnostics.codeDescriptionSupport"} <= neovim
    assert "textDocument.publishDiagnostics.relatedInformation" not in neovim
    helix = diagnostics.check_publish(FakeSession(model, "helix_v25.07.1"), {**push, "version": 7, "diagnostics": []})
    assert rules(helix) == {"diagnostics.version"}
    assert "diagnostics.channel" in rules(diagnostics.check_publish(FakeSession(model, "visual_studio_code_v1.65.2-pull"), push))


def test_server_capabilities_the_client_cannot_use(model):
    capabilities = {
        "positionEncoding": "utf-16", "diagnosticProvider": {"interFileDependencies": True, "workspaceDiagnostics": False},
        "codeActionProvider": {"codeActionKinds": ["quickfix"]}, "renameProvider": {"prepareProvider": True},
        "semanticTokensProvider": {"legend": {"tokenTypes": ["person"], "tokenModifiers": []}, "full": True},
    }
    found = rules(initialize.check_initialize(FakeSession(model, "emacs_v29.1"), {}, {"capabilities": capabilities}))
    assert {"SPEC.positionEncoding", "diagnostics.channel", "textDocument.rename.prepareSupport", "textDocument.semanticTokens"} <= found
    vscode = rules(initialize.check_initialize(FakeSession(model, "visual_studio_code_v1.65.2"), {}, {"capabilities": capabilities}))
    assert vscode == {"diagnostics.channel", "textDocument.semanticTokens.tokenTypes"}
    pull = {**capabilities, "semanticTokensProvider": {"legend": {"tokenTypes": ["variable"], "tokenModifiers": []}, "full": True}}
    assert not initialize.check_initialize(FakeSession(model, "visual_studio_code_v1.65.2-pull"), {}, {"capabilities": pull})


def test_semantic_tokens_within_lines_and_apart(model):
    capabilities = {"semanticTokensProvider": {"legend": {"tokenTypes": ["variable", "string"], "tokenModifiers": ["declaration"]}}}
    params = {"textDocument": {"uri": URI}}
    # line 1 "Said 𝔸 @lloyd-austin’s": a token over "@lloyd-austin", one inside it, one running past the line.
    data = [1, 8, 13, 0, 0, 0, 1, 5, 1, 0, 0, 10, 30, 1, 0]
    vscode = rules(semantic_tokens.check_full(FakeSession(model, "visual_studio_code_v1.65.2", capabilities), params, {"data": data}))
    assert {"textDocument.semanticTokens.overlappingTokenSupport", "textDocument.semanticTokens.multilineTokenSupport"} <= vscode
    assert "semanticTokens.legend" in rules(semantic_tokens.check_full(
        FakeSession(model, "visual_studio_code_v1.65.2", capabilities), params, {"data": [1, 8, 13, 5, 0]}))
    assert not semantic_tokens.check_full(FakeSession(model, "visual_studio_code_v1.65.2", capabilities), params, {"data": data[:5]})


def test_workspace_edits_fit_the_client(model):
    edit = {"documentChanges": [{"textDocument": {"uri": URI, "version": 3}, "edits": [{"range": range_(1, 8, 21), "newText": "@x"}]}]}
    tally = Tally("textDocument/rename", 1)
    edits.check_workspace_edit(FakeSession(model, "neovim_v0.11.0"), tally, edit)
    assert {r for r, _ in tally.counts} == {"workspace.workspaceEdit.documentChanges"}
    tally = Tally("textDocument/rename", 1)
    edits.check_workspace_edit(FakeSession(model, "helix_v25.07.1"), tally, edit)
    assert not tally.counts
    overlapping = {"changes": {URI: [{"range": range_(1, 8, 21), "newText": ""}, {"range": range_(1, 9, 10), "newText": ""}]}}
    tally = Tally("textDocument/rename", 1)
    edits.check_workspace_edit(FakeSession(model, "helix_v25.07.1"), tally, overlapping)
    assert {r for r, _ in tally.counts} == {"edit.overlap"}


def test_code_action_literals_and_resolve(model):
    params = {"textDocument": {"uri": URI}}
    unresolved = [{"title": "fix", "kind": "quickfix", "isPreferred": True}]
    assert {"codeAction.unresolvable", "textDocument.codeAction.isPreferredSupport"} <= rules(
        code_actions.check_code_actions(FakeSession(model, "neovim_v0.6.1"), params, unresolved))
    resolvable = FakeSession(model, "neovim_v0.11.0", {"codeActionProvider": {"resolveProvider": True}})
    assert not code_actions.check_code_actions(resolvable, params, unresolved)
    resolved = {**unresolved[0], "edit": {"changes": {}}, "diagnostics": []}
    assert rules(code_actions.check_code_action_resolve(resolvable, unresolved[0], resolved)) == {"textDocument.codeAction.resolveSupport"}


def test_server_requests_need_client_support(model):
    neovim = FakeSession(model, "neovim_v0.10.0")
    assert rules(server_requests.check_server_request(neovim, "workspace/diagnostic/refresh", None)) == {"workspace.diagnostics.refreshSupport"}
    assert not server_requests.check_server_request(neovim, "window/workDoneProgress/create", {"token": "t"})
    registration = {"registrations": [{"id": "1", "method": "workspace/didChangeWatchedFiles",
                                       "registerOptions": {"watchers": [{"globPattern": {"baseUri": "file:///w", "pattern": "**/*.md"}}]}}]}
    assert rules(server_requests.check_server_request(neovim, "client/registerCapability", registration)) == {
        "workspace.didChangeWatchedFiles.dynamicRegistration"}
    assert rules(server_requests.check_server_request(FakeSession(model, "helix_v25.07.1"), "client/registerCapability", registration)) == {
        "workspace.didChangeWatchedFiles.relativePatternSupport"}
    assert not server_requests.check_server_request(FakeSession(model, "helix_v25.07.1-dev-079a789e"), "client/registerCapability", registration)


def test_watchers_match_as_a_client_matches_them(model):
    from conformance.workspace_scenario import watches

    session = FakeSession(model, "helix_v25.07.1")
    session.root = Path("/w")
    registration = {"registerOptions": {"watchers": [{"globPattern": "**/*.md"}, {"globPattern": "**/dossier.json", "kind": 7}]}}
    assert watches(session, registration, Path("/w/notes/zed.md"))
    assert not watches(session, registration, Path("/w/zed.mdx"))
    changes_only = {"registerOptions": {"watchers": [{"globPattern": "**/*.md", "kind": 2}]}}
    assert not watches(session, changes_only, Path("/w/zed.md"))
    relative = {"registerOptions": {"watchers": [{"globPattern": {"baseUri": {"uri": "file:///w/notes", "name": "n"}, "pattern": "*.md"}}]}}
    assert watches(session, relative, Path("/w/notes/zed.md"))
    assert not watches(session, relative, Path("/w/zed.md"))


def test_progress_only_on_created_tokens_in_order(model):
    from conformance.checks.progress import ProgressTracker

    session = FakeSession(model, "neovim_v0.11.0")
    tracker = ProgressTracker()
    assert {v.rule for v in tracker.observe(session, {"token": "t", "value": {"kind": "begin", "title": "Indexing"}})} == {"progress"}
    session.server_requests.append((0.0, "window/workDoneProgress/create", {"token": "u"}))
    assert not tracker.observe(session, {"token": "u", "value": {"kind": "begin", "title": "Indexing", "percentage": 0}})
    assert not tracker.observe(session, {"token": "u", "value": {"kind": "report", "percentage": 50}})
    assert not tracker.observe(session, {"token": "u", "value": {"kind": "end"}})
    late = tracker.observe(session, {"token": "u", "value": {"kind": "report", "percentage": 101}})
    assert {v.detail for v in late} >= {"report after end on token 'u'", "percentage 101 outside 0…100"}


def test_inlay_hints_at_exact_positions(model):
    from conformance.checks import inlay_hints

    params = {"textDocument": {"uri": URI}}
    inside = [{"position": {"line": 1, "character": 6}, "label": "— Lloyd Austin"}]
    assert rules(inlay_hints.check_inlay_hints(FakeSession(model, "neovim_v0.11.0"), params, inside)) == {"position"}
    assert not inlay_hints.check_inlay_hints(FakeSession(model, "neovim_v0.11.0"), params, [{"position": {"line": 1, "character": 7}, "label": "x"}])
    resolved = rules(inlay_hints.check_inlay_hint_resolve(FakeSession(model, "neovim_v0.11.0"), {"label": "x"}, {"label": "x", "paddingLeft": True}))
    assert resolved == {"textDocument.inlayHint.resolveSupport"}


def test_markup_only_in_declared_formats(model):
    from conformance.checks import navigation

    params = {"textDocument": {"uri": URI}, "position": {"line": 1, "character": 9}}
    plaintext = {"label": "x", "documentation": {"kind": "plaintext", "value": "v"}}
    # eglot 29.1 declares no documentationFormat: a plain string, not MarkupContent (pytest-lsp judges so too).
    assert "textDocument.completion.completionItem.documentationFormat" in rules(
        completion.check_completion(FakeSession(model, "emacs_v29.1"), params, [plaintext]))
    assert not completion.check_completion(FakeSession(model, "emacs_v29.1"), params, [{"label": "x", "documentation": "v"}])
    assert not completion.check_completion(FakeSession(model, "neovim_v0.11.0"), params, [plaintext])
    hover = {"contents": {"kind": "plaintext", "value": "v"}}
    assert rules(navigation.check_hover(FakeSession(model, "helix_v25.07.1"), params, hover)) == {"textDocument.hover.contentFormat"}
    assert not navigation.check_hover(FakeSession(model, "neovim_v0.6.1"), params, hover)
    assert not navigation.check_hover(FakeSession(model, "helix_v25.07.1"), params, {"contents": "**Lloyd Austin**"})
