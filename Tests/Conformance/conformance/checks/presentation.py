"""Document links, code lenses, folding ranges and symbols."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..documents import contains, lines
from ..violations import Tally, Violation
from .navigation import request_uri
from .ranges import check_range

if TYPE_CHECKING:
    from ..client import Session

# Without `symbolKind.valueSet` a client knows the kinds File (1) … Array (18) only.
FIRST_SYMBOL_KINDS = range(1, 19)


def as_list(result: Any) -> list[dict[str, Any]]:
    """The object items of an array result (none for null)."""
    return [i for i in result if isinstance(i, dict)] if isinstance(result, list) else []


def check_links(ctx: Session, tally: Tally, uri: Any, links: list[dict[str, Any]], *, resolved: bool) -> None:
    """Tooltips only with `tooltipSupport`; exact ranges; a target, or a way to get one."""
    for link in links:
        if "tooltip" in link and not ctx.profile.declares("textDocument.documentLink.tooltipSupport"):
            tally.add("textDocument.documentLink.tooltipSupport", "a tooltip for a client without tooltipSupport", repr(link.get("tooltip")))
        if "target" not in link and (resolved or not ctx.advertises("documentLinkProvider.resolveProvider")):
            tally.add("resolve", "a link without a target that cannot be resolved")
        check_range(ctx, tally, uri, link.get("range"), "a link range")


def check_document_links(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`textDocument/documentLink`."""
    links = as_list(result)
    tally = Tally("textDocument/documentLink", len(links))
    check_links(ctx, tally, request_uri(params), links, resolved=False)
    return tally.violations()


def check_document_link_resolve(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`documentLink/resolve`: the same rules, and the range kept."""
    tally = Tally("documentLink/resolve", 1)
    if isinstance(result, dict):
        check_links(ctx, tally, None, [result], resolved=True)
        if isinstance(params, dict) and result.get("range") != params.get("range"):
            tally.add("resolve", "resolve moved the link's range")
    return tally.violations()


def check_code_lenses(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """Exact ranges; a lens without a command only when it can be resolved."""
    lenses = as_list(result)
    tally = Tally("textDocument/codeLens", len(lenses))
    for lens in lenses:
        if "command" not in lens and not ctx.advertises("codeLensProvider.resolveProvider"):
            tally.add("resolve", "a lens without a command, and no codeLens/resolve")
        check_range(ctx, tally, request_uri(params), lens.get("range"), "a lens range")
    return tally.violations()


def check_code_lens_resolve(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """`codeLens/resolve`: a command, and the range kept."""
    tally = Tally("codeLens/resolve", 1)
    if isinstance(result, dict):
        if "command" not in result:
            tally.add("resolve", "a resolved lens without a command")
        if isinstance(params, dict) and result.get("range") != params.get("range"):
            tally.add("resolve", "resolve moved the lens's range")
    return tally.violations()


def check_folding(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """Whole lines for `lineFoldingOnly`, no more than `rangeLimit`, lines of the document."""
    method = "textDocument/foldingRange"
    ranges = as_list(result)
    tally = Tally(method, len(ranges))
    folding = "textDocument.foldingRange"
    limit = ctx.profile.get(f"{folding}.rangeLimit")
    found = []
    if isinstance(limit, int) and len(ranges) > limit:
        found.append(Violation(f"{folding}.rangeLimit", method, f"{len(ranges)} ranges for a client that takes {limit}"))
    text = ctx.text(request_uri(params))
    line_count = len(lines(text)) if text is not None else None
    for item in ranges:
        if ctx.profile.declares(f"{folding}.lineFoldingOnly") and ("startCharacter" in item or "endCharacter" in item):
            tally.add(f"{folding}.lineFoldingOnly", "character offsets for a client that folds whole lines only")
        if "collapsedText" in item and not ctx.profile.declares(f"{folding}.foldingRange.collapsedText"):
            tally.add(f"{folding}.foldingRange.collapsedText", "collapsedText the client does not declare")
        start, end = item.get("startLine"), item.get("endLine")
        if isinstance(start, int) and isinstance(end, int):
            if start > end or (line_count is not None and end >= line_count):
                tally.add("position", "a folding range outside the document or ending before it starts", f"{start}-{end}")
    return found + tally.violations()


def check_symbol_kind(ctx: Session, tally: Tally, capability: str, symbol: dict[str, Any]) -> None:
    """Kinds beyond Array (18) only for a client that lists its kinds; tags only with tagSupport."""
    if ctx.profile.get(f"{capability}.symbolKind.valueSet") is None and symbol.get("kind") not in FIRST_SYMBOL_KINDS:
        tally.add(f"{capability}.symbolKind", f"kind {symbol.get('kind')} for a client that knows kinds 1-18 only", repr(symbol.get("name")))
    if "tags" in symbol and not ctx.profile.get(f"{capability}.tagSupport"):
        tally.add(f"{capability}.tagSupport", "symbol tags the client does not declare", repr(symbol.get("name")))


def check_document_symbols(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """DocumentSymbol trees only with `hierarchicalDocumentSymbolSupport`; nested, exact ranges."""
    method = "textDocument/documentSymbol"
    capability = "textDocument.documentSymbol"
    uri = request_uri(params)
    symbols = as_list(result)
    tally = Tally(method, len(symbols))
    hierarchical = any("selectionRange" in s for s in symbols)
    if hierarchical and not ctx.profile.declares(f"{capability}.hierarchicalDocumentSymbolSupport"):
        tally.add(f"{capability}.hierarchicalDocumentSymbolSupport", "DocumentSymbol trees for a client that reads SymbolInformation only")

    def visit(symbol: dict[str, Any], parent: dict[str, Any] | None) -> None:
        check_symbol_kind(ctx, tally, capability, symbol)
        if "selectionRange" not in symbol:
            location = symbol.get("location") or {}
            check_range(ctx, tally, location.get("uri"), location.get("range"), "a symbol location")
            return
        check_range(ctx, tally, uri, symbol.get("range"), "a symbol range")
        check_range(ctx, tally, uri, symbol.get("selectionRange"), "a symbol selectionRange")
        if isinstance(symbol.get("range"), dict) and isinstance(symbol.get("selectionRange"), dict):
            if not contains(symbol["range"], symbol["selectionRange"]):
                tally.add("symbol.selectionRange", "a selectionRange outside its symbol's range", repr(symbol.get("name")))
            if parent is not None and not contains(parent["range"], symbol["range"]):
                tally.add("symbol.children", "a child symbol outside its parent's range", repr(symbol.get("name")))
        for child in as_list(symbol.get("children")):
            visit(child, symbol)

    for symbol in symbols:
        visit(symbol, None)
    return tally.violations()


def check_workspace_symbols(ctx: Session, params: Any, result: Any) -> list[Violation]:
    """Known kinds, declared tags, and a location range unless the client resolves it."""
    method = "workspace/symbol"
    capability = "workspace.symbol"
    symbols = as_list(result)
    tally = Tally(method, len(symbols))
    for symbol in symbols:
        check_symbol_kind(ctx, tally, capability, symbol)
        location = symbol.get("location") or {}
        if "range" not in location and not ctx.profile.get(f"{capability}.resolveSupport"):
            tally.add(f"{capability}.resolveSupport", "a location without a range for a client that cannot resolve it", repr(symbol.get("name")))
        check_range(ctx, tally, location.get("uri"), location.get("range"), "a symbol location")
    return tally.violations()
