#!/usr/bin/env bash
# Prints the uncontended cost of one withLock call for Locked (pthread mutex) and Synchronization's Mutex, built with -O.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# DossierLocking is its own optimised module, as in the package, so cross-module inlining is what it really is.
swiftc -O -swift-version 6 -parse-as-library -wmo -module-name DossierLocking -emit-module -emit-module-path "$out/DossierLocking.swiftmodule" \
  -emit-library -static -o "$out/libDossierLocking.a" Sources/DossierLocking/Locked.swift
swiftc -O -swift-version 6 -parse-as-library -I "$out" -L "$out" -lDossierLocking Reliability/LockCost.swift -o "$out/lock-cost"
"$out/lock-cost"
