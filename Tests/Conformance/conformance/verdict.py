"""How a test fails: with every violation it owns, listed. What each test judged is kept for
`--violations-json` (violations a test does not own are not its failure, nor in that file)."""

from __future__ import annotations

from typing import Any

import pytest

from .client import Session
from .violations import Violation, format_violations

JUDGED: list[dict[str, Any]] = []


def assert_conformant(session: Session, methods: set[str] | None = None, rules: set[str] = frozenset()) -> None:
    """Fails with every violation about `methods` (all of the session's when None) or of `rules`."""
    found = [v for v in session.violations if methods is None or v.method in methods or v.rule in rules]
    fail_with(session, found)


def fail_with(session: Session, found: list[Violation]) -> None:
    """Keeps `found` for the report and fails the test when it holds anything."""
    test = session.test_name
    JUDGED.extend({"profile": session.profile.id, "test": test, "rule": v.rule, "method": v.method, "detail": v.detail,
                   "example": v.example} for v in found)
    if found:
        header = f"{session.profile.id} ({session.profile.source}): {len(found)} violations"
        pytest.fail(header + "\n" + format_violations(found), pytrace=False)
