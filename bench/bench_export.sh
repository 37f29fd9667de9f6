#!/usr/bin/env bash
# Export throughput: `buildout render` of a scenario to MP4 at 1080p30 and 4K30, draft and high quality,
# beside the encoder alone on the same frames (ffmpeg reading raw RGBA from a pipe with the same codec
# settings, i.e. x264 plus ffmpeg's own RGBA->YUV conversion), the two alternating run by run. Median of
# RUNS runs of each; prints a Markdown table for docs/benchmarks.md ("Export"), and on stderr each run and
# where an export's time goes (buildout's "ms per frame" line).
#
#   bash bench/bench_export.sh                      # build/ and data/scenarios/us-announced
#   BUILD=build-export RUNS=3 SECONDS_1080=6 SECONDS_4K=2 bash bench/bench_export.sh
#   CASES="1080p:draft" bash bench/bench_export.sh  # a subset
#
# Times are wall-clock seconds of whole commands (process start, scenario load and EGL set-up
# included for the export; ffmpeg start included for the encoder), so keep the clips long enough
# that start-up is small beside them. The raw frames are captured once per case (see below) and
# streamed with `cat` from the page cache into ffmpeg's stdin.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
EXE=${EXE:-$BUILD/buildout}
SCENARIO=${SCENARIO:-data/scenarios/us-announced}
RUNS=${RUNS:-3}
FPS=30
SECONDS_1080=${SECONDS_1080:-6}
SECONDS_4K=${SECONDS_4K:-2}
CASES=${CASES:-"1080p:draft 1080p:high 4k:draft 4k:high"}
FROM=${FROM:-2024-01-01}
TO=${TO:-2035-12-31}
[ -x "$EXE" ] || { echo "bench_export: no $EXE (build first, or set BUILD=...)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "bench_export: ffmpeg not found" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench_export.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Both stand-ins end by writing an empty 'moov' and 'mdat' box (8 bytes each) as their output, so
# that the export's check that an MP4/MOV file is whole (video_encoder.cpp) accepts it.
boxes="printf '\\000\\000\\000\\010moov\\000\\000\\000\\010mdat' > \"\$last\""
printf '#!/bin/sh\nfor last; do :; done\ncat > "$RAW"\n%s\n' "$boxes" >"$WORK/capture"
chmod +x "$WORK/capture"
# A stand-in for the ffmpeg program that discards its input: the export without ffmpeg (MP4: rendering,
# YUV and H.264 in buildout; the other formats: without their encoder).
printf '#!/bin/sh\nfor last; do :; done\ncat > /dev/null\n%s\n' "$boxes" >"$WORK/discard"
chmod +x "$WORK/discard"
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "# bench_export: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "# scenario $SCENARIO, $FROM to $TO, ${FPS} fps, median of $RUNS runs" >&2
printf '| case | frames | export: s | export: frames/s | export: CPU ms/frame | encoder alone: s | encoder alone: frames/s | encoder alone: CPU ms/frame | export without the ffmpeg program: s | … frames/s | … CPU ms/frame | export / encoder (wall) | export / encoder (CPU) |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'

for c in $CASES; do
    preset=${c%%:*}
    quality=${c##*:}
    case $preset in
    1080p) w=1920 h=1080 secs=$SECONDS_1080 ;;
    4k) w=3840 h=2160 secs=$SECONDS_4K ;;
    *) echo "bench_export: unknown preset $preset" >&2; exit 1 ;;
    esac
    if [ "$quality" = high ]; then x264=(-preset slow -crf 18); else x264=(-preset veryfast -crf 23); fi
    frames=$((FPS * secs))
    common=(render "$SCENARIO" --preset "$preset" --fps "$FPS" --duration "$secs" --quality "$quality" --from "$FROM" --to "$TO" --quiet)

    # The same frames as raw RGBA, once: buildout's ProRes path sends RGBA to its encoder, so a stand-in
    # encoder that saves its stdin captures exactly the pixels the MP4 export encodes.
    BUILDOUT_FFMPEG="$WORK/capture" RAW="$WORK/frames.rgba" "$EXE" "${common[@]}" --format prores --background map \
        --out "$WORK/capture.mov" >/dev/null 2>&1
    [ "$(stat -c %s "$WORK/frames.rgba")" -eq $((w * h * 4 * frames)) ] || { echo "bench_export: raw capture failed" >&2; exit 1; }

    # The export end to end and the encoder alone (raw RGBA through a pipe, the export's codec settings),
    # alternating run by run so that a machine getting slower or faster moves both alike.
    times=()
    cpus=()
    enc_times=()
    enc_cpus=()
    for r in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$EXE" "${common[@]}" --out "$WORK/export.mp4" >"$WORK/export.log" 2>&1 ||
            { cat "$WORK/export.log" >&2; exit 1; }
        times+=("$(tail -n 1 "$WORK/time" | awk '{ print $1 }')")
        cpus+=("$(tail -n 1 "$WORK/time" | awk '{ print $2 + $3 }')")
        echo "# $c export run $r: ${times[-1]} s wall, ${cpus[-1]} s CPU ($(grep -o '[0-9.]* frames/s' "$WORK/export.log" | tail -n 1) inside)" >&2
        echo "#   $(grep '^ms per frame' "$WORK/export.log")" >&2
        /usr/bin/time -f '%e %U %S' -o "$WORK/time" sh -c 'f=$1; shift; cat "$f" | "$@"' sh "$WORK/frames.rgba" \
            ffmpeg -hide_banner -nostats -loglevel error -y -f rawvideo -pix_fmt rgba \
            -video_size "${w}x${h}" -framerate "$FPS" -i pipe:0 -an -c:v libx264 "${x264[@]}" -pix_fmt yuv420p \
            -g $((2 * FPS)) -color_range tv -colorspace bt709 -color_primaries bt709 -color_trc bt709 \
            -movflags +faststart -f mp4 "$WORK/encoder.mp4"
        enc_times+=("$(tail -n 1 "$WORK/time" | awk '{ print $1 }')")
        enc_cpus+=("$(tail -n 1 "$WORK/time" | awk '{ print $2 + $3 }')")
        echo "# $c encoder run $r: ${enc_times[-1]} s wall, ${enc_cpus[-1]} s CPU" >&2
    done
    export_s=$(printf '%s\n' "${times[@]}" | median)
    export_cpu=$(printf '%s\n' "${cpus[@]}" | median)
    enc_s=$(printf '%s\n' "${enc_times[@]}" | median)
    enc_cpu=$(printf '%s\n' "${enc_cpus[@]}" | median)
    rm -f "$WORK/frames.rgba"

    # The export with a stand-in for the ffmpeg program (once): rendering, and for MP4 the in-process
    # H.264 encoding, without ffmpeg's muxing (for ProRes and the others: without their encoder).
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" env BUILDOUT_FFMPEG="$WORK/discard" "$EXE" "${common[@]}" \
        --out "$WORK/discard.mp4" >"$WORK/export.log" 2>&1
    render_s=$(tail -n 1 "$WORK/time" | awk '{ print $1 }')
    render_cpu=$(tail -n 1 "$WORK/time" | awk '{ print $2 + $3 }')
    echo "# $c without the ffmpeg program: $render_s s wall, $render_cpu s CPU" >&2
    echo "#   $(grep '^ms per frame' "$WORK/export.log")" >&2

    awk -v c="$preset $quality" -v n="$frames" -v e="$export_s" -v x="$enc_s" -v ec="$export_cpu" -v xc="$enc_cpu" \
        -v r="$render_s" -v rc="$render_cpu" 'BEGIN {
        printf "| %s | %d | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f | %.2fx | %.2fx |\n",
               c, n, e, n / e, 1000 * ec / n, x, n / x, 1000 * xc / n, r, n / r, 1000 * rc / n, e / x, ec / xc }'
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
