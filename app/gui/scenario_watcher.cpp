// Worker-thread loading and file change detection.
#include "app/gui/scenario_watcher.h"

#include "core/background_thread.h"

namespace buildout {

AsyncScenarioLoader::~AsyncScenarioLoader() {
    if (worker_.joinable()) worker_.join();
}

void AsyncScenarioLoader::start(const std::string& path, PrepareHook prepare) {
    if (worker_.joinable()) worker_.join(); // loads are short; the previous one finishes first
    std::uint64_t gen;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        result_.reset();
        path_ = path;
        gen = ++generation_;
    }
    busy_ = true;
    worker_ = std::thread([this, path, gen, prepare = std::move(prepare)] {
        lowerThisThreadPriority(); // the frame loop keeps the CPU it needs while this runs
        LoadedScenario r{loadScenario(path), nullptr,
                         nullptr}; // the core is thread-safe: own GDAL/PROJ state per call
        // The totals take hundreds of ms at 100k campuses: built here, not in the frame that takes them.
        if (r.load.scenario) r.totals = std::make_unique<TotalsTimeline>(*r.load.scenario);
        // The map's instance arrays too (about 1 s at 100k campuses): the UI thread then only copies them.
        if (r.load.scenario && prepare) r.prepared = prepare(r.load.scenario);
        std::lock_guard<std::mutex> lock(mutex_);
        if (gen == generation_) result_ = std::move(r);
        busy_ = false;
    });
}

std::optional<LoadedScenario> AsyncScenarioLoader::take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<LoadedScenario> r = std::move(result_);
    result_.reset();
    return r;
}

void FileWatcher::watch(const std::vector<std::string>& files) {
    stamps_.clear();
    for (const auto& f : files) {
        std::error_code ec;
        stamps_.emplace_back(f, std::filesystem::last_write_time(f, ec));
    }
}

bool FileWatcher::changed() {
    bool any = false;
    for (auto& [file, stamp] : stamps_) {
        std::error_code ec;
        const auto now = std::filesystem::last_write_time(file, ec);
        if (!ec && now != stamp) {
            stamp = now;
            any = true;
        }
    }
    return any;
}

} // namespace buildout
