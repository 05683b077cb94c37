"""The server's capabilities against the client's: nothing advertised the client cannot use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..violations import Violation

if TYPE_CHECKING:
    from ..client import Session

METHOD = "initialize"


def check_initialize(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """Every rule about an InitializeResult for this profile."""
    capabilities = result.get("capabilities") if isinstance(result, dict) else None
    if not isinstance(capabilities, dict):
        return []
    return (position_encoding(ctx, capabilities) + diagnostics_channel(ctx, capabilities)
            + options_allowed(ctx, capabilities) + semantic_tokens(ctx, capabilities))


def position_encoding(ctx: Session, capabilities: dict[str, Any]) -> list[Violation]:
    """An encoding the client offered (UTF-16 always counts), and UTF-8 whenever offered (SPEC 4)."""
    chosen = capabilities.get("positionEncoding", "utf-16")
    offered = ctx.profile.offered_encodings
    found = []
    if chosen != "utf-16" and chosen not in offered:
        found.append(Violation("general.positionEncodings", METHOD, f"positionEncoding {chosen!r} was not offered ({offered})"))
    if "utf-8" in offered and chosen != "utf-8":
        found.append(Violation("SPEC.positionEncoding", METHOD, f"the client offers utf-8 ({offered}) but the server chose {chosen!r}"))
    return found


def diagnostics_channel(ctx: Session, capabilities: dict[str, Any]) -> list[Violation]:
    """`diagnosticProvider` exactly when the profile selects pull diagnostics (SPEC 4)."""
    profile = ctx.profile
    declared = (f"textDocument.diagnostic {'declared' if profile.get('textDocument.diagnostic') is not None else 'absent'}, "
                f"workspace.diagnostics.refreshSupport {profile.get('workspace.diagnostics.refreshSupport')!r}")
    if "diagnosticProvider" in capabilities and not profile.selects_pull_diagnostics:
        return [Violation("diagnostics.channel", METHOD, f"diagnosticProvider advertised to a push client ({declared})")]
    if "diagnosticProvider" not in capabilities and profile.selects_pull_diagnostics:
        return [Violation("diagnostics.channel", METHOD, f"no diagnosticProvider for a client that pulls ({declared})")]
    return []


def options_allowed(ctx: Session, capabilities: dict[str, Any]) -> list[Violation]:
    """Options the LSP allows only for clients that declare the matching support."""
    profile = ctx.profile
    found = []
    if isinstance(capabilities.get("codeActionProvider"), dict) and not profile.get("textDocument.codeAction.codeActionLiteralSupport"):
        found.append(Violation("textDocument.codeAction.codeActionLiteralSupport", METHOD,
                               "CodeActionOptions may only be sent to a client that declares codeActionLiteralSupport"))
    if isinstance(capabilities.get("renameProvider"), dict) and not profile.declares("textDocument.rename.prepareSupport"):
        found.append(Violation("textDocument.rename.prepareSupport", METHOD,
                               "RenameOptions may only be sent to a client that declares prepareSupport"))
    if capabilities.get("inlayHintProvider") and profile.get("textDocument.inlayHint") is None:
        found.append(Violation("textDocument.inlayHint", METHOD, "inlayHintProvider advertised to a client without inlay hints"))
    completion_item = (capabilities.get("completionProvider") or {}).get("completionItem") or {}
    if completion_item.get("labelDetailsSupport") and not profile.declares("textDocument.completion.completionItem.labelDetailsSupport"):
        found.append(Violation("textDocument.completion.completionItem.labelDetailsSupport", METHOD,
                               "completion labelDetails advertised to a client that does not declare them"))
    return found


def semantic_tokens(ctx: Session, capabilities: dict[str, Any]) -> list[Violation]:
    """A legend of token types and modifiers the client declares, in a format it reads."""
    provider = capabilities.get("semanticTokensProvider")
    if not isinstance(provider, dict):
        return []
    client = ctx.profile.get("textDocument.semanticTokens")
    if client is None:
        return [Violation("textDocument.semanticTokens", METHOD, "semanticTokensProvider advertised to a client without semantic tokens")]
    legend = provider.get("legend") or {}
    found = []
    types = [t for t in legend.get("tokenTypes", []) if t not in (client.get("tokenTypes") or [])]
    if types:
        found.append(Violation("textDocument.semanticTokens.tokenTypes", METHOD, f"legend token types the client does not declare: {types}"))
    modifiers = [m for m in legend.get("tokenModifiers", []) if m not in (client.get("tokenModifiers") or [])]
    if modifiers:
        found.append(Violation("textDocument.semanticTokens.tokenModifiers", METHOD,
                               f"legend token modifiers the client does not declare: {modifiers}"))
    if "relative" not in (client.get("formats") or []):
        found.append(Violation("textDocument.semanticTokens.formats", METHOD, "the client does not declare the relative token format"))
    return found
