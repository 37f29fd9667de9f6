#!/usr/bin/env bash
# A prepared check for a machine with a GPU (docs/benchmarks.md, "On real GPUs"): headless snapshot,
# export and bench_frames over EGL, then one summary of what the GL context says it is and the figures.
# Runs anywhere EGL does (Mesa llvmpipe included, where it measures the CPU renderer); CI never needs it.
#
#   bash bench/gpu_check.sh                        # build/, data/scenarios/us-announced
#   BUILD=build-release SECONDS_EXPORT=10 bash bench/gpu_check.sh
#   OUT=/tmp/gpu bash bench/gpu_check.sh           # keep the snapshot, video and logs
#
# Prints key=value lines ending in GPU_CHECK ... (copy them into docs/benchmarks.md). Exit 0 only when
# every step worked; a step that fails is reported and the others still run.
set -uo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
EXE=${EXE:-$BUILD/buildout}
BENCH=${BENCH:-$BUILD/bench/bench_frames}
SCENARIO=${SCENARIO:-data/scenarios/us-announced}
SECONDS_EXPORT=${SECONDS_EXPORT:-4}
FRAMES=${FRAMES:-120}
SIZES=${SIZES:-"1280x720 1920x1080"}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/gpu_check.XXXXXX")}
mkdir -p "$OUT"
[ -x "$EXE" ] || { echo "gpu_check: no $EXE (build first, or set BUILD=...)" >&2; exit 1; }
unset DISPLAY # headless: EGL on the device, never an X server
failed=0
step() { echo "== $*" >&2; }

step "machine"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/nvidia_smi=/'
else
  echo "nvidia_smi=absent"
fi
ls /usr/share/glvnd/egl_vendor.d/ 2>/dev/null | tr '\n' ' ' | sed 's/^/egl_vendors=/;s/ $/\n/'
echo "cpu=$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

step "snapshot (1920x1080)"
if "$EXE" snapshot "$SCENARIO" --at 2030-01-01 --size 1920x1080 --out "$OUT/snapshot.png" > "$OUT/snapshot.txt" 2>&1; then
  renderer=$(sed -n 's/^wrote [^(]*([^,]*, [^,]*, \(.*\))$/\1/p' "$OUT/snapshot.txt")
  echo "gl_renderer=$renderer"
else
  echo "snapshot=FAILED ($(tail -1 "$OUT/snapshot.txt"))"; failed=1
fi

step "export (1080p30 MP4, ${SECONDS_EXPORT} s)"
if "$EXE" render "$SCENARIO" --out "$OUT/export.mp4" --preset 1080p --fps 30 --duration "$SECONDS_EXPORT" --quiet \
  > "$OUT/export.txt" 2>&1; then
  echo "export_fps=$(sed -n 's/^wrote .* in [0-9.]* s, \([0-9.]*\) frames\/s$/\1/p' "$OUT/export.txt" | head -1)"
  echo "export_stages=$(grep '^ms per frame' "$OUT/export.txt")"
  grep -q '^renderer: ' "$OUT/export.txt" && echo "export_$(grep -m1 '^renderer: ' "$OUT/export.txt" | sed 's/: /=/')"
else
  echo "export=FAILED ($(tail -1 "$OUT/export.txt"))"; failed=1
fi

for size in $SIZES; do
  step "bench_frames $size ($FRAMES frames)"
  if [ -x "$BENCH" ] && "$BENCH" "$SCENARIO" --size "$size" --frames "$FRAMES" --warmup 10 --no-cache-baseline \
    > "$OUT/bench_$size.txt" 2>&1; then
    line=$(grep '^BENCH_FRAMES ' "$OUT/bench_$size.txt")
    get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
    echo "frame_ms_$size=$(get frame_median_ms) (p90 $(get frame_p90_ms), floor $(get floor_median_ms), ratio $(get ratio))"
  else
    echo "bench_frames_$size=FAILED ($(tail -1 "$OUT/bench_$size.txt" 2>/dev/null || echo "no $BENCH"))"; failed=1
  fi
done

echo "GPU_CHECK renderer=\"${renderer:-?}\" failed=$failed out=$OUT"
exit $failed
