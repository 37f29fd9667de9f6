#!/usr/bin/env bash
# README command 2: set up everything, build with warnings as errors, run the whole test suite.
# Set BUILDOUT_PRESET=asan to run the same suite under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
preset="${BUILDOUT_PRESET:-dev}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" "$@"
