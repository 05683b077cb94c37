"""Client profiles: the `initialize` capabilities real editors send, and questions about them.

Eight profiles are the ones pytest-lsp ships (recorded from the real clients, read from the
installed `pytest_lsp.clients` package); the others are files in `profiles/`, whose origin the
README records. A profile file holds `{"clientInfo", "capabilities"}` as the client sent them;
an overlay file (`*.overlay.json`) holds `{"base", "clientInfo", "merge"}`: a recorded profile
with `merge` deep-merged into its capabilities.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

PROFILE_FOLDER = Path(__file__).resolve().parent.parent / "profiles"

# Recorded by pytest-lsp (site-packages/pytest_lsp/clients/<name>.json).
PYTEST_LSP_PROFILES = [
    "neovim_v0.6.1",
    "neovim_v0.7.0",
    "neovim_v0.8.0",
    "neovim_v0.9.1",
    "neovim_v0.10.0",
    "neovim_v0.11.0",
    "visual_studio_code_v1.65.2",
    "emacs_v29.1",
]
# Recorded or transcribed here (profiles/<name>.json or profiles/<name>.overlay.json).
LOCAL_PROFILES = [
    "neovim_v0.7.2",
    "neovim_v0.12.0",
    "emacs_v28.2_eglot_v1.9",
    "helix_v25.07.1",
    "helix_v25.07.1-dev-079a789e",
    "visual_studio_code_v1.65.2-pull",
]


@dataclass(frozen=True)
class Profile:
    """One client's `initialize` parameters and what they declare."""

    id: str
    source: str
    client_info: dict[str, Any]
    capabilities: dict[str, Any]

    def get(self, dotted: str, default: Any = None) -> Any:
        """The capability at a dotted path (`textDocument.hover.contentFormat`), or `default`."""
        value: Any = self.capabilities
        for key in dotted.split("."):
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        return value

    def declares(self, dotted: str) -> bool:
        """Whether the capability at `dotted` is present and truthy."""
        return bool(self.get(dotted))

    @property
    def selects_pull_diagnostics(self) -> bool:
        """SPEC 4: pull only when the client declares `textDocument.diagnostic` and refresh support."""
        return self.get("textDocument.diagnostic") is not None and self.declares("workspace.diagnostics.refreshSupport")

    @property
    def offered_encodings(self) -> list[str]:
        """`general.positionEncodings`, or `["utf-16"]` (the LSP default) when absent or empty."""
        return self.get("general.positionEncodings") or ["utf-16"]

    @property
    def registers_watchers(self) -> bool:
        """Whether the server may register `workspace/didChangeWatchedFiles` dynamically."""
        return self.declares("workspace.didChangeWatchedFiles.dynamicRegistration")

    @property
    def supports_progress(self) -> bool:
        """Whether the server may create work-done progress (`window.workDoneProgress`)."""
        return self.declares("window.workDoneProgress")

    def initialize_params(self, root: Path, process_id: int) -> dict[str, Any]:
        """The `initialize` params the client would send for a workspace at `root`."""
        uri = root.as_uri()
        return {
            "processId": process_id,
            "clientInfo": self.client_info,
            "rootPath": str(root),
            "rootUri": uri,
            "workspaceFolders": [{"uri": uri, "name": root.name}],
            "capabilities": copy.deepcopy(self.capabilities),
        }


def load(profile_id: str) -> Profile:
    """Loads one profile by id (a name from `PYTEST_LSP_PROFILES` or `LOCAL_PROFILES`)."""
    if profile_id in PYTEST_LSP_PROFILES:
        resource = resources.files("pytest_lsp.clients") / f"{profile_id}.json"
        recorded = json.loads(resource.read_text(encoding="utf-8"))
        return Profile(profile_id, f"pytest-lsp: pytest_lsp/clients/{profile_id}.json", recorded["clientInfo"],
                       recorded["capabilities"])
    if profile_id not in LOCAL_PROFILES:
        raise ValueError(f"unknown profile {profile_id!r}")
    plain = PROFILE_FOLDER / f"{profile_id}.json"
    if plain.exists():
        recorded = json.loads(plain.read_text(encoding="utf-8"))
        return Profile(profile_id, f"Tests/Conformance/profiles/{plain.name}", recorded["clientInfo"], recorded["capabilities"])
    overlay_path = PROFILE_FOLDER / f"{profile_id}.overlay.json"
    overlay = json.loads(overlay_path.read_text(encoding="utf-8"))
    base = load(overlay["base"])
    return Profile(profile_id, f"{base.source} + Tests/Conformance/profiles/{overlay_path.name}", overlay["clientInfo"],
                   deep_merge(base.capabilities, overlay["merge"]))


def all_profiles() -> list[Profile]:
    """Every profile the suite runs, in a stable order."""
    return [load(p) for p in PYTEST_LSP_PROFILES + LOCAL_PROFILES]


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A copy of `base` with `extra`'s keys merged in, objects recursively."""
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged
