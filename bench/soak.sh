#!/bin/sh
# Soak test: the real app under Xvfb for DURATION seconds (default 600) on a copy of the default scenario
# (us-announced), driven by its built-in soak mode (`--soak-drive B`, app/gui/soak_driver.h: play, every
# layer off and on, labels, comparison with us-grid-constrained on in each mode and off, presentation in
# with story beats and out, help, back to the start), while this script touches one of the scenario's
# files every RELOAD seconds (the app reloads it). Every INTERVAL seconds it samples the process's
# resident memory (VmRSS), open file descriptors (/proc/PID/fd) and threads.
#
# Verdict, on the samples after WARMUP seconds: the median of the last third against the median of the
# first third. It fails (exit 1) when resident memory grew by more than max(5 %, 8 MiB), when descriptors
# or threads grew at all, or when the app died. Exit 2: cannot run (no Xvfb, no binary).
#
#   bench/soak.sh [--duration S] [--interval S] [--warmup S] [--reload S] [--exe BUILDOUT] [--out DIR] [--compare B|""] [--smoke]
# --smoke (the short ctest run): everything but the growth verdict, which needs minutes after warm-up.
# Run from the source root. Not a ctest test at this length (ctest runs a 20 s version: bench/CMakeLists.txt).
set -u
duration=600 interval=10 warmup=60 reload=30 judge=1
compare=$(pwd)/data/scenarios/us-grid-constrained
exe=build/buildout
out=${TMPDIR:-/tmp}/buildout-soak
while [ $# -gt 0 ]; do
    case "$1" in
    --duration) duration=$2 && shift ;;
    --interval) interval=$2 && shift ;;
    --warmup) warmup=$2 && shift ;;
    --reload) reload=$2 && shift ;;
    --exe) exe=$2 && shift ;;
    --out) out=$2 && shift ;;
    --compare) compare=$2 && shift ;;
    --smoke) judge=0 ;;
    *) echo "soak: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$exe" ] || { echo "soak: no executable '$exe' (build first, or --exe PATH)" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "soak: Xvfb is not installed (Debian: xvfb)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out/home"
cp -r data/scenarios/us-announced "$out/a"

xvfb_pid="" app_pid=""
stop() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
}
trap stop EXIT
Xvfb -displayfd 3 -screen 0 1600x900x24 -nolisten tcp 3>"$out/display" 2>"$out/xvfb.log" &
xvfb_pid=$!
i=0
while [ ! -s "$out/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$out/display" ] || { echo "soak: Xvfb did not start" >&2; exit 2; }

DISPLAY=":$(cat "$out/display")" HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" \
    "$exe" "$out/a" --soak-drive "$compare" >"$out/app.log" 2>&1 &
app_pid=$!

echo "seconds,rss_kib,fds,threads" >"$out/samples.csv"
start=$(date +%s)
next_reload=$reload
died=0
while :; do
    sleep "$interval"
    t=$(($(date +%s) - start))
    if ! kill -0 "$app_pid" 2>/dev/null; then
        died=1
        break
    fi
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$app_pid/status")
    fds=$(ls "/proc/$app_pid/fd" | wc -l)
    threads=$(ls "/proc/$app_pid/task" | wc -l)
    echo "$t,$rss,$fds,$threads" >>"$out/samples.csv"
    echo "soak: ${t}s rss ${rss} KiB, ${fds} fds, ${threads} threads"
    if [ "$t" -ge "$next_reload" ]; then
        touch "$out/a/datacenters.csv" # the app notices the change and reloads the scenario
        next_reload=$((next_reload + reload))
    fi
    [ "$t" -ge "$duration" ] && break
done
cycles=$(grep -c '^soak: cycle' "$out/app.log")
reloads=$(grep -c '^soak: Reloaded' "$out/app.log")
comparisons=$(grep -c '^soak: Comparing with' "$out/app.log")
if [ "$died" = 1 ]; then
    echo "soak: FAILED: the app exited during the run; the end of its log:" >&2
    tail -n 20 "$out/app.log" >&2
    exit 1
fi
# Medians of the first and last thirds of the samples after the warm-up, and the verdict.
awk -F, -v warmup="$warmup" -v cycles="$cycles" -v reloads="$reloads" -v comparisons="$comparisons" -v compare="$compare" -v duration="$duration" -v reload="$reload" -v judge="$judge" '
function median(arr, lo, hi,   n, i, j, v, tmp) {
    n = 0
    for (i = lo; i <= hi; i++) tmp[++n] = arr[i]
    for (i = 2; i <= n; i++) { v = tmp[i]; for (j = i - 1; j >= 1 && tmp[j] > v; j--) tmp[j + 1] = tmp[j]; tmp[j + 1] = v }
    return n % 2 ? tmp[(n + 1) / 2] : (tmp[n / 2] + tmp[n / 2 + 1]) / 2
}
NR > 1 && $1 >= warmup { n++; rss[n] = $2 + 0; fds[n] = $3 + 0; thr[n] = $4 + 0; if ($2 + 0 > peak) peak = $2 + 0 }
END {
    if (n < 3) { print "soak: too few samples after the warm-up (" n "): run longer" > "/dev/stderr"; exit 2 }
    third = int(n / 3)
    r1 = median(rss, 1, third); r3 = median(rss, n - third + 1, n)
    f1 = median(fds, 1, third); f3 = median(fds, n - third + 1, n)
    t1 = median(thr, 1, third); t3 = median(thr, n - third + 1, n)
    allowed = r1 * 0.05; if (allowed < 8192) allowed = 8192
    printf "soak: %d samples after %d s warm-up, %d action cycles, %d reloads, %d comparisons shown\n", n, warmup, cycles, reloads, comparisons
    printf "soak: resident memory median %.1f MiB (first third) -> %.1f MiB (last third), %+.1f MiB, peak %.1f MiB (allowed +%.1f MiB)\n", r1 / 1024, r3 / 1024, (r3 - r1) / 1024, peak / 1024, allowed / 1024
    # Descriptors and threads come and go with loads (a loader thread, a file being read): a leak is the
    # last third never coming back down to what the first third reached at its highest.
    fmin3 = fds[n]; tmin3 = thr[n]; fmax1 = fds[1]; tmax1 = thr[1]
    for (i = 1; i <= third; i++) { if (fds[i] > fmax1) fmax1 = fds[i]; if (thr[i] > tmax1) tmax1 = thr[i] }
    for (i = n - third + 1; i <= n; i++) { if (fds[i] < fmin3) fmin3 = fds[i]; if (thr[i] < tmin3) tmin3 = thr[i] }
    printf "soak: open descriptors median %.1f -> %.1f (first third at most %d, last third at least %d)\n", f1, f3, fmax1, fmin3
    printf "soak: threads median %.1f -> %.1f (first third at most %d, last third at least %d)\n", t1, t3, tmax1, tmin3
    bad = 0
    if (judge && r3 - r1 > allowed) { print "soak: FAILED: resident memory grows"; bad = 1 }
    if (judge && fmin3 > fmax1) { print "soak: FAILED: open descriptors grow"; bad = 1 }
    if (judge && tmin3 > tmax1) { print "soak: FAILED: threads grow"; bad = 1 }
    # A cycle is 30 s of actions: a run of 40 s or more completes one, one past the reload time reloads.
    if (cycles < 1 && duration >= 40) { print "soak: FAILED: the app never completed an action cycle"; bad = 1 }
    if (reloads < 1 && duration > reload + 5) { print "soak: FAILED: the app never reloaded the touched scenario"; bad = 1 }
    # The cycle asks for the comparison 17 s in; it is loaded and copied over a few frames after that.
    if (compare != "" && comparisons < 1 && duration >= 26) { print "soak: FAILED: the comparison asked for never came"; bad = 1 }
    if (!bad) print judge ? "soak: ok" : "soak: ok (smoke run: growth not judged)"
    exit bad
}' "$out/samples.csv"
