"""Hover, definition, references and rename answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Tally, Violation
from .edits import check_workspace_edit
from .ranges import check_range

if TYPE_CHECKING:
    from ..client import Session


def request_uri(params: Any) -> Any:
    """The `textDocument.uri` of request params."""
    return ((params or {}).get("textDocument") or {}).get("uri") if isinstance(params, dict) else None


def markup_violation(ctx: Session, capability: str, markup: Any) -> str | None:
    """Why MarkupContent `markup` does not suit a client: its kind must be one the client lists under
    `capability` (a client that lists none takes plain strings only; pytest-lsp judges so too)."""
    if not isinstance(markup, dict) or "kind" not in markup:
        return None
    kinds = ctx.profile.get(capability) or []
    if not kinds:
        return f"MarkupContent ({markup['kind']}) for a client that declares no formats: send a plain string"
    if markup["kind"] not in kinds:
        return f"{markup['kind']} MarkupContent for a client that reads {kinds}"
    return None


def check_hover(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """Markup of a kind in `hover.contentFormat`; an exact range."""
    method = "textDocument/hover"
    if not isinstance(result, dict):
        return []
    tally = Tally(method, 1)
    contents = result.get("contents")
    capability = "textDocument.hover.contentFormat"
    problem = markup_violation(ctx, capability, contents)
    if problem:
        tally.add(capability, problem)
    declared = ctx.profile.get(capability) or []
    if not isinstance(contents, dict) or "kind" not in contents:
        if declared and "markdown" not in declared:
            tally.add(capability, f"MarkedString (Markdown) contents for a client that reads {declared}")
    check_range(ctx, tally, request_uri(params), result.get("range"), "the hover range")
    return tally.violations()


def check_definition(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """LocationLinks only with `definition.linkSupport`; exact ranges."""
    method = "textDocument/definition"
    items = result if isinstance(result, list) else [result] if isinstance(result, dict) else []
    tally = Tally(method, len(items))
    for item in items:
        if not isinstance(item, dict):
            continue
        if "targetUri" in item:
            if not ctx.profile.declares("textDocument.definition.linkSupport"):
                tally.add("textDocument.definition.linkSupport", "a LocationLink for a client without linkSupport")
            check_range(ctx, tally, item["targetUri"], item.get("targetRange"), "a targetRange")
            check_range(ctx, tally, item["targetUri"], item.get("targetSelectionRange"), "a targetSelectionRange")
        else:
            check_range(ctx, tally, item.get("uri"), item.get("range"), "a location")
    return tally.violations()


def check_references(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """Exact location ranges."""
    items = result if isinstance(result, list) else []
    tally = Tally("textDocument/references", len(items))
    for item in items:
        if isinstance(item, dict):
            check_range(ctx, tally, item.get("uri"), item.get("range"), "a location")
    return tally.violations()


def check_prepare_rename(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`defaultBehavior` only with `prepareSupportDefaultBehavior`; an exact range."""
    method = "textDocument/prepareRename"
    if not isinstance(result, dict):
        return []
    tally = Tally(method, 1)
    if "defaultBehavior" in result and not ctx.profile.get("textDocument.rename.prepareSupportDefaultBehavior"):
        tally.add("textDocument.rename.prepareSupportDefaultBehavior", "defaultBehavior for a client that does not declare it")
    check_range(ctx, tally, request_uri(params), result.get("range", result if "start" in result else None), "the rename range")
    return tally.violations()


def check_rename(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """A WorkspaceEdit the client can apply."""
    tally = Tally("textDocument/rename", 1)
    check_workspace_edit(ctx, tally, result)
    return tally.violations()
