#!/usr/bin/env python3
"""Writes the committed seed corpus of the `edit` fuzz target into Fuzz/corpus/edit/.

The input layout is described at the top of targets/EditFuzz.swift. Seeds are snippets of
seeds/*.md (taken raw) edited where annotations are, plus hand-written edge cases. Run it after
changing the layout; the output is deterministic.
"""
import os
import struct

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
OUT = os.path.join(FUZZ, "corpus", "edit")

UTF8, UTF16, UTF32 = 0, 1, 2
RAW = 4
WHOLE = 0xFF
# Special position numbers (see specialNumber in EditFuzz.swift).
MINUS_ONE, INT_MAX, INT_MIN, BLOCK, BLOCK_PLUS_ONE, LINE_COUNT, LAST_LINE, PAST_LINE_COUNT = 0xF0, 0xF1, 0xF2, 0xF6, 0xF7, 0xF8, 0xF9, 0xFD
# Fragment bytes (index into `fragments` + 0x80).
CRLF, CR, LF, E_ACUTE, OPEN_QUOTE, CLOSE_QUOTE, EMOJI, FAMILY, COMBINING, BOM = range(0x80, 0x8A)
BRACKET, LINK_OPEN, CLAIM_BY, QUOTE_BY, CLAIM, AT, QUOTE = range(0x90, 0x97)


def text(value):
    """Bytes that decode to `value` (ASCII, or fragment bytes given as ints)."""
    out = bytearray()
    for part in value if isinstance(value, list) else [value]:
        if isinstance(part, int):
            out.append(part)
        else:
            encoded = part.encode("ascii")
            out += encoded
    return bytes(out)


def change(replacement, start=None, end=None):
    """One change record; no range replaces the whole document."""
    body = text(replacement)
    assert len(body) < 256
    if start is None:
        return bytes([WHOLE, len(body)]) + body
    return bytes([0, start[0], start[1], end[0], end[1], len(body)]) + body


def seed(header, start_text, *changes):
    start = start_text if isinstance(start_text, bytes) else text(start_text)
    return bytes([header]) + struct.pack("<H", len(start)) + start + b"".join(changes)


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {}
    # Snippets of the real articles: a window around the first annotation, edited three ways.
    for name in sorted(os.listdir(os.path.join(ROOT, "seeds"))):
        if not name.endswith(".md"):
            continue
        data = open(os.path.join(ROOT, "seeds", name), "rb").read()
        at = max(0, data.find(b"](@") - 200)
        snippet = data[at:at + 600]
        # Cut at a character start so the snippet stays valid UTF-8.
        while snippet and snippet[-1] & 0xC0 == 0x80:
            snippet = snippet[:-1]
        if snippet and snippet[-1] >= 0xC0:
            snippet = snippet[:-1]
        lines = snippet.count(b"\n")
        base = name[:-3]
        seeds[f"seed-{base}-utf16"] = seed(UTF16 | RAW, snippet,
                                           change([BRACKET, "Austin", LINK_OPEN, "@lloyd-austin)"], (2, 5), (2, 5)),
                                           change(["x", EMOJI, "y"], (1, 3), (3, 0)))
        seeds[f"seed-{base}-utf8"] = seed(UTF8 | RAW, snippet,
                                          change([CLAIM_BY, "lloyd-austin}"], (lines // 2, 40), (lines // 2, 41)),
                                          change([CRLF], (0, INT_MAX), (1, 0)))
        seeds[f"seed-{base}-utf32"] = seed(UTF32 | RAW, snippet,
                                           change([QUOTE, OPEN_QUOTE, "Said so.", CLOSE_QUOTE, QUOTE], (LAST_LINE, 2), (LINE_COUNT, 0)),
                                           change(["@"], (0, 0), (0, 0)))

    # Hand-written edge cases.
    seeds["surrogate-pair-middle-utf16"] = seed(UTF16, ["a", EMOJI, "b"], change("X", (0, 2), (0, 3)))
    seeds["multibyte-middle-utf8"] = seed(UTF8, ["a", E_ACUTE, OPEN_QUOTE, "b"], change("X", (0, 2), (0, 5)))
    seeds["combining-and-zwj-utf32"] = seed(UTF32, ["e", COMBINING, FAMILY, "z"], change("-", (0, 2), (0, 4)))
    seeds["crlf-past-line-end"] = seed(UTF16, ["ab", CRLF, "cd", CRLF], change("!", (0, 99), (0, 99)), change(" ", (0, 2), (1, 0)))
    seeds["lone-cr-lines"] = seed(UTF8, ["one", CR, "two", CR, "three", CR], change([LF], (1, 3), (1, 3)), change("", (0, 3), (1, 0)))
    seeds["insert-between-cr-and-lf"] = seed(UTF16, ["a", CR, "b"], change([LF], (1, 0), (1, 0)), change("c", (0, 1), (0, 1)))
    seeds["end-before-start"] = seed(UTF8, "abcd\nefgh", change("+", (1, 3), (0, 1)))
    seeds["past-last-line"] = seed(UTF16, "ab\n", change("!", (7, 0), (9, 0)), change("?", (LINE_COUNT, 0), (PAST_LINE_COUNT, 5)))
    seeds["extreme-numbers-utf8"] = seed(UTF8, "ab\ncd\nef", change("x", (1, INT_MAX), (2, INT_MAX)), change("y", (INT_MAX, INT_MAX), (INT_MIN, INT_MIN)))
    seeds["extreme-numbers-utf16"] = seed(UTF16, ["ab\nc", EMOJI, "\nef"], change("x", (1, INT_MAX), (2, INT_MAX)), change("y", (MINUS_ONE, MINUS_ONE), (1, MINUS_ONE)))
    seeds["whole-then-ranged"] = seed(UTF16, "old", change(["new", CRLF, "text"]), change("!", (1, 2), (1, 2)))
    seeds["empty-text"] = seed(UTF8, "", change("a", (0, 0), (0, 0)), change("", (0, 0), (0, 1)))
    seeds["bom-start"] = seed(UTF16, [BOM, BRACKET, "x", LINK_OPEN, "@a)"], change("y", (0, 0), (0, 1)))
    seeds["invalid-utf8-raw"] = seed(UTF16 | RAW, b"ok \xff\xfe\n\xe2\x80 x\xf0\x9f", change("z", (0, 4), (1, 2)), change("w", (1, 1), (2, 0)))
    seeds["annotation-typed-char-by-char"] = seed(
        UTF16, "Austin said it.\n",
        change([BRACKET], (0, 0), (0, 0)), change("]", (0, 7), (0, 7)), change("(", (0, 8), (0, 8)),
        change("@lloyd-austin)", (0, 9), (0, 9)), change([CLAIM_BY], (0, 30), (0, 30)), change("x}", (0, 99), (0, 99)))
    seeds["front-matter-edit"] = seed(UTF8, "---\ntitle: A\noutlet: b\n---\nBody\n", change("\n", (3, 3), (3, 3)), change("-", (0, 0), (0, 1)))
    seeds["block-sized-line"] = seed(UTF16, "x" * 4200 + "\n", change([EMOJI], (0, BLOCK), (0, BLOCK_PLUS_ONE)), change("y", (0, BLOCK_PLUS_ONE), (0, INT_MAX)))

    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(seeds)} seeds in {OUT}")


if __name__ == "__main__":
    main()
