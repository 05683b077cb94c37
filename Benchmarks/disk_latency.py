#!/usr/bin/env python3
"""How long a change on disk takes to reach an open document's diagnostics (issue 12: within a second).

    python3 Benchmarks/disk_latency.py [DOSSIER] [--runs N] [--client-watches]

Starts `dossier lsp` on a copy of seeds/ as a client that registers no file watchers (Neovim on Linux,
Helix: the server's own watcher must notice) or, with --client-watches, as one that announces the change
with workspace/didChangeWatchedFiles. Opens brief.md, then N times removes the White House from cast.md
with a plain file write and restores it, timing each write to the publishDiagnostics that shows (or
clears) the unknown-actor error. Prints the median and the worst.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def send(process, message):
    body = json.dumps(message).encode()
    process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    process.stdin.flush()


def receive(process):
    length = None
    while True:
        line = process.stdout.readline()
        if not line:
            raise EOFError("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(process.stdout.read(length))


def wait_for(process, predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = receive(process)
        if "id" in message and "method" in message:  # a request from the server: accept it
            send(process, {"jsonrpc": "2.0", "id": message["id"], "result": None})
        if predicate(message):
            return message
    raise TimeoutError("no matching message")


def main():
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    dossier = arguments[0] if arguments else os.path.join(REPO, ".build/release/dossier")
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 10
    client_watches = "--client-watches" in sys.argv
    root = tempfile.mkdtemp(prefix="dossier-disk-latency-")
    for name in os.listdir(os.path.join(REPO, "seeds")):
        shutil.copy(os.path.join(REPO, "seeds", name), root)
    cast = os.path.join(root, "cast.md")
    original = open(cast, encoding="utf-8").read()
    start = original.index("\n## White House {#white-house .organization}")
    end = original.index("\n## ", start + 1)
    removed = original[:start] + original[end:]
    brief = "file://" + os.path.join(root, "brief.md")
    process = subprocess.Popen([dossier, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    capabilities = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": client_watches}},
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}}}
    send(process, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": "file://" + root, "capabilities": capabilities}})
    wait_for(process, lambda m: m.get("id") == 1)
    send(process, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = open(os.path.join(root, "brief.md"), encoding="utf-8").read()
    send(process, {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": brief, "languageId": "markdown", "version": 1, "text": text}}})

    def brief_shows(unknown):
        def matches(message):
            if message.get("method") != "textDocument/publishDiagnostics" or message["params"]["uri"] != brief:
                return False
            found = any(d.get("code") == "unknown-actor" and "white-house" in d.get("message", "")
                        for d in message["params"]["diagnostics"])
            return found == unknown
        return matches

    wait_for(process, brief_shows(False))
    times = []
    for _ in range(runs):
        for content, unknown in ((removed, True), (original, False)):
            written = time.monotonic()
            with open(cast, "w", encoding="utf-8") as file:
                file.write(content)
            if client_watches:
                send(process, {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
                               "params": {"changes": [{"uri": "file://" + cast, "type": 2}]}})
            wait_for(process, brief_shows(unknown))
            times.append(time.monotonic() - written)
            time.sleep(0.2)
    send(process, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send(process, {"jsonrpc": "2.0", "method": "exit"})
    process.wait(timeout=10)
    shutil.rmtree(root)
    how = "client watches (didChangeWatchedFiles)" if client_watches else "server's own watcher"
    print(f"disk change → diagnostics, {how}: median {statistics.median(times) * 1000:.0f} ms, "
          f"worst {max(times) * 1000:.0f} ms over {len(times)} changes")


if __name__ == "__main__":
    main()
