#!/bin/sh
# Fault injection, end to end through the CLI, one case per ctest test: `sh fault_checks.sh NAME`, run from
# the source root with EXE (buildout), FFMPEG (the real encoder) and OUT (a scratch folder, emptied
# first). Every case checks: a clear error naming the file and the cause, a non-zero exit, nothing under
# the final name, no temporary file (*.partial*) anywhere under OUT, and no encoder process left behind.
# Faults:
#   disk full   - a tiny tmpfs when running as root (mount needs it), and always RLIMIT_FSIZE (`ulimit -f`)
#                 with SIGXFSZ ignored, so write() fails with EFBIG like a full disk fails with ENOSPC;
#   unwritable  - a path under a regular file (works as root too, where chmod stops nothing), and a
#                 read-only bind mount when root;
#   encoder     - no ffmpeg on PATH; the real ffmpeg killed (SIGKILL) while frames flow.
# A case whose fault cannot be made here (not root) prints SKIP and exits 0: ctest shows the SKIP line.
set -u
name=${1:?test name}
: "${EXE:?}" "${FFMPEG:?}" "${OUT:?}"
SCENE=tests/data/render/scene
DEMO=data/scenarios/demo-tiny
small="--size 320x180 --quiet"
MNT="$OUT/mnt"

cleanup() {
    if [ -d "$MNT" ] && grep -q " $MNT " /proc/mounts 2>/dev/null; then umount "$MNT" 2>/dev/null; fi
}
cleanup
rm -rf "$OUT"
mkdir -p "$OUT"
trap cleanup EXIT

fail() {
    echo "FAIL [$name]: $*" >&2
    [ -f "$OUT/stderr" ] && { echo "--- stderr" >&2; tail -n 20 "$OUT/stderr" >&2; }
    exit 1
}
is_root() { [ "$(id -u)" = 0 ]; }
# tmpfs SIZE: mounts a tmpfs of SIZE on $MNT (root only; false otherwise).
tmpfs() {
    is_root || return 1
    mkdir -p "$MNT"
    mount -t tmpfs -o "size=$1" tmpfs "$MNT" 2>/dev/null
}
# run ARGS...: buildout with stderr kept, rc set.
run() {
    "$EXE" "$@" >/dev/null 2>"$OUT/stderr"
    rc=$?
}
# run_limited BLOCKS ARGS...: buildout with RLIMIT_FSIZE (soft) at BLOCKS x 512 bytes and SIGXFSZ ignored;
# its stderr goes through a FIFO (a pipe is not limited, a regular file is).
run_limited() {
    blocks=$1
    shift
    rm -f "$OUT/errpipe"
    mkfifo "$OUT/errpipe"
    cat "$OUT/errpipe" >"$OUT/stderr" &
    catpid=$!
    (
        trap '' XFSZ
        ulimit -S -f "$blocks"
        exec "$EXE" "$@"
    ) >/dev/null 2>"$OUT/errpipe"
    rc=$?
    wait $catpid
    rm -f "$OUT/errpipe"
}
expect_failed() { [ "$rc" != 0 ] || fail "exit code 0 after a fault"; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit code $rc, expected $1"; }
expect_err() { grep -E -q -- "$1" "$OUT/stderr" || fail "no stderr line matches: $1"; }
no_file() { [ ! -e "$1" ] || fail "'$1' must not exist"; }
# clean: no temporary file anywhere under OUT and no process (an encoder) still using a path under OUT.
clean() {
    left=$(find "$OUT" -name '*partial*' 2>/dev/null | head -n 5)
    [ -z "$left" ] || fail "temporary files left: $left"
    for c in /proc/[0-9]*/cmdline; do
        [ "$c" = "/proc/$$/cmdline" ] && continue
        if tr '\0' ' ' <"$c" 2>/dev/null | grep -q -F -- "$OUT/" && ! tr '\0' ' ' <"$c" | grep -q -F "fault_checks.sh"; then
            fail "a process still uses OUT: $(tr '\0' ' ' <"$c")"
        fi
    done
}
skip() {
    echo "SKIP [$name]: $*"
    exit 0
}
# wrap_ffmpeg MODE: an 'ffmpeg' on $OUT/bin. MODE pid: records its pid and execs the real one (so the
# test can kill it mid-way). MODE unlimited: lifts the soft file-size limit, then execs the real one (so
# only buildout's own writes hit the limit).
wrap_ffmpeg() {
    mkdir -p "$OUT/bin"
    {
        echo '#!/bin/sh'
        [ "$1" = pid ] && echo "echo \$\$ >'$OUT/ffmpeg.pid'"
        [ "$1" = unlimited ] && echo 'ulimit -S -f unlimited'
        echo "exec '$FFMPEG' \"\$@\""
    } >"$OUT/bin/ffmpeg"
    chmod +x "$OUT/bin/ffmpeg"
}

case "$name" in
snapshot_disk_full)
    # The defect of issue 13: this printed "wrote" and exited 0, leaving a truncated PNG.
    if tmpfs 100k; then
        run snapshot "$SCENE" --at 2032 --size 640x360 --out "$MNT/map.png"
        expect_rc 1
        expect_err "^buildout: error: cannot write '$MNT/map.png': No space left on device$"
        no_file "$MNT/map.png"
        clean
    fi
    run_limited 40 snapshot "$SCENE" --at 2032 --size 640x360 --out "$OUT/map.png"
    expect_rc 1
    expect_err "^buildout: error: cannot write '$OUT/map.png': File too large$"
    no_file "$OUT/map.png"
    clean
    ;;
snapshot_unwritable)
    echo text >"$OUT/file"
    run snapshot "$SCENE" --at 2032 --size 320x180 --out "$OUT/file/map.png"
    expect_rc 1
    expect_err "^buildout: error: output folder '$OUT/file' does not exist$"
    clean
    is_root || skip "not root: the read-only mount case needs mount (the under-a-file case passed)"
    mkdir -p "$MNT"
    mount --bind "$MNT" "$MNT" && mount -o remount,bind,ro "$MNT" || skip "cannot make a read-only bind mount"
    run snapshot "$SCENE" --at 2032 --size 320x180 --out "$MNT/map.png"
    expect_rc 1
    expect_err "^buildout: error: output folder '$MNT' is not writable$"
    no_file "$MNT/map.png"
    clean
    ;;
render_mp4_disk_full | render_mov_disk_full | render_png_disk_full)
    case "$name" in
    *mp4*) out=v.mp4 room=8k blocks=12 cause='encoding failed: ffmpeg.*(No space left on device|File too large)' ;;
    *mov*) out=v.mov room=64k blocks=60 cause='encoding failed: ffmpeg.*(No space left on device|File too large)' ;;
    *) out=frames room=64k blocks=60 cause="cannot write '.*frames.partial/frame_[0-9]{6}.png': (No space left on device|File too large)" ;;
    esac
    # H.264 of this static scene is small (about 5 KB a second): its room is smaller.
    if tmpfs $room; then
        run render "$SCENE" --out "$MNT/$out" $small --fps 24 --duration 4
        expect_rc 1
        expect_err "^buildout: error: $cause"
        expect_err "^buildout: nothing was written to '$MNT/$out'"
        no_file "$MNT/$out"
        no_file "$MNT/v.vtt"
        clean
    fi
    run_limited $blocks render "$SCENE" --out "$OUT/$out" $small --fps 24 --duration 4
    expect_rc 1
    expect_err "^buildout: error: $cause"
    no_file "$OUT/$out"
    clean
    ;;
render_unwritable)
    # MP4, MOV and a PNG folder into a folder under a regular file, then (root) a read-only mount.
    echo text >"$OUT/file"
    for out in v.mp4 v.mov frames; do
        run render "$SCENE" --out "$OUT/file/$out" $small --duration 1
        expect_rc 1
        expect_err "^buildout: error: output folder '$OUT/file' does not exist$"
    done
    clean
    is_root || skip "not root: the read-only mount case needs mount (the under-a-file case passed)"
    mkdir -p "$MNT"
    mount --bind "$MNT" "$MNT" && mount -o remount,bind,ro "$MNT" || skip "cannot make a read-only bind mount"
    for out in v.mp4 v.mov frames; do
        run render "$SCENE" --out "$MNT/$out" $small --duration 1
        expect_rc 1
        expect_err "^buildout: error: output folder '$MNT' is not writable$"
        no_file "$MNT/$out"
    done
    clean
    ;;
manifest_disk_full)
    # Only buildout's own writes are limited (the encoder lifts the limit): the manifest fails, and the
    # finished video must not appear either.
    wrap_ffmpeg unlimited
    PATH="$OUT/bin:$PATH" run_limited 4 render "$SCENE" --out "$OUT/v.mp4" $small --fps 24 --duration 2 \
        --overlay none --manifest "$OUT/m.json"
    expect_rc 1
    expect_err "^buildout: error: cannot write '$OUT/m.json': File too large$"
    no_file "$OUT/v.mp4"
    no_file "$OUT/m.json"
    clean
    if tmpfs 4k; then
        run render "$SCENE" --out "$OUT/w.mp4" $small --fps 24 --duration 2 --overlay none --manifest "$MNT/m.json"
        expect_rc 1
        expect_err "^buildout: error: cannot write '$MNT/m.json': No space left on device$"
        no_file "$OUT/w.mp4"
        no_file "$MNT/m.json"
        clean
    fi
    ;;
manifest_unwritable)
    echo text >"$OUT/file"
    run render "$SCENE" --out "$OUT/v.mp4" $small --duration 1 --manifest "$OUT/file/m.json"
    expect_rc 1
    expect_err "^buildout: error: output folder '$OUT/file' does not exist$"
    no_file "$OUT/v.mp4"
    clean
    ;;
vtt_disk_full)
    wrap_ffmpeg unlimited
    PATH="$OUT/bin:$PATH" run_limited 0 render "$DEMO" --out "$OUT/v.mp4" $small --fps 24 --duration 2
    expect_rc 1
    # The chapter list (an ffmpeg input, written by buildout before encoding) is the first small file
    # buildout itself writes for an MP4 with events, so under a 0-byte limit it fails first.
    expect_err "^buildout: error: cannot write '$OUT/v(\\.vtt|\\.partial\\.mp4\\.chapters\\.txt)': File too large$"
    no_file "$OUT/v.mp4"
    no_file "$OUT/v.vtt"
    clean
    ;;
vtt_unwritable)
    # A folder holds the captions' name: the rename fails after the video is complete; neither stays.
    mkdir -p "$OUT/v.vtt/keep"
    run render "$DEMO" --out "$OUT/v.mp4" $small --fps 24 --duration 2
    expect_rc 1
    expect_err "^buildout: error: cannot write '$OUT/v.vtt': (Is a directory|Directory not empty|File exists)$"
    no_file "$OUT/v.mp4"
    [ -d "$OUT/v.vtt/keep" ] || fail "the folder under the captions' name was touched"
    clean
    ;;
encoder_not_on_path)
    mkdir -p "$OUT/empty-bin"
    PATH="$OUT/empty-bin" run render "$SCENE" --out "$OUT/v.mp4" $small --duration 1
    expect_rc 1
    expect_err "^buildout: error: cannot run the encoder 'ffmpeg': No such file or directory \(install ffmpeg"
    no_file "$OUT/v.mp4"
    clean
    ;;
encoder_killed_midway)
    wrap_ffmpeg pid
    PATH="$OUT/bin:$PATH" "$EXE" render "$SCENE" --out "$OUT/long.mov" $small --fps 24 --duration 600 \
        >/dev/null 2>"$OUT/stderr" &
    pid=$!
    i=0
    while [ ! -s "$OUT/long.partial.mov" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$OUT/ffmpeg.pid" ] || { kill -9 $pid; fail "the encoder never started"; }
    [ -s "$OUT/long.partial.mov" ] || { kill -9 $pid; fail "the encoder never wrote"; }
    kill -9 "$(cat "$OUT/ffmpeg.pid")"
    wait $pid
    rc=$?
    expect_rc 1
    expect_err '^buildout: error: encoding failed: ffmpeg was killed by signal 9'
    no_file "$OUT/long.mov"
    clean
    ;;
*)
    fail "unknown test"
    ;;
esac
echo "ok [$name]"
