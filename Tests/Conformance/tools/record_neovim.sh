#!/usr/bin/env bash
# Records the `initialize` capabilities of the Neovim on PATH (or $NVIM) as a conformance profile:
#   Tests/Conformance/tools/record_neovim.sh            # writes profiles/neovim_v<version>.json
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
nvim="${NVIM:-nvim}"
version="$("$nvim" --version | head -1 | sed -E 's/^NVIM v//')"
out="$here/../profiles/neovim_v${version%%-*}.json"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/recorded.md"
"$nvim" --headless -n -i NONE -u NONE "$tmp/recorded.md" \
  -c "lua vim.lsp.start({ name = 'recorder', cmd = { 'python3', '$here/record_initialize.py', '$tmp/initialize.json' }, root_dir = '$tmp' })" \
  -c "lua vim.wait(10000, function() return vim.uv.fs_stat('$tmp/initialize.json') ~= nil end)" \
  -c "qa!"
test -s "$tmp/initialize.json" || { echo "nvim sent no initialize" >&2; exit 1; }
mv "$tmp/initialize.json" "$out"
echo "$out ($version)"
