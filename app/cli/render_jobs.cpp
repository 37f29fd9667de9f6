// The batch entry point of `buildout render` (see render_jobs.h and docs/deploy.md).
#include "app/cli/render_jobs.h"

#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "core/json_document.h"
#include "core/scenario_loader.h"
#include "core/tour.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

namespace buildout {

namespace fs = std::filesystem;

namespace {

bool readText(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    return !in.bad();
}

/// fnv1a64 of a file's bytes, or of a folder's file names and sizes (a PNG sequence); 0 when missing.
std::uint64_t outputHash(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<std::string> entries;
        for (const auto& e : fs::directory_iterator(path, ec))
            entries.push_back(e.path().filename().string() + ":" + std::to_string(e.file_size(ec)));
        std::sort(entries.begin(), entries.end());
        std::uint64_t h = fnv1a64("dir", 3);
        for (const std::string& e : entries)
            h = fnv1a64(e.data(), e.size(), h);
        return h;
    }
    std::string bytes;
    if (!fs::is_regular_file(path, ec) || !readText(path, bytes)) return 0;
    return fnv1a64(bytes.data(), bytes.size());
}

/// Writes `text` to `path` through a temporary name and a rename; false when any step fails.
bool writeAtomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".partial";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) fs::remove(tmp, ec);
    return !ec;
}

/// The scenario hash the manifest recorded ("fnv1a64:..."), empty when unreadable.
std::string manifestScenarioHash(const std::string& manifestPath) {
    std::string text;
    if (!readText(manifestPath, text)) return {};
    const nlohmann::json m = nlohmann::json::parse(text, nullptr, false);
    if (!m.is_object() || !m.contains("scenario") || !m["scenario"].is_object()) return {};
    const auto& h = m["scenario"]["hash"];
    return h.is_string() ? h.get<std::string>() : std::string();
}

/// What the stamp records: the arguments, the scenario hash and the hashes of the files written.
nlohmann::json stampFor(const RenderJob& job, const std::string& scenarioHash) {
    return {{"format", "buildout-render-job"},
            {"version", 1},
            {"args", job.renderArgs()},
            {"scenario_hash", scenarioHash},
            {"output_hash", hex64(outputHash(job.out))},
            {"manifest_hash", hex64(outputHash(job.manifestPath()))}};
}

std::string resolveFrom(const fs::path& base, const std::string& p) {
    const fs::path path(p);
    return (path.is_absolute() ? path : base / path).lexically_normal().string();
}

/// One element of the jobs list; false (reported) when it is malformed.
bool readJob(const nlohmann::json& v, const std::string& pointer, JsonChecker& check, const fs::path& jobsDir,
             const fs::path& outDir, RenderJob& job) {
    if (!v.is_object()) {
        check.error(pointer, "a job must be an object {\"scenario\": DIR, \"out\": FILE, \"args\": [...]}");
        return false;
    }
    check.unknownKeys(v, pointer, {"scenario", "out", "args"}, "a job");
    std::string scenario, out;
    bool ok = check.string(v, pointer, "scenario", scenario, true);
    ok = check.string(v, pointer, "out", out, true) && ok;
    if (v.contains("args")) {
        const nlohmann::json& a = v["args"];
        if (!a.is_array()) {
            check.error(pointer + "/args", "\"args\" must be a list of strings");
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!a[i].is_string()) {
                check.error(pointer + "/args/" + std::to_string(i), "\"args\" must be a list of strings");
                return false;
            }
            const std::string s = a[i].get<std::string>();
            if (s == "--out" || s.rfind("--out=", 0) == 0 || s == "--manifest" ||
                s.rfind("--manifest=", 0) == 0 || s == "--jobs" || s.rfind("--jobs=", 0) == 0) {
                check.error(
                    pointer + "/args/" + std::to_string(i),
                    "\"" + s +
                        "\" is set by the job itself (use \"out\"); the manifest is OUT.manifest.json");
                return false;
            }
            job.args.push_back(s);
        }
    }
    if (!ok) return false;
    job.scenario = resolveFrom(jobsDir, scenario);
    job.out = resolveFrom(outDir, out);
    return true;
}

} // namespace

bool isRenderJobsInvocation(const std::vector<std::string>& renderArgs) {
    for (const std::string& a : renderArgs)
        if (a == "--jobs" || a.rfind("--jobs=", 0) == 0) return true;
    return false;
}

std::vector<std::string> RenderJob::renderArgs() const {
    std::vector<std::string> a = {scenario, "--out", out, "--manifest", manifestPath()};
    a.insert(a.end(), args.begin(), args.end());
    return a;
}

bool readRenderJobs(const std::string& jobsFile, const std::string& outDir, std::vector<RenderJob>& jobs) {
    std::string text;
    if (!readText(jobsFile, text)) {
        std::cerr << jobsFile << ": error: cannot read the jobs file\n";
        return false;
    }
    JsonDocument doc;
    JsonError err;
    if (!parseJsonDocument(text, doc, err)) {
        std::cerr << jobsFile << ":" << err.line << ":" << err.column << ": error: " << err.message << "\n";
        return false;
    }
    Diagnostics diag;
    JsonChecker check(doc, jobsFile, diag);
    const fs::path jobsDir = fs::path(jobsFile).parent_path();
    const fs::path outBase = outDir.empty() ? jobsDir : fs::path(outDir);
    if (!doc.root.is_array() || doc.root.empty()) {
        check.error("", "a jobs file is a non-empty JSON list of jobs");
    } else {
        for (std::size_t i = 0; i < doc.root.size(); ++i) {
            RenderJob job;
            if (readJob(doc.root[i], "/" + std::to_string(i), check, jobsDir, outBase, job))
                jobs.push_back(std::move(job));
        }
    }
    for (const Diagnostic& d : diag.items())
        std::cerr << formatDiagnostic(d) << "\n";
    return check.ok();
}

int resolveJobIndex(const std::optional<std::string>& given) {
    std::string text;
    std::string from = "--job-index";
    if (given) {
        text = *given;
    } else if (const char* s = std::getenv("SLURM_ARRAY_TASK_ID"); s && *s) {
        text = s, from = "$SLURM_ARRAY_TASK_ID";
    } else if (const char* k = std::getenv("JOB_COMPLETION_INDEX"); k && *k) {
        text = k, from = "$JOB_COMPLETION_INDEX";
    } else {
        throw UsageError("--jobs needs --job-index N (or $SLURM_ARRAY_TASK_ID / $JOB_COMPLETION_INDEX)");
    }
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < 0 || v > 1000000)
        throw UsageError(from + " must be a whole number >= 0, not '" + text + "'");
    return static_cast<int>(v);
}

bool renderJobIsDone(const RenderJob& job) {
    std::string text;
    if (!readText(job.stampPath(), text)) return false;
    const nlohmann::json stamp = nlohmann::json::parse(text, nullptr, false);
    if (!stamp.is_object()) return false;
    const std::string scenarioHash = manifestScenarioHash(job.manifestPath());
    if (scenarioHash.empty()) return false;
    // The scenario must still be the one rendered: its content hash is what the manifest recorded.
    const LoadResult loaded = loadScenario(job.scenario);
    if (!loaded.scenario || "fnv1a64:" + hex64(loaded.scenario->contentHash) != scenarioHash) return false;
    return stamp == stampFor(job, scenarioHash);
}

int runRenderJobs(const std::vector<std::string>& renderArgs, const RenderEntry& render) {
    const CliArgs args(renderArgs, {"jobs", "job-index", "out"}, {"quiet"});
    if (!args.positional().empty())
        throw UsageError("render --jobs takes no scenario folder (each job names its own)");
    const auto jobsFile = args.value("jobs");
    if (!jobsFile || jobsFile->empty()) throw UsageError("--jobs needs a JOBS.json file");
    const int index = resolveJobIndex(args.value("job-index"));
    const std::string outDir = args.value("out").value_or("");
    std::error_code ec;
    if (!outDir.empty() && !fs::is_directory(outDir, ec))
        throw std::runtime_error("output folder '" + outDir + "' does not exist");
    std::vector<RenderJob> jobs;
    if (!readRenderJobs(*jobsFile, outDir, jobs)) return kExitFailure;
    if (index >= static_cast<int>(jobs.size()))
        throw UsageError("job index " + std::to_string(index) + " is out of range: " + *jobsFile + " has " +
                         std::to_string(jobs.size()) + " jobs (0.." + std::to_string(jobs.size() - 1) + ")");
    const RenderJob& job = jobs[static_cast<std::size_t>(index)];
    if (renderJobIsDone(job)) {
        std::cout << "job " << index << ": " << job.out << " is up to date (skipped)\n";
        return kExitOk;
    }
    std::cout << "job " << index << ": rendering " << job.scenario << " to " << job.out << "\n";
    std::vector<std::string> argv = job.renderArgs();
    if (args.flag("quiet")) argv.push_back("--quiet");
    const int rc = render(argv);
    if (rc != kExitOk) return rc;
    const std::string scenarioHash = manifestScenarioHash(job.manifestPath());
    if (scenarioHash.empty() ||
        !writeAtomically(job.stampPath(), stampFor(job, scenarioHash).dump(1) + "\n")) {
        std::cerr << job.stampPath() << ": error: cannot write the job stamp (the render itself succeeded)\n";
        return kExitFailure;
    }
    std::cout << "job " << index << ": done\n";
    return kExitOk;
}

} // namespace buildout
