// The export job under faults, GL side (headless EGL, llvmpipe is enough): cancelled at several frame
// indexes, and with an encoder that fails, for MP4, ProRes MOV and a PNG folder. Each run must end
// Cancelled/Failed with a message, leave nothing under the final name and no temporary file in the
// folder, and leave no thread (the writer, ffmpeg's stderr reader) and no child process (ffmpeg) behind.
#include "app/export/export_job.h"
#include "core/scenario_loader.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <unistd.h>

using namespace buildout;
namespace fs = std::filesystem;

namespace {

/// Threads of this process (/proc/self/task).
int threadCount() {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

/// Live (not zombie: zombies are reaped children too late) and zombie children of this process, from
/// /proc/PID/stat's fourth field. A reaped child is in neither.
int childCount() {
    int n = 0;
    const std::string self = std::to_string(::getpid());
    for (const auto& e : fs::directory_iterator("/proc")) {
        const std::string pid = e.path().filename().string();
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream in(e.path() / "stat");
        std::string line;
        if (!std::getline(in, line)) continue;
        const std::size_t close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 2));
        std::string state, ppid;
        rest >> state >> ppid;
        if (ppid == self) ++n;
    }
    return n;
}

/// Anything in `dir` whose name says it is a temporary output.
std::vector<std::string> temporaries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().filename().string().find("partial") != std::string::npos)
            out.push_back(e.path().string());
    return out;
}

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(BUILDOUT_TEST_OUT_DIR) / "faults" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::shared_ptr<const Scenario> demoTiny() {
    LoadResult r = loadScenario(BUILDOUT_SOURCE_DIR "/data/scenarios/demo-tiny");
    REQUIRE(r.scenario);
    return r.scenario;
}

ExportSettings smallExport(const fs::path& dir, ExportFormat format) {
    ExportSettings s;
    s.format = format;
    s.output = (dir / (format == ExportFormat::Mp4      ? "v.mp4"
                       : format == ExportFormat::ProRes ? "v.mov"
                                                        : "frames"))
                   .string();
    s.width = 160;
    s.height = 90;
    s.fps = 24;
    s.durationSeconds = 2; // 48 frames
    s.from = 0;
    s.to = 3650;
    s.transparent = format == ExportFormat::ProRes;
    s.manifestPath = (dir / "m.json").string();
    return s;
}

const char* formatLabel(ExportFormat f) {
    return f == ExportFormat::Mp4 ? "mp4" : f == ExportFormat::ProRes ? "mov" : "png";
}

} // namespace

TEST_CASE("Export cancelled at random frames leaves no file, thread or process", "[export][gl][faults]") {
    const std::shared_ptr<const Scenario> scenario = demoTiny();
    // Frame indexes: the first, the last, and some drawn from a fixed seed (the same every run).
    std::mt19937 rng(13);
    std::vector<int> cancelAt = {0, 47};
    for (int i = 0; i < 3; ++i)
        cancelAt.push_back(std::uniform_int_distribution<int>(1, 46)(rng));
    const int threadsBefore = threadCount();
    for (ExportFormat format : {ExportFormat::Mp4, ExportFormat::ProRes, ExportFormat::PngSequence})
        for (int at : cancelAt) {
            const fs::path dir =
                scratch(std::string("cancel-") + formatLabel(format) + "-" + std::to_string(at));
            const ExportSettings s = smallExport(dir, format);
            ExportProgress progress;
            // onFrame runs on the render thread after frame `rendered - 1` is read back.
            const ExportResult r = runExport(s, scenario, progress, [&] {
                if (progress.rendered - 1 == at) progress.cancel = true;
            });
            INFO(formatLabel(format) << ", cancelled at frame " << at << ": " << r.message);
            CHECK(r.status == ExportResult::Status::Cancelled);
            CHECK(r.message.find("nothing was written") != std::string::npos);
            CHECK_FALSE(fs::exists(s.output));
            CHECK_FALSE(fs::exists(s.manifestPath));
            CHECK_FALSE(fs::exists(captionsPath(s.output, format)));
            CHECK(temporaries(dir).empty());
            CHECK(childCount() == 0);
            CHECK(threadCount() == threadsBefore);
        }
}

TEST_CASE("Export with a failing or missing encoder leaves no file, thread or process",
          "[export][gl][faults]") {
    const std::shared_ptr<const Scenario> scenario = demoTiny();
    const int threadsBefore = threadCount();
    for (ExportFormat format : {ExportFormat::Mp4, ExportFormat::ProRes})
        for (const char* encoder : {"/bin/false", "/no/such/ffmpeg"}) {
            const fs::path dir = scratch(std::string("encoder-") + formatLabel(format));
            ExportSettings s = smallExport(dir, format);
            s.ffmpeg = encoder;
            ExportProgress progress;
            const ExportResult r = runExport(s, scenario, progress);
            INFO(formatLabel(format) << " with " << encoder << ": " << r.message);
            CHECK(r.status == ExportResult::Status::Failed);
            CHECK_FALSE(r.message.empty());
            CHECK_FALSE(fs::exists(s.output));
            CHECK_FALSE(fs::exists(s.manifestPath));
            CHECK(temporaries(dir).empty());
            CHECK(childCount() == 0);
            CHECK(threadCount() == threadsBefore);
        }
}
