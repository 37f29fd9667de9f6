#!/bin/sh
# `buildout render --jobs`: several indexes of one jobs file (given, from $SLURM_ARRAY_TASK_ID, from
# $JOB_COMPLETION_INDEX), the outputs they write, skip-on-rerun, re-render of a damaged output, and
# errors for a bad index or a malformed jobs file.
# Env: EXE (buildout), FFPROBE, OUT (scratch folder), SRC (source root).
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/results"
tiny="$SRC/data/scenarios/demo-tiny"
cat > "$OUT/jobs.json" <<JOBS
[
  {"scenario": "$tiny", "out": "tiny.mp4", "args": ["--size", "160x90", "--duration", "0.5", "--fps", "8"]},
  {"scenario": "$tiny", "out": "tiny.gif", "args": ["--size", "160x90", "--duration", "0.5", "--fps", "8", "--overlay", "none"]},
  {"scenario": "$tiny", "out": "frames", "args": ["--size", "96x54", "--duration", "0.25", "--fps", "8", "--view", "national"]}
]
JOBS
jobs="$OUT/jobs.json"; res="$OUT/results"
"$EXE" render --jobs "$jobs" --out "$res" --job-index 0 --quiet > "$OUT/j0.txt" || fail "job 0 failed"
env SLURM_ARRAY_TASK_ID=1 "$EXE" render --jobs "$jobs" --out "$res" --quiet > "$OUT/j1.txt" || fail "job 1 (Slurm) failed"
env -u SLURM_ARRAY_TASK_ID JOB_COMPLETION_INDEX=2 "$EXE" render --jobs "$jobs" --out "$res" --quiet > "$OUT/j2.txt" \
  || fail "job 2 (Kubernetes) failed"
grep -q "^job 1: rendering .*tiny.gif" "$OUT/j1.txt" || fail "SLURM_ARRAY_TASK_ID did not pick job 1"
grep -q "^job 2: rendering .*frames" "$OUT/j2.txt" || fail "JOB_COMPLETION_INDEX did not pick job 2"
# The video stream only: an MP4 with chapters also carries a chapter text track.
[ "$("$FFPROBE" -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames -of csv=p=0 "$res/tiny.mp4")" = 4 ] \
  || fail "tiny.mp4 should have 4 frames"
[ "$("$FFPROBE" -v error -show_entries stream=codec_name -of csv=p=0 "$res/tiny.gif")" = gif ] || fail "tiny.gif is no GIF"
[ "$(ls "$res/frames" | grep -c '\.png$')" = 2 ] || fail "frames/ should hold 2 PNGs"
for f in tiny.mp4 tiny.gif frames; do
  [ -s "$res/$f.manifest.json" ] || fail "no manifest for $f"
  [ -s "$res/$f.job.json" ] || fail "no job stamp for $f"
done
ls "$res" | grep -q partial && fail "a temporary file was left behind"
# A rerun of the whole array skips every job and touches nothing.
before=$(ls -l --time-style=full-iso "$res")
for i in 0 1 2; do
  "$EXE" render --jobs "$jobs" --out "$res" --job-index $i --quiet > "$OUT/r$i.txt" || fail "rerun $i failed"
  grep -q "^job $i: .* is up to date (skipped)" "$OUT/r$i.txt" || fail "rerun of job $i did not skip: $(cat "$OUT/r$i.txt")"
done
[ "$before" = "$(ls -l --time-style=full-iso "$res")" ] || fail "a skipped job changed the output folder"
# A damaged output is rendered again; so is a job whose arguments changed.
printf 'x' >> "$res/tiny.mp4"
"$EXE" render --jobs "$jobs" --out "$res" --job-index 0 --quiet > "$OUT/d0.txt" || fail "re-render failed"
grep -q "^job 0: rendering" "$OUT/d0.txt" || fail "a damaged output was not rendered again"
sed 's/"0.25"/"0.5"/' "$jobs" > "$OUT/jobs2.json"
"$EXE" render --jobs "$OUT/jobs2.json" --out "$res" --job-index 2 --quiet > "$OUT/c2.txt" || fail "changed job failed"
grep -q "^job 2: rendering" "$OUT/c2.txt" || fail "a changed job was skipped"
[ "$(ls "$res/frames" | grep -c '\.png$')" = 4 ] || fail "changed job should write 4 PNGs"
# Errors: an index out of range is a usage error (2); a malformed file is FILE:LINE: error (1).
set +e
"$EXE" render --jobs "$jobs" --out "$res" --job-index 3 2> "$OUT/e1.txt"; rc=$?
[ $rc = 2 ] || fail "index out of range: exit $rc, expected 2"
grep -q "job index 3 is out of range: .* has 3 jobs" "$OUT/e1.txt" || fail "out-of-range message: $(cat "$OUT/e1.txt")"
printf '[\n  {"scenario": "x", "out": "y", "args": ["--out", "z"]},\n  {"out": "w"}\n]\n' > "$OUT/bad.json"
"$EXE" render --jobs "$OUT/bad.json" --job-index 0 2> "$OUT/e2.txt"; rc=$?
[ $rc = 1 ] || fail "malformed jobs file: exit $rc, expected 1"
grep -q "bad.json:2: error: \"--out\" is set by the job itself" "$OUT/e2.txt" || fail "no FILE:LINE for --out: $(cat "$OUT/e2.txt")"
grep -q "bad.json:3: error: .*scenario" "$OUT/e2.txt" || fail "no FILE:LINE for the missing scenario: $(cat "$OUT/e2.txt")"
printf '[{"scenario": ' > "$OUT/trunc.json"
"$EXE" render --jobs "$OUT/trunc.json" --job-index 0 2> "$OUT/e3.txt"; rc=$?
[ $rc = 1 ] || fail "truncated jobs file: exit $rc, expected 1"
grep -q "trunc.json:1:[0-9]*: error: " "$OUT/e3.txt" || fail "truncated file message: $(cat "$OUT/e3.txt")"
env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX "$EXE" render --jobs "$jobs" 2> "$OUT/e4.txt"; rc=$?
[ $rc = 2 ] || fail "no index: exit $rc, expected 2"
echo "render_jobs: ok"
