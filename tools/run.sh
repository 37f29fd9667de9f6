#!/usr/bin/env bash
# README command 1: set up everything and start the app on the default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
exec build/buildout "$@"
