"""Completion lists and resolved items: only the item fields and formats the client declares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Tally, Violation
from .navigation import markup_violation, request_uri
from .ranges import check_range

if TYPE_CHECKING:
    from ..client import Session

COMPLETION = "textDocument.completion"
ITEM = f"{COMPLETION}.completionItem"
SNIPPET = 2
# Without `completionItemKind.valueSet` a client knows the kinds Text (1) … Reference (18) only.
FIRST_KINDS = range(1, 19)
# Without `resolveSupport` a client resolves these lazily (LSP 3.16 `resolveSupport` documentation).
DEFAULT_RESOLVED = ["documentation", "detail"]

# Item fields that need a client capability, and that capability (under completionItem).
FIELD_CAPABILITY = {
    "labelDetails": "labelDetailsSupport",
    "commitCharacters": "commitCharactersSupport",
    "tags": "tagSupport",
    "deprecated": "deprecatedSupport",
    "preselect": "preselectSupport",
}


def check_completion(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """A CompletionList or item array the client can use as sent."""
    method = "textDocument/completion"
    items = result.get("items") if isinstance(result, dict) else result if isinstance(result, list) else []
    items = [i for i in items or [] if isinstance(i, dict)]
    tally = Tally(method, len(items))
    defaults = result.get("itemDefaults") if isinstance(result, dict) else None
    if isinstance(defaults, dict):
        check_item_defaults(ctx, tally, params, defaults)
    for item in items:
        check_item(ctx, tally, params, item, has_edit_range=isinstance(defaults, dict) and "editRange" in defaults)
    return tally.violations()


def check_item_defaults(ctx: Session, tally: Tally, params: Any, defaults: dict[str, Any]) -> None:
    """Only the defaults the client lists in `completionList.itemDefaults`."""
    declared = ctx.profile.get(f"{COMPLETION}.completionList.itemDefaults") or []
    for key in defaults:
        if key not in declared:
            tally.add(f"{COMPLETION}.completionList.itemDefaults", f"itemDefaults.{key} for a client that lists {declared}")
    if defaults.get("insertTextFormat") == SNIPPET and not ctx.profile.declares(f"{ITEM}.snippetSupport"):
        tally.add(f"{ITEM}.snippetSupport", "itemDefaults.insertTextFormat snippet for a client without snippetSupport")
    edit_range = defaults.get("editRange")
    if isinstance(edit_range, dict) and "insert" in edit_range:
        if not ctx.profile.declares(f"{ITEM}.insertReplaceSupport"):
            tally.add(f"{ITEM}.insertReplaceSupport", "an insert/replace editRange for a client without insertReplaceSupport")
        for part in ("insert", "replace"):
            check_edit_range(ctx, tally, params, edit_range.get(part), f"itemDefaults.editRange.{part}")
    elif isinstance(edit_range, dict):
        check_edit_range(ctx, tally, params, edit_range, "itemDefaults.editRange")


def check_item(ctx: Session, tally: Tally, params: Any, item: dict[str, Any], *, has_edit_range: bool) -> None:
    """Every field of one item the client must have declared, and exact edit ranges."""
    profile = ctx.profile
    label = repr(item.get("label"))
    problem = markup_violation(ctx, f"{ITEM}.documentationFormat", item.get("documentation"))
    if problem:
        tally.add(f"{ITEM}.documentationFormat", f"documentation: {problem}", label)
    if item.get("insertTextFormat") == SNIPPET and not profile.declares(f"{ITEM}.snippetSupport"):
        tally.add(f"{ITEM}.snippetSupport", "a snippet for a client without snippetSupport", label)
    for field, capability in FIELD_CAPABILITY.items():
        if field in item and not profile.get(f"{ITEM}.{capability}"):
            tally.add(f"{ITEM}.{capability}", f"{field} for a client that does not declare {capability}", label)
    if "insertTextMode" in item and item["insertTextMode"] not in (profile.get(f"{ITEM}.insertTextModeSupport.valueSet") or []):
        tally.add(f"{ITEM}.insertTextModeSupport", f"insertTextMode {item['insertTextMode']} the client does not list", label)
    if profile.get(f"{COMPLETION}.completionItemKind.valueSet") is None and "kind" in item and item["kind"] not in FIRST_KINDS:
        tally.add(f"{COMPLETION}.completionItemKind", f"kind {item['kind']} for a client that knows kinds 1-18 only", label)
    if "textEditText" in item and not has_edit_range:
        tally.add("completion.textEditText", "textEditText without an itemDefaults.editRange it applies to", label)
    edit = item.get("textEdit")
    if isinstance(edit, dict) and "insert" in edit:
        if not profile.declares(f"{ITEM}.insertReplaceSupport"):
            tally.add(f"{ITEM}.insertReplaceSupport", "an InsertReplaceEdit for a client without insertReplaceSupport", label)
        for part in ("insert", "replace"):
            check_edit_range(ctx, tally, params, edit.get(part), f"textEdit.{part}")
    elif isinstance(edit, dict):
        check_edit_range(ctx, tally, params, edit.get("range"), "textEdit.range")
    for extra in item.get("additionalTextEdits") or []:
        if isinstance(extra, dict):
            check_range(ctx, tally, request_uri(params), extra.get("range"), "an additionalTextEdits range")


def check_edit_range(ctx: Session, tally: Tally, params: Any, range_: Any, what: str) -> None:
    """An exact, single-line range holding the completion position (LSP `CompletionItem.textEdit`)."""
    if not isinstance(range_, dict) or params is None:
        return
    check_range(ctx, tally, request_uri(params), range_, what)
    position = (params or {}).get("position")
    start, end = range_.get("start") or {}, range_.get("end") or {}
    if start.get("line") != end.get("line"):
        tally.add("completion.editRange", f"{what} spans lines", str(range_))
    elif position and not ((start.get("line"), start.get("character")) <= (position["line"], position["character"])
                           <= (end.get("line"), end.get("character"))):
        tally.add("completion.editRange", f"{what} does not hold the completion position", f"{range_} vs {position}")


def check_completion_resolve(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """The resolved item changes only the properties the client resolves lazily."""
    method = "completionItem/resolve"
    if not isinstance(result, dict) or not isinstance(params, dict):
        return []
    tally = Tally(method, 1)
    lazy = ctx.profile.get(f"{ITEM}.resolveSupport.properties") or DEFAULT_RESOLVED
    changed = sorted(k for k in set(params) | set(result) if k != "data" and params.get(k) != result.get(k))
    outside = [k for k in changed if k not in lazy]
    if outside:
        tally.add(f"{ITEM}.resolveSupport", f"resolve changed {outside}, the client resolves only {lazy}", repr(result.get("label")))
    check_item(ctx, tally, None, result, has_edit_range=True)
    return tally.violations()
