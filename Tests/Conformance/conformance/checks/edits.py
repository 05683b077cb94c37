"""WorkspaceEdits: `documentChanges` and resource operations only when declared, exact ranges,
versions of open documents, and no overlapping edits in one document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Tally
from .ranges import check_range

if TYPE_CHECKING:
    from ..client import Session

WORKSPACE_EDIT = "workspace.workspaceEdit"


def check_workspace_edit(ctx: Session, tally: Tally, edit: Any) -> None:
    """Counts every rule one WorkspaceEdit breaks in `tally`."""
    if not isinstance(edit, dict):
        return
    profile = ctx.profile
    if "documentChanges" in edit:
        if not profile.declares(f"{WORKSPACE_EDIT}.documentChanges"):
            tally.add(f"{WORKSPACE_EDIT}.documentChanges", "a WorkspaceEdit with documentChanges the client does not declare")
        operations = profile.get(f"{WORKSPACE_EDIT}.resourceOperations") or []
        for change in edit.get("documentChanges") or []:
            if not isinstance(change, dict):
                continue
            if "kind" in change:
                if change["kind"] not in operations:
                    tally.add(f"{WORKSPACE_EDIT}.resourceOperations", f"a {change['kind']} file operation the client does not declare")
                continue
            document = change.get("textDocument") or {}
            uri = document.get("uri")
            open_version = ctx.versions.get(uri)
            if document.get("version") != open_version:
                tally.add("edit.version", "a TextDocumentEdit whose version is not the document's open version (null when closed)",
                          f"{uri}: {document.get('version')!r}, open version {open_version!r}")
            check_text_edits(ctx, tally, uri, change.get("edits") or [])
    for uri, edits in (edit.get("changes") or {}).items():
        check_text_edits(ctx, tally, uri, edits if isinstance(edits, list) else [])
    if "changeAnnotations" in edit and not profile.get(f"{WORKSPACE_EDIT}.changeAnnotationSupport"):
        tally.add(f"{WORKSPACE_EDIT}.changeAnnotationSupport", "changeAnnotations the client does not declare")


def check_text_edits(ctx: Session, tally: Tally, uri: Any, edits: list[Any]) -> None:
    """Exact ranges, no annotations unless declared, no two edits overlapping."""
    ranges = []
    for edit in edits:
        if not isinstance(edit, dict):
            continue
        if "annotationId" in edit and not ctx.profile.get(f"{WORKSPACE_EDIT}.changeAnnotationSupport"):
            tally.add(f"{WORKSPACE_EDIT}.changeAnnotationSupport", "an AnnotatedTextEdit the client does not declare")
        if ctx.text(uri) is None:
            tally.add("edit.document", "an edit to a document that does not exist (and is not created)", str(uri))
            continue
        check_range(ctx, tally, uri, edit.get("range"), "an edit range")
        if isinstance(edit.get("range"), dict):
            ranges.append(edit["range"])
    ordered = sorted(ranges, key=lambda r: (r["start"]["line"], r["start"]["character"]))
    for first, second in zip(ordered, ordered[1:]):
        if (second["start"]["line"], second["start"]["character"]) < (first["end"]["line"], first["end"]["character"]):
            tally.add("edit.overlap", "two edits of one document overlap", f"{uri}: {first} and {second}")
