#!/bin/sh
# GL faults end to end, one case per ctest test: `sh gl_fault_checks.sh NAME`, run from the source root
# with EXE (buildout) and OUT (scratch folder, emptied first). Each fault must give a clear message and a
# clean exit status 1 (never a signal such as SIGSEGV), and write nothing:
#   no EGL driver      - __EGL_VENDOR_LIBRARY_FILENAMES names no vendor file: glvnd finds no EGL at all
#   GL driver missing  - LIBGL_DRIVERS_PATH points nowhere: Mesa's GLX (the GUI's window) has no driver
#   shader broken      - BUILDOUT_TEST_BREAK_SHADER=* (a diagnostic): every program fails to compile
#   not current        - BUILDOUT_TEST_FAIL_MAKE_CURRENT=1 (a diagnostic): eglMakeCurrent really fails
#                        (EGL_BAD_CONTEXT); for the GUI, the check after glfwMakeContextCurrent
#   no display         - the GUI without $DISPLAY
# GUI cases start their own Xvfb (-displayfd picks a free display).
set -u
set -f # no globbing: BUILDOUT_TEST_BREAK_SHADER=* is a word
name=${1:?test name}
: "${EXE:?}" "${OUT:?}"
SCENE=tests/data/render/scene
DEMO=data/scenarios/demo-tiny
rm -rf "$OUT"
mkdir -p "$OUT"
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/.config" # the GUI's settings file stays in OUT

fail() {
    echo "FAIL [$name]: $*" >&2
    [ -f "$OUT/stderr" ] && { echo "--- stderr" >&2; tail -n 20 "$OUT/stderr" >&2; }
    exit 1
}
# run ENV... -- ARGS...: buildout with the environment assignments, stderr kept, rc set.
run() {
    envs=""
    while [ "$1" != -- ]; do
        envs="$envs $1"
        shift
    done
    shift
    # shellcheck disable=SC2086 # the assignments are words on purpose
    env $envs "$EXE" "$@" >"$OUT/stdout" 2>"$OUT/stderr"
    rc=$?
}
clean_exit() {
    [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)) (exit $rc)"
    [ "$rc" = 1 ] || fail "exit code $rc, expected 1"
}
expect_err() { grep -E -q -- "$1" "$OUT/stderr" || fail "no stderr line matches: $1"; }
nothing_written() {
    left=$(ls -A "$OUT" | grep -v -E '^(stdout|stderr|home|xvfb.log|display)$')
    [ -z "$left" ] || fail "files written: $left"
}
# Both headless commands under the fault ENV, with the message PATTERN.
cli_case() {
    run "$1" -- snapshot "$SCENE" --at 2032 --size 64x64 --out "$OUT/s.png"
    clean_exit
    expect_err "$2"
    run "$1" -- render "$SCENE" --out "$OUT/v.mp4" --size 64x64 --duration 1 --quiet
    clean_exit
    expect_err "$2"
    expect_err "^buildout: nothing was written to '$OUT/v.mp4'"
    nothing_written
}
xvfb_pid=""
start_xvfb() {
    command -v Xvfb >/dev/null || { echo "SKIP [$name]: no Xvfb"; exit 0; }
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$OUT/display" 2>"$OUT/xvfb.log" &
    xvfb_pid=$!
    i=0
    while [ ! -s "$OUT/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$OUT/display" ] || fail "Xvfb did not start"
    DISPLAY=":$(cat "$OUT/display")"
    export DISPLAY
}
stop_xvfb() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null; }
trap stop_xvfb EXIT
gui() { run "$1" -- "$DEMO" --frames 5 --screenshot "$OUT/gui.png"; }

case "$name" in
cli_no_egl_driver)
    cli_case __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent.json \
        '^buildout: error: no usable OpenGL 3.3: could not create a headless EGL context \(.*\)\. Install the Mesa EGL driver'
    ;;
cli_shader_broken)
    cli_case 'BUILDOUT_TEST_BREAK_SHADER=*' "^buildout: error: shader '[a-z ]+' \((vertex|fragment)\) failed to compile:"
    ;;
cli_make_current_fails)
    cli_case BUILDOUT_TEST_FAIL_MAKE_CURRENT=1 'the context cannot be made current \(eglMakeCurrent: EGL_BAD_CONTEXT\)'
    ;;
gui_shader_broken)
    start_xvfb
    gui 'BUILDOUT_TEST_BREAK_SHADER=*'
    clean_exit
    expect_err "^buildout: error: shader '[a-z ]+' \((vertex|fragment)\) failed to compile:"
    nothing_written
    ;;
gui_make_current_fails)
    start_xvfb
    gui BUILDOUT_TEST_FAIL_MAKE_CURRENT=1
    clean_exit
    expect_err "^buildout: error: the window's OpenGL context cannot be made current$"
    nothing_written
    ;;
gui_gl_driver_missing)
    start_xvfb
    gui LIBGL_DRIVERS_PATH=/nonexistent
    if [ "$rc" = 0 ]; then echo "SKIP [$name]: this GLX does not load Mesa drivers (not Mesa?)"; exit 0; fi
    clean_exit
    expect_err '^buildout: error: cannot create an OpenGL 3.3 window'
    nothing_written
    ;;
gui_no_display)
    run -u DISPLAY -u WAYLAND_DISPLAY -- "$DEMO" --frames 5 --screenshot "$OUT/gui.png"
    clean_exit
    expect_err '^buildout: error: cannot open a window \(no display\?\)'
    nothing_written
    ;;
*)
    fail "unknown test"
    ;;
esac
echo "ok [$name]"
