"""Inlay hints and resolved hints: exact positions, and lazy properties only as declared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..documents import position_problem
from ..violations import Tally, Violation
from .navigation import request_uri
from .ranges import check_range

if TYPE_CHECKING:
    from ..client import Session

RESOLVE_SUPPORT = "textDocument.inlayHint.resolveSupport"


def check_hint(ctx: Session, tally: Tally, uri: Any, hint: dict[str, Any]) -> None:
    """An exact position, exact text edit ranges and label part locations."""
    text = ctx.text(uri) if isinstance(uri, str) else None
    if text is not None:
        problem = position_problem(text, hint.get("position"), ctx.encoding)
        if problem:
            tally.add("position", f"a hint position is not an exact {ctx.encoding} position", problem)
    for edit in hint.get("textEdits") or []:
        if isinstance(edit, dict):
            check_range(ctx, tally, uri, edit.get("range"), "a hint's text edit")
    label = hint.get("label")
    for part in label if isinstance(label, list) else []:
        location = part.get("location") if isinstance(part, dict) else None
        if isinstance(location, dict):
            check_range(ctx, tally, location.get("uri"), location.get("range"), "a label part location")


def check_inlay_hints(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`textDocument/inlayHint`."""
    hints = [h for h in result if isinstance(h, dict)] if isinstance(result, list) else []
    tally = Tally("textDocument/inlayHint", len(hints))
    for hint in hints:
        check_hint(ctx, tally, request_uri(params), hint)
    return tally.violations()


def check_inlay_hint_resolve(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`inlayHint/resolve` changes only the properties in `inlayHint.resolveSupport.properties`."""
    tally = Tally("inlayHint/resolve", 1)
    if isinstance(result, dict) and isinstance(params, dict):
        lazy = ctx.profile.get(f"{RESOLVE_SUPPORT}.properties") or []
        changed = sorted(k for k in set(params) | set(result) if k != "data" and params.get(k) != result.get(k))
        outside = [k for k in changed if k not in lazy]
        if outside:
            tally.add(RESOLVE_SUPPORT, f"resolve changed {outside}, the client resolves only {lazy}")
    return tally.violations()
