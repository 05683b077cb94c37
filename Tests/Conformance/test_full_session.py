"""A whole editing session, every feature in turn: no request the client does not support comes
from the server, and no notification the client cannot take."""

import contextlib

from conformance import scenario, workspace_scenario
from conformance.verdict import assert_conformant

EXERCISES = [
    scenario.exercise_hover, scenario.exercise_definition_and_references, scenario.exercise_rename,
    scenario.exercise_completion, scenario.exercise_code_actions, scenario.exercise_code_lens,
    scenario.exercise_document_links, scenario.exercise_symbols, scenario.exercise_semantic_tokens,
    scenario.exercise_folding, workspace_scenario.exercise_diagnostics, workspace_scenario.exercise_watched_files,
]
# Owned by their own tests (test_workspace.py), which report them once.
REPORTED_ELSEWHERE = {"textDocument/publishDiagnostics", "$/progress"}


async def test_server_initiated_messages_fit_the_profile(session):
    for exercise in EXERCISES:
        with contextlib.suppress(scenario.NotAdvertised):
            await exercise(session)
    if session.profile.get("textDocument.inlayHint") is not None:
        with contextlib.suppress(scenario.NotAdvertised):
            await scenario.exercise_inlay_hints(session)
    unsolicited = {method for _, method, _ in session.server_requests + session.notifications}
    assert_conformant(session, unsolicited - REPORTED_ELSEWHERE)
