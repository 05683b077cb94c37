"""Each feature on seeds/, as the profile's client would use it: every answer fits the LSP 3.17
meta model, lsprotocol and pytest-lsp read it, and it uses only what the client declares."""

import pytest

from conformance import scenario
from conformance.verdict import assert_conformant


async def test_hover(session):
    assert_conformant(session, await scenario.exercise_hover(session))


async def test_definition_and_references(session):
    assert_conformant(session, await scenario.exercise_definition_and_references(session))


async def test_rename_with_prepare(session):
    assert_conformant(session, await scenario.exercise_rename(session))


async def test_completion_with_resolve(session):
    assert_conformant(session, await scenario.exercise_completion(session))


async def test_code_actions_with_resolve(session):
    assert_conformant(session, await scenario.exercise_code_actions(session))


async def test_code_lens_with_resolve(session):
    assert_conformant(session, await scenario.exercise_code_lens(session))


async def test_document_links_with_resolve(session):
    assert_conformant(session, await scenario.exercise_document_links(session))


async def test_document_and_workspace_symbols(session):
    assert_conformant(session, await scenario.exercise_symbols(session))


async def test_semantic_tokens_full_and_range(session):
    if session.profile.get("textDocument.semanticTokens") is None:
        pytest.skip("the client has no semantic tokens (advertising them anyway fails test_initialize_result_fits_the_profile)")
    assert_conformant(session, await scenario.exercise_semantic_tokens(session))


async def test_folding_ranges(session):
    assert_conformant(session, await scenario.exercise_folding(session))


async def test_inlay_hints(session):
    if not session.advertises("inlayHintProvider"):
        pytest.skip("the server does not advertise inlay hints")
    if session.profile.get("textDocument.inlayHint") is None:
        pytest.skip("the client has no inlay hints (advertising them anyway fails test_initialize_result_fits_the_profile)")
    assert_conformant(session, await scenario.exercise_inlay_hints(session))
