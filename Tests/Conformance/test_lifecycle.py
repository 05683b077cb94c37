"""initialize answers with capabilities this client can use; shutdown and exit end the server cleanly."""

from conformance.verdict import assert_conformant


async def test_initialize_result_fits_the_profile(session):
    assert_conformant(session, {"initialize"})


async def test_shutdown_then_exit_ends_with_status_0(session):
    code = await session.shutdown()
    assert code == 0, f"dossier lsp exited with {code!r} after shutdown and exit"
    assert_conformant(session, {"shutdown"})
