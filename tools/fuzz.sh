#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang-14, ASan+UBSan, buildout_core only, build-fuzz/) and
# runs each for a bounded time, seeded from tests/data/ and data/scenarios/. Fails on any crash, leak,
# sanitizer report or timeout; the input that caused it is left in build-fuzz/findings/<target>/.
#   BUILDOUT_FUZZ_SECONDS  seconds per target (default 30)
#   BUILDOUT_FUZZ_TARGETS  space-separated subset of the targets (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BUILDOUT_FUZZ_SECONDS:-30}"
targets="${BUILDOUT_FUZZ_TARGETS:-fuzz_manifest fuzz_date fuzz_tour fuzz_csv_native fuzz_layer}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"

out=build-fuzz/fuzz-run
rm -rf "$out"
mkdir -p "$out" build-fuzz/findings

# Seed corpora: copies of files of the right kind (libFuzzer adds what it finds to the first folder).
seed() { # seed TARGET FILES...
  local dir="$out/$1/corpus"
  mkdir -p "$dir"
  shift
  local i=0
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$dir/seed-$i"
    i=$((i + 1))
  done
}
mapfile -t manifests < <(find tests/data data/scenarios -name scenario.json)
mapfile -t tours < <(find tests data docs -name '*tour*.json' 2>/dev/null)
mapfile -t csvs < <(find tests/data data/scenarios -name '*.csv' -size -256k)
mapfile -t geojsons < <(find tests/data data/scenarios -name '*.geojson' -size -256k)
seed fuzz_manifest "${manifests[@]}"
seed fuzz_tour "${tours[@]}" "${manifests[@]:0:3}"
seed fuzz_csv_native "${csvs[@]}"
mkdir -p "$out/fuzz_date/corpus"
for d in 2024 2024-06 2024-06-30 2024-02-29 1000-01-01 9999-12-31 2025-13 ' 2027'; do
  printf '%s' "$d" > "$out/fuzz_date/corpus/$(printf '%s' "$d" | md5sum | cut -c1-12)"
done
# fuzz_layer: the first byte picks format (byte % 3) and kind (byte / 3 % 6): prefix each seed with a byte
# that reads it as intended (CSV natively and with GDAL, GeoJSON) for a few kinds.
mkdir -p "$out/fuzz_layer/corpus"
# One prefix per file, taking turns (a load costs milliseconds: few seeds leave time for mutations).
csvPrefixes=(0 1 3 4 15 16)
geoPrefixes=(2 8 14)
i=0
for f in "${csvs[@]}"; do
  b=${csvPrefixes[$((i % ${#csvPrefixes[@]}))]}
  { printf "\\$(printf '%03o' "$b")"; cat "$f"; } > "$out/fuzz_layer/corpus/csv-$i"
  i=$((i + 1))
done
for f in "${geojsons[@]}"; do
  b=${geoPrefixes[$((i % ${#geoPrefixes[@]}))]}
  { printf "\\$(printf '%03o' "$b")"; cat "$f"; } > "$out/fuzz_layer/corpus/geo-$i"
  i=$((i + 1))
done

# The targets write their inputs into a scratch folder under TMPDIR: keep those inside build-fuzz/.
export TMPDIR="$PWD/$out/tmp"
mkdir -p "$TMPDIR"

status=0
for t in $targets; do
  echo "fuzz: $t for ${seconds}s ($(find "$out/$t/corpus" -type f | wc -l) seeds)"
  mkdir -p "build-fuzz/findings/$t"
  if ! ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      "build-fuzz/tests/fuzz/$t" "$out/$t/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=20 \
      -rss_limit_mb=2048 -artifact_prefix="build-fuzz/findings/$t/" -print_final_stats=1 \
      >"$out/$t.log" 2>&1; then
    echo "fuzz: $t FAILED (log: $out/$t.log; input: build-fuzz/findings/$t/)"
    tail -n 40 "$out/$t.log"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$out/$t.log" | sed "s/^/fuzz: $t /" || true
  fi
done
[ "$status" -eq 0 ] && echo "fuzz: all targets ran ${seconds}s each without a finding"
exit "$status"
