"""What the server sends unasked: diagnostics on the profile's channel only, indexing progress
only to a client that takes it, and files changed on disk noticed within a second."""

from conformance import workspace_scenario
from conformance.verdict import assert_conformant


async def test_diagnostics_on_the_profiles_channel(session):
    assert_conformant(session, await workspace_scenario.exercise_diagnostics(session))


async def test_indexing_progress(session):
    assert_conformant(session, await workspace_scenario.exercise_progress(session))


async def test_files_changed_on_disk(session):
    assert_conformant(session, await workspace_scenario.exercise_watched_files(session), rules={"watched-files"})
