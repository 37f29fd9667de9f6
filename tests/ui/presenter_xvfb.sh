#!/bin/sh
# The presenter view under Xvfb on one 3840x1080 screen (run by ctest inside xvfb-run): `buildout DIR
# --present --presenter-view` opens two windows, the audience's on the left half and the presenter's on
# the right; B typed into the presenter's window blacks the audience's; and the app prints no error. EXE (buildout), DIR (a scenario) and OUT (a scratch folder)
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
# Keys typed into the presenter's window drive the audience's: B blacks the audience's half (and only
# it). With no window manager the window under the pointer has the keyboard.
if command -v import >/dev/null && command -v convert >/dev/null; then
    # A screenshot takes seconds under llvmpipe on a busy machine: one before B and one after it.
    shot() { import -window root "$OUT/root.png" 2>/dev/null; }
    # mean HALF: the mean brightness (0..1) of the last screenshot's left or right half.
    mean() {
        case "$1" in left) crop=1920x1080+0+0 ;; *) crop=1920x1080+1920+0 ;; esac
        convert "$OUT/root.png" -crop "$crop" +repage -format "%[fx:mean]" info: 2>/dev/null || echo 0.5
    }
    dark() { awk -v m="$1" 'BEGIN { exit !(m < 0.002) }'; }
    xdotool mousemove 2880 540
    n=0
    until shot && ! dark "$(mean left)"; do # until the scenario is loaded and drawn
        n=$((n + 1))
        [ $n -lt 60 ] || fail "the audience window stays black"
        sleep 0.5
    done
    xdotool key b
    n=0
    until shot && dark "$(mean left)"; do
        n=$((n + 1))
        [ $n -lt 60 ] || fail "B in the presenter's window did not black the audience's"
        sleep 0.5
    done
    dark "$(mean right)" && fail "the presenter's window went black too"
    echo "B in the presenter window blacked the audience window"
fi
kill "$pid"
wait "$pid" 2>/dev/null
if grep -E -q "error|ERROR|GLFW|Sanitizer" "$OUT/stderr"; then fail "errors on stderr"; fi
echo "presenter: ok"
