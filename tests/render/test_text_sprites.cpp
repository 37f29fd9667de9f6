// Text sprites (render/text_sprite_atlas.h): a text drawn again is copied from a picture drawn once, and
// the copy equals the text drawn directly up to 8-bit rounding, wherever the text moves by whole pixels.
#include "render/overlay_painter.h"

#include "core/image.h"
#include "render/headless_context.h"
#include "render/offscreen_target.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string>

using namespace buildout;

namespace {

/// Largest difference of any channel of any pixel.
int maxDifference(const Image& a, const Image& b) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    int worst = 0;
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x)
            for (int c = 0; c < 4; ++c)
                worst = std::max(worst, std::abs(int(a.pixel(x, y)[c]) - int(b.pixel(x, y)[c])));
    return worst;
}

/// Pixels with a channel that differs by more than `threshold`.
int differingPixels(const Image& a, const Image& b, int threshold) {
    int n = 0;
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x)
            for (int c = 0; c < 4; ++c)
                if (std::abs(int(a.pixel(x, y)[c]) - int(b.pixel(x, y)[c])) > threshold) {
                    ++n;
                    break;
                }
    return n;
}

/// Pixels that differ from the background colour of drawFrame (how much was drawn).
int inkedPixels(const Image& img) {
    int n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (std::abs(int(img.pixel(x, y)[0]) - 40) > 8) ++n;
    return n;
}

/// Clears the target to a dark grey and draws `queue` with one flush; returns the pixels.
Image drawFrame(OffscreenTarget& target, OverlayPainter& painter, const std::function<void()>& queue) {
    target.bindForDrawing();
    glClearColor(40 / 255.0f, 40 / 255.0f, 40 / 255.0f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    queue();
    painter.flush(target.width(), target.height());
    return target.readback();
}

/// Texts of the kinds the overlays draw: small and large, haloed and not, several lines, every anchor
/// kind, at fractional positions, over and under shapes.
void queueSampleTexts(OverlayPainter& p, glm::vec2 shift) {
    TextStyle label;
    label.sizePx = 13;
    label.haloPx = 2.5f;
    label.color = {0.95f, 0.96f, 1.0f, 1.0f};
    TextStyle title;
    title.sizePx = 34;
    title.weight = FontWeight::Bold;
    TextStyle tinted;
    tinted.sizePx = 19;
    tinted.color = {0.9f, 0.7f, 0.2f, 0.8f};
    tinted.halo = {0.1f, 0.0f, 0.2f, 0.6f};
    tinted.haloPx = 4;
    p.rect(glm::vec2(30, 40) + shift, glm::vec2(220, 120) + shift, {0.2f, 0.4f, 0.8f, 0.7f}, 6);
    p.text("Stargate Abilene\n1.2 GW operating", glm::vec2(40.25f, 50.5f) + shift, TextAnchor::TopLeft,
           label);
    p.text("United States, 2030", glm::vec2(300.8998f, 30.9069f) + shift, TextAnchor::Top, title);
    p.text("AVAWA To", glm::vec2(380.0f, 130.125f) + shift, TextAnchor::Right, tinted);
    p.circle(glm::vec2(120, 100) + shift, 14, {1.0f, 1.0f, 1.0f, 0.5f}); // over the first text
    p.text("Fermi America  11 GW", glm::vec2(60.5f, 150.0f) + shift, TextAnchor::BaselineLeft, tinted);
}

} // namespace

TEST_CASE("Text sprites: a repeated text is copied, equal to drawing it directly", "[gl][sprites]") {
    HeadlessContext context;
    // Single-sampled (draft exports, snapshots) and 4x multisampled (high-quality exports): the atlas draws
    // with the target's sampling.
    const int samples = GENERATE(0, 4);
    INFO("samples " << samples);
    OffscreenTarget target(480, 200, samples);
    OverlayPainter painter;
    const glm::vec2 shift(0, 0);
    painter.setTextSpritesEnabled(false);
    const Image direct = drawFrame(target, painter, [&] { queueSampleTexts(painter, shift); });
    REQUIRE(inkedPixels(direct) > 3000);

    painter.setTextSpritesEnabled(true);
    const Image first = drawFrame(target, painter, [&] { queueSampleTexts(painter, shift); });
    CHECK(painter.cachedTextSprites() == 0); // first sighting: drawn directly
    const Image second = drawFrame(target, painter, [&] { queueSampleTexts(painter, shift); });
    CHECK(painter.cachedTextSprites() == 4); // drawn into the atlas, then copied
    const Image third = drawFrame(target, painter, [&] { queueSampleTexts(painter, shift); });
    CHECK(painter.cachedTextSprites() == 4);
    CHECK(maxDifference(direct, first) == 0);
    // The atlas holds 8-bit premultiplied colour, composited again: a unit or two of rounding, and up to
    // four at a handful of faint halo pixels (of about 10,000 drawn).
    for (const Image* copy : {&second, &third}) {
        CHECK(maxDifference(direct, *copy) <= 4);
        CHECK(differingPixels(direct, *copy, 2) <= 12);
    }
}

TEST_CASE("Text sprites: a text moved by whole pixels reuses its picture", "[gl][sprites]") {
    HeadlessContext context;
    OffscreenTarget target(480, 200, 0);
    OverlayPainter painter;
    const glm::vec2 moved(-23, 37);
    painter.setTextSpritesEnabled(false);
    const Image direct = drawFrame(target, painter, [&] { queueSampleTexts(painter, moved); });
    painter.setTextSpritesEnabled(true);
    for (int i = 0; i < 2; ++i)
        drawFrame(target, painter, [&] { queueSampleTexts(painter, {0, 0}); });
    REQUIRE(painter.cachedTextSprites() == 4);
    const Image copied = drawFrame(target, painter, [&] { queueSampleTexts(painter, moved); });
    CHECK(painter.cachedTextSprites() == 4); // the same four pictures, copied elsewhere
    CHECK(maxDifference(direct, copied) <= 4);
    CHECK(differingPixels(direct, copied, 2) <= 12);
}

TEST_CASE("Text sprites: texts that change every frame are drawn directly", "[gl][sprites]") {
    HeadlessContext context;
    OffscreenTarget target(480, 200, 0);
    OverlayPainter painter;
    TextStyle style;
    style.sizePx = 20;
    for (int frame = 0; frame < 5; ++frame) {
        const std::string date = "2030-01-0" + std::to_string(frame + 1);
        const glm::vec2 flying(100.0f + 3.3f * static_cast<float>(frame), 80.0f);
        const Image img = drawFrame(target, painter, [&] {
            painter.text(date, {20, 40}, TextAnchor::Left, style);     // a running date
            painter.text("Stargate", flying, TextAnchor::Left, style); // a label in a camera flight
        });
        CHECK(inkedPixels(img) > 200);
    }
    CHECK(painter.cachedTextSprites() == 0);
}
