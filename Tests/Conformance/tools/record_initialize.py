#!/usr/bin/env python3
"""Records what an editor sends in `initialize`, for a client profile of the conformance suite.

Stands in for a language server: answers `initialize` with no capabilities, writes
`{"clientInfo", "capabilities"}` (the shape of pytest-lsp's recorded clients) to the file
named by its first argument, and answers `shutdown`; everything else is ignored.

    python3 record_initialize.py OUT.json          # as the server command of the editor

`record_neovim.sh` drives it with a headless Neovim.
"""

import json
import os
import sys


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


def send(message):
    body = json.dumps(message).encode("utf-8")
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def main(out_path):
    while (message := receive()) is not None:
        method = message.get("method")
        if method == "initialize":
            params = message["params"]
            recorded = {"clientInfo": params.get("clientInfo"), "capabilities": params["capabilities"]}
            # Written beside, then renamed: whoever waits for the file never reads half of it.
            with open(out_path + ".part", "w", encoding="utf-8") as out:
                json.dump(recorded, out, indent=2, sort_keys=True)
                out.write("\n")
            os.replace(out_path + ".part", out_path)
            send({"jsonrpc": "2.0", "id": message["id"], "result": {"capabilities": {}}})
        elif method == "shutdown":
            send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif method == "exit":
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
