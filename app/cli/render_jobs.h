// `buildout render --jobs JOBS.json [--job-index N] [--out DIR]`: one job of a batch of renders, as a
// cluster scheduler runs them (a Slurm job array, a Kubernetes Indexed Job; see docs/deploy.md).
//
// JOBS.json is a JSON list; each element is one render:
//   {"scenario": "scenarios/us-announced", "out": "us-720p.mp4", "args": ["--preset", "720p"]}
// Relative `scenario` paths are taken from the jobs file's folder, relative `out` paths from the output
// folder (--out DIR, else the jobs file's folder). N is --job-index, else $SLURM_ARRAY_TASK_ID, else
// $JOB_COMPLETION_INDEX (0-based). Each job also writes OUT.manifest.json and a stamp OUT.job.json (all
// via temporary names and renames); a job whose stamp, output and manifest still match what it would
// write is skipped, so rerunning the array resumes it.
//
// Kept apart from the option parser on purpose: the CLI is being moved to CLI11, and this entry point
// needs only "run `render` with these arguments" from it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace buildout {

/// `buildout render ARGS`: the single-render entry point the jobs runner calls.
using RenderEntry = std::function<int(const std::vector<std::string>&)>;

/// True when the render arguments ask for a batch job (`--jobs` or `--jobs=...`).
bool isRenderJobsInvocation(const std::vector<std::string>& renderArgs);

/// One render job from a jobs file, resolved.
struct RenderJob {
    std::string scenario;          ///< the scenario folder (resolved)
    std::string out;               ///< the output (resolved)
    std::vector<std::string> args; ///< the other render options, as given
    /// The full argument list handed to `render` (scenario, --out, --manifest, args...).
    std::vector<std::string> renderArgs() const;
    std::string manifestPath() const { return out + ".manifest.json"; }
    std::string stampPath() const { return out + ".job.json"; }
};

/// Reads JOBS.json. False with FILE:LINE: error lines on stderr when it is malformed.
bool readRenderJobs(const std::string& jobsFile, const std::string& outDir, std::vector<RenderJob>& jobs);

/// The job index: `given` if set, else $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX. Throws
/// UsageError when none is set or the value is not a whole number >= 0.
int resolveJobIndex(const std::optional<std::string>& given);

/// True when the job's stamp records these arguments and the output and manifest it recorded are still
/// there, unchanged.
bool renderJobIsDone(const RenderJob& job);

/// Runs the batch entry point: reads the options (throws UsageError), skips or runs the job, writes its
/// stamp. Returns the exit code.
int runRenderJobs(const std::vector<std::string>& renderArgs, const RenderEntry& render);

} // namespace buildout
