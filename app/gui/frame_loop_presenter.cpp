// The frame loop's presenter view steps: opening and closing its window, the next beat's thumbnail
// (rendered in the main context, shown in the presenter's as a shared texture), and drawing it.
#include "app/gui/frame_loop.h"

#include "core/tour.h"
#include "render/frame_overlay.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <ctime>
#include <iostream>

namespace buildout {

void FrameLoop::syncPresenterWindow() {
    if (presenter_ && presenter_->closeRequested()) ui_.presenterView = false;
    if (!ui_.presenterView) {
        presenter_.reset();
        return;
    }
    if (presenter_) return;
    const WindowPlacement place = placeWindows(monitorRects(), options_.monitor);
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window_, &sx, &sy);
    try {
        presenter_ = std::make_unique<PresenterWindow>(window_, inbox_.keys, place.presenter,
                                                       place.presenterBorderless, std::max(sx, 1.0f));
    } catch (const std::exception& e) {
        ui_.presenterView = false;
        ui_.status = e.what();
        std::cerr << "buildout: " << e.what() << "\n";
    }
    thumbnailBeat_ = -2; // a fresh window: render its thumbnail now
}

int FrameLoop::currentTourBeat() const {
    const TourPlayer& p = tourEditor_.player;
    return p.playing() ? evaluateTour(p.tour(), p.seconds()).beat : -1;
}

void FrameLoop::renderNextBeatThumbnail() {
    // The next beat as the audience will see it, at 640x360: re-rendered when the next beat changes and
    // every half second or so (layers may change), not every frame (it is a second map render).
    if (!ui_.scenario || !ui_.totals) return;
    const bool touring = tourEditor_.player.playing();
    const auto& events = ui_.scenario->manifest.events;
    const int next = (touring ? currentTourBeat() : ui_.beat) + 1;
    const int count =
        touring ? static_cast<int>(tourEditor_.player.tour().beats.size()) : static_cast<int>(events.size());
    if (next < 0 || next >= count) return;
    const int key = touring ? -10 - next : next; // the tour's beats and the events never share a key
    if (thumbnail_ && key == thumbnailBeat_ && ++thumbnailAge_ < 30) return;
    thumbnailBeat_ = key;
    thumbnailAge_ = 0;
    constexpr int kW = 640, kH = 360;
    if (!thumbnail_) thumbnail_ = std::make_unique<OffscreenTarget>(kW, kH, 4);
    const double aspect = static_cast<double>(kW) / kH;
    FrameSpec spec;
    OverlayOptions o; // the next beat's caption, never its notes: they are the presenter's
    if (touring) {
        // The tour was resolved for the audience's aspect: the same 16:9 framing at thumbnail size.
        const ExportFrame f = tourEditor_.player.holdFrame(next);
        spec = f.spec;
        o.captionTitle = f.captionTitle, o.caption = f.captionText;
    } else {
        const ScenarioEvent& e = events[static_cast<std::size_t>(next)];
        spec.time = e.date;
        spec.settings = ui_.map;
        spec.camera = withHorizontalInsets(beatCamera(*ui_.scenario, e, aspect, renderer_.mapFrame()), aspect,
                                           0.08, 0.05);
        o.captionTitle = e.title, o.caption = e.text;
    }
    spec.pixelScale = static_cast<float>(kH) / 1080.0f;
    thumbnail_->bindForDrawing();
    if (ui_.comparing()) {
        compositor_.draw(renderer_, rendererB_, ui_.compare.view, spec, kW, kH, 4);
    } else {
        renderer_.clearDiffColors();
        renderer_.draw(spec, kW, kH);
        drawFrameOverlay(renderer_, *ui_.totals, spec, o, kW, kH);
    }
    thumbnail_->resolveForSharing();
}

void FrameLoop::drawPresenterWindow(double now) {
    const bool touring = tourEditor_.player.playing();
    const int tourBeat = currentTourBeat();
    presenterClock_.update(ui_.presenting, touring ? tourBeat : ui_.beat, now);
    if (!presenter_) return;
    const PresenterView view = makePresenterView(ui_, presenterClock_, now, std::time(nullptr),
                                                 touring ? &tourEditor_.player.tour() : nullptr, tourBeat);
    const PresenterActions act =
        presenter_->draw(view, thumbnail_ ? thumbnail_->texture() : 0u, 16.0f / 9.0f);
    if (act.jumpTo >= 0) presenterJump_ = act.jumpTo;
    if (act.resetTimers) presenterClock_.reset(now);
}

} // namespace buildout
