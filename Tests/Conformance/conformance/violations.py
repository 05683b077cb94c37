"""What the suite reports: one violation per rule broken by one message."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """A rule a server message broke.

    `rule` names the rule: a client capability path (`textDocument.documentLink.tooltipSupport`)
    when the message uses something the client did not declare, otherwise one of the suite's
    rule names (`metamodel`, `lsprotocol`, `pytest-lsp`, `method-not-found`, `position`,
    `resolve`, `diagnostics.channel`, …; the README lists them). `method` is the message's
    method (for a response, the request's), `detail` says what was sent. When the rule is about
    items of a list, `count` of `total` items broke it and `example` shows one.
    """

    rule: str
    method: str
    detail: str
    count: int = 0
    total: int = 0
    example: str = ""

    def __str__(self) -> str:
        counted = f" ({self.count} of {self.total})" if self.total else ""
        example = f", e.g. {self.example}" if self.example else ""
        return f"[{self.rule}] {self.method}: {self.detail}{counted}{example}"


class Tally:
    """Counts the items of one message that break each rule, so a list of 40 links with a
    tooltip each is one violation ("40 of 40"), not forty."""

    def __init__(self, method: str, total: int):
        self.method = method
        self.total = total
        self.counts: Counter[tuple[str, str]] = Counter()
        self.examples: dict[tuple[str, str], str] = {}

    def add(self, rule: str, what: str, example: str = "") -> None:
        """Counts one item breaking `rule` (`what` says how, `example` shows one)."""
        key = (rule, what)
        self.counts[key] += 1
        self.examples.setdefault(key, example)

    def violations(self) -> list[Violation]:
        """One violation per (rule, what)."""
        return [Violation(rule, self.method, what, count, max(self.total, count), self.examples[(rule, what)])
                for (rule, what), count in self.counts.items()]


def format_violations(violations: list[Violation]) -> str:
    """One line per (rule, method, detail): the messages that broke it summed into one."""
    groups: dict[tuple[str, str, str], list[Violation]] = {}
    for violation in violations:
        groups.setdefault((violation.rule, violation.method, violation.detail), []).append(violation)
    lines = []
    for (rule, method, detail), group in groups.items():
        count, total = sum(v.count for v in group), sum(v.total for v in group)
        example = next((v.example for v in group if v.example), "")
        summary = Violation(rule, method, detail, count, total, example)
        lines.append(f"  {summary}" + (f"  (in {len(group)} messages)" if len(group) > 1 else ""))
    return "\n".join(lines)
