#!/usr/bin/env bash
# Idle CPU of the GUI: starts `buildout SCENARIO` under Xvfb, waits for the scenario to load, leaves it
# alone (paused, nothing moving) and samples the process's CPU time (utime + stime in /proc/PID/stat)
# over SECONDS_IDLE seconds. Prints the share of one core; the goal is under 5% (docs/benchmarks.md).
#
#   bash bench/idle_cpu.sh                                   # build/buildout, data/scenarios/us-announced
#   SCENARIO=/tmp/synth-100k SECONDS_IDLE=20 bash bench/idle_cpu.sh
#
# With MOVE=1 the pointer is moved over the window once a second while sampling (xdotool, when
# installed): the cost of a hovered but otherwise still map.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
EXE=${EXE:-$BUILD/buildout}
SCENARIO=${SCENARIO:-data/scenarios/us-announced}
SETTLE=${SETTLE:-8}             # seconds for start-up and loading before sampling
SECONDS_IDLE=${SECONDS_IDLE:-20} # sampling window
[ -x "$EXE" ] || { echo "idle_cpu: no $EXE (build first, or set BUILD=...)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "idle_cpu: xvfb-run not found (apt-get install xvfb)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/idle_cpu.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Runs inside the X server: the app in the background, then the samples of its /proc/PID/stat.
cat >"$WORK/inner.sh" <<'INNER'
set -eu
HOME="$WORK" "$EXE" "$SCENARIO" >"$WORK/app.log" 2>&1 &
pid=$!
sleep "$SETTLE"
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; } # utime + stime, clock ticks
t0=$(ticks); w0=$(date +%s.%N)
if [ "${MOVE:-0}" = 1 ] && command -v xdotool >/dev/null; then
  for i in $(seq 1 "$SECONDS_IDLE"); do xdotool mousemove $((300 + i * 10)) 300; sleep 1; done
else
  sleep "$SECONDS_IDLE"
fi
t1=$(ticks); w1=$(date +%s.%N)
kill "$pid"; wait "$pid" 2>/dev/null || true
cat "$WORK/app.log" >&2
hz=$(getconf CLK_TCK)
awk -v t0="$t0" -v t1="$t1" -v w0="$w0" -v w1="$w1" -v hz="$hz" 'BEGIN {
  cpu = (t1 - t0) / hz; wall = w1 - w0;
  printf "idle_cpu: %.2f s CPU over %.1f s wall = %.1f%% of one core\n", cpu, wall, 100 * cpu / wall;
  printf "BENCH_IDLE cpu_s=%.2f wall_s=%.1f percent_of_core=%.1f\n", cpu, wall, 100 * cpu / wall }'
INNER
export WORK EXE SCENARIO SETTLE SECONDS_IDLE
echo "idle_cpu: $EXE $SCENARIO; load: $(uptime)" >&2
xvfb-run -a -s "-screen 0 1600x1000x24" bash "$WORK/inner.sh"
