"""Meta model problems of one message, as violations (same path in many items counted once)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..violations import Violation

if TYPE_CHECKING:
    from ..client import Session

SHOWN = 6


def model_violations(ctx: Session, method: str, type_: dict[str, Any], value: Any, what: str) -> list[Violation]:
    """`value` against a meta model type; one violation per distinct path (array indices folded)."""
    problems = ctx.model.validate(type_, value, what)
    by_path: dict[str, list[str]] = {}
    for problem in problems:
        by_path.setdefault(re.sub(r"\[\d+\]", "[*]", problem.path), []).append(problem.message)
    found = []
    for path, messages in list(by_path.items())[:SHOWN]:
        count = f" ({len(messages)}×)" if len(messages) > 1 else ""
        found.append(Violation("metamodel", method, f"{path}: {messages[0]}{count}"))
    if len(by_path) > SHOWN:
        found.append(Violation("metamodel", method, f"… and {len(by_path) - SHOWN} more places"))
    return found
