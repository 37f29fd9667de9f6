#!/usr/bin/env bash
# Runs the load and frame benchmarks and prints markdown tables (see docs/benchmarks.md).
#
#   bench/run_benchmarks.sh [BUILD_DIR]        (default: build-bench)
#
# Needs a Release build with the bench targets:
#   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILDOUT_BUILD_TESTS=OFF
#   cmake --build build-bench -j2
#
# Environment (defaults in brackets):
#   SIZES          synthetic datacenter counts                     [10000 100000 1000000]
#   WORK           where synthetic scenarios and logs go           [/tmp/buildout-bench]
#   RUNS           fresh-process loads per scenario                [5]
#   FRAMES         frames per interactive measurement              [200]
#   FRAMES_100K    frames for 100k..999k datacenters               [60]
#   FRAMES_1M      frames for 1M datacenters or more (1 warm-up)   [5]
#   EXPORT_FRAMES  frames per export-quality measurement           [30]
#   LOAD_TIMEOUT   seconds before one bench_load is given up       [900]
#   MEM_LIMIT_KB   address-space limit for bench_load (ulimit -v)  [20000000]
#   PHASES         "where the time goes" (bench_load --phases) for  [100000]
#   BREAKDOWN      per-layer frame cost (bench_frames --breakdown)  [default 100000]
#   HUGEPAGES      also load these sizes with transparent huge pages for malloc
#                  (GLIBC_TUNABLES=glibc.malloc.hugetlb=1)          [100000]
# Synthetic scenarios are generated once per (size, generator version) and reused.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build-bench}"
SIZES="${SIZES:-10000 100000 1000000}"
WORK="${WORK:-/tmp/buildout-bench}"
RUNS="${RUNS:-5}"
FRAMES="${FRAMES:-200}"
FRAMES_100K="${FRAMES_100K:-60}"
FRAMES_1M="${FRAMES_1M:-5}"
EXPORT_FRAMES="${EXPORT_FRAMES:-30}"
LOAD_TIMEOUT="${LOAD_TIMEOUT:-900}"
MEM_LIMIT_KB="${MEM_LIMIT_KB:-20000000}"
PHASES="${PHASES:-100000}"
BREAKDOWN="${BREAKDOWN:-default 100000}"
HUGEPAGES="${HUGEPAGES:-100000}"
DEFAULT="$ROOT/data/scenarios/us-announced"

for exe in bench/bench_load bench/bench_frames; do
  if [[ ! -x "$BUILD/$exe" ]]; then
    echo "run_benchmarks: $BUILD/$exe missing; build first (see the top of this script)" >&2
    exit 2
  fi
done
mkdir -p "$WORK"
LOG="$WORK/results.log"
: > "$LOG"
say() { echo "$@" | tee -a "$LOG" >&2; }

say "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n): $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "# commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') (working tree may differ)"

# --- Synthetic scenarios (deterministic: seed 1).
GEN="$ROOT/tools/synth/make_synthetic.py"
GEN_HASH="$(sha1sum "$GEN" | cut -c1-12)"
declare -A DIRS
for n in $SIZES; do
  dir="$WORK/synthetic-$n"
  if [[ "$(cat "$dir/.generator" 2>/dev/null)" != "$GEN_HASH" ]]; then
    say "generating $dir ..."
    rm -rf "$dir"
    start=$(date +%s)
    if ! python3 "$GEN" --datacenters "$n" --out "$dir" --seed 1 >> "$LOG" 2>&1; then
      say "generation of $n failed"; continue
    fi
    echo "$GEN_HASH" > "$dir/.generator"
    say "  generated in $(( $(date +%s) - start )) s, $(du -sh "$dir" | cut -f1)"
  fi
  # `buildout validate` when it is built (bench_load refuses a scenario with errors anyway).
  if [[ -x "$BUILD/buildout" ]]; then
    if ! timeout "$LOAD_TIMEOUT" "$BUILD/buildout" validate "$dir" > "$WORK/validate-$n.txt" 2>&1; then
      say "synthetic-$n does not validate: see $WORK/validate-$n.txt"; continue
    fi
    say "  $(tail -1 "$WORK/validate-$n.txt")"
  fi
  DIRS[$n]="$dir"
done

# --- Load + validate.
load_bench() { # name dir [extra args]
  local name="$1" dir="$2"; shift 2
  say "bench_load $name ..."
  ( ulimit -v "$MEM_LIMIT_KB"; timeout "$LOAD_TIMEOUT" "$BUILD/bench/bench_load" "$dir" --runs "$RUNS" "$@" ) \
    > "$WORK/load-$name.txt" 2>&1
  local rc=$?
  if [[ $rc -ne 0 ]]; then say "  bench_load $name failed (rc $rc; 124 = timeout): see $WORK/load-$name.txt"; return; fi
  grep '^BENCH_LOAD' "$WORK/load-$name.txt" | sed "s/^BENCH_LOAD /BENCH_LOAD name=$name /" >> "$LOG"
  grep -E '^(load|whole|peak)' "$WORK/load-$name.txt" | sed 's/^/  /' >&2
}
load_bench default "$DEFAULT"
for n in $SIZES; do
  [[ -n "${DIRS[$n]:-}" ]] || continue
  extra=()
  for p in $PHASES; do [[ "$p" == "$n" ]] && extra=(--phases); done
  load_bench "$n" "${DIRS[$n]}" "${extra[@]}"
done
for n in $HUGEPAGES; do
  [[ -n "${DIRS[$n]:-}" ]] || continue
  GLIBC_TUNABLES=glibc.malloc.hugetlb=1 load_bench "$n-hugepages" "${DIRS[$n]}"
done

# --- Frames.
frame_bench() { # name dir size samples frames [extra args]
  local name="$1" dir="$2" size="$3" samples="$4" frames="$5"; shift 5
  local out="$WORK/frames-$name-$size-$samples.txt"
  say "bench_frames $name $size samples=$samples frames=$frames $* ..."
  if ! timeout 1800 "$BUILD/bench/bench_frames" "$dir" --size "$size" --samples "$samples" --frames "$frames" "$@" \
       > "$out" 2>&1; then
    say "  bench_frames failed: see $out"; return
  fi
  grep -E '^BENCH_(FRAMES|LAYER)' "$out" | sed -E "s/^(BENCH_[A-Z]+) /\1 name=$name /" >> "$LOG"
  grep -E '^  (map|floor)|^    \+' "$out" >&2
}
breakdown_for() { local b; for b in $BREAKDOWN; do [[ "$b" == "$1" ]] && echo --breakdown; done; }
frame_bench default "$DEFAULT" 1280x720 0 "$FRAMES" $(breakdown_for default)
for n in $SIZES; do
  [[ -n "${DIRS[$n]:-}" ]] || continue
  f="$FRAMES"; extra=()
  [[ "$n" -ge 100000 ]] && f="$FRAMES_100K"
  [[ "$n" -ge 1000000 ]] && f="$FRAMES_1M" && extra=(--warmup 1)
  frame_bench "$n" "${DIRS[$n]}" 1280x720 0 "$f" "${extra[@]}" $(breakdown_for "$n")
done
# The application's own CPU per frame, without the rasteriser: Mesa's no-op driver (GALLIUM_NOOP=1)
# accepts every GL call and draws nothing, so draw() thread CPU is the renderer's submission cost alone.
noop_bench() { # name dir
  local out="$WORK/frames-noop-$1.txt"
  say "bench_frames $1 1280x720 with GALLIUM_NOOP=1 ..."
  if ! GALLIUM_NOOP=1 timeout 1800 "$BUILD/bench/bench_frames" "$2" --frames "$FRAMES" --warmup 2 --no-floor \
       > "$out" 2>&1; then
    say "  failed: see $out"; return
  fi
  grep '^BENCH_FRAMES' "$out" | sed "s/^BENCH_FRAMES /BENCH_NOOP name=$1 /" >> "$LOG"
  grep -E '^  map' "$out" >&2
}
noop_bench default "$DEFAULT"
for n in $SIZES; do [[ -n "${DIRS[$n]:-}" ]] && noop_bench "$n" "${DIRS[$n]}"; done

frame_bench default "$DEFAULT" 1280x720 4 "$EXPORT_FRAMES"
frame_bench default "$DEFAULT" 1920x1080 4 "$EXPORT_FRAMES"
frame_bench default "$DEFAULT" 3840x2160 4 "$EXPORT_FRAMES"

# --- Markdown tables.
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
echo
echo "| scenario | datacenters | entities | series samples | load+validate median (min-max) | CPU | page faults | whole process | peak RSS |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
grep '^BENCH_LOAD' "$LOG" | while read -r line; do
  name=$(kv name <<< "$line"); dcs="${name%-hugepages}"
  [[ "$name" == default ]] && dcs="$(grep -c '' "$DEFAULT/datacenters.csv" | awk '{print $1-1}')" && name="us-announced"
  printf "| %s | %s | %s | %s | %s ms (%s-%s) | %s ms | %s | %s ms | %s MB |\n" "$name" "$dcs" \
    "$(kv entities <<< "$line")" "$(kv samples <<< "$line")" "$(kv load_median_ms <<< "$line")" \
    "$(kv load_min_ms <<< "$line")" "$(kv load_max_ms <<< "$line")" "$(kv load_cpu_median_ms <<< "$line")" \
    "$(kv load_faults <<< "$line")" "$(kv process_median_ms <<< "$line")" "$(kv peak_mb <<< "$line")"
done
echo
echo "| scenario | datacenters | size | MSAA | frames | frame median | p90 | floor | frame / floor | draw() thread CPU | floor thread CPU | process CPU / frame | floor process CPU |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
grep '^BENCH_FRAMES' "$LOG" | while read -r line; do
  name=$(kv name <<< "$line"); [[ "$name" == default ]] && name="us-announced"
  s=$(kv samples <<< "$line"); [[ "$s" -le 1 ]] && s="none" || s="${s}x"
  printf "| %s | %s | %s | %s | %s | %s ms | %s ms | %s ms | %sx | %s ms | %s ms | %s ms | %s ms |\n" "$name" \
    "$(kv datacenters <<< "$line")" "$(kv size <<< "$line")" "$s" "$(kv frames <<< "$line")" \
    "$(kv frame_median_ms <<< "$line")" "$(kv frame_p90_ms <<< "$line")" "$(kv floor_median_ms <<< "$line")" \
    "$(kv ratio <<< "$line")" "$(kv cpu_median_ms <<< "$line")" "$(kv floor_cpu_median_ms <<< "$line")" \
    "$(kv work_median_ms <<< "$line")" "$(kv floor_work_median_ms <<< "$line")"
done
if grep -q '^BENCH_NOOP' "$LOG"; then
  echo
  echo "| scenario (GALLIUM_NOOP=1, 1280x720) | datacenters | draw() thread CPU median | frame median |"
  echo "| --- | ---: | ---: | ---: |"
  grep '^BENCH_NOOP' "$LOG" | while read -r line; do
    name=$(kv name <<< "$line"); [[ "$name" == default ]] && name="us-announced"
    printf "| %s | %s | %s ms | %s ms |\n" "$name" "$(kv datacenters <<< "$line")" "$(kv cpu_median_ms <<< "$line")" \
      "$(kv frame_median_ms <<< "$line")"
  done
fi
if grep -q '^BENCH_LAYER' "$LOG"; then
  echo
  echo "| scenario | layer (cumulative) | frame median | + frame | draw() thread CPU | + thread CPU | process CPU | + process CPU |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  grep '^BENCH_LAYER' "$LOG" | while read -r line; do
    name=$(kv name <<< "$line"); [[ "$name" == default ]] && name="us-announced"
    printf "| %s | %s | %s ms | %s | %s ms | %s | %s ms | %s |\n" "$name" "$(kv layer <<< "$line")" \
      "$(kv frame_median_ms <<< "$line")" "$(kv delta_ms <<< "$line")" "$(kv cpu_median_ms <<< "$line")" \
      "$(kv delta_cpu_ms <<< "$line")" "$(kv work_median_ms <<< "$line")" "$(kv delta_work_ms <<< "$line")"
  done
fi
echo
echo "Logs: $WORK (results.log, load-*.txt, frames-*.txt)"
