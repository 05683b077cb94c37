"""Fixtures of the conformance suite: the meta model, one profile per parameter, one server per test.

    DOSSIER_BIN              the server binary (default: .build/debug/dossier of this repository)
    DOSSIER_LSP_METAMODEL    the LSP 3.17 meta model (default: Tests/Fixtures/schemas/lsp-3.17-metaModel.json)
    DOSSIER_TIMEOUT_SCALE    multiplies every wait (a sanitizer build is slower)
    --violations-json FILE   also writes every violation the tests judged, by profile and test, to FILE
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from conformance.client import Session, make_client
from conformance.documents import copy_seeds
from conformance.metamodel import MetaModel
from conformance.profiles import all_profiles
from conformance.verdict import JUDGED

REPOSITORY = Path(__file__).resolve().parents[2]
PROFILES = all_profiles()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--violations-json", default=None, help="write every violation found to this JSON file")


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = session.config.getoption("--violations-json")
    if path:
        Path(path).write_text(json.dumps(JUDGED, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def server_binary() -> Path:
    """The `dossier` binary under test."""
    return Path(os.environ.get("DOSSIER_BIN") or REPOSITORY / ".build" / "debug" / "dossier")


@pytest.fixture(scope="session")
def model() -> MetaModel:
    """The LSP 3.17 meta model every message is checked against."""
    path = Path(os.environ.get("DOSSIER_LSP_METAMODEL") or REPOSITORY / "Tests" / "Fixtures" / "schemas" / "lsp-3.17-metaModel.json")
    if not path.exists():
        pytest.fail(f"the LSP meta model is missing: {path} (set DOSSIER_LSP_METAMODEL)")
    return MetaModel.load(path)


@pytest.fixture(params=PROFILES, ids=[p.id for p in PROFILES])
def profile(request: pytest.FixtureRequest) -> Any:
    """One client profile (the test runs once per profile)."""
    return request.param


@pytest_asyncio.fixture
async def session(profile: Any, model: MetaModel, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """`dossier lsp` on a fresh copy of seeds/, initialized with the profile's capabilities."""
    binary = server_binary()
    if not binary.exists():
        pytest.fail(f"the server is not built: {binary} (run swift build, or set DOSSIER_BIN)")
    root = copy_seeds(REPOSITORY / "seeds", tmp_path / "seeds")
    client = make_client()
    await client.start_io(str(binary), "lsp")
    conformance_session = Session(client, profile, model, root)
    conformance_session.test_name = request.node.originalname
    try:
        await conformance_session.initialize()
        yield conformance_session
    finally:
        if not conformance_session.shut_down:
            await conformance_session.shutdown()
        await client.stop()

