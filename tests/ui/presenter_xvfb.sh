#!/bin/sh
# The presenter view under Xvfb on one 3840x1080 screen (run by ctest inside xvfb-run): `buildout DIR
# --present --presenter-view` opens two windows, the audience's on the left half and the presenter's on
# the right, and the app prints no error. EXE (buildout), DIR (a scenario) and OUT (a scratch folder)
# come from the environment. Waits are polls with a generous limit, never timing assertions.
set -u
: "${EXE:?}" "${DIR:?}" "${OUT:?}"
rm -rf "$OUT" && mkdir -p "$OUT"
fail() { echo "FAIL: $*" >&2; [ -f "$OUT/stderr" ] && tail -n 20 "$OUT/stderr" >&2; kill "$pid" 2>/dev/null; exit 1; }
"$EXE" "$DIR" --present --presenter-view >"$OUT/stdout" 2>"$OUT/stderr" &
pid=$!
# window NAME: the id of the first window whose name is exactly NAME, polled for up to 120 s.
window() {
    n=0
    while [ $n -lt 240 ]; do
        id=$(xdotool search --onlyvisible --name "^$1\$" 2>/dev/null | head -n 1)
        [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 0.5
        n=$((n + 1))
    done
    return 1
}
audience=$(window "Buildout") || fail "no audience window"
presenter=$(window "Buildout - presenter view") || fail "no presenter window"
geometry() { xdotool getwindowgeometry "$1" | tr -d ' ' | grep -E 'Position|Geometry' | sed 's/(.*//' | tr '\n' ' '; }
ga=$(geometry "$audience")
gp=$(geometry "$presenter")
echo "audience: $ga"
echo "presenter: $gp"
case "$ga" in *Position:0,0*Geometry:1920x1080*) ;; *) fail "audience window at '$ga', not the left half" ;; esac
case "$gp" in *Position:1920,0*Geometry:1920x1080*) ;; *) fail "presenter window at '$gp', not the right half" ;; esac
kill -0 "$pid" 2>/dev/null || fail "the app exited"
kill "$pid"
wait "$pid" 2>/dev/null
if grep -E -q "error|ERROR|GLFW|Sanitizer" "$OUT/stderr"; then fail "errors on stderr"; fi
echo "presenter: ok"
