// The frame loop's comparison: opening a second scenario (B), replacing it, closing it. B is loaded and
// its map prepared on the comparison loader's worker, then copied to rendererB_ a few buffers a frame;
// the colours of both maps, ranked over both scenarios' operators, are re-prepared on a worker and copied
// the same way. No frame prepares or uploads a whole scenario: at 100k campuses each took 0.4 s, and
// opening a comparison froze the window for 0.45-0.6 s (docs/benchmarks.md). --screenshot keeps it all
// in one frame, so that its picture does not depend on timing.
#include "app/gui/frame_loop.h"

#include "app/gui/panels.h"
#include "core/background_thread.h"

#include <chrono>
#include <iostream>
#include <vector>

namespace buildout {

PrepareHook FrameLoop::compareHook() const {
    return [a = ui_.scenario, threshold = rendererB_.clusterThreshold()](std::shared_ptr<const Scenario> b) {
        return MapRenderer::prepareScenario(std::move(b), a.get(), threshold);
    };
}

void FrameLoop::takeComparisonScenario() {
    if (auto loaded = compareLoader_.take()) {
        if (!loaded->load.scenario) {
            ui_.loadErrors = formatProblems(loaded->load.diagnostics);
            ui_.status = compareLoader_.pendingPath() + " (comparison)";
            return;
        }
        arrivingBPath_ = compareLoader_.pendingPath();
        arrivingBRankedWith_ = compareStartedWith_;
        arrivingB_ = std::move(loaded);
        startRerank(rerankB_, nullptr, nullptr, rendererB_); // superseded by the arriving B
        if (syncComparison_ || !arrivingB_->prepared) {
            rendererB_.setScenario(arrivingB_->load.scenario, ui_.scenario.get());
            arrivingBRankedWith_ = ui_.scenario;
            finishComparisonArrival();
            if (ui_.scenario) renderer_.setScenario(ui_.scenario, ui_.compare.scenario.get());
        } else {
            rendererB_.beginPreparedScenario(arrivingB_->prepared, arrivingBRankedWith_.get());
        }
    }
    if (arrivingB_ && rendererB_.uploadPending(kUploadBudgetMs)) finishComparisonArrival();
    advanceRerank(rerankA_, renderer_, ui_.scenario.get(), uploading_.has_value());
    advanceRerank(rerankB_, rendererB_, ui_.compare.scenario.get(), arrivingB_.has_value());
}

void FrameLoop::finishComparisonArrival() {
    LoadedScenario loaded = std::move(*arrivingB_);
    arrivingB_.reset();
    // The replaced comparison (and B's prepared arrays, in GL buffers now) are freed on a worker.
    retireScenario(std::move(ui_.compare.scenario), std::move(ui_.compare.totals),
                   std::move(loaded.prepared));
    ui_.compare.scenario = loaded.load.scenario;
    ui_.compare.hoveredB.reset();
    ui_.compare.selectedB.reset();
    ui_.compare.path = arrivingBPath_;
    ui_.compare.totals = std::move(loaded.totals);
    if (!syncComparison_) {
        // B was ranked with the A shown when its load started: again if A has changed since. A's colours
        // are ranked with B's operators.
        if (arrivingBRankedWith_ != ui_.scenario)
            startRerank(rerankB_, ui_.compare.scenario, ui_.scenario, rendererB_);
        if (ui_.scenario) startRerank(rerankA_, ui_.scenario, ui_.compare.scenario, renderer_);
    }
    arrivingBRankedWith_.reset();
    chart_ = makeTimelineChart(ui_); // the cursor's range is now the common one
    ui_.playback.time = ui_.clampTime(ui_.playback.time);
    ui_.status = "Comparing with " + ui_.compare.scenario->manifest.title;
    if (soak_) std::cerr << "soak: " << ui_.status << "\n"; // bench/soak.sh checks that comparisons arrive
    pendingFit_ = true; // framed for one map's width (half of it side by side)
}

void FrameLoop::closeComparison() {
    ui_.compare.closeRequested = false;
    arrivingB_.reset();
    arrivingBRankedWith_.reset();
    startRerank(rerankB_, nullptr, nullptr, rendererB_);
    std::shared_ptr<const Scenario> closed = std::move(ui_.compare.scenario);
    std::unique_ptr<TotalsTimeline> closedTotals = std::move(ui_.compare.totals);
    ui_.compare.hoveredB.reset();
    ui_.compare.selectedB.reset();
    ui_.compare.path.clear();
    rendererB_.setScenario(nullptr);
    if (ui_.scenario) { // A's colours ranked over A alone again
        if (syncComparison_)
            renderer_.setScenario(ui_.scenario);
        else
            startRerank(rerankA_, ui_.scenario, nullptr, renderer_);
    }
    renderer_.clearDiffColors();
    chart_ = makeTimelineChart(ui_);
    pendingFit_ = true;
    retireScenario(std::move(closed), std::move(closedTotals), nullptr); // B's memory, on a worker
}

void FrameLoop::startRerank(PaletteRerank& r, std::shared_ptr<const Scenario> s,
                            std::shared_ptr<const Scenario> with, const MapRenderer& renderer) {
    // A future of std::async waits for its task when destroyed: a superseded one is kept until done.
    if (r.preparing.valid()) staleReranks_.push_back(std::move(r.preparing));
    r = PaletteRerank{};
    if (!s) return;
    r.scenario = s;
    r.with = with;
    r.preparing = std::async(std::launch::async, [s, with, threshold = renderer.clusterThreshold()] {
        lowerThisThreadPriority();
        return MapRenderer::prepareScenario(s, with.get(), threshold);
    });
}

void FrameLoop::advanceRerank(PaletteRerank& r, MapRenderer& renderer, const Scenario* shown, bool busy) {
    using namespace std::chrono_literals;
    std::erase_if(staleReranks_, [](auto& f) { return f.wait_for(0s) == std::future_status::ready; });
    if (!r.active()) return;
    if (r.scenario.get() != shown) { // the renderer shows another scenario now: nothing to re-rank
        startRerank(r, nullptr, nullptr, renderer);
        return;
    }
    if (busy) return; // another upload owns the renderer this frame
    if (!r.begun) {
        if (r.preparing.wait_for(0s) != std::future_status::ready) return;
        renderer.beginPreparedScenario(r.preparing.get(), r.with.get());
        r.begun = true;
    }
    if (renderer.uploadPending(kUploadBudgetMs)) r = PaletteRerank{};
}

} // namespace buildout
