#!/usr/bin/env python3
"""A stand-in for `dossier lsp`, just enough for the client smoke scripts.

check_static.py runs nvim_smoke.lua and eglot_smoke.el against it, so their
plumbing is tested before the real server exists. It speaks LSP over stdio
the way the contract says the real one does: picks utf-8 positions when the
client offers them (else utf-16), indexes `## Name {#id .kind}` headings
under the root, answers hover, definition, references and completion for
`[Name](@id)` mentions, reports unknown ids as `unknown-actor`, and sends
work-done progress titled "Indexing".
"""

import json
import re
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\s+\.([a-z]+)\}\s*$")
MENTION = re.compile(r"\[([^\]\n]*)\]\(@([a-z0-9]+(?:-[a-z0-9]+)*)\)")


def send(message):
    body = json.dumps(message).encode("utf-8")
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def receive():
    length = None
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return json.loads(sys.stdin.buffer.read(length))


def path_of(uri):
    return unquote(urlparse(uri).path)


def uri_of(path):
    return "file://" + quote(str(path))


class Server:
    def __init__(self):
        self.root = Path.cwd()
        self.encoding = "utf-16"
        self.open = {}
        self.next_id = 0
        self.progress = False

    # Positions: LSP characters in the negotiated encoding <-> str indices.
    def units(self, text):
        if self.encoding == "utf-8":
            return len(text.encode("utf-8"))
        return len(text.encode("utf-16-le")) // 2

    def index_of(self, line, character):
        for i in range(len(line) + 1):
            if self.units(line[:i]) >= character:
                return i
        return len(line)

    def text(self, path):
        uri = uri_of(path)
        if uri in self.open:
            return self.open[uri]
        return Path(path).read_text(encoding="utf-8")

    def files(self):
        for path in sorted(self.root.rglob("*.md")):
            if not any(part.startswith(".") for part in path.relative_to(self.root).parts):
                yield path

    def actors(self):
        found = {}
        for path in self.files():
            for number, line in enumerate(self.text(path).splitlines()):
                m = HEADING.match(line)
                if m:
                    start = self.units(line[:m.start(2) - 1])
                    found[m.group(2)] = {"name": m.group(1), "kind": m.group(3), "path": path,
                                         "range": self.range(number, start, start + 1 + len(m.group(2)))}
        return found

    @staticmethod
    def range(line, start, end):
        return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}

    def mention_at(self, uri, position):
        lines = self.text(path_of(uri)).splitlines()
        if position["line"] >= len(lines):
            return None
        line = lines[position["line"]]
        index = self.index_of(line, position["character"])
        for m in MENTION.finditer(line):
            # Like the real server: a mention's range is its @id.
            if m.start(2) - 1 <= index < m.end(2):
                return m.group(2)
        return None

    def mentions(self, actor_id):
        for path in self.files():
            for number, line in enumerate(self.text(path).splitlines()):
                for m in MENTION.finditer(line):
                    if m.group(2) == actor_id:
                        start = self.units(line[:m.start(2) - 1])
                        yield {"uri": uri_of(path),
                               "range": self.range(number, start, start + 1 + len(m.group(2)))}

    def diagnostics(self, uri):
        known = self.actors()
        found = []
        for number, line in enumerate(self.open[uri].splitlines()):
            for m in MENTION.finditer(line):
                if m.group(2) not in known:
                    start = self.units(line[:m.start(2) - 1])
                    found.append({"range": self.range(number, start, start + 1 + len(m.group(2))),
                                  "severity": 1, "code": "unknown-actor", "source": "dossier",
                                  "message": f"No actor has the id '{m.group(2)}'."})
        send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
              "params": {"uri": uri, "diagnostics": found}})

    def request(self, method, params):
        self.next_id += 1
        send({"jsonrpc": "2.0", "id": f"fake-{self.next_id}", "method": method, "params": params})

    def initialize(self, params):
        if params.get("rootUri"):
            self.root = Path(path_of(params["rootUri"]))
        offered = params.get("capabilities", {}).get("general", {}).get("positionEncodings", [])
        self.encoding = "utf-8" if "utf-8" in offered else "utf-16"
        self.progress = params.get("capabilities", {}).get("window", {}).get("workDoneProgress")
        return {"capabilities": {
            "positionEncoding": self.encoding,
            "textDocumentSync": {"openClose": True, "change": 1},
            "hoverProvider": True,
            "definitionProvider": True,
            "referencesProvider": True,
            "completionProvider": {"triggerCharacters": ["@"]},
        }, "serverInfo": {"name": "fake-dossier"}}

    def initialized(self):
        if self.progress:
            self.request("window/workDoneProgress/create", {"token": "indexing"})
            send({"jsonrpc": "2.0", "method": "$/progress",
                  "params": {"token": "indexing", "value": {"kind": "begin", "title": "Indexing", "percentage": 0}}})
            send({"jsonrpc": "2.0", "method": "$/progress",
                  "params": {"token": "indexing", "value": {"kind": "end"}}})

    def handle(self, method, params):
        if method == "initialize":
            return self.initialize(params)
        if method == "initialized":
            return self.initialized()
        if method == "textDocument/didOpen":
            self.open[params["textDocument"]["uri"]] = params["textDocument"]["text"]
            return self.diagnostics(params["textDocument"]["uri"])
        if method == "textDocument/didChange":
            self.open[params["textDocument"]["uri"]] = params["contentChanges"][-1]["text"]
            return self.diagnostics(params["textDocument"]["uri"])
        if method == "textDocument/didClose":
            self.open.pop(params["textDocument"]["uri"], None)
            return None
        if method == "textDocument/hover":
            actor_id = self.mention_at(params["textDocument"]["uri"], params["position"])
            actor = self.actors().get(actor_id)
            if actor is None:
                return None
            return {"contents": {"kind": "markdown", "value": f"**{actor['name']}** · {actor['kind']}"}}
        if method == "textDocument/definition":
            actor = self.actors().get(self.mention_at(params["textDocument"]["uri"], params["position"]))
            return None if actor is None else {"uri": uri_of(actor["path"]), "range": actor["range"]}
        if method == "textDocument/references":
            actor_id = self.mention_at(params["textDocument"]["uri"], params["position"])
            actor = self.actors().get(actor_id)
            if actor is None:
                return []
            found = list(self.mentions(actor_id))
            if params.get("context", {}).get("includeDeclaration"):
                found.append({"uri": uri_of(actor["path"]), "range": actor["range"]})
            return found
        if method == "textDocument/completion":
            return {"isIncomplete": False, "items": [
                {"label": a["name"], "kind": 18, "detail": a["kind"], "filterText": "@" + i, "insertText": i}
                for i, a in self.actors().items()]}
        if method == "shutdown":
            return None
        raise LookupError(method)

    def serve(self):
        shutdown = False
        while True:
            message = receive()
            if message is None:
                return 1
            method = message.get("method")
            if method is None:
                continue  # a response to one of our requests
            if method == "exit":
                return 0 if shutdown else 1
            try:
                result = self.handle(method, message.get("params") or {})
                reply = {"result": result}
            except LookupError:
                reply = {"error": {"code": -32601, "message": f"Unhandled method {method}"}}
            shutdown = shutdown or method == "shutdown"
            if "id" in message:
                send({"jsonrpc": "2.0", "id": message["id"], **reply})


if __name__ == "__main__":
    sys.exit(Server().serve())
