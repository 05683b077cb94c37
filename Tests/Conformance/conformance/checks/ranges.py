"""Ranges the server sends must be exact positions of the document's text in the negotiated encoding."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..documents import range_problem
from ..violations import Tally

if TYPE_CHECKING:
    from ..client import Session


def check_range(ctx: Session, tally: Tally, uri: Any, range_: Any, what: str) -> None:
    """Counts `range_` in `tally` under the rule `position` when it is not exact in `uri`'s text.

    Documents the suite does not know (not in the workspace copy) are left alone."""
    text = ctx.text(uri) if isinstance(uri, str) else None
    if text is None or range_ is None:
        return
    problem = range_problem(text, range_, ctx.encoding)
    if problem:
        tally.add("position", f"{what} is not an exact {ctx.encoding} range of its document", f"{short(uri)}: {problem}")


def short(uri: str) -> str:
    """A document's file name, for messages."""
    return uri.rsplit("/", 1)[-1]
