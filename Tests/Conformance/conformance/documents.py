"""The workspace under test (a temporary copy of `seeds/`) and positions in its texts.

Positions are LSP positions: a line, split on LF, CRLF or CR, and a character offset in the
negotiated encoding's code units (UTF-8 bytes, UTF-16 units or UTF-32 code points).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def copy_seeds(seeds: Path, destination: Path) -> Path:
    """Copies the seeds folder to `destination` and returns the copy's resolved path."""
    shutil.copytree(seeds, destination)
    return destination.resolve()


def lines(text: str) -> list[str]:
    """The lines of a text without their terminators (a final terminator starts an empty line)."""
    return LINE_BREAK.split(text)


def units(text: str, encoding: str) -> int:
    """The length of `text` in code units of a position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)
    return len(text)


def boundaries(line: str, encoding: str) -> set[int]:
    """The character offsets in `encoding` that fall between two characters of `line` (ends included)."""
    offsets = {0}
    total = 0
    for character in line:
        total += units(character, encoding)
        offsets.add(total)
    return offsets


def position_of(text: str, needle: str, encoding: str, *, occurrence: int = 0, delta: int = 0) -> dict[str, int]:
    """The position `delta` characters into the `occurrence`-th match of `needle` in `text`."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.find(needle, index + 1)
        if index < 0:
            raise ValueError(f"{needle!r} occurs fewer than {occurrence + 1} times")
    return position_at(text, index + delta, encoding)


def position_at(text: str, index: int, encoding: str) -> dict[str, int]:
    """The position of the character at string index `index`."""
    before = text[:index]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    line = len(LINE_BREAK.findall(before))
    return {"line": line, "character": units(text[line_start:index], encoding)}


def index_of(text: str, position: dict[str, int], encoding: str) -> int:
    """The string index of an LSP position in `text` (a position past a line's end clamps to it)."""
    starts = [0] + [match.end() for match in LINE_BREAK.finditer(text)]
    if position["line"] >= len(starts):
        return len(text)
    start = starts[position["line"]]
    line_break = LINE_BREAK.search(text, start)
    line = text[start: line_break.start() if line_break else len(text)]
    for index in range(len(line) + 1):
        if units(line[:index], encoding) >= position["character"]:
            return start + index
    return start + len(line)


def end_position(text: str, encoding: str) -> dict[str, int]:
    """The position just past the last character."""
    all_lines = lines(text)
    return {"line": len(all_lines) - 1, "character": units(all_lines[-1], encoding)}


def position_problem(text: str, position: Any, encoding: str) -> str | None:
    """Why `position` is not an exact position of `text` in `encoding`, or None when it is."""
    if not isinstance(position, dict) or not isinstance(position.get("line"), int) or not isinstance(position.get("character"), int):
        return f"not a position: {position!r}"
    all_lines = lines(text)
    line, character = position["line"], position["character"]
    if not 0 <= line < len(all_lines):
        return f"line {line} is past the document's {len(all_lines)} lines"
    if character > units(all_lines[line], encoding):
        return f"character {character} is past the end of line {line} ({units(all_lines[line], encoding)} {encoding} units)"
    if character not in boundaries(all_lines[line], encoding):
        return f"character {character} of line {line} falls inside a character ({encoding})"
    return None


def range_problem(text: str, range_: Any, encoding: str) -> str | None:
    """Why `range_` is not an exact, ordered range of `text`, or None when it is."""
    if not isinstance(range_, dict):
        return f"not a range: {range_!r}"
    for end in ("start", "end"):
        problem = position_problem(text, range_.get(end), encoding)
        if problem:
            return f"{end}: {problem}"
    start, end = range_["start"], range_["end"]
    if (start["line"], start["character"]) > (end["line"], end["character"]):
        return f"ends before it starts ({start} > {end})"
    return None


def contains(outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    """Whether range `inner` lies within range `outer`."""
    def key(position: dict[str, int]) -> tuple[int, int]:
        return position["line"], position["character"]

    return key(outer["start"]) <= key(inner["start"]) and key(inner["end"]) <= key(outer["end"])
