#!/usr/bin/env python3
"""Static checks for the editor integrations in editors/.

Runs with the Python 3.11+ standard library and no network:

    python3 editors/test/check_static.py

Editor binaries (emacs, nvim) are used when present and skipped otherwise;
with DOSSIER_REQUIRE_CLIENTS=1 a missing one is a failure. Extra Neovim
builds to try can be listed in DOSSIER_NVIM (separated by ':').
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
EDITORS = HERE.parent
REPO = EDITORS.parent
VSCODE = EDITORS / "vscode"
NVIM = EDITORS / "nvim"
EMACS = EDITORS / "emacs"
HELIX = EDITORS / "helix"

CODES = [
    "syntax", "unknown-actor", "duplicate-actor", "invalid-actor", "alias-conflict",
    "unknown-claim", "duplicate-claim", "unattributed-claim", "anonymous-source",
    "vague-attribution", "unattributed-quote", "unlinked-mention", "unused-actor",
    "front-matter",
]
SEVERITIES = ["error", "warning", "information", "hint", "off"]
TOKEN_TYPES = ["person", "organization", "country", "court", "outlet", "group",
               "place", "document", "event", "claim", "quote"]
TOKEN_MODIFIERS = ["declaration", "unattributed"]
# LSP 3.17 predefined types and modifiers: a superType must be one of these,
# and a predefined modifier needs no contribution.
STANDARD_TOKEN_TYPES = {
    "namespace", "type", "class", "enum", "interface", "struct", "typeParameter",
    "parameter", "variable", "property", "enumMember", "event", "function", "method",
    "macro", "keyword", "modifier", "comment", "string", "number", "regexp",
    "operator", "decorator",
}
STANDARD_TOKEN_MODIFIERS = {
    "declaration", "definition", "readonly", "static", "deprecated", "abstract",
    "async", "modification", "documentation", "defaultLibrary",
}
CLIENT_TIMEOUT = 60

REQUIRE_CLIENTS = os.environ.get("DOSSIER_REQUIRE_CLIENTS") == "1"


class Skip(Exception):
    """A check that cannot run here (missing editor binary)."""


CHECKS = []


def check(name):
    def register(fn):
        CHECKS.append((name, fn))
        return fn
    return register


def need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        if REQUIRE_CLIENTS:
            raise AssertionError(f"{binary} not found and DOSSIER_REQUIRE_CLIENTS=1")
        raise Skip(f"{binary} not installed")
    return path


def run(cmd, timeout=CLIENT_TIMEOUT, **kwargs):
    """Run a client under a hard timeout, with no terminal and no stdin."""
    return subprocess.run(
        ["timeout", "-k", "5", str(timeout), *map(str, cmd)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, **kwargs,
    )


def load_json(path: Path):
    with path.open(encoding="utf-8") as f:
        return json.load(f)


# --------------------------------------------------------------------------
# VS Code extension manifest

def manifest():
    return load_json(VSCODE / "package.json")


@check("vscode: package.json fields")
def _():
    m = manifest()
    assert m["name"] == "dossier", m["name"]
    assert m["publisher"], "publisher missing"
    assert m["engines"]["vscode"] == "^1.82.0", m["engines"]
    assert m["main"] == "./out/extension.js", m["main"]
    events = m["activationEvents"]
    for event in ("workspaceContains:**/dossier.json", "onLanguage:markdown"):
        assert event in events, f"activation event {event} missing"
    assert m["dependencies"]["vscode-languageclient"].startswith("^9"), m["dependencies"]
    for dev in ("typescript", "@types/vscode", "@types/node"):
        assert dev in m["devDependencies"], f"devDependency {dev} missing"
    # vsce refuses @types/vscode newer than engines.vscode.
    types = m["devDependencies"]["@types/vscode"].lstrip("~^")
    assert types.startswith("1.82."), f"@types/vscode {types} must match engines.vscode"
    for script in ("compile", "package", "vscode:prepublish"):
        assert script in m["scripts"], f"script {script} missing"


@check("vscode: vsce packages without a prompt (repository, license, LICENSE; npx --yes)")
def _():
    m = manifest()
    # vsce asks "Do you want to continue? [y/N]" without a repository field or a LICENSE file.
    repository = m.get("repository")
    assert isinstance(repository, dict) and repository.get("url") and repository.get("directory") == "editors/vscode", repository
    assert m.get("license"), "license missing"
    license_files = [p for p in VSCODE.iterdir() if re.fullmatch(r"(?i)licen[cs]e(\.(md|txt))?", p.name)]
    assert license_files, "no LICENSE file next to package.json"
    assert m["license"].split()[0] in license_files[0].read_text(encoding="utf-8"), "LICENSE does not name the license of package.json"
    package = m["scripts"]["package"]
    assert "--skip-license" not in package and "--allow-missing-repository" not in package, package
    # npx asks before installing a package it has not cached, unless told --yes.
    assert re.fullmatch(r"npx --yes @vscode/vsce@\d+\.\d+\.\d+ package", package), package


def satisfies(version: str, spec: str) -> bool:
    """Whether `version` (x.y.z) satisfies an npm range of the forms used here: exact, ^x.y.z, ~x.y.z."""
    have = tuple(int(part) for part in version.split("."))
    if spec[0] not in "^~":
        return version == spec
    want = tuple(int(part) for part in spec[1:].split("."))
    if have < want:
        return False
    if spec[0] == "~":
        return have[:2] == want[:2]
    significant = next((i for i, part in enumerate(want) if part != 0), len(want) - 1)
    return have[:significant + 1] == want[:significant + 1]


@check("vscode: package-lock.json pins what package.json names, and nothing else")
def _():
    m = manifest()
    lock = load_json(VSCODE / "package-lock.json")
    assert lock["lockfileVersion"] == 3 and lock["name"] == m["name"] and lock["version"] == m["version"], "lock header"
    packages = lock["packages"]
    root = packages[""]
    for key in ("name", "version", "license", "dependencies", "devDependencies", "engines"):
        assert root.get(key) == m.get(key), f"lock root {key} {root.get(key)} != package.json {m.get(key)}"
    # Walk from the root: every range must resolve to a hoisted entry that satisfies it.
    reached, dev_only, runtime = set(), set(), set()

    def visit(name, spec, dev):
        key = f"node_modules/{name}"
        assert key in packages, f"{name}@{spec} is not in the lock"
        entry = packages[key]
        assert satisfies(entry["version"], spec), f"{name} {entry['version']} does not satisfy {spec}"
        base = name.split("/")[-1]
        assert entry.get("resolved") == f"https://registry.npmjs.org/{name}/-/{base}-{entry['version']}.tgz", entry.get("resolved")
        if "integrity" in entry:
            assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", entry["integrity"]), f"{name} integrity"
        (dev_only if dev else runtime).add(key)
        if key in reached and (dev or key in runtime):
            return
        reached.add(key)
        for child, child_spec in entry.get("dependencies", {}).items():
            visit(child, child_spec, dev)

    for name, spec in m["dependencies"].items():
        visit(name, spec, False)
    for name, spec in m["devDependencies"].items():
        visit(name, spec, True)
    extra = set(packages) - {""} - reached
    assert not extra, f"entries nothing depends on: {sorted(extra)}"
    for key in reached:
        want_dev = key not in runtime
        assert packages[key].get("dev", False) == want_dev, f"{key}: dev should be {want_dev}"


@check("vscode: extension.ts parses (TypeScript)")
def _():
    node = need("node")
    script = (
        "const ts = require('typescript');"
        "const src = require('fs').readFileSync(process.argv[1], 'utf8');"
        "const out = ts.transpileModule(src, { reportDiagnostics: true, fileName: 'extension.ts' });"
        "for (const d of out.diagnostics) console.log(d.start, ts.flattenDiagnosticMessageText(d.messageText, ' '));"
        "process.exit(out.diagnostics.length ? 1 : 0);"
    )
    paths = [p for p in (os.environ.get("NODE_PATH", ""), "/usr/share/nodejs", "/usr/lib/node_modules") if p]
    result = run([node, "-e", script, str(VSCODE / "src" / "extension.ts")],
                 env=dict(os.environ, NODE_PATH=os.pathsep.join(paths)))
    if "Cannot find module 'typescript'" in result.stderr:
        need("tsc")  # the TypeScript compiler (Debian: node-typescript)
        raise Skip("typescript is not importable from node")
    assert result.returncode == 0, result.stdout + result.stderr[-1500:]


@check("vscode: issue 12 — lens shows references, per-folder settings, executable from PATH, one error, progress shown")
def _():
    source = (VSCODE / "src" / "extension.ts").read_text(encoding="utf-8")
    # The server's lens command is pointed at the extension's own, which fetches the references and
    # hands VS Code's peek view its own types (not the raw LSP JSON the lens carries).
    assert re.search(r"provideCodeLenses:.*retargetLens", source), "lenses are not retargeted"
    assert re.search(r"registerCommand\(\s*'dossier\.lens\.showReferences'", source), "the lens command is not registered"
    show = source[source.index("async showReferences("):]
    show = show[:show.index("\n  }\n")]
    for needle in ("ReferencesRequest.type", "'editor.action.showReferences'", "convert.asUri(", "convert.asPosition(", "convert.asLocation("):
        assert needle in show, f"showReferences lacks {needle}"
    assert re.search(r"executeCommand: async [^\n]*\n[^\n]*SERVER_LENS_COMMAND", source), "a forwarded lens command would still go to the server"
    # Configuration changes are asked per folder, and the settings sent are scoped.
    changed = source[source.index("onConfigurationChanged("):source.index("async showReferences(")]
    assert re.search(r"affectsConfiguration\(`dossier\.\$\{key\}`, scope\)", changed), "no per-folder affectsConfiguration"
    assert "serverSettings(singleFolder())" in changed and "serverSettings()" not in changed, "settings sent without a scope"
    # The executable comes from PATH's absolute folders, never the working directory.
    assert "path.isAbsolute(folder)" in source and "findOnPath(command)" in source, "no PATH lookup of our own"
    assert not re.search(r"return 'dossier';", source), "a bare 'dossier' is still spawned"
    # One pop-up: ours when the server is not started, the client's own when starting fails.
    catch = source[source.index("await client.start();"):]
    catch = catch[:catch.index("\n  }\n")]
    assert "explainStartFailure" not in catch and "showErrorMessage" not in catch, "a second pop-up after a failed start"
    # Every $/progress kind reaches the client's own progress UI.
    progress = source[source.index("handleWorkDoneProgress:"):]
    progress = progress[:progress.index("},")]
    assert re.search(r"^\s*next\(token, params\);", progress, re.M), "begin/report are not passed on"
    palette = manifest()["contributes"]["menus"]["commandPalette"]
    assert {"command": "dossier.lens.showReferences", "when": "false"} in palette, "the lens command shows in the palette"


@check("vscode: every referenced file exists")
def _():
    m = manifest()
    tsconfig = load_json(VSCODE / "tsconfig.json")["compilerOptions"]
    main = Path(m["main"])
    out_dir, root_dir = Path(tsconfig["outDir"]), Path(tsconfig["rootDir"])
    assert main.parts[0] == out_dir.name, f"main {main} is not under outDir {out_dir}"
    source = VSCODE / root_dir / Path(*main.parts[1:]).with_suffix(".ts")
    referenced = [source]
    contributes = m["contributes"]
    referenced += [VSCODE / g["path"] for g in contributes["grammars"]]
    referenced += [VSCODE / v["url"] for v in contributes.get("jsonValidation", [])]
    if "icon" in m:
        referenced.append(VSCODE / m["icon"])
    referenced += [VSCODE / name for name in ("README.md", "CHANGELOG.md", ".vscodeignore")]
    missing = [str(p.relative_to(EDITORS)) for p in referenced if not p.is_file()]
    assert not missing, f"missing: {missing}"


@check("vscode: commands contributed and registered agree")
def _():
    contributed = {c["command"] for c in manifest()["contributes"]["commands"]}
    source = (VSCODE / "src" / "extension.ts").read_text(encoding="utf-8")
    registered = set(re.findall(r"registerCommand\(\s*'([^']+)'", source))
    assert "dossier.restartServer" in contributed, "dossier.restartServer not contributed"
    assert contributed == registered, f"contributed {sorted(contributed)} vs registered {sorted(registered)}"


@check("vscode: settings mirror dossier.json")
def _():
    props = manifest()["contributes"]["configuration"]["properties"]
    expected = {
        "dossier.enable", "dossier.server.path", "dossier.trace.server", "dossier.exclude",
        "dossier.rules", "dossier.cues.vague", "dossier.cues.unnamed", "dossier.cues.reporting",
        "dossier.completion.linkNames",
    }
    assert set(props) == expected, f"unexpected settings: {sorted(set(props) ^ expected)}"
    assert props["dossier.enable"]["enum"] == ["auto", "always", "never"]
    assert props["dossier.enable"]["default"] == "auto"
    assert props["dossier.trace.server"]["enum"] == ["off", "messages", "verbose"]
    rules = props["dossier.rules"]
    assert sorted(rules["properties"]) == sorted(CODES), \
        f"rules differ from the 14 codes: {sorted(set(rules['properties']) ^ set(CODES))}"
    assert rules.get("additionalProperties") is False, "rules must reject unknown codes"
    for code, spec in rules["properties"].items():
        assert spec["enum"] == SEVERITIES, f"rules.{code} enum is {spec['enum']}"
    # The extension sends exactly the server-facing keys.
    source = (VSCODE / "src" / "extension.ts").read_text(encoding="utf-8")
    block = re.search(r"const SERVER_KEYS = \[(.*?)\];", source, re.S)
    assert block, "SERVER_KEYS not found in extension.ts"
    sent = {"dossier." + k for k in re.findall(r"'([^']+)'", block.group(1))}
    server_facing = expected - {"dossier.enable", "dossier.server.path", "dossier.trace.server"}
    assert sent == server_facing, f"SERVER_KEYS {sorted(sent)} vs settings {sorted(server_facing)}"
    restricted = manifest()["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]
    assert "dossier.server.path" in restricted, "dossier.server.path must be restricted"


@check("vscode: dossier.json schema matches the codes")
def _():
    url = manifest()["contributes"]["jsonValidation"][0]["url"]
    schema = load_json(VSCODE / url)
    props = schema["properties"]
    assert set(props) == {"exclude", "rules", "cues", "completion"}, sorted(props)
    assert sorted(props["rules"]["properties"]) == sorted(CODES)
    for code, spec in props["rules"]["properties"].items():
        assert spec["enum"] == SEVERITIES, f"schema rules.{code} enum is {spec['enum']}"
    assert set(props["cues"]["properties"]) == {"vague", "unnamed", "reporting"}
    assert props["completion"]["properties"]["linkNames"]["type"] == "boolean"


@check("vscode: semantic token types match the server legend")
def _():
    contributes = manifest()["contributes"]
    types = contributes["semanticTokenTypes"]
    assert [t["id"] for t in types] == TOKEN_TYPES, [t["id"] for t in types]
    for t in types:
        assert t["superType"] in STANDARD_TOKEN_TYPES, f"{t['id']}: superType {t['superType']}"
    custom = {m["id"] for m in contributes["semanticTokenModifiers"]}
    assert custom == set(TOKEN_MODIFIERS) - STANDARD_TOKEN_MODIFIERS, sorted(custom)


# --------------------------------------------------------------------------
# TextMate grammar: compiled with Python's re, which shares with Oniguruma
# the subset the grammar sticks to; constructs only Oniguruma knows are
# rejected so that the subset stays honest.

ONIGURUMA_ONLY = [
    (r"\\[hHAzZGKRX]", "Oniguruma escape"),
    (r"\\p\{", "Unicode property"),
    (r"\(\?<[A-Za-z]", "named group"),
    (r"\(\?>", "atomic group"),
    (r"[*+?}]\+", "possessive quantifier"),
    (r"\[\[:", "POSIX bracket"),
    (r"\\[0-9]", "backreference"),
]


def grammar_path() -> Path:
    return VSCODE / manifest()["contributes"]["grammars"][0]["path"]


def compile_pattern(source: str, where: str) -> re.Pattern:
    for pattern, what in ONIGURUMA_ONLY:
        if re.search(pattern, source):
            raise AssertionError(f"{where}: {what} in {source!r} is outside the shared subset")
    try:
        return re.compile(source)
    except re.error as error:
        raise AssertionError(f"{where}: {source!r}: {error}") from None


def walk_rules(rules, where):
    for index, rule in enumerate(rules):
        yield f"{where}[{index}]", rule
        if "patterns" in rule:
            yield from walk_rules(rule["patterns"], f"{where}[{index}].patterns")


def all_rules(grammar):
    yield from walk_rules(grammar["patterns"], "patterns")
    for name, rule in grammar["repository"].items():
        yield f"repository.{name}", rule
        yield from walk_rules(rule.get("patterns", []), f"repository.{name}.patterns")


@check("grammar: valid JSON, regexes compile, includes resolve")
def _():
    grammar = load_json(grammar_path())
    contribution = manifest()["contributes"]["grammars"][0]
    assert grammar["scopeName"] == contribution["scopeName"], "scopeName differs from package.json"
    assert grammar["injectionSelector"].startswith("L:text.html.markdown"), grammar["injectionSelector"]
    assert contribution["injectTo"] == ["text.html.markdown"], contribution["injectTo"]
    count = 0
    for where, rule in all_rules(grammar):
        for key in ("match", "begin", "end"):
            if key in rule:
                compile_pattern(rule[key], f"{where}.{key}")
                count += 1
        include = rule.get("include")
        if include is not None:
            assert include.startswith("#") and include[1:] in grammar["repository"], \
                f"{where}: include {include} does not resolve"
    assert count >= 10, f"only {count} regexes found"


class Tokenizer:
    """A small TextMate tokenizer: match and begin/end rules, captures,
    includes, earliest match wins (ties by rule order, end pattern first).
    Enough to check the injection grammar on its own."""

    def __init__(self, grammar):
        self.grammar = grammar
        self.cache = {}

    def regex(self, source):
        if source not in self.cache:
            self.cache[source] = re.compile(source)
        return self.cache[source]

    def expand(self, rules):
        for rule in rules:
            if "include" in rule:
                yield from self.expand([self.grammar["repository"][rule["include"][1:]]])
            elif "match" in rule or "begin" in rule:
                yield rule
            else:
                yield from self.expand(rule.get("patterns", []))

    def tokenize(self, text):
        """Scopes per character of `text`: a list of sets, one per char."""
        scopes = [set() for _ in text]
        stack = [(None, list(self.expand(self.grammar["patterns"])), [])]
        offset = 0

        def fill(start, end, names):
            for i in range(offset + start, min(offset + end, len(scopes))):
                scopes[i].update(names)

        for line in text.splitlines(keepends=True):
            if not line.endswith("\n"):
                line += "\n"
            pos = 0
            while pos < len(line):
                end_rule, rules, names = stack[-1]
                best = None
                if end_rule is not None:
                    m = self.regex(end_rule["end"]).search(line, pos)
                    if m:
                        best = (m.start(), m, None)
                for rule in rules:
                    m = self.regex(rule.get("match") or rule["begin"]).search(line, pos)
                    if m and (best is None or m.start() < best[0]):
                        best = (m.start(), m, rule)
                if best is None:
                    fill(pos, len(line), names)
                    break
                _, m, rule = best
                fill(pos, m.start(), names)
                if rule is None:
                    self.paint(scopes, offset, m, names, end_rule.get("endCaptures", {}))
                    stack.pop()
                else:
                    inner = names + ([rule["name"]] if "name" in rule else [])
                    captures = rule.get("captures" if "match" in rule else "beginCaptures", {})
                    self.paint(scopes, offset, m, inner, captures)
                    if "begin" in rule:
                        stack.append((rule, list(self.expand(rule.get("patterns", []))), inner))
                if m.end() > pos:
                    pos = m.end()
                else:
                    # A zero-width match must not stall the scan.
                    fill(pos, pos + 1, stack[-1][2])
                    pos += 1
            offset += len(line)
        return scopes

    @staticmethod
    def paint(scopes, offset, m, names, captures):
        for i in range(m.start(), m.end()):
            if offset + i < len(scopes):
                scopes[offset + i].update(names)
        for group, spec in captures.items():
            g = int(group)
            if m.group(g) is None or "name" not in spec:
                continue
            for i in range(m.start(g), m.end(g)):
                if offset + i < len(scopes):
                    scopes[offset + i].add(spec["name"])


# (sample text, [(substring, scope expected on all of it, occurrence)],
#  [(substring, scope that must not appear on it)])
GRAMMAR_SAMPLES = [
    ("[Lloyd Austin](@lloyd-austin)",
     [("Lloyd Austin", "string.other.link.title.markdown"),
      ("lloyd-austin", "variable.other.actor.dossier"),
      ("[Lloyd Austin](@lloyd-austin)", "meta.link.inline.mention.dossier")],
     []),
    ("]{.claim by=@nyt}",
     [("{.claim by=@nyt}", "meta.attributes.claim.dossier"),
      (".claim", "keyword.other.span-class.dossier"),
      ("by", "entity.other.attribute-name.dossier"),
      ("nyt", "variable.other.actor.dossier"),
      ("}", "punctuation.definition.attributes.end.dossier")],
     []),
    ("## Lloyd Austin {#lloyd-austin .person}\n- role: U.S. Secretary of Defense",
     [("{#lloyd-austin .person}", "meta.attributes.actor.dossier"),
      ("lloyd-austin", "entity.name.type.actor.dossier"),
      (".person", "storage.type.actor-kind.dossier")],
     [("Lloyd Austin", "meta.attributes.actor.dossier"),
      ("role", "meta.attributes.actor.dossier")]),
    ("[“I will always prioritize,”]{.quote #austin-reciprocity by=@lloyd-austin cue=said}",
     [(".quote", "keyword.other.span-class.dossier"),
      ("austin-reciprocity", "entity.name.label.claim.dossier"),
      ("lloyd-austin", "variable.other.actor.dossier"),
      ("said", "string.unquoted.dossier")],
     [("I will always", "meta.attributes.quote.dossier")]),
    ('[the evidence]{.claim by="officials familiar with the matter" via=@nyt}',
     [('"officials familiar with the matter"', "string.quoted.double.dossier"),
      ("via", "entity.other.attribute-name.dossier"),
      ("nyt", "variable.other.actor.dossier")],
     []),
    ("[Biden overrode it]{.claim cite=#biden-order,#other}",
     [("biden-order", "variable.other.claim.dossier"),
      ("other", "variable.other.claim.dossier")],
     []),
    ("[Text with [Austin](@lloyd-austin) inside]{.claim\nby=@nyt}",
     [("lloyd-austin", "variable.other.actor.dossier"),
      ("by", "meta.attributes.claim.dossier"),
      ("nyt", "variable.other.actor.dossier")],
     []),
    ("Ottawa and @canada’s envoy, @us-dod.",
     [("canada", "variable.other.actor.dossier"),
      ("us-dod", "variable.other.actor.dossier")],
     [("’s", "variable.other.actor.dossier")]),
    ("Mail jane@example.com, see https://x.com/@handle or \\@escaped.",
     [],
     [("example", "variable.other.actor.dossier"),
      ("handle", "variable.other.actor.dossier"),
      ("escaped", "variable.other.actor.dossier")]),
    ("## Intro {#intro}\n[small]{.smallcaps}",
     [],
     [("{#intro}", "meta.attributes.actor.dossier"),
      ("{.smallcaps}", "meta.attributes.claim.dossier")]),
    ("[unclosed]{.claim by=@nyt\n\nNext paragraph by=@x",
     [("nyt", "meta.attributes.claim.dossier")],
     [("Next paragraph", "meta.attributes.claim.dossier")]),
]


def find_span(text, needle):
    start = text.find(needle)
    assert start >= 0, f"{needle!r} not in sample"
    return range(start, start + len(needle))


@check("grammar: sample lines get the expected scopes")
def _():
    tokenizer = Tokenizer(load_json(grammar_path()))
    problems = []
    for text, wanted, unwanted in GRAMMAR_SAMPLES:
        scopes = tokenizer.tokenize(text)
        for needle, scope in wanted:
            lacking = [text[i] for i in find_span(text, needle) if scope not in scopes[i]]
            if lacking:
                problems.append(f"{needle!r} in {text!r} lacks {scope}")
        for needle, scope in unwanted:
            if any(scope in scopes[i] for i in find_span(text, needle)):
                problems.append(f"{needle!r} in {text!r} must not get {scope}")
    assert not problems, "; ".join(problems)


# --------------------------------------------------------------------------
# Helix

@check("helix: languages.toml parses and wires dossier next to marksman")
def _():
    with (HELIX / "languages.toml").open("rb") as f:
        config = tomllib.load(f)
    server = config["language-server"]["dossier"]
    assert server["command"] == "dossier" and server["args"] == ["lsp"], server
    markdown = [lang for lang in config["language"] if lang["name"] == "markdown"]
    assert len(markdown) == 1, "one [[language]] markdown entry expected"
    servers = markdown[0]["language-servers"]
    names = [s if isinstance(s, str) else s["name"] for s in servers]
    assert "dossier" in names and "marksman" in names, names
    roots = markdown[0].get("roots", [])
    assert "dossier.json" in roots, roots


# --------------------------------------------------------------------------
# Documentation

@check("docs: relative links in the READMEs resolve")
def _():
    broken = []
    for readme in EDITORS.rglob("*.md"):
        if "node_modules" in readme.parts:
            continue
        text = re.sub(r"```.*?```", "", readme.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:|#|@", target):
                continue
            if not (readme.parent / target.split("#")[0]).exists():
                broken.append(f"{readme.relative_to(EDITORS)} -> {target}")
    assert not broken, f"broken links: {broken}"


# --------------------------------------------------------------------------
# Emacs

def emacs_batch(*args, **kwargs):
    # No -Q: Debian's site-start files put eglot and markdown-mode on the load path.
    return run([need("emacs"), "--batch", *args], **kwargs)


@check("emacs: dossier.el byte-compiles without warnings")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(EMACS / "dossier.el", tmp)
        result = emacs_batch("--eval", "(setq byte-compile-error-on-warn t)",
                             "-f", "batch-byte-compile", "dossier.el", cwd=tmp)
        assert result.returncode == 0 and (Path(tmp) / "dossier.elc").exists(), \
            result.stderr.strip()[-2000:]


@check("emacs: eglot_smoke.el and eglot_session.el byte-compile without warnings")
def _():
    for script in ("eglot_smoke.el", "eglot_session.el"):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(HERE / script, tmp)
            result = emacs_batch("--eval", "(setq byte-compile-error-on-warn t)",
                                 "-f", "batch-byte-compile", script, cwd=tmp)
            assert result.returncode == 0, f"{script}: " + result.stderr.strip()[-2000:]


EMACS_FONT_LOCK = r"""
(load (expand-file-name "dossier.el" (getenv "DOSSIER_EMACS_DIR")) nil t)
(require 'markdown-mode nil t)
(with-temp-buffer
  (insert (getenv "DOSSIER_SAMPLE"))
  (if (fboundp 'markdown-mode) (markdown-mode) (text-mode))
  (dossier-mode 1)
  (font-lock-ensure)
  (dolist (probe (split-string (getenv "DOSSIER_PROBES") "\n"))
    (goto-char (point-min))
    (search-forward probe)
    (let ((face (get-text-property (match-beginning 0) 'face)))
      (princ (format "%s\t%s\n" probe (if (listp face) (mapconcat #'symbol-name face " ") face))))))
"""

FONT_LOCK_SAMPLE = """## Lloyd Austin {#lloyd-austin .person}

See [Lloyd Austin](@lloyd-austin) and @us-dod; mail jane@example.com; `@in-span`.

[The Pentagon is blocking it]{#pb .claim by=@nyt via=@wapo cue=said}

```
@in-code
```
"""
FONT_LOCK_EXPECTED = {
    "lloyd-austin .person": "dossier-actor-id-face",
    ".person": "dossier-kind-face",
    "@lloyd-austin)": "dossier-mention-face",
    "@us-dod": "dossier-mention-face",
    "example.com": None,
    ".claim": "dossier-keyword-face",
    "pb .claim": "dossier-claim-id-face",
    "by=": "dossier-attribute-name-face",
    "@nyt": "dossier-mention-face",
    "said": "dossier-string-face",
    "in-code": "!dossier-mention-face",
    "in-span": "!dossier-mention-face",
}


@check("emacs: dossier-mode highlights sample text")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "font-lock.el"
        script.write_text(EMACS_FONT_LOCK, encoding="utf-8")
        env = dict(os.environ, DOSSIER_EMACS_DIR=str(EMACS), DOSSIER_SAMPLE=FONT_LOCK_SAMPLE,
                   DOSSIER_PROBES="\n".join(FONT_LOCK_EXPECTED))
        result = emacs_batch("-l", script, env=env)
    assert result.returncode == 0, result.stderr.strip()[-2000:]
    faces = dict(line.split("\t", 1) for line in result.stdout.splitlines() if "\t" in line)
    problems = []
    for probe, want in FONT_LOCK_EXPECTED.items():
        got = faces.get(probe, "<missing>").split()
        if want is None:
            ok = not any(face.startswith("dossier-") for face in got)
        elif want.startswith("!"):
            ok = want[1:] not in got
        else:
            ok = want in got
        if not ok:
            problems.append(f"{probe!r}: {got} (want {want})")
    assert not problems, "; ".join(problems)


@check("emacs: dossier-check parses `path:line:col: severity: message [code]`")
def _():
    script = r"""
(load (expand-file-name "dossier.el" (getenv "DOSSIER_EMACS_DIR")) nil t)
(let ((rule (cdr (assq 'dossier compilation-error-regexp-alist-alist))))
  (dolist (line '("articles/a.md:3:14: warning: Vague [vague-attribution]"
                  "cast.md:12:1: error: No actor [unknown-actor]"
                  "b.md:1:2: information: Unnamed [anonymous-source]"
                  "b.md:7:9: hint: Link it [unlinked-mention]"))
    (if (string-match (car rule) line)
        (princ (format "%s %s %s %s\n" (match-string 1 line) (match-string 2 line)
                       (match-string 3 line)
                       (cond ((match-beginning 4) "warning")
                             ((match-beginning 5) "info")
                             (t "error"))))
      (princ (format "NOMATCH %s\n" line)))))
"""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "regexp.el"
        path.write_text(script, encoding="utf-8")
        result = emacs_batch("-l", path, env=dict(os.environ, DOSSIER_EMACS_DIR=str(EMACS)))
    expected = ["articles/a.md 3 14 warning", "cast.md 12 1 error", "b.md 1 2 info", "b.md 7 9 info"]
    assert result.stdout.split("\n")[:4] == expected, result.stdout + result.stderr[-1000:]


# --------------------------------------------------------------------------
# Neovim

def nvim_binaries():
    candidates = [p for p in os.environ.get("DOSSIER_NVIM", "").split(":") if p]
    found = shutil.which("nvim")
    if found:
        candidates.append(found)
    if Path("/usr/bin/nvim").exists():
        candidates.append("/usr/bin/nvim")
    seen, binaries = set(), []
    for binary in candidates:
        try:
            version = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                     timeout=20).stdout.splitlines()[0]
        except (OSError, subprocess.SubprocessError, IndexError):
            continue
        if version not in seen:
            seen.add(version)
            binaries.append((binary, version))
    if not binaries:
        need("nvim")
    return binaries


def nvim_lua(binary, lua, env=None):
    """Run a Lua chunk in headless Neovim; the chunk reports through
    io.stdout and any error becomes exit code 1."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "check.lua"
        script.write_text(lua, encoding="utf-8")
        wrapper = (
            "local ok, err = xpcall(dofile, debug.traceback, %s)\n"
            "if not ok then io.stderr:write(tostring(err) .. '\\n') vim.cmd('cquit 1') end\n"
            "vim.cmd('qall!')\n"
        ) % json.dumps(str(script))
        (Path(tmp) / "wrapper.lua").write_text(wrapper, encoding="utf-8")
        return run([binary, "--headless", "-n", "-i", "NONE", "-u", "NONE",
                    "--cmd", f"set rtp^={NVIM} | set rtp+={NVIM}/after",
                    "-c", f"luafile {Path(tmp) / 'wrapper.lua'}"],
                   env=dict(os.environ, **(env or {})), cwd=tmp)


def for_each_nvim(lua, env=None, expect=None):
    problems = []
    for binary, version in nvim_binaries():
        result = nvim_lua(binary, lua, env)
        output = result.stdout + result.stderr
        if result.returncode != 0 or (expect is not None and not expect(result.stdout)):
            problems.append(f"{version}: exit {result.returncode}: {output.strip()[-1500:]}")
    assert not problems, "\n".join(problems)


@check("nvim: Lua files load")
def _():
    lua = """
for _, path in ipairs(vim.split(os.getenv('DOSSIER_LUA_FILES'), '\\n')) do
  assert(loadfile(path))
end
local dossier = require('dossier')
assert(type(dossier.setup) == 'function' and type(dossier.root_dir) == 'function')
local native = dofile(os.getenv('DOSSIER_NATIVE'))
assert(native.cmd[1] == 'dossier' and native.cmd[2] == 'lsp', 'lsp/dossier.lua cmd')
assert(vim.tbl_contains(native.filetypes, 'markdown'), 'lsp/dossier.lua filetypes')
"""
    files = [str(p) for p in sorted(NVIM.rglob("*.lua"))] + [str(HERE / "nvim_smoke.lua")]
    for_each_nvim(lua, {"DOSSIER_LUA_FILES": "\n".join(files),
                        "DOSSIER_NATIVE": str(NVIM / "lsp" / "dossier.lua")})


@check("nvim: root detection follows dossier.json and .git")
def _():
    lua = """
local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp .. '/repo/.git', 'p')
vim.fn.mkdir(tmp .. '/repo/news/articles', 'p')
vim.fn.mkdir(tmp .. '/plain/.git', 'p')
vim.fn.writefile({'{}'}, tmp .. '/repo/news/dossier.json')
local dossier = require('dossier')
local function root(path, enable)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return dossier.root_dir(vim.api.nvim_get_current_buf(), enable)
end
local real = vim.loop.fs_realpath
local function same(a, b) return a and b and real(a) == real(b) end
assert(same(root(tmp .. '/repo/news/articles/a.md'), tmp .. '/repo/news'), 'nearest dossier.json')
assert(root(tmp .. '/plain/readme.md') == nil, 'auto skips folders without dossier.json')
assert(same(root(tmp .. '/plain/readme.md', 'always'), tmp .. '/plain'), 'always falls back to .git')
"""
    for_each_nvim(lua)


NVIM_SYNTAX = r"""
local lines = vim.split(os.getenv('DOSSIER_SAMPLE'), '\n')
vim.api.nvim_buf_set_lines(0, 0, -1, false, lines)
vim.cmd('syntax on')
vim.bo.filetype = 'markdown'
for _, probe in ipairs(vim.split(os.getenv('DOSSIER_PROBES'), '\n')) do
  local lnum = vim.fn.search('\\V' .. vim.fn.escape(probe, '\\'), 'cw')
  assert(lnum > 0, 'probe not found: ' .. probe)
  local col = vim.fn.col('.')
  local stack = {}
  for _, id in ipairs(vim.fn.synstack(lnum, col)) do
    table.insert(stack, vim.fn.synIDattr(id, 'name'))
  end
  io.stdout:write(probe .. '\t' .. table.concat(stack, ' ') .. '\n')
  vim.api.nvim_win_set_cursor(0, {1, 0})
end
"""

NVIM_SYNTAX_EXPECTED = {
    "@lloyd-austin)": "dossierMentionId",
    "@us-dod": "dossierBareMention",
    "@example": None,
    "{#pb": "dossierAttrDelimiter",
    ".claim": "dossierSpanClass",
    "#pb": "dossierClaimId",
    "by=": "dossierAttrKey",
    "@nyt": "dossierBareMention",
    "said": "dossierAttrWord",
    "#lloyd-austin": "dossierActorId",
    ".person": "dossierActorKind",
    "#intro": None,
    "@in-code": None,
    "@in-span": None,
}

SYNTAX_SAMPLE = """## Lloyd Austin {#lloyd-austin .person}

## Intro {#intro}

See [Lloyd Austin](@lloyd-austin) and @us-dod; mail jane@example.com; `@in-span`.

[The Pentagon is blocking it]{#pb .claim by=@nyt via=@wapo cue=said}

```
@in-code
```
"""


@check("nvim: syntax file highlights sample text")
def _():
    def expect(stdout):
        groups = dict(line.split("\t", 1) for line in stdout.splitlines() if "\t" in line)
        for probe, want in NVIM_SYNTAX_EXPECTED.items():
            stack = groups.get(probe, "<missing>").split()
            if want is None and any(g.startswith("dossier") for g in stack):
                raise AssertionError(f"{probe!r} got {stack}")
            if want is not None and want not in stack:
                raise AssertionError(f"{probe!r} got {stack}, want {want}")
        return True
    for_each_nvim(NVIM_SYNTAX, {"DOSSIER_SAMPLE": SYNTAX_SAMPLE,
                                "DOSSIER_PROBES": "\n".join(NVIM_SYNTAX_EXPECTED)}, expect)


@check("nvim: :compiler dossier reads `dossier check` output")
def _():
    lua = """
vim.cmd('compiler dossier')
assert(vim.bo.makeprg == 'dossier check', vim.bo.makeprg)
vim.fn.setqflist({}, 'r', { lines = {
  'articles/a.md:3:14: warning: Vague [vague-attribution]',
  'cast.md:12:1: error: No actor [unknown-actor]',
  '12 files, 1 error',
}, efm = vim.bo.errorformat })
local items = vim.tbl_filter(function(i) return i.valid == 1 end, vim.fn.getqflist())
assert(#items == 2, 'expected 2 entries, got ' .. #items)
assert(items[1].lnum == 3 and items[1].col == 14 and items[1].type == 'w', vim.inspect(items[1]))
assert(items[2].lnum == 12 and items[2].type == 'e', vim.inspect(items[2]))
assert(items[1].text:find('[vague-attribution]', 1, true), items[1].text)
"""
    for_each_nvim(lua)


# --------------------------------------------------------------------------
# The real-client scripts, run against a fake server so that their plumbing
# (start-up, waits, position handling, PASS/FAIL, exit codes) is proven here
# before the real server exists.

FAKE_REPO_FILES = {
    "dossier.json": "{}\n",
    "seeds/cast.md": "---\ntype: cast\n---\n\n# Cast\n\n"
                     "## Lloyd Austin {#lloyd-austin .person}\n\n- role: U.S. Secretary of Defense\n\n"
                     "## The New York Times {#nyt .outlet}\n",
    "seeds/article.md": "---\ntitle: Test\noutlet: nyt\n---\n\n"
                        "Héllo — “quoted” 日本語のテキスト, then [Lloyd Austin](@lloyd-austin) said so.\n\n"
                        "[The Pentagon is blocking it]{.claim by=@nyt}\n",
}


def fake_repo(tmp: Path) -> Path:
    for name, text in FAKE_REPO_FILES.items():
        path = tmp / "repo" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp / "repo"


def smoke_env(repo, binary):
    return {"DOSSIER_REPO": str(repo), "DOSSIER_BIN": str(binary)}


def assert_smoke(result, want_exit, what):
    lines = result.stdout.splitlines()
    passes = [l for l in lines if l.startswith("PASS ")]
    fails = [l for l in lines if l.startswith("FAIL ")]
    detail = (result.stdout + result.stderr).strip()[-2500:]
    assert result.returncode != 124, f"{what}: timed out\n{detail}"
    if want_exit == 0:
        assert result.returncode == 0 and passes and not fails, f"{what}: exit {result.returncode}\n{detail}"
    else:
        assert result.returncode != 0 and fails, f"{what}: exit {result.returncode}\n{detail}"


def nvim_smoke(binary, env):
    return run([binary, "--headless", "-n", "-i", "NONE", "-u", "NONE",
                "-c", f"luafile {HERE / 'nvim_smoke.lua'}"],
               timeout=90, env=dict(os.environ, **env))


@check("nvim_smoke.lua passes against the fake server")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        repo = fake_repo(Path(tmp))
        for binary, version in nvim_binaries():
            assert_smoke(nvim_smoke(binary, smoke_env(repo, HERE / "fake_lsp.py")), 0, version)


@check("nvim_smoke.lua fails cleanly when the server cannot start")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        repo = fake_repo(Path(tmp))
        for binary, version in nvim_binaries():
            assert_smoke(nvim_smoke(binary, smoke_env(repo, "/bin/false")), 1, version)


@check("nvim plugin: setup() attaches the server to Markdown below dossier.json")
def _():
    lua = """
if os.getenv('DOSSIER_PRETEND_OLD') == '1' then
  -- Take the 0.8-0.10 branch (FileType + vim.lsp.start) on a newer Neovim.
  local has = vim.fn.has
  vim.fn.has = function(feature)
    return feature == 'nvim-0.11' and 0 or has(feature)
  end
end
require('dossier').setup({ cmd = { os.getenv('DOSSIER_BIN'), 'lsp' } })
local legacy = vim.fn.has('nvim-0.11') == 0
local ok, autocmds = pcall(vim.api.nvim_get_autocmds, { group = 'dossier' })
assert(legacy == (ok and #autocmds > 0), 'setup() took the wrong branch for this version')
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOSSIER_REPO') .. '/seeds/article.md'))
vim.bo.filetype = 'markdown'
local buf = vim.api.nvim_get_current_buf()
local function clients()
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf, name = 'dossier' }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end
assert(vim.wait(15000, function()
  local c = clients()[1]
  return c ~= nil and c.initialized
end, 50), 'no dossier client attached and initialized')
local root = vim.loop.fs_realpath(clients()[1].config.root_dir)
assert(root == vim.loop.fs_realpath(os.getenv('DOSSIER_REPO')), 'root_dir ' .. tostring(root))
"""
    with tempfile.TemporaryDirectory() as tmp:
        repo = fake_repo(Path(tmp))
        for pretend_old in ("0", "1"):
            for_each_nvim(lua, dict(smoke_env(repo, HERE / "fake_lsp.py"),
                                    DOSSIER_PRETEND_OLD=pretend_old))


@check("nvim plugin: the lens command fills the quickfix list; gd and gO are mapped in Dossier buffers")
def _():
    lua = """
require('dossier').setup({ cmd = { os.getenv('DOSSIER_BIN'), 'lsp' } })
vim.cmd('filetype plugin on')
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOSSIER_REPO') .. '/seeds/article.md'))
vim.bo.filetype = 'markdown'
local buf = vim.api.nvim_get_current_buf()
local function client()
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf, name = 'dossier' })[1] end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))[1]
end
assert(vim.wait(15000, function() local c = client() return c ~= nil and c.initialized end, 50), 'no client')
local c = client()
-- Keys: buffer-local, over the Markdown ftplugin's gO and Vim's own gd.
for _, lhs in ipairs({ 'gd', 'gO' }) do
  local map = vim.fn.maparg(lhs, 'n', false, true)
  assert(map.buffer == 1, lhs .. ' is not mapped in the Dossier buffer: ' .. vim.inspect(map))
end
-- The lens command runs in Neovim, not on the server: arguments uri, position, actor id.
local handler = (c.commands or {})['dossier.showReferences'] or vim.lsp.commands['dossier.showReferences']
assert(handler, 'dossier.showReferences is not a client command')
local line = vim.fn.search('@lloyd-austin', 'nw')
local col = vim.fn.getline(line):find('@lloyd-austin', 1, true)
vim.api.nvim_win_set_cursor(0, { line, col + 1 })
local position = vim.lsp.util.make_position_params(0, c.offset_encoding).position
vim.fn.setqflist({}, 'r')
handler({ title = '1 mention', command = 'dossier.showReferences',
          arguments = { vim.uri_from_bufnr(buf), position, 'lloyd-austin' } },
        { bufnr = buf, client_id = c.id })
assert(vim.wait(10000, function() return #vim.fn.getqflist() > 0 end, 50), 'the quickfix list stayed empty')
local item = vim.fn.getqflist()[1]
assert(item.lnum == line, 'quickfix entry on line ' .. item.lnum .. ', want ' .. line)
assert(vim.fn.getqflist({ title = 1 }).title:find('@lloyd-austin', 1, true), 'quickfix title')
"""
    with tempfile.TemporaryDirectory() as tmp:
        repo = fake_repo(Path(tmp))
        for_each_nvim(lua, smoke_env(repo, HERE / "fake_lsp.py"))


def eglot_smoke(env):
    return run([need("emacs"), "--batch", "-l", HERE / "eglot_smoke.el"],
               timeout=90, env=dict(os.environ, **env))


@check("eglot_smoke.el passes against the fake server")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        repo = fake_repo(Path(tmp))
        assert_smoke(eglot_smoke(smoke_env(repo, HERE / "fake_lsp.py")), 0, "emacs")


@check("eglot_smoke.el fails cleanly when the server cannot start")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        repo = fake_repo(Path(tmp))
        assert_smoke(eglot_smoke(smoke_env(repo, "/bin/false")), 1, "emacs")


# --------------------------------------------------------------------------

def main() -> int:
    passed = failed = skipped = 0
    for name, fn in CHECKS:
        try:
            fn()
        except Skip as reason:
            skipped += 1
            print(f"SKIP {name}: {reason}")
        except AssertionError as error:
            failed += 1
            print(f"FAIL {name}: {error}")
        except Exception:
            failed += 1
            print(f"FAIL {name}: {traceback.format_exc().strip()}")
        else:
            passed += 1
            print(f"PASS {name}")
        sys.stdout.flush()
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
