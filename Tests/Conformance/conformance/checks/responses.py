"""The rules for each request's answer, by method."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..violations import Violation
from . import code_actions, completion, diagnostics, initialize, inlay_hints, navigation, presentation, semantic_tokens

if TYPE_CHECKING:
    from ..client import Session

ResponseCheck = Callable[["Session", Any, Any], list[Violation]]

RESPONSE_CHECKS: dict[str, ResponseCheck] = {
    "initialize": initialize.check_initialize,
    "textDocument/hover": navigation.check_hover,
    "textDocument/definition": navigation.check_definition,
    "textDocument/references": navigation.check_references,
    "textDocument/prepareRename": navigation.check_prepare_rename,
    "textDocument/rename": navigation.check_rename,
    "textDocument/completion": completion.check_completion,
    "completionItem/resolve": completion.check_completion_resolve,
    "textDocument/codeAction": code_actions.check_code_actions,
    "codeAction/resolve": code_actions.check_code_action_resolve,
    "textDocument/codeLens": presentation.check_code_lenses,
    "codeLens/resolve": presentation.check_code_lens_resolve,
    "textDocument/documentLink": presentation.check_document_links,
    "documentLink/resolve": presentation.check_document_link_resolve,
    "textDocument/foldingRange": presentation.check_folding,
    "textDocument/documentSymbol": presentation.check_document_symbols,
    "workspace/symbol": presentation.check_workspace_symbols,
    "textDocument/semanticTokens/full": semantic_tokens.check_full,
    "textDocument/semanticTokens/range": semantic_tokens.check_range_request,
    "textDocument/inlayHint": inlay_hints.check_inlay_hints,
    "inlayHint/resolve": inlay_hints.check_inlay_hint_resolve,
    "textDocument/diagnostic": diagnostics.check_document_report,
    "workspace/diagnostic": diagnostics.check_workspace_report,
}


def check_response(ctx: Session, method: str, params: Any, result: Any) -> list[Violation]:
    """The capability rules for one successful answer (shape rules run when it arrives)."""
    check = RESPONSE_CHECKS.get(method)
    return [] if check is None else check(ctx, params, result)
