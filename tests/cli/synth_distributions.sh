#!/usr/bin/env bash
# tools/synth --distribution: every distribution writes a scenario that `buildout validate` passes with
# no warnings, the default is unchanged by the option, and each spreads campuses as it says (share of
# campuses within 1 degree of Ashburn, VA; longest line; campuses without an online date).
# Usage: synth_distributions.sh BUILDOUT_EXE SOURCE_ROOT
set -euo pipefail
exe=$1 root=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/synth_dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
gen() { python3 "$root/tools/synth/make_synthetic.py" --datacenters 400 --out "$work/$1" "${@:2}" >/dev/null; }
gen default
for d in metros clustered uniform long-lines one-hot; do
  gen "$d" --distribution "$d"
  out=$("$exe" validate "$work/$d")
  grep -q " 0 warnings" <<< "$out" || { echo "$d: $out"; exit 1; }
done
diff -r "$work/default" "$work/metros" >/dev/null || { echo "--distribution metros differs from the default"; exit 1; }
python3 - "$work" <<'PY'
import csv, math, sys
w = sys.argv[1]
def stats(d):
    rows = list(csv.DictReader(open(f"{w}/{d}/datacenters.csv")))
    near = sum(1 for r in rows if math.hypot(float(r["lat"]) - 39.04, float(r["lon"]) + 77.49) < 1.0) / len(rows)
    undated = sum(1 for r in rows if not r["online"]) / len(rows)
    lines = list(csv.DictReader(open(f"{w}/{d}/transmission.csv")))
    longest = max(math.hypot(float(l["to_lat"]) - float(l["from_lat"]), float(l["to_lon"]) - float(l["from_lon"])) for l in lines)
    return near, undated, longest
s = {d: stats(d) for d in ["metros", "clustered", "uniform", "long-lines", "one-hot"]}
for d, v in s.items():
    print("%-10s near Ashburn %.2f, no online date %.2f, longest line %.1f deg" % ((d,) + v))
checks = [
    ("one-hot puts most campuses around Ashburn", s["one-hot"][0] > 0.8),
    ("uniform puts few campuses around Ashburn", s["uniform"][0] < 0.05),
    ("clustered dates every campus online", s["clustered"][1] == 0.0),
    ("clustered pulls lines to ~3 degrees", s["clustered"][2] <= 3.01),
    ("long-lines has cross-country lines", s["long-lines"][2] > 15.0),
]
bad = [name for name, ok in checks if not ok]
for name in bad:
    print("FAILED:", name)
sys.exit(1 if bad else 0)
PY
