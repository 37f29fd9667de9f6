#!/usr/bin/env bash
# The longest GUI frame while a big scenario loads (issue 17: no frame over 50 ms). Runs the app under
# Xvfb on a scenario with BUILDOUT_FRAME_LOG=1 (every frame over 50 ms is printed, and the longest at exit)
# for a fixed number of frames, RUNS times, and prints each run's frames over 50 ms and the longest.
#
#   bash bench/load_frames.sh /tmp/buildout-scale/clustered-100000
#   EXE=/tmp/old/buildout RUNS=3 FRAMES=600 bash bench/load_frames.sh DIR    # another build, same script
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:?usage: bench/load_frames.sh SCENARIO_DIR}
EXE=${EXE:-build/buildout}
RUNS=${RUNS:-3}
FRAMES=${FRAMES:-400}
command -v xvfb-run >/dev/null || { echo "load_frames: xvfb-run not found" >&2; exit 1; }
echo "load_frames: $EXE on $DIR, $FRAMES frames, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$RUNS"); do
  log=$(BUILDOUT_FRAME_LOG=1 xvfb-run -a -s "-screen 0 1600x900x24" "$EXE" "$DIR" --frames "$FRAMES" 2>&1 || true)
  slow=$(grep -c '^buildout: frame .* took' <<< "$log" || true)
  longest=$(grep 'longest frame' <<< "$log" | tail -1)
  echo "run $r: $slow frames over 50 ms; $longest"
  grep '^buildout: frame .* took' <<< "$log" | sort -t' ' -k5 -g | tail -3 | sed 's/^/    /'
done
