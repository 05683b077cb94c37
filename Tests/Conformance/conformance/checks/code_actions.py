"""Code actions and resolved actions: literals only when declared, applicable without a resolve
the client cannot do, and only declared fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Tally, Violation
from .diagnostics import check_diagnostics
from .edits import check_workspace_edit
from .navigation import request_uri

if TYPE_CHECKING:
    from ..client import Session

CODE_ACTION = "textDocument.codeAction"
FIELD_CAPABILITY = {"isPreferred": "isPreferredSupport", "disabled": "disabledSupport", "data": "dataSupport"}


def is_command(item: dict[str, Any]) -> bool:
    """A Command (title + command string), as opposed to a CodeAction literal."""
    return isinstance(item.get("command"), str)


def check_code_actions(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """Each action the client can take as sent (or resolve, when it declares that)."""
    method = "textDocument/codeAction"
    items = [i for i in result or [] if isinstance(i, dict)] if isinstance(result, list) else []
    tally = Tally(method, len(items))
    for item in items:
        if not is_command(item):
            check_action(ctx, tally, params, item, resolved=False)
    return tally.violations()


def check_action(ctx: Session, tally: Tally, params: Any, action: dict[str, Any], *, resolved: bool) -> None:
    """One CodeAction literal."""
    profile = ctx.profile
    title = repr(action.get("title"))
    if not profile.get(f"{CODE_ACTION}.codeActionLiteralSupport"):
        tally.add(f"{CODE_ACTION}.codeActionLiteralSupport", "a CodeAction literal for a client that takes Commands only", title)
    for field, capability in FIELD_CAPABILITY.items():
        if field in action and not profile.declares(f"{CODE_ACTION}.{capability}"):
            tally.add(f"{CODE_ACTION}.{capability}", f"{field} for a client that does not declare {capability}", title)
    lazy = profile.get(f"{CODE_ACTION}.resolveSupport.properties") or []
    resolvable = ctx.advertises("codeActionProvider.resolveProvider") and "edit" in lazy
    if not resolved and "edit" not in action and "command" not in action and not resolvable:
        tally.add("codeAction.unresolvable", "an action with neither edit nor command, for a client that cannot resolve edits", title)
    check_workspace_edit(ctx, tally, action.get("edit"))
    check_diagnostics(ctx, tally, request_uri(params), action.get("diagnostics"), pulled=profile.selects_pull_diagnostics)


def check_code_action_resolve(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """The resolved action changes only what the client resolves lazily, and can be applied."""
    method = "codeAction/resolve"
    if not isinstance(result, dict) or not isinstance(params, dict):
        return []
    tally = Tally(method, 1)
    lazy = ctx.profile.get(f"{CODE_ACTION}.resolveSupport.properties")
    if lazy is not None:
        changed = sorted(k for k in set(params) | set(result) if k != "data" and params.get(k) != result.get(k))
        outside = [k for k in changed if k not in lazy]
        if outside:
            tally.add(f"{CODE_ACTION}.resolveSupport", f"resolve changed {outside}, the client resolves only {lazy}",
                      repr(result.get("title")))
    if "edit" not in result and "command" not in result:
        tally.add("resolve", "a resolved action with neither edit nor command", repr(result.get("title")))
    check_action(ctx, tally, None, result, resolved=True)
    return tally.violations()
