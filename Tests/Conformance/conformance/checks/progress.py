"""`$/progress`: only on tokens the client created or passed, begin → report* → end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Violation
from .model import model_violations

if TYPE_CHECKING:
    from ..client import Session

METHOD = "$/progress"
VALUE_TYPES = {
    "begin": {"kind": "reference", "name": "WorkDoneProgressBegin"},
    "report": {"kind": "reference", "name": "WorkDoneProgressReport"},
    "end": {"kind": "reference", "name": "WorkDoneProgressEnd"},
}


class ProgressTracker:
    """The state of every progress token the server uses in one session."""

    def __init__(self) -> None:
        self.values: dict[Any, list[dict[str, Any]]] = {}

    def created_tokens(self, ctx: Session) -> set[Any]:
        """Tokens of `window/workDoneProgress/create` requests the server sent."""
        return {params.get("token") for _, method, params in ctx.server_requests
                if method == "window/workDoneProgress/create" and isinstance(params, dict)}

    def ended(self, token: Any) -> bool:
        """Whether `token` has had its `end`."""
        return any(v.get("kind") == "end" for v in self.values.get(token, []))

    def observe(self, ctx: Session, params: dict[str, Any]) -> list[Violation]:
        """Checks one `$/progress` against the token's history and records it."""
        token, value = params.get("token"), params.get("value")
        found = []
        if token not in self.created_tokens(ctx):
            found.append(Violation("progress", METHOD, f"token {token!r} was never created with window/workDoneProgress/create"))
        if not isinstance(value, dict) or value.get("kind") not in VALUE_TYPES:
            return found + [Violation("progress", METHOD, f"value is not a work-done progress begin, report or end: {value!r}")]
        kind = value["kind"]
        found += model_violations(ctx, METHOD, VALUE_TYPES[kind], value, f"value({kind})")
        history = self.values.setdefault(token, [])
        if kind == "begin" and history:
            found.append(Violation("progress", METHOD, f"a second begin on token {token!r}"))
        if kind != "begin" and not history:
            found.append(Violation("progress", METHOD, f"{kind} before begin on token {token!r}"))
        if history and history[-1].get("kind") == "end":
            found.append(Violation("progress", METHOD, f"{kind} after end on token {token!r}"))
        percentage = value.get("percentage")
        if isinstance(percentage, int) and not 0 <= percentage <= 100:
            found.append(Violation("progress", METHOD, f"percentage {percentage} outside 0…100"))
        history.append(value)
        return found
