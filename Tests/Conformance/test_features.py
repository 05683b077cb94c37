"""Each feature on seeds/, as the profile's client would use it: every answer fits the LSP 3.17
meta model, lsprotocol and pytest-lsp read it, and it uses only what the client declares. A
feature the server does not offer to this client is skipped (and reported as skipped)."""

from typing import Any, Awaitable, Callable

import pytest

from conformance import scenario
from conformance.verdict import assert_conformant


async def judge(session: Any, exercise: Callable[[Any], Awaitable[set[str]]]) -> None:
    """Runs one feature and fails on any violation about its messages."""
    try:
        methods = await exercise(session)
    except scenario.NotAdvertised as capability:
        pytest.skip(f"the server does not advertise {capability} to this client")
    assert_conformant(session, methods)


async def test_hover(session):
    await judge(session, scenario.exercise_hover)


async def test_definition_and_references(session):
    await judge(session, scenario.exercise_definition_and_references)


async def test_rename_with_prepare(session):
    await judge(session, scenario.exercise_rename)


async def test_completion_with_resolve(session):
    await judge(session, scenario.exercise_completion)


async def test_code_actions_with_resolve(session):
    await judge(session, scenario.exercise_code_actions)


async def test_code_lens_with_resolve(session):
    await judge(session, scenario.exercise_code_lens)


async def test_document_links_with_resolve(session):
    await judge(session, scenario.exercise_document_links)


async def test_document_and_workspace_symbols(session):
    await judge(session, scenario.exercise_symbols)


async def test_semantic_tokens_full_and_range(session):
    if session.profile.get("textDocument.semanticTokens") is None:
        pytest.skip("the client has no semantic tokens (advertising them anyway fails test_initialize_result_fits_the_profile)")
    await judge(session, scenario.exercise_semantic_tokens)


async def test_folding_ranges(session):
    await judge(session, scenario.exercise_folding)


async def test_inlay_hints(session):
    if session.profile.get("textDocument.inlayHint") is None:
        pytest.skip("the client has no inlay hints (advertising them anyway fails test_initialize_result_fits_the_profile)")
    await judge(session, scenario.exercise_inlay_hints)
