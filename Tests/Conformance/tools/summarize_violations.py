#!/usr/bin/env python3
"""Prints the violations a run wrote with `--violations-json FILE`, per profile, grouped by rule.

    python3 -m pytest Tests/Conformance -q --violations-json /tmp/violations.json
    python3 Tests/Conformance/tools/summarize_violations.py /tmp/violations.json [--by-rule]

Per profile (default) or per rule (`--by-rule`, with the profiles each rule fails), one line per
distinct (rule, method, detail) with the tests it failed in.
"""

import json
import sys
from collections import defaultdict


def main(path: str, by_rule: bool) -> int:
    with open(path, encoding="utf-8") as file:
        found = json.load(file)
    groups: dict[str, dict[tuple[str, str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    examples: dict[tuple[str, str, str], str] = {}
    for v in found:
        key = (v["rule"], v["method"], v["detail"])
        if v.get("example"):
            examples.setdefault(key, v["example"])
        if by_rule:
            groups[v["rule"]][key].add(v["profile"])
        else:
            groups[v["profile"]][key].add(v["test"])
    for name in sorted(groups):
        print(f"## {name}")
        for (rule, method, detail), where in sorted(groups[name].items()):
            example = examples.get((rule, method, detail))
            shown = f", e.g. {example}" if example else ""
            print(f"- [{rule}] {method}: {detail}{shown}  ({', '.join(sorted(where))})")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--by-rule" in sys.argv[2:]))
