"""What happens beside requests: diagnostics on their channel, indexing progress, files changed on disk.

Like `scenario`, each function returns the methods whose messages it owns; what SPEC 4 requires
and the server does not do is recorded as a violation.
"""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .client import TIMEOUT_SCALE, Session
from .documents import position_at
from .scenario import ARTICLE, BRIEF, CAST, FINDINGS
from .violations import Violation

DIAGNOSTIC_METHODS = {"textDocument/publishDiagnostics", "textDocument/diagnostic", "workspace/diagnostic",
                      "workspace/diagnostic/refresh"}
# SPEC 4: files changed on disk update the index and open documents' diagnostics within a second.
NOTICE_WITHIN = 1.0
NEW_ACTOR = "zed-zeta"


def published(session: Session, uri: str, since: float = 0.0) -> list[Any]:
    """The publishDiagnostics params for `uri` received after `since`."""
    return [params for at, method, params in session.notifications
            if method == "textDocument/publishDiagnostics" and at >= since and isinstance(params, dict) and params.get("uri") == uri]


def mentions_unknown(diagnostics: Any, actor: str) -> bool:
    """Whether a diagnostic list still reports `actor` as unknown."""
    return any(isinstance(d, dict) and d.get("code") == "unknown-actor" and actor in str(d.get("message"))
               for d in diagnostics or [])


def rename_in_cast(session: Session, cast: str) -> None:
    """Edits the open cast so that other documents' findings change (an actor id renamed)."""
    text = session.text(cast) or ""
    heading = "{#lloyd-austin .person}"
    start = text.index(heading) + 2
    span = {"start": position_at(text, start, session.encoding),
            "end": position_at(text, start + len("lloyd-austin"), session.encoding)}
    session.edit(cast, span, "lloyd-austin-renamed")


async def exercise_diagnostics(session: Session) -> set[str]:
    """Opens documents with findings, then edits the cast: findings arrive on the profile's channel."""
    uris = {name: session.open(name) for name in (CAST, ARTICLE, FINDINGS, BRIEF)}
    await session.indexed()
    if session.profile.selects_pull_diagnostics:
        await pull_diagnostics(session, uris)
    else:
        await push_diagnostics(session, uris)
    return DIAGNOSTIC_METHODS


async def push_diagnostics(session: Session, uris: dict[str, str]) -> None:
    """Push: every open document gets publishDiagnostics; a cast edit re-checks the open articles."""
    method = "textDocument/publishDiagnostics"
    await session.wait_until(lambda: all(published(session, uri) for uri in uris.values()), 5.0)
    for name, uri in uris.items():
        if not published(session, uri):
            session.record(Violation("diagnostics.push", method, f"no diagnostics pushed for the open {name}"))
    findings = published(session, uris[FINDINGS])
    if findings and not findings[-1].get("diagnostics"):
        session.record(Violation("empty-answer", method, f"no finding pushed for {FINDINGS}, which has findings"))
    edited = time.monotonic()
    rename_in_cast(session, uris[CAST])
    rechecked = await session.wait_until(
        lambda: any(mentions_unknown(p.get("diagnostics"), "lloyd-austin") for p in published(session, uris[ARTICLE], edited)), 2.0)
    if not rechecked:
        session.record(Violation("diagnostics.push", method, "an actor renamed in the open cast did not re-check the open article"))


async def pull_diagnostics(session: Session, uris: dict[str, str]) -> None:
    """Pull: full reports with result ids, `unchanged` when nothing changed, the workspace report,
    and `workspace/diagnostic/refresh` after an edit that changes other documents' findings."""
    provider = session.server_capabilities.get("diagnosticProvider")
    if not isinstance(provider, dict):
        return  # the initialize rules report the missing provider
    identifier = {"identifier": provider["identifier"]} if "identifier" in provider else {}
    result_ids: dict[str, str] = {}
    for name, uri in uris.items():
        answer = await session.request("textDocument/diagnostic", {"textDocument": {"uri": uri}, **identifier})
        report = answer.result if answer.ok and isinstance(answer.result, dict) else {}
        if "resultId" in report:
            result_ids[uri] = report["resultId"]
        if name == FINDINGS and not report.get("items"):
            session.record(Violation("empty-answer", "textDocument/diagnostic", f"no finding for {FINDINGS}, which has findings"))
    for uri, result_id in result_ids.items():
        answer = await session.request("textDocument/diagnostic",
                                       {"textDocument": {"uri": uri}, "previousResultId": result_id, **identifier})
        if answer.ok and isinstance(answer.result, dict) and answer.result.get("kind") != "unchanged":
            session.record(Violation("diagnostics.unchanged", "textDocument/diagnostic",
                                     "a second pull with no change in between is not 'unchanged'", example=uri.rsplit("/", 1)[-1]))
    if provider.get("workspaceDiagnostics"):
        previous = [{"uri": uri, "value": value} for uri, value in result_ids.items()]
        await session.request("workspace/diagnostic", {"previousResultIds": previous, **identifier})
    refreshes = sum(1 for _, method, _ in session.server_requests if method == "workspace/diagnostic/refresh")
    rename_in_cast(session, uris[CAST])
    refreshed = await session.wait_until(
        lambda: sum(1 for _, m, _ in session.server_requests if m == "workspace/diagnostic/refresh") > refreshes, 2.0)
    if not refreshed:
        session.record(Violation("diagnostics.refresh", "workspace/diagnostic/refresh",
                                 "no refresh after an edit of the cast changed other documents' findings"))


async def exercise_progress(session: Session) -> set[str]:
    """Indexing reports work-done progress, begun and ended, to a client that takes it."""
    methods = {"$/progress", "window/workDoneProgress/create"}
    await session.indexed()
    if not session.profile.supports_progress:
        return methods  # any create or $/progress is a violation of the message rules
    ended = await session.wait_until(
        lambda: any(session.progress.ended(token) for token in session.progress.created_tokens(session)), 5.0)
    if not session.progress.created_tokens(session):
        session.record(Violation("progress", "window/workDoneProgress/create", "no progress created while indexing (SPEC 4)"))
    elif not ended:
        session.record(Violation("progress", "$/progress", "the indexing progress never ended"))
    return methods


def registered_watchers(session: Session) -> list[dict[str, Any]]:
    """The registrations of `workspace/didChangeWatchedFiles` the server sent."""
    return [entry for _, method, params in session.server_requests if method == "client/registerCapability"
            for entry in (params or {}).get("registrations", []) if entry.get("method") == "workspace/didChangeWatchedFiles"]


async def exercise_watched_files(session: Session) -> set[str]:
    """A new cast file written on disk: announced by the client when it registers watchers, noticed
    by the server alone otherwise; either way indexed, and the open article re-checked, within a second.
    Owns the registrations; its other findings are violations of the rule `watched-files`."""
    uri = session.open(ARTICLE)
    await session.indexed()
    session.append(uri, f"\n\n[Zed Zeta](@{NEW_ACTOR}) said nothing.\n")
    path = session.root / "zed-zeta.md"
    announced = False
    if session.profile.registers_watchers:
        await session.wait_until(lambda: bool(registered_watchers(session)), 3.0)
        announced = any(watches(session, entry, path) for entry in registered_watchers(session))
        if not registered_watchers(session):
            session.record(Violation("watched-files", "client/registerCapability",
                                     "no watcher registered, though the client registers them dynamically (SPEC 4)"))
        elif not announced:
            session.record(Violation("watched-files", "client/registerCapability",
                                     f"no registered watcher covers the creation of {path.name} (SPEC 4: **/*.md)"))
    text = "---\ntype: cast\n---\n\n## Zed Zeta {#zed-zeta .person}\n\n- role: Witness\n"
    path.write_text(text, encoding="utf-8")
    written = time.monotonic()
    session.texts[path.as_uri()] = text
    if announced:
        session.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": path.as_uri(), "type": 1}]})
    how = "announced by workspace/didChangeWatchedFiles" if announced else "with no notification: the server's own watcher"
    if not await noticed(session, written):
        session.record(Violation("watched-files", "workspace/symbol", f"a file created on disk ({how}) was not indexed within {NOTICE_WITHIN:.0f} s"))
    elif not await rechecked(session, uri, written):
        session.record(Violation("watched-files", "textDocument/publishDiagnostics",
                                 f"a file created on disk ({how}) did not re-check the open article within {NOTICE_WITHIN:.0f} s"))
    return {"client/registerCapability"}


def watches(session: Session, registration: dict[str, Any], path: Path) -> bool:
    """Whether a watcher registration reports the creation of `path` (as a client would match it)."""
    for watcher in (registration.get("registerOptions") or {}).get("watchers", []):
        pattern = watcher.get("globPattern")
        base = session.root
        if isinstance(pattern, dict):  # a RelativePattern: its baseUri is a URI or a WorkspaceFolder
            base_uri = pattern.get("baseUri")
            base_uri = base_uri.get("uri") if isinstance(base_uri, dict) else base_uri
            base = Path(unquote(urlparse(str(base_uri)).path))
            pattern = pattern.get("pattern")
        created = (watcher.get("kind") or 7) & 1
        if isinstance(pattern, str) and created and glob_regex(pattern).fullmatch(
                path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()):
            return True
    return False


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The LSP glob syntax (`**`, `*`, `?`, `{a,b}`, `[a-z]`) as a regular expression."""
    out, index = "", 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out, index = out + "(?:.*/)?", index + 3
        elif pattern.startswith("**", index):
            out, index = out + ".*", index + 2
        elif pattern[index] == "*":
            out, index = out + "[^/]*", index + 1
        elif pattern[index] == "?":
            out, index = out + "[^/]", index + 1
        elif pattern[index] == "{":
            end = pattern.index("}", index)
            out += "(?:" + "|".join(re.escape(p) for p in pattern[index + 1:end].split(",")) + ")"
            index = end + 1
        elif pattern[index] == "[":
            end = pattern.index("]", index)
            out, index = out + pattern[index:end + 1], end + 1
        else:
            out, index = out + re.escape(pattern[index]), index + 1
    return re.compile(out)


async def noticed(session: Session, since: float) -> bool:
    """Whether workspace symbols find the new actor before the deadline."""
    while time.monotonic() - since < NOTICE_WITHIN * TIMEOUT_SCALE:
        answer = await session.request("workspace/symbol", {"query": "Zed Zeta"})
        if answer.ok and any("Zed Zeta" in str(s.get("name")) for s in answer.result or [] if isinstance(s, dict)):
            return True
        await asyncio.sleep(0.05)
    return False


async def rechecked(session: Session, uri: str, since: float) -> bool:
    """Whether the open article's findings stop calling the new actor unknown before the deadline."""
    deadline = since + NOTICE_WITHIN * TIMEOUT_SCALE
    if session.profile.selects_pull_diagnostics:
        while time.monotonic() < deadline:
            answer = await session.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            if answer.ok and isinstance(answer.result, dict) and not mentions_unknown(answer.result.get("items"), NEW_ACTOR):
                return True
            await asyncio.sleep(0.05)
        return False
    return await session.wait_until(
        lambda: any(not mentions_unknown(p.get("diagnostics"), NEW_ACTOR) for p in published(session, uri, since)),
        max(0.0, deadline - time.monotonic()) / TIMEOUT_SCALE)
