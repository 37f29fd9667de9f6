#!/bin/sh
# End-to-end checks of `buildout render`, one per ctest test: `sh render_checks.sh NAME`, run from the
# source root with EXE (buildout), TOOL (export_image_tool), FFPROBE, FFMPEG, OUT (a scratch folder,
# emptied first) and DATA (tests/export/data) in the environment. Exits non-zero with a FAIL line.
set -u
name=${1:?test name}
: "${EXE:?}" "${TOOL:?}" "${FFPROBE:?}" "${FFMPEG:?}" "${OUT:?}" "${DATA:?}"
SCENE=tests/data/render/scene
DEMO=data/scenarios/demo-tiny
rm -rf "$OUT"
mkdir -p "$OUT"

fail() {
    echo "FAIL [$name]: $*" >&2
    for f in "$OUT/stdout" "$OUT/stderr"; do
        [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }
    done
    exit 1
}
# run ARGS...: runs buildout, keeps stdout/stderr, sets rc.
run() {
    "$EXE" "$@" >"$OUT/stdout" 2>"$OUT/stderr"
    rc=$?
}
expect_rc() { [ "$rc" = "$1" ] || fail "exit code $rc, expected $1"; }
expect_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"; }
expect_err() { grep -E -q -- "$1" "$OUT/stderr" || fail "no stderr line matches: $1"; }
no_file() { [ ! -e "$1" ] || fail "'$1' must not exist"; }
# stream FILE ENTRY: one entry of the first video stream.
stream() { "$FFPROBE" -v error -select_streams v:0 -show_entries "stream=$2" -of default=nw=1:nk=1 "$1" | head -n 1; }
frames() { "$FFPROBE" -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of default=nw=1:nk=1 "$1"; }
duration() { "$FFPROBE" -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 0.02) }' || fail "$3: $1 is not $2"; }
# make_fake MODE: a stand-in encoder that takes some input, writes a partial output, then fails (MODE
# fail: says "No space left on device" and exits 1) or kills itself (MODE kill).
make_fake() {
    {
        echo '#!/bin/sh'
        echo 'for last; do :; done'
        echo 'head -c 300000 >/dev/null'
        echo 'echo truncated-junk > "$last"'
        if [ "$1" = kill ]; then echo 'kill -9 $$'; else echo 'echo "$last: No space left on device" >&2; exit 1'; fi
    } >"$OUT/fake_ffmpeg"
    chmod +x "$OUT/fake_ffmpeg"
}
small="--size 320x180 --quiet"

case "$name" in
mp4_probe)
    run render "$DEMO" --out "$OUT/v.mp4" $small --fps 24 --duration 2
    expect_rc 0
    expect_eq "$(stream "$OUT/v.mp4" codec_name)" h264 codec
    expect_eq "$(stream "$OUT/v.mp4" pix_fmt)" yuv420p "pixel format"
    expect_eq "$(stream "$OUT/v.mp4" width)x$(stream "$OUT/v.mp4" height)" 320x180 size
    expect_eq "$(stream "$OUT/v.mp4" color_space)" bt709 "colour space"
    expect_eq "$(stream "$OUT/v.mp4" r_frame_rate)" 24/1 "frame rate"
    expect_eq "$(frames "$OUT/v.mp4")" 48 "frame count"
    near "$(duration "$OUT/v.mp4")" 2.0 duration
    # faststart: the index (moov) comes before the media data (mdat).
    first=$("$FFPROBE" -v trace "$OUT/v.mp4" 2>&1 | grep -o "type:'m[do][oa][vt]'" | head -n 1)
    expect_eq "$first" "type:'moov'" "first of moov/mdat"
    # Captions sidecar: both demo events, timed to the frames.
    head -n 1 "$OUT/v.vtt" | grep -q '^WEBVTT' || fail "v.vtt is not WebVTT"
    grep -q '^Campus A online$' "$OUT/v.vtt" || fail "v.vtt lacks the first event"
    grep -q '^HVDC link in service$' "$OUT/v.vtt" || fail "v.vtt lacks the second event"
    expect_eq "$(grep -c -- '-->' "$OUT/v.vtt")" 2 "caption cues"
    expect_eq "$(ls "$OUT" | grep -v -E '^(stdout|stderr)$' | tr '\n' ' ')" "v.mp4 v.vtt " "files written"
    grep -q '^wrote .*v.mp4 (320x180, 24 fps, 48 frames, 2.00 s' "$OUT/stdout" || fail "no summary line"
    ;;
png_sequence_matches_snapshot)
    run render "$SCENE" --out "$OUT/frames" $small --fps 25 --duration 1 --from 2032-01-01 --to 2032-01-25 \
        --quality high --overlay none
    expect_rc 0
    expect_eq "$(ls "$OUT/frames" | grep -c -E '^frame_[0-9]{6}\.png$')" 25 "PNG files"
    expect_eq "$(ls "$OUT/frames" | wc -l | tr -d ' ')" 25 "files in the folder"
    expect_eq "$("$TOOL" size "$OUT/frames/frame_000000.png")" 320x180 "PNG size"
    expect_eq "$(frames "$OUT/frames/frame_%06d.png")" 25 "frames ffprobe reads"
    no_file "$OUT/frames.partial"
    # Frame 10 is 2032-01-11 exactly: the same pixels as a snapshot of that day.
    "$EXE" snapshot "$SCENE" --at 2032-01-11 --size 320x180 --out "$OUT/snap.png" >/dev/null 2>&1 || fail "snapshot failed"
    "$TOOL" compare "$OUT/frames/frame_000010.png" "$OUT/snap.png" 0.05 || fail "frame 10 differs from the snapshot"
    ;;
png_with_overlays_matches_snapshot)
    # With the title, date, figures and legend on, a video frame and a snapshot frame the named view the
    # same way (between the legend and the figures).
    run render "$SCENE" --out "$OUT/frames" $small --fps 25 --duration 1 --from 2032-01-01 --to 2032-01-25 \
        --quality high --overlay all
    expect_rc 0
    "$EXE" snapshot "$SCENE" --at 2032-01-11 --size 320x180 --overlay all --out "$OUT/snap.png" >/dev/null 2>&1 ||
        fail "snapshot failed"
    "$TOOL" compare "$OUT/frames/frame_000010.png" "$OUT/snap.png" 0.05 || fail "frame 10 differs from the snapshot"
    ;;
mp4_frame_matches_snapshot)
    run render "$SCENE" --out "$OUT/v.mp4" $small --fps 25 --duration 1 --from 2032-01-01 --to 2032-01-25 \
        --quality high --overlay none
    expect_rc 0
    "$FFMPEG" -v error -i "$OUT/v.mp4" -vf 'select=eq(n\,10)' -frames:v 1 "$OUT/f10.png" || fail "cannot decode frame 10"
    "$EXE" snapshot "$SCENE" --at 2032-01-11 --size 320x180 --out "$OUT/snap.png" >/dev/null 2>&1 || fail "snapshot failed"
    # H.264 at CRF 18 with 4:2:0 chroma: a mean difference under 6/255 is the same picture.
    "$TOOL" compare "$OUT/f10.png" "$OUT/snap.png" 6 || fail "decoded frame 10 differs from the snapshot"
    ;;
prores_alpha)
    run render "$SCENE" --out "$OUT/v.mov" $small --fps 24 --duration 1 --from 2032 --to 2032-02 --overlay none
    expect_rc 0
    expect_eq "$(stream "$OUT/v.mov" codec_name)" prores codec
    expect_eq "$(stream "$OUT/v.mov" profile)" 4444 profile
    case "$(stream "$OUT/v.mov" pix_fmt)" in yuva444p*) ;; *) fail "pixel format $(stream "$OUT/v.mov" pix_fmt) has no alpha" ;; esac
    expect_eq "$(stream "$OUT/v.mov" width)x$(stream "$OUT/v.mov" height)" 320x180 size
    expect_eq "$(frames "$OUT/v.mov")" 24 "frame count"
    near "$(duration "$OUT/v.mov")" 1.0 duration
    "$FFMPEG" -v error -i "$OUT/v.mov" -frames:v 1 -pix_fmt rgba "$OUT/f0.png" || fail "cannot decode frame 0"
    expect_eq "$("$TOOL" alpha "$OUT/f0.png" 2 2)" 0 "alpha of the background (corner)"
    a=$("$TOOL" alpha "$OUT/f0.png" 160 90)
    [ "$a" -gt 100 ] || fail "alpha of the map (centre) is $a"
    ;;
manifest_identical)
    run render "$SCENE" --out "$OUT/a.mp4" $small --fps 24 --duration 1 --from 2028 --to 2030 --manifest "$OUT/a.json"
    expect_rc 0
    run render "$SCENE" --out "$OUT/b.mp4" $small --fps 24 --duration 1 --from 2028 --to 2030 --manifest "$OUT/b.json"
    expect_rc 0
    cmp "$OUT/a.json" "$OUT/b.json" || fail "two runs gave different manifests"
    expect_eq "$(grep -c '"hash": "[0-9a-f]\{16\}"' "$OUT/a.json")" 24 "frame hashes"
    grep -q '"hash": "fnv1a64:' "$OUT/a.json" || fail "no scenario hash"
    # The frames really change over the range (the hashes are not all one value).
    [ "$(grep -o '"hash": "[0-9a-f]\{16\}"' "$OUT/a.json" | sort -u | wc -l)" -gt 1 ] || fail "all frames are the same"
    ;;
tour_video)
    run render "$DEMO" --out "$OUT/t.mp4" $small --fps 24 --tour tests/export/data/demo_tour.json
    expect_rc 0
    # 0.5 + 1 + 1 + 1 + 0.5 + 1 seconds at 24 fps.
    expect_eq "$(frames "$OUT/t.mp4")" 120 "frame count"
    near "$(duration "$OUT/t.mp4")" 5.0 duration
    grep -q '^00:00:00.500 --> 00:00:01.500$' "$OUT/t.vtt" || fail "first cue not at 0.5-1.5 s"
    grep -q '^00:00:02.500 --> 00:00:03.500$' "$OUT/t.vtt" || fail "second cue not at 2.5-3.5 s"
    grep -q '^Campus A$' "$OUT/t.vtt" || fail "no caption title"
    # --duration stretches the tour: exactly fps x duration frames.
    run render "$DEMO" --out "$OUT/t10.mp4" $small --fps 25 --duration 2 --overlay none --tour tests/export/data/demo_tour.json
    expect_rc 0
    expect_eq "$(frames "$OUT/t10.mp4")" 50 "frame count (--duration 2)"
    no_file "$OUT/t10.vtt"
    ;;
narration_chapters)
    # A 1.3 s WAV under a 5 s tour (padded with silence) and a 7 s FLAC under a 2 s ProRes (cut).
    "$FFMPEG" -v error -f lavfi -i "sine=frequency=440:duration=1.3" -ar 44100 "$OUT/short.wav" || fail "no test WAV"
    "$FFMPEG" -v error -f lavfi -i "sine=frequency=220:duration=7" -ar 48000 "$OUT/long.flac" || fail "no test FLAC"
    run render "$DEMO" --out "$OUT/n.mp4" $small --fps 24 --tour tests/export/data/notes_tour.json --audio "$OUT/short.wav"
    expect_rc 0
    # One video and one audio stream (the MP4 chapter list is a text track of type "data", not counted).
    expect_eq "$("$FFPROBE" -v error -show_entries stream=codec_type -of csv=p=0 "$OUT/n.mp4" | grep -c '^video$')" 1 "video streams"
    expect_eq "$("$FFPROBE" -v error -show_entries stream=codec_type -of csv=p=0 "$OUT/n.mp4" | grep -c '^audio$')" 1 "audio streams"
    expect_eq "$("$FFPROBE" -v error -select_streams a:0 -show_entries stream=codec_name -of csv=p=0 "$OUT/n.mp4")" aac "audio codec"
    v=$("$FFPROBE" -v error -select_streams v:0 -show_entries stream=duration -of csv=p=0 "$OUT/n.mp4")
    a=$("$FFPROBE" -v error -select_streams a:0 -show_entries stream=duration -of csv=p=0 "$OUT/n.mp4")
    awk -v a="$a" -v v="$v" 'BEGIN { d = a - v; if (d < 0) d = -d; exit !(d <= 1 / 24 && v > 4.95) }' ||
        fail "audio $a s and video $v s differ by more than a frame (1/24 s)"
    # One chapter per beat, with the beat's title and the start of its transition (0, 1.5, 3.5 s).
    "$FFPROBE" -v error -show_entries chapter=start_time:chapter_tags=title -of csv=p=0 "$OUT/n.mp4" >"$OUT/chapters"
    expect_eq "$(wc -l <"$OUT/chapters" | tr -d ' ')" 3 "chapters"
    expect_eq "$(sed -n 1p "$OUT/chapters")" "0.000000,Campus A" "chapter 1"
    expect_eq "$(sed -n 2p "$OUT/chapters")" "1.500000,Texas in 2028" "chapter 2"
    expect_eq "$(sed -n 3p "$OUT/chapters")" "3.500000,Beat 3" "chapter 3"
    # Speaker notes never reach an export: not in the captions, not in the file's metadata.
    grep -q 'PRESENTER-ONLY' "$OUT/n.vtt" && fail "speaker notes in the WebVTT captions"
    grep -q 'PRESENTER-ONLY' "$OUT/n.mp4" && fail "speaker notes in the MP4"
    no_file "$OUT/n.partial.mp4.chapters.txt"
    ls "$OUT" | grep -q 'chapters.txt' && fail "the temporary chapters file was left behind"
    # MOV: PCM audio, cut to the video's 2 s; chapters from the scenario's events without a tour.
    run render "$DEMO" --out "$OUT/n.mov" $small --fps 25 --duration 2 --audio "$OUT/long.flac"
    expect_rc 0
    expect_eq "$("$FFPROBE" -v error -select_streams a:0 -show_entries stream=codec_name -of csv=p=0 "$OUT/n.mov")" pcm_s16le "MOV audio codec"
    a=$("$FFPROBE" -v error -select_streams a:0 -show_entries stream=duration -of csv=p=0 "$OUT/n.mov")
    awk -v a="$a" 'BEGIN { d = a - 2; if (d < 0) d = -d; exit !(d <= 1 / 25) }' || fail "MOV audio is $a s, not 2 s"
    expect_eq "$("$FFPROBE" -v error -show_entries chapter=start_time:chapter_tags=title -of csv=p=0 "$OUT/n.mov" | sed -n 2p)" \
        "1.000000,HVDC link in service" "MOV chapter 2 (second event)"
    ;;
audio_errors)
    # Missing and unreadable files fail before any frame is rendered (no progress line) and write nothing.
    run render "$DEMO" --out "$OUT/x.mp4" --size 320x180 --duration 1 --audio "$OUT/nothing.wav"
    expect_rc 1
    expect_err "^buildout: error: audio file '$OUT/nothing.wav' does not exist$"
    grep -q '^frame ' "$OUT/stderr" && fail "frames were rendered before the audio error"
    no_file "$OUT/x.mp4"
    echo "not a sound" >"$OUT/junk.wav"
    run render "$DEMO" --out "$OUT/x.mp4" --size 320x180 --duration 1 --audio "$OUT/junk.wav"
    expect_rc 1
    expect_err "^buildout: error: audio file '$OUT/junk.wav' has no audio that ffmpeg can read"
    grep -q '^frame ' "$OUT/stderr" && fail "frames were rendered before the audio error"
    no_file "$OUT/x.mp4"
    run render "$DEMO" --out "$OUT/frames" --format png $small --duration 1 --audio "$OUT/junk.wav"
    expect_rc 2
    expect_err "a PNG folder has no sound track"
    no_file "$OUT/frames"
    ;;
tour_errors)
    run render "$DEMO" --out "$OUT/x.mp4" $small --tour tests/export/data/bad_tour.json
    expect_rc 1
    expect_err '^tests/export/data/bad_tour.json:6: error: bad date "2025-13" for "date": month out of range \(01-12\)$'
    expect_err '^tests/export/data/bad_tour.json:8: error: unknown layer "datacentres" \(basemap, datacenters, power_plants, transmission, superclusters, zones\)$'
    expect_err '^tests/export/data/bad_tour.json:9: error: "hold" must be between 0 and 3600, not -2$'
    expect_err '^tests/export/data/bad_tour.json:11: warning: unknown key "colour" in a beat \(ignored\)$'
    expect_err '^tests/export/data/bad_tour.json: tour not used \(3 errors\); nothing was written$'
    no_file "$OUT/x.mp4"
    # A well-formed tour naming a view the scenario does not have.
    run render "$DEMO" --out "$OUT/x.mp4" $small --tour tests/export/data/unknown_view_tour.json
    expect_rc 1
    expect_err "^tests/export/data/unknown_view_tour.json:7: error: unknown view 'atlantis' \(national, a region id such as TX, or a supercluster id\)$"
    run render "$DEMO" --out "$OUT/x.mp4" $small --tour tests/export/data/no_such_tour.json
    expect_rc 1
    expect_err '^tests/export/data/no_such_tour.json: error: no such tour file$'
    no_file "$OUT/x.mp4"
    ;;
cancel)
    "$EXE" render "$SCENE" --out "$OUT/long.mp4" $small --fps 24 --duration 600 >"$OUT/stdout" 2>"$OUT/stderr" &
    pid=$!
    i=0
    while [ ! -s "$OUT/long.partial.mp4" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    [ -e "$OUT/long.partial.mp4" ] || { kill -9 $pid; fail "the export never started writing"; }
    sleep 0.5
    kill -INT $pid
    wait $pid
    rc=$?
    expect_rc 130
    expect_err '^buildout: export cancelled after [0-9]+ of 14400 frames; nothing was written'
    no_file "$OUT/long.mp4"
    no_file "$OUT/long.partial.mp4"
    no_file "$OUT/long.vtt"
    ;;
failing_encoder)
    # An older file under the final name survives a failed export untouched.
    echo old-video >"$OUT/keep.mp4"
    BUILDOUT_FFMPEG=/bin/false run render "$SCENE" --out "$OUT/keep.mp4" $small --fps 24 --duration 1
    expect_rc 1
    expect_err '^buildout: error: encoding failed: false exited with status 1'
    expect_eq "$(cat "$OUT/keep.mp4")" old-video "the earlier file"
    no_file "$OUT/keep.partial.mp4"
    # An encoder that fails mid-way (a full disk) after writing part of the output.
    make_fake fail
    BUILDOUT_FFMPEG="$OUT/fake_ffmpeg" run render "$SCENE" --out "$OUT/full.mp4" $small --fps 24 --duration 2
    expect_rc 1
    expect_err '^buildout: error: encoding failed: fake_ffmpeg exited with status 1: .*full.partial.mp4: No space left on device$'
    no_file "$OUT/full.mp4"
    no_file "$OUT/full.partial.mp4"
    no_file "$OUT/full.vtt"
    ;;
killed_encoder)
    make_fake kill
    BUILDOUT_FFMPEG="$OUT/fake_ffmpeg" run render "$SCENE" --out "$OUT/k.mov" $small --fps 24 --duration 2
    expect_rc 1
    expect_err '^buildout: error: encoding failed: fake_ffmpeg was killed by signal 9'
    no_file "$OUT/k.mov"
    no_file "$OUT/k.partial.mov"
    ;;
missing_encoder)
    BUILDOUT_FFMPEG=/no/such/ffmpeg run render "$SCENE" --out "$OUT/m.mp4" $small --duration 1
    expect_rc 1
    expect_err "^buildout: error: cannot run the encoder '/no/such/ffmpeg': No such file or directory"
    no_file "$OUT/m.mp4"
    no_file "$OUT/m.partial.mp4"
    ;;
bad_paths)
    run render "$SCENE" --out "$OUT/no-such-folder/x.mp4" $small --duration 1
    expect_rc 1
    expect_err "^buildout: error: output folder '.*/no-such-folder' does not exist$"
    echo text >"$OUT/file.txt"
    run render "$SCENE" --out "$OUT/file.txt/x.mp4" $small --duration 1
    expect_rc 1
    expect_err "^buildout: error: output folder '.*/file.txt' does not exist$"
    run render "$SCENE" --out "$OUT/frames" $small --duration 1 --manifest "$OUT/nowhere/m.json"
    expect_rc 1
    expect_err "^buildout: error: output folder '.*/nowhere' does not exist$"
    no_file "$OUT/frames"
    run render "$SCENE" --out "$OUT/x.avi" $small --duration 1
    expect_rc 2
    expect_err "^buildout: cannot tell the format of --out '.*/x.avi': use FILE.mp4"
    run render "$SCENE" --out "$OUT/x.mp4" --size 321x181 --duration 1
    expect_rc 2
    expect_err '^buildout: H.264 \(yuv420p\) needs an even width and height, not 321x181$'
    run render "$SCENE" --out "$OUT/x.mp4" $small --background transparent
    expect_rc 2
    expect_err '^buildout: MP4 \(H.264\) has no alpha channel'
    run render "$SCENE" --out "$OUT/x.mp4" $small --fps 0
    expect_rc 2
    run render "$SCENE" --out "$OUT/x.mp4" $small --view atlantis
    expect_rc 2
    expect_err "^buildout: unknown --view 'atlantis'"
    # A folder holding other files is never replaced by a PNG sequence.
    mkdir -p "$OUT/mine"
    echo precious >"$OUT/mine/notes.txt"
    run render "$SCENE" --out "$OUT/mine" $small --duration 1
    expect_rc 1
    expect_err "^buildout: error: output folder '.*/mine' holds other files than frame PNGs \('notes.txt'\)"
    expect_eq "$(cat "$OUT/mine/notes.txt")" precious "the file in the folder"
    no_file "$OUT/mine.partial"
    no_file "$OUT/x.mp4"
    ;;
compare_side_by_side)
    # A comparison video: the right frame count, and a decoded frame is the comparison snapshot.
    CMP=tests/data/compare
    run render "$CMP/a" --compare "$CMP/b" --compare-mode side --out "$OUT/v.mp4" $small --fps 24 --duration 1 \
        --from 2027-01-01 --to 2027-01-24 --quality high --overlay none
    expect_rc 0
    expect_eq "$(stream "$OUT/v.mp4" width)x$(stream "$OUT/v.mp4" height)" 320x180 size
    expect_eq "$(frames "$OUT/v.mp4")" 24 "frame count"
    "$FFMPEG" -v error -i "$OUT/v.mp4" -vf 'select=eq(n\,10)' -frames:v 1 "$OUT/f10.png" || fail "cannot decode frame 10"
    "$EXE" snapshot "$CMP/a" --compare "$CMP/b" --compare-mode side --at 2027-01-11 --size 320x180 \
        --out "$OUT/snap.png" >/dev/null 2>&1 || fail "snapshot failed"
    "$TOOL" compare "$OUT/f10.png" "$OUT/snap.png" 6 || fail "decoded frame 10 differs from the comparison snapshot"
    ;;
compare_swipe_and_diff)
    CMP=tests/data/compare
    for mode in swipe diff; do
        run render "$CMP/a" --compare "$CMP/b" --compare-mode $mode --out "$OUT/$mode.mp4" $small --fps 12 --duration 1
        expect_rc 0
        expect_eq "$(frames "$OUT/$mode.mp4")" 12 "$mode frame count"
    done
    ;;
compare_missing_b)
    run render tests/data/compare/a --compare tests/data/compare/nothing-here --out "$OUT/v.mp4" $small --duration 1
    expect_rc 1
    expect_err "^buildout: error: comparison scenario 'tests/data/compare/nothing-here' is not a folder"
    no_file "$OUT/v.mp4"
    ;;
*)
    fail "unknown test"
    ;;
esac
echo "ok [$name]"
