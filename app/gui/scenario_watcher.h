// Loads scenarios on a worker thread (the UI never blocks) and notices when their files change on disk.
#pragma once

#include "core/scenario_loader.h"
#include "core/totals_timeline.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace buildout {

struct PreparedScenario;

/// A finished load with what the UI would otherwise compute on its own thread when it arrives.
struct LoadedScenario {
    LoadResult load;
    std::unique_ptr<TotalsTimeline> totals; ///< the national totals over time; null when the load failed
    /// The map's CPU preparation (MapRenderer::prepareScenario), when start() was given a hook.
    std::shared_ptr<PreparedScenario> prepared;
};

/// Runs on the loader's worker after a successful load: what the renderer would otherwise compute in the
/// frame that takes the scenario. Must not touch GL or the UI's state (it captures what it needs).
using PrepareHook = std::function<std::shared_ptr<PreparedScenario>(std::shared_ptr<const Scenario>)>;

class AsyncScenarioLoader {
public:
    ~AsyncScenarioLoader();
    /// Starts loading `path` on a worker at lowered priority (a previous load still running is left to
    /// finish and its result dropped); the worker also builds the scenario's TotalsTimeline, and runs
    /// `prepare` (if any) on the loaded scenario.
    void start(const std::string& path, PrepareHook prepare = {});
    bool busy() const { return busy_.load(); }
    const std::string& pendingPath() const { return path_; }
    /// The finished result, once; nullopt while loading or when nothing was started.
    std::optional<LoadedScenario> take();

private:
    std::thread worker_;
    std::atomic<bool> busy_{false};
    std::mutex mutex_;
    std::optional<LoadedScenario> result_;
    std::string path_;
    std::uint64_t generation_ = 0;
};

/// Remembers the modification times of a scenario's files; changed() is true after any of them changes.
class FileWatcher {
public:
    void watch(const std::vector<std::string>& files);
    bool changed();

private:
    std::vector<std::pair<std::string, std::filesystem::file_time_type>> stamps_;
};

} // namespace buildout
