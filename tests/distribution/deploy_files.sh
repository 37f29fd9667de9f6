#!/bin/sh
# The deploy files parse: the sbatch script (bash -n) and the Kubernetes manifest (YAML, an Indexed Job
# whose command runs `render --jobs`), and the Containerfile installs through tools/install-deps.sh.
# Nothing here talks to Slurm or Kubernetes (neither is available to CI). Env: SRC.
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$SRC/deploy"
bash -n slurm/render-array.sbatch || fail "render-array.sbatch does not parse"
grep -q -- '--job-index "${SLURM_ARRAY_TASK_ID}"' slurm/render-array.sbatch || fail "sbatch does not pass the array index"
/usr/bin/python3 - <<'PY' || fail "render-job.yaml"
import yaml, sys
docs = list(yaml.safe_load_all(open("kubernetes/render-job.yaml")))
job = docs[0]
assert job["kind"] == "Job" and job["spec"]["completionMode"] == "Indexed", "not an Indexed Job"
c = job["spec"]["template"]["spec"]["containers"][0]
assert c["command"][:3] == ["buildout", "render", "--jobs"], c["command"]
assert "nvidia.com/gpu" in c["resources"]["limits"], "no GPU resource"
assert job["spec"]["template"]["spec"]["volumes"][0]["persistentVolumeClaim"], "no shared volume"
PY
grep -q '^FROM docker.io/library/debian:12' Containerfile || fail "Containerfile is not on Debian 12"
grep -q 'tools/install-deps.sh' Containerfile || fail "Containerfile does not use tools/install-deps.sh"
echo "deploy_files: ok"
