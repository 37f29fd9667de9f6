#!/usr/bin/env bash
# Configures and builds Buildout into build/ (the `dev` preset). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset "${BUILDOUT_PRESET:-dev}" "$@" >/dev/null
cmake --build --preset "${BUILDOUT_PRESET:-dev}" -j "$(nproc)"
