#!/usr/bin/env bash
# Frame cost by data distribution and zoom: for each tools/synth distribution (metros, clustered,
# uniform, long-lines, one-hot) at N campuses (N/2 lines, N/5 plants), bench_frames at the national view
# and at a regional named view, RUNS times each; prints a Markdown table of the median frame and its
# ratio to the floor measured in the same process (docs/benchmarks.md, "Any distribution, any zoom").
#
#   bash bench/bench_scale.sh                          # N=100000, views "national TX", RUNS=3
#   N=1000000 DISTS=metros VIEWS=national bash bench/bench_scale.sh
#   BENCH_ARGS=--no-culling bash bench/bench_scale.sh        # every instance drawn (the baseline)
#
# Scenarios are generated once into $DATA (default /tmp/buildout-scale) and reused. The machine is shared:
# the load (uptime) is printed with the table, and only ratios within one process are compared.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
BENCH=${BENCH:-$BUILD/bench/bench_frames}
N=${N:-100000}
DISTS=${DISTS:-"metros clustered uniform long-lines one-hot"}
VIEWS=${VIEWS:-"national TX"}
RUNS=${RUNS:-3}
FRAMES=${FRAMES:-30}
DATA=${DATA:-/tmp/buildout-scale}
BENCH_ARGS=${BENCH_ARGS:-} # e.g. --no-culling for the baseline without per-instance culling
[ -x "$BENCH" ] || { echo "bench_scale: no $BENCH (build bench_frames first)" >&2; exit 1; }
mkdir -p "$DATA"
LOG=$(mktemp "${TMPDIR:-/tmp}/bench_scale.XXXXXX")
trap 'rm -f "$LOG"' EXIT

kv() { tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "bench_scale: load before: $(uptime)" >&2
for d in $DISTS; do
  dir="$DATA/$d-$N"
  [ -f "$dir/scenario.json" ] || python3 tools/synth/make_synthetic.py --datacenters "$N" --out "$dir" --distribution "$d" >&2
  for v in $VIEWS; do
    for r in $(seq 1 "$RUNS"); do
      "$BENCH" "$dir" --view "$v" --frames "$FRAMES" --warmup 3 --no-cache-baseline $BENCH_ARGS | grep '^BENCH_FRAMES' |
        sed "s/^BENCH_FRAMES /BENCH_SCALE dist=$d run=$r /" | tee -a "$LOG" >&2
    done
  done
done
echo "bench_scale: load after: $(uptime)" >&2

echo "| distribution | view | campuses | runs | frame median (median of runs) | floor | frame / floor (median of runs) | range of runs | process CPU / frame |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |"
for d in $DISTS; do
  for v in $VIEWS; do
    rows=$(grep " dist=$d " "$LOG" | grep " view=$v " || true)
    [ -n "$rows" ] || continue
    f=$(kv frame_median_ms <<< "$(tr '\n' ' ' <<< "$rows")")
    fm=$(while read -r l; do kv frame_median_ms <<< "$l"; done <<< "$rows" | median)
    fl=$(while read -r l; do kv floor_median_ms <<< "$l"; done <<< "$rows" | median)
    rm_=$(while read -r l; do kv ratio <<< "$l"; done <<< "$rows" | median)
    lo=$(while read -r l; do kv ratio <<< "$l"; done <<< "$rows" | sort -g | head -1)
    hi=$(while read -r l; do kv ratio <<< "$l"; done <<< "$rows" | sort -g | tail -1)
    wk=$(while read -r l; do kv work_median_ms <<< "$l"; done <<< "$rows" | median)
    dc=$(kv datacenters <<< "$(head -1 <<< "$rows")")
    : "$f"
    printf "| %s | %s | %s | %s | %s ms | %s ms | %sx | %s-%sx | %s ms |\n" "$d" "$v" "$dc" "$RUNS" "$fm" "$fl" "$rm_" "$lo" "$hi" "$wk"
  done
done
