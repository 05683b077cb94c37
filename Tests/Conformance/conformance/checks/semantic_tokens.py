"""Semantic tokens: decodable with the legend, inside their line unless the client takes
multi-line tokens, and not overlapping unless it takes overlapping ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..documents import boundaries, lines, units
from ..violations import Tally, Violation
from .navigation import request_uri

if TYPE_CHECKING:
    from ..client import Session

CLIENT = "textDocument.semanticTokens"


def check_full(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`textDocument/semanticTokens/full`."""
    return check_tokens(ctx, "textDocument/semanticTokens/full", params, result)


def check_range_request(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`textDocument/semanticTokens/range`."""
    return check_tokens(ctx, "textDocument/semanticTokens/range", params, result)


def check_tokens(ctx: Session, method: str, params: Any, result: Any) -> list[Violation]:
    """Decodes the relative tokens of one answer against the document text and the legend."""
    data = result.get("data") if isinstance(result, dict) else None
    if not isinstance(data, list) or not all(isinstance(n, int) for n in data):
        return []
    legend = (ctx.server_capabilities.get("semanticTokensProvider") or {}).get("legend") or {}
    type_count, modifier_count = len(legend.get("tokenTypes", [])), len(legend.get("tokenModifiers", []))
    tally = Tally(method, len(data) // 5)
    found = []
    if len(data) % 5:
        found.append(Violation("semanticTokens.data", method, f"{len(data)} integers is not a multiple of 5"))
    text = ctx.text(request_uri(params))
    all_lines = lines(text) if text is not None else None
    multiline = ctx.profile.declares(f"{CLIENT}.multilineTokenSupport")
    overlapping = ctx.profile.declares(f"{CLIENT}.overlappingTokenSupport")
    line = character = 0
    previous_end: tuple[int, int] | None = None
    for index in range(0, len(data) - len(data) % 5, 5):
        delta_line, delta_start, length, token_type, modifiers = data[index:index + 5]
        line, character = (line, character + delta_start) if delta_line == 0 else (line + delta_line, delta_start)
        where = f"line {line} character {character} length {length}"
        if token_type >= type_count:
            tally.add("semanticTokens.legend", f"a token type index past the legend's {type_count} types", where)
        if modifiers >= 1 << modifier_count:
            tally.add("semanticTokens.legend", f"modifier bits past the legend's {modifier_count} modifiers", where)
        if previous_end is not None and (line, character) < previous_end and not overlapping:
            tally.add(f"{CLIENT}.overlappingTokenSupport", "overlapping tokens for a client without overlappingTokenSupport", where)
        previous_end = (line, character + length)
        if all_lines is None:
            continue
        if line >= len(all_lines):
            tally.add("position", "a token past the document's last line", where)
            continue
        line_units = units(all_lines[line], ctx.encoding)
        if character + length > line_units and not multiline:
            tally.add(f"{CLIENT}.multilineTokenSupport", "a token running past its line's end, for a client without multilineTokenSupport",
                      f"{where} (line has {line_units})")
        elif character not in boundaries(all_lines[line], ctx.encoding) or (
                character + length <= line_units and character + length not in boundaries(all_lines[line], ctx.encoding)):
            tally.add("position", f"a token that starts or ends inside a character ({ctx.encoding})", where)
    return found + tally.violations()
