#!/usr/bin/env python3
"""Runs every command the README shows, so none of them can rot.

Every ```sh block of README.md (or $DOC) must follow a marker line:
  <!-- readme-test: run -->    each line is run (bash, in a scratch folder, `buildout` on PATH is the
                               build's executable) and must exit 0 without an "error:" line
  <!-- readme-test: gui -->    each line opens the app: run under xvfb-run with `--frames 3` added
  <!-- readme-test: check -->  each line is `bash SCRIPT ...`: the script must exist and parse (bash -n);
                               these set up and build the project, which the test suite itself is
  <!-- readme-test: file NAME --> the next block (any language) is written to NAME before anything runs
A ```sh block without a marker fails the test. Env: EXE, SRC, OUT.
"""
import os, re, shutil, subprocess, sys

exe, src, out = os.environ["EXE"], os.environ["SRC"], os.environ["OUT"]
doc = os.environ.get("DOC", "README.md")  # the Markdown file whose commands are run
min_commands = int(os.environ.get("MIN_COMMANDS", "10"))  # fewer found means the markers broke
readme = os.path.join(src, doc)
lines = open(readme, encoding="utf-8").read().split("\n")
blocks = []  # (marker, arg, first line number, [lines])
marker, arg, i = None, None, 0
while i < len(lines):
    m = re.match(r"<!-- readme-test: (\w+)(?: (\S+))? -->$", lines[i].strip())
    if m:
        marker, arg = m.group(1), m.group(2)
    elif lines[i].startswith("```") and len(lines[i]) > 3:
        lang, start, body = lines[i][3:].strip(), i + 1, []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i]); i += 1
        if marker is None and lang == "sh":
            sys.exit(f"{doc}:{start}: error: a sh block without a <!-- readme-test: ... --> marker")
        if marker is not None:
            blocks.append((marker, arg, start, body))
        marker = None
    elif lines[i].strip():
        marker = marker if lines[i].startswith("<!--") else None
    i += 1

shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, "bin")); os.makedirs(os.path.join(out, "docs", "images"))
os.symlink(exe, os.path.join(out, "bin", "buildout"))
os.symlink(os.path.join(src, "data"), os.path.join(out, "data"))
env = dict(os.environ, PATH=os.path.join(out, "bin") + os.pathsep + os.environ["PATH"],
           XDG_CONFIG_HOME=os.path.join(out, "xdg"))
failures, ran = [], 0
for marker, arg, start, body in blocks:
    if marker == "file":
        os.makedirs(os.path.dirname(os.path.join(out, arg)), exist_ok=True)
        open(os.path.join(out, arg), "w").write("\n".join(body) + "\n")
for marker, arg, start, body in blocks:
    for n, cmd in enumerate(body):
        cmd = cmd.split(" #")[0].strip()
        if not cmd or marker == "file":
            continue
        where = f"{doc}:{start + n + 1}"
        if marker == "check":
            script = os.path.join(src, cmd.split()[1])
            r = subprocess.run(["bash", "-n", script], capture_output=True, text=True)
        elif marker == "gui":
            if not shutil.which("xvfb-run"):
                print(f"{where}: skipped (no xvfb-run): {cmd}"); continue
            r = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", cmd + " --frames 3"],
                               cwd=out, env=env, capture_output=True, text=True, timeout=240)
        elif marker == "run":
            r = subprocess.run(["bash", "-c", cmd], cwd=out, env=env, capture_output=True, text=True, timeout=240)
        else:
            sys.exit(f"{doc}:{start}: error: unknown marker '{marker}'")
        ran += 1
        text = r.stdout + r.stderr
        if r.returncode != 0 or re.search(r"(^|: )error:", text, re.M):
            failures.append(f"{where}: error: `{cmd}` exited {r.returncode}:\n{text[-1500:]}")
        else:
            print(f"{where}: ok: {cmd}")
for f in failures:
    print(f, file=sys.stderr)
if ran < min_commands:
    sys.exit(f"only {ran} commands found in {doc}; the markers are broken")
print(f"readme_commands: {ran} commands, {len(failures)} failed")
sys.exit(1 if failures else 0)
