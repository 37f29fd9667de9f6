#!/usr/bin/env python3
"""The bundled scenarios are reproducible: tools/scenarios/build_scenarios.py, run into a temporary
folder from the reference, writes byte-identical copies of every file in data/scenarios/ (and no other).

usage: check_rebuild.py REPO_ROOT REFERENCE_DIR
"""
import filecmp
import os
import subprocess
import sys
import tempfile

repo, reference = sys.argv[1:3]
bundled = os.path.join(repo, "data", "scenarios")
with tempfile.TemporaryDirectory() as out:
    subprocess.run([sys.executable, os.path.join(repo, "tools", "scenarios", "build_scenarios.py"),
                    "--reference", reference, "--out", out], check=True, stdout=subprocess.DEVNULL)
    failures = []
    for sid in sorted(os.listdir(out)):
        built = sorted(os.listdir(os.path.join(out, sid)))
        have = sorted(os.listdir(os.path.join(bundled, sid))) if os.path.isdir(os.path.join(bundled, sid)) else []
        if built != have:
            failures.append(f"{sid}: files differ: built {built}, bundled {have}")
        for name in built:
            a, b = os.path.join(out, sid, name), os.path.join(bundled, sid, name)
            if not os.path.exists(b) or not filecmp.cmp(a, b, shallow=False):
                failures.append(f"{sid}/{name}: rebuilt file differs from the bundled one")
    print(f"rebuilt {len(os.listdir(out))} scenarios from {reference}")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)
