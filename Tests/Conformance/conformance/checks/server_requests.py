"""Which requests a server may send a client: only those the client declares it supports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Violation
from .model import model_violations

if TYPE_CHECKING:
    from ..client import Session

# Server-to-client requests and the client capability each needs.
REQUIRED_CAPABILITY = {
    "window/workDoneProgress/create": "window.workDoneProgress",
    "window/showDocument": "window.showDocument.support",
    "workspace/configuration": "workspace.configuration",
    "workspace/workspaceFolders": "workspace.workspaceFolders",
    "workspace/applyEdit": "workspace.applyEdit",
    "workspace/diagnostic/refresh": "workspace.diagnostics.refreshSupport",
    "workspace/codeLens/refresh": "workspace.codeLens.refreshSupport",
    "workspace/semanticTokens/refresh": "workspace.semanticTokens.refreshSupport",
    "workspace/inlayHint/refresh": "workspace.inlayHint.refreshSupport",
    "workspace/inlineValue/refresh": "workspace.inlineValue.refreshSupport",
    "workspace/foldingRange/refresh": "workspace.foldingRange.refreshSupport",
}

# Where a client declares dynamic registration for a method, when it is not textDocument.<name>.
REGISTRATION_CAPABILITY = {
    "workspace/didChangeWatchedFiles": "workspace.didChangeWatchedFiles",
    "workspace/didChangeConfiguration": "workspace.didChangeConfiguration",
    "workspace/executeCommand": "workspace.executeCommand",
    "workspace/symbol": "workspace.symbol",
    "workspace/didChangeWorkspaceFolders": "workspace.workspaceFolders",
    "textDocument/didOpen": "textDocument.synchronization",
    "textDocument/didChange": "textDocument.synchronization",
    "textDocument/didClose": "textDocument.synchronization",
    "textDocument/didSave": "textDocument.synchronization",
    "textDocument/willSave": "textDocument.synchronization",
    "textDocument/willSaveWaitUntil": "textDocument.synchronization",
    "textDocument/semanticTokens": "textDocument.semanticTokens",
    "textDocument/documentColor": "textDocument.colorProvider",
    "textDocument/prepareCallHierarchy": "textDocument.callHierarchy",
    "textDocument/prepareTypeHierarchy": "textDocument.typeHierarchy",
    "workspace/didCreateFiles": "workspace.fileOperations",
    "workspace/didRenameFiles": "workspace.fileOperations",
    "workspace/didDeleteFiles": "workspace.fileOperations",
    "workspace/willCreateFiles": "workspace.fileOperations",
    "workspace/willRenameFiles": "workspace.fileOperations",
    "workspace/willDeleteFiles": "workspace.fileOperations",
}


def check_server_request(ctx: Session, method: str, params: Any) -> list[Violation]:
    """The profile supports the request; registrations are for methods it can register dynamically."""
    if method in ("client/registerCapability", "client/unregisterCapability"):
        return check_registrations(ctx, method, params)
    capability = REQUIRED_CAPABILITY.get(method)
    if capability is not None and not ctx.profile.declares(capability):
        return [Violation(capability, method, f"sent to a client that does not declare {capability}")]
    return []


def registration_capability(method: str) -> str:
    """The client capability object whose `dynamicRegistration` allows registering `method`."""
    if method in REGISTRATION_CAPABILITY:
        return REGISTRATION_CAPABILITY[method]
    return "textDocument." + method.removeprefix("textDocument/").split("/")[0]


def check_registrations(ctx: Session, method: str, params: Any) -> list[Violation]:
    """Each (un)registration: dynamic registration declared, options of the method's type, patterns allowed."""
    key = "registrations" if method == "client/registerCapability" else "unregisterations"
    found = []
    for entry in (params or {}).get(key, []):
        registered = entry.get("method", "")
        capability = registration_capability(registered) + ".dynamicRegistration"
        if not ctx.profile.declares(capability):
            found.append(Violation(capability, method, f"registers {registered} with a client that does not declare {capability}"))
        options_type = ctx.model.registration_options(registered)
        if method == "client/registerCapability" and options_type is not None and "registerOptions" in entry:
            found += model_violations(ctx, method, options_type, entry["registerOptions"], f"registerOptions({registered})")
        if registered == "workspace/didChangeWatchedFiles":
            found += check_watchers(ctx, method, (entry.get("registerOptions") or {}).get("watchers", []))
    return found


def check_watchers(ctx: Session, method: str, watchers: list[Any]) -> list[Violation]:
    """A RelativePattern glob only for a client with `relativePatternSupport`."""
    relative = [w for w in watchers if isinstance(w, dict) and isinstance(w.get("globPattern"), dict)]
    if relative and not ctx.profile.declares("workspace.didChangeWatchedFiles.relativePatternSupport"):
        return [Violation("workspace.didChangeWatchedFiles.relativePatternSupport", method,
                          f"{len(relative)} watchers use a RelativePattern the client does not declare")]
    return []
