"""Dispatch of server messages to their rules: requests, notifications and response shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Violation
from . import diagnostics, server_requests
from .model import model_violations

if TYPE_CHECKING:
    from ..client import Session

# JSON-RPC's ResponseError (the meta model describes LSP's own types only).
ERROR_TYPE = {"kind": "literal", "value": {"properties": [
    {"name": "code", "type": {"kind": "base", "name": "integer"}},
    {"name": "message", "type": {"kind": "base", "name": "string"}},
    {"name": "data", "type": {"kind": "reference", "name": "LSPAny"}, "optional": True},
]}}


def check_server_request(ctx: Session, method: str, params: Any) -> list[Violation]:
    """A request the server sends: an LSP server-to-client method, well-formed, and one the profile supports."""
    found = direction_violations(ctx, method, is_request=True)
    if not found:
        found += model_violations(ctx, method, ctx.model.request_params(method), params, "params")
    return found + server_requests.check_server_request(ctx, method, params)


def check_notification(ctx: Session, method: str, params: Any) -> list[Violation]:
    """A notification the server sends: an LSP server-to-client method, well-formed, within the profile."""
    found = direction_violations(ctx, method, is_request=False)
    if not found:
        found += model_violations(ctx, method, ctx.model.notification_params(method), params, "params")
    if method == "textDocument/publishDiagnostics" and isinstance(params, dict):
        found += diagnostics.check_publish(ctx, params)
    elif method == "$/progress" and isinstance(params, dict):
        found += ctx.progress.observe(ctx, params)
    return found


def check_response_shape(ctx: Session, method: str, message: dict[str, Any]) -> list[Violation]:
    """A response: its error is a ResponseError, or its result has the request's result type."""
    if "error" in message:
        return model_violations(ctx, method, ERROR_TYPE, message["error"], "error")
    result_type = ctx.model.request_result(method)
    if result_type is None:
        return []  # not an LSP request: only the suite's own probes, judged where they are sent
    return model_violations(ctx, method, result_type, message.get("result"), "result")


def direction_violations(ctx: Session, method: str, *, is_request: bool) -> list[Violation]:
    """The method exists in LSP 3.17 as a server-to-client message of this kind."""
    known = ctx.model.requests if is_request else ctx.model.notifications
    if method not in known:
        kind = "request" if is_request else "notification"
        return [Violation("metamodel", method, f"the server sent a {kind} LSP 3.17 does not define")]
    if ctx.model.direction(method) == "clientToServer":
        return [Violation("metamodel", method, "a client-to-server method sent by the server")]
    return []
