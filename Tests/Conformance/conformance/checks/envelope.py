"""JSON-RPC 2.0 envelope rules for every server message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Violation

if TYPE_CHECKING:
    from ..client import Session

ENVELOPE_KEYS = {"jsonrpc", "id", "method", "params", "result", "error"}


def check_envelope(ctx: Session, message: dict[str, Any]) -> list[Violation]:
    """`jsonrpc: "2.0"`, known keys, ids of the right type, exactly one of result and error."""
    method = ctx.method_of(message)
    found = []
    if message.get("jsonrpc") != "2.0":
        found.append(Violation("jsonrpc", method, f"jsonrpc is {message.get('jsonrpc')!r}, not '2.0'"))
    extra = sorted(set(message) - ENVELOPE_KEYS)
    if extra:
        found.append(Violation("jsonrpc", method, f"unknown message fields {extra}"))
    if "id" in message and not is_id(message["id"]) and not (message["id"] is None and "error" in message):
        found.append(Violation("jsonrpc", method, f"id {message['id']!r} is neither an integer nor a string"))
    if "method" in message:
        if "params" in message and not isinstance(message["params"], (dict, list)):
            found.append(Violation("jsonrpc", method, f"params must be an object or an array, got {message['params']!r}"))
        if "result" in message or "error" in message:
            found.append(Violation("jsonrpc", method, "a request or notification carries result or error"))
    elif ("result" in message) == ("error" in message):
        found.append(Violation("jsonrpc", method, "a response must carry exactly one of result and error"))
    elif "id" not in message:
        found.append(Violation("jsonrpc", method, "a response without an id"))
    return found


def is_id(value: Any) -> bool:
    """A JSON-RPC id the LSP allows: an integer or a string."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
