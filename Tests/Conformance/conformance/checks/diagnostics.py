"""Diagnostics: one channel per client (SPEC 4) and only the fields the client declares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Tally, Violation
from .ranges import check_range

if TYPE_CHECKING:
    from ..client import Session

PUSH = "textDocument.publishDiagnostics"
PULL = "textDocument.diagnostic"

# Diagnostic fields that need a client capability (relative to publishDiagnostics / diagnostic).
FIELD_CAPABILITY = {
    "relatedInformation": "relatedInformation",
    "codeDescription": "codeDescriptionSupport",
    "tags": "tagSupport",
    "data": "dataSupport",
}


def declared(ctx: Session, field_capability: str, pulled: bool) -> bool:
    """Whether the client declares a diagnostic field capability for this channel. Pulled reports
    count the publishDiagnostics declaration too: LSP 3.17 declares these fields there only."""
    if pulled and ctx.profile.declares(f"{PULL}.{field_capability}"):
        return True
    return ctx.profile.declares(f"{PUSH}.{field_capability}")


def check_diagnostics(ctx: Session, tally: Tally, uri: Any, items: Any, pulled: bool) -> None:
    """Counts each diagnostic field the client does not declare and each inexact range."""
    for diagnostic in items if isinstance(items, list) else []:
        if not isinstance(diagnostic, dict):
            continue
        for field, capability in FIELD_CAPABILITY.items():
            if field in diagnostic and not declared(ctx, capability, pulled):
                path = f"{PULL if pulled else PUSH}.{capability}"
                tally.add(path, f"diagnostics carry {field}, which the client does not declare",
                          f"code {diagnostic.get('code')!r}")
        check_range(ctx, tally, uri, diagnostic.get("range"), "a diagnostic range")
        for related in diagnostic.get("relatedInformation") or []:
            location = related.get("location") if isinstance(related, dict) else None
            if isinstance(location, dict):
                check_range(ctx, tally, location.get("uri"), location.get("range"), "a relatedInformation location")


def check_publish(ctx: Session, params: dict[str, Any]) -> list[Violation]:
    """`textDocument/publishDiagnostics`: push channel only, `version` only with versionSupport."""
    method = "textDocument/publishDiagnostics"
    uri = params.get("uri")
    items = params.get("diagnostics")
    found = []
    if ctx.profile.selects_pull_diagnostics:
        found.append(Violation("diagnostics.channel", method,
                               "pushed to a client that pulls (it declares textDocument.diagnostic and "
                               "workspace.diagnostics.refreshSupport): the client shows findings twice"))
    if "version" in params:
        if not ctx.profile.declares(f"{PUSH}.versionSupport"):
            found.append(Violation(f"{PUSH}.versionSupport", method, "carries a document version the client does not declare"))
        elif params["version"] not in ctx.sent_versions.get(uri, set()):
            found.append(Violation("diagnostics.version", method,
                                   f"version {params['version']} is not a version the client sent for {uri}"))
    tally = Tally(method, len(items) if isinstance(items, list) else 0)
    check_diagnostics(ctx, tally, uri, items, pulled=False)
    return found + tally.violations()


def check_document_report(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`textDocument/diagnostic`: fields, ranges, related documents only with relatedDocumentSupport."""
    method = "textDocument/diagnostic"
    if not isinstance(result, dict):
        return []
    uri = (params.get("textDocument") or {}).get("uri")
    found = []
    if result.get("relatedDocuments") and not ctx.profile.declares(f"{PULL}.relatedDocumentSupport"):
        found.append(Violation(f"{PULL}.relatedDocumentSupport", method, "relatedDocuments sent to a client that does not declare them"))
    items = result.get("items") or []
    tally = Tally(method, len(items))
    check_diagnostics(ctx, tally, uri, items, pulled=True)
    return found + tally.violations()


def check_workspace_report(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`workspace/diagnostic`: each report's fields and ranges; `version` is the open version or null."""
    method = "workspace/diagnostic"
    if not isinstance(result, dict):
        return []
    reports = [r for r in result.get("items") or [] if isinstance(r, dict)]
    tally = Tally(method, sum(len(r.get("items") or []) for r in reports))
    found = []
    for report in reports:
        uri = report.get("uri")
        expected = ctx.versions.get(uri)
        if report.get("version") != expected:
            found.append(Violation("diagnostics.version", method,
                                   f"{uri} reported with version {report.get('version')!r}, the client has {expected!r}"))
        check_diagnostics(ctx, tally, uri, report.get("items"), pulled=True)
    return found + tally.violations()
