// OverlayPainter: text measurement, and pixel facts of shapes and text drawn into an offscreen target.
#include "render/overlay_painter.h"

#include "core/image.h"
#include "render/headless_context.h"
#include "render/offscreen_target.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string>

using namespace buildout;

namespace {

constexpr std::array<int, 3> kClear{13, 18, 26}; // dark blue-grey background, 0..255

void clearTo(float r, float g, float b) {
    glClearColor(r, g, b, 1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
}
void clearDark() {
    clearTo(kClear[0] / 255.0f, kClear[1] / 255.0f, kClear[2] / 255.0f);
}

bool near(const Image& img, int x, int y, std::array<int, 3> rgb, int tolerance) {
    const std::uint8_t* p = img.pixel(x, y);
    for (int c = 0; c < 3; ++c)
        if (std::abs(int(p[c]) - rgb[static_cast<std::size_t>(c)]) > tolerance) return false;
    return true;
}
int luminance(const Image& img, int x, int y) {
    const std::uint8_t* p = img.pixel(x, y);
    return (p[0] * 2126 + p[1] * 7152 + p[2] * 722) / 10000;
}

struct Box {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1; // inclusive; empty when x1 < x0
    int count = 0;
    bool empty() const { return x1 < x0; }
};
/// Bounding box of the pixels in [x0,x1) x [y0,y1) whose luminance is at least `minLum`.
Box brightBox(const Image& img, int minLum, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1) {
    if (x1 < 0) x1 = img.width;
    if (y1 < 0) y1 = img.height;
    Box b;
    for (int y = std::max(y0, 0); y < std::min(y1, img.height); ++y)
        for (int x = std::max(x0, 0); x < std::min(x1, img.width); ++x)
            if (luminance(img, x, y) >= minLum) {
                b.x0 = std::min(b.x0, x);
                b.y0 = std::min(b.y0, y);
                b.x1 = std::max(b.x1, x);
                b.y1 = std::max(b.y1, y);
                ++b.count;
            }
    return b;
}

/// Writes `img` for inspection: `name` in the render tests' build folder, or as given when absolute.
void save(const Image& img, const std::string& name) {
#ifdef BUILDOUT_RENDER_TEST_OUT_DIR
    const std::string path =
        name.front() == '/' ? name : std::string(BUILDOUT_RENDER_TEST_OUT_DIR) + "/" + name;
#else
    const std::string path = name;
#endif
    std::string why;
    if (!writePng(img, path, &why)) WARN("could not write " << path << ": " << why);
}

} // namespace

TEST_CASE("OverlayPainter measures text plausibly", "[gl]") {
    HeadlessContext context;
    OverlayPainter painter;
    TextStyle style;
    style.sizePx = 20;

    const glm::vec2 size = painter.measure("Abilene 1.2 GW", style);
    CHECK(size.x > 80);
    CHECK(size.x < 200);
    CHECK(size.y > 18);
    CHECK(size.y < 32);
    CHECK(painter.measure("", style) == glm::vec2(0, 0));
    CHECK(painter.ascent(style) > 10);
    CHECK(painter.ascent(style) < 22);

    // Width scales with size; two lines are about twice as tall; the wider line sets the width.
    style.sizePx = 40;
    const glm::vec2 big = painter.measure("Abilene 1.2 GW", style);
    CHECK(big.x == Approx(2 * size.x).epsilon(0.12)); // 40 px uses Inter Display, ~9 % tighter
    const glm::vec2 two = painter.measure("Abilene\n1.2 GW", style);
    CHECK(two.y > 1.8f * big.y);
    CHECK(two.x == Approx(painter.measure("Abilene", style).x));
    // Bold is wider than Regular.
    TextStyle bold = style;
    bold.weight = FontWeight::Bold;
    CHECK(painter.measure("Abilene 1.2 GW", bold).x > big.x);

    if (painter.fontDescription().find("Inter") != std::string::npos) {
        // Inter keeps its kerning in GPOS: "AV" and "To" must come out tighter than their glyphs side by
        // side.
        CHECK(painter.measure("AV", style).x <
              painter.measure("A", style).x + painter.measure("V", style).x - 1);
        CHECK(painter.measure("To", style).x <
              painter.measure("T", style).x + painter.measure("o", style).x - 1);
        CHECK(painter.measure("HH", style).x == Approx(2 * painter.measure("H", style).x));
    }
}

TEST_CASE("OverlayPainter draws shapes and text with the expected pixels", "[gl]") {
    HeadlessContext context;
    OffscreenTarget target(320, 180, 4);
    target.bindForDrawing();
    clearDark();

    OverlayPainter painter;
    painter.rect({20, 20}, {100, 80}, {1, 0, 0, 1});
    TextStyle style;
    style.sizePx = 20;
    style.haloPx = 2;
    style.halo = {0, 0, 0, 1};
    const glm::vec2 textPos{120, 30};
    painter.text("Abilene 1.2 GW", textPos, TextAnchor::TopLeft, style);
    painter.circle({260, 130}, 20, {0, 1, 0, 1});
    painter.line({20, 150}, {200, 150}, 4, {1, 1, 0, 1}, 10); // dashed yellow
    CHECK(painter.queuedVertices() > 0);
    painter.flush(target.width(), target.height());
    CHECK(painter.queuedVertices() == 0);

    const Image img = target.readback();
    save(img, "overlay_painter_test.png");
    REQUIRE(img.width == 320);

    // Rectangle: solid red inside, crisp edges on whole-pixel bounds, background outside.
    CHECK(near(img, 60, 50, {255, 0, 0}, 3));
    CHECK(near(img, 20, 20, {255, 0, 0}, 3));
    CHECK(near(img, 99, 79, {255, 0, 0}, 3));
    CHECK(near(img, 19, 50, kClear, 3));
    CHECK(near(img, 100, 50, kClear, 3));
    CHECK(near(img, 5, 5, kClear, 2));

    // Circle: green centre, background outside the radius, a partly covered pixel on the rim.
    CHECK(near(img, 260, 130, {0, 255, 0}, 3));
    CHECK(near(img, 260, 105, kClear, 3));
    CHECK(near(img, 283, 130, kClear, 3));
    const int rim = img.pixel(279, 130)[1]; // pixel 279 spans x 279..280; the rim is at x = 280
    CHECK(rim > 150);
    const int rimOut = img.pixel(280, 130)[1];
    CHECK(rimOut < 60);

    // Text: white pixels inside its measured box and nowhere else; a black halo around them.
    const glm::vec2 size = painter.measure("Abilene 1.2 GW", style);
    const int bx0 = int(textPos.x), by0 = int(textPos.y);
    const int bx1 = int(textPos.x + size.x) + 1, by1 = int(textPos.y + size.y) + 1;
    const Box white = brightBox(img, 200, bx0 - 4, by0 - 4, bx1 + 4, by1 + 4);
    REQUIRE(!white.empty());
    CHECK(white.count > 150);
    CHECK(white.x0 >= bx0);
    CHECK(white.x0 <= bx0 + 4); // 'A' starts at the pen
    CHECK(white.x1 <= bx1);
    CHECK(white.x1 >= bx1 - 6); // 'W' ends near the advance width
    const float capTop = textPos.y + painter.ascent(style) - 0.727f * style.sizePx; // Inter cap height
    CHECK(std::abs(float(white.y0) - capTop) <= 2.5f);
    CHECK(std::abs(float(white.y1 + 1) - (textPos.y + painter.ascent(style))) <=
          1.5f);  // baseline: no descenders
    int halo = 0; // much darker than the background, next to the glyphs
    for (int y = white.y0 - 3; y <= white.y1 + 3; ++y)
        for (int x = white.x0 - 3; x <= white.x1 + 3; ++x)
            if (luminance(img, x, y) < 6) ++halo;
    CHECK(halo > white.count / 2);
    // Nothing bright except the text box, the rectangle (red), the circle and the dashes.
    CHECK(brightBox(img, 200, 0, 0, 320, 20).empty());
    CHECK(brightBox(img, 200, bx1 + 4, 0, 320, 100).empty());

    // Dashes: 10 px dash, 10 px gap from x = 20 (round caps 2 px wide included): on, off, on.
    const std::array<int, 3> yellow{255, 255, 0};
    CHECK(near(img, 25, 150, yellow, 3));
    CHECK(near(img, 35, 150, kClear, 3));
    CHECK(near(img, 45, 150, yellow, 3));
}

TEST_CASE("OverlayPainter anchors place text where they say", "[gl]") {
    HeadlessContext context;
    OffscreenTarget target(400, 200, 1);
    OverlayPainter painter;
    TextStyle style;
    style.sizePx = 30;
    const glm::vec2 centre{200, 100};
    struct Case {
        TextAnchor anchor;
        float hx, vy; // which point of the box is at `centre`
    };
    for (Case c : {Case{TextAnchor::Center, 0.5f, 0.5f}, Case{TextAnchor::TopLeft, 0, 0},
                   Case{TextAnchor::BottomRight, 1, 1}, Case{TextAnchor::Top, 0.5f, 0},
                   Case{TextAnchor::Left, 0, 0.5f}}) {
        target.bindForDrawing();
        clearTo(0, 0, 0);
        painter.text("HIH", centre, c.anchor, style);
        painter.flush(target.width(), target.height());
        const Image img = target.readback();
        const Box ink = brightBox(img, 128);
        REQUIRE(!ink.empty());
        const glm::vec2 box = painter.measure("HIH", style);
        // H has small side bearings: its ink is inside the advance box, within ~2.5 px of its ends.
        const float left = centre.x - c.hx * box.x;
        CHECK(float(ink.x0) >= left);
        CHECK(float(ink.x0) <= left + 3.5f);
        CHECK(float(ink.x1 + 1) <= left + box.x);
        CHECK(float(ink.x1 + 1) >= left + box.x - 3.5f);
        // Capitals sit on the baseline, ascent below the box top.
        const float top = centre.y - c.vy * box.y;
        const float baseline = top + painter.ascent(style);
        CHECK(std::abs(float(ink.y1 + 1) - baseline) <= 1.0f);
    }
}

TEST_CASE("OverlayPainter without Inter falls back to DejaVu Sans or says what to install", "[gl]") {
    HeadlessContext context;
    const char* old = std::getenv("BUILDOUT_FONT_DIR");
    const std::string saved = old ? old : "";
    setenv("BUILDOUT_FONT_DIR", "/nonexistent-buildout-font-dir", 1);
    std::string description, error;
    try {
        OverlayPainter painter;
        description = painter.fontDescription();
        TextStyle style;
        CHECK(painter.measure("Abilene", style).x > 20);
        for (float size : {16.0f, 48.0f}) { // Bold is a bolder face at text and display sizes
            style.sizePx = size;
            TextStyle bold = style;
            bold.weight = FontWeight::Bold;
            CHECK(painter.measure("Abilene", bold).x > painter.measure("Abilene", style).x);
        }
    } catch (const std::exception& e) {
        error = e.what();
    }
    if (old)
        setenv("BUILDOUT_FONT_DIR", saved.c_str(), 1);
    else
        unsetenv("BUILDOUT_FONT_DIR");
    if (error.empty()) {
        CHECK(description.find("DejaVuSans") != std::string::npos);
    } else {
        CHECK(error.find("/nonexistent-buildout-font-dir") != std::string::npos);
        CHECK(error.find("fonts-inter") != std::string::npos);
    }
}

TEST_CASE("OverlayPainter halos of neighbouring glyphs do not double up", "[gl]") {
    HeadlessContext context;
    OffscreenTarget target(300, 100, 1);
    target.bindForDrawing();
    clearTo(1, 1, 1);
    OverlayPainter painter;
    TextStyle style;
    style.sizePx = 24;
    style.color = {1, 1, 1, 1};
    style.halo = {0, 0, 0, 0.5f};
    style.haloPx = 3;
    painter.text("AVAWAVATo", {20, 50}, TextAnchor::Left, style);
    style.sizePx = 48;
    style.haloPx = 5;
    painter.text("AVA", {180, 50}, TextAnchor::Left, style);
    painter.flush(target.width(), target.height());
    const Image img = target.readback();
    save(img, "overlay_painter_halo.png");
    // White glyphs over a white background under a 50 % black halo: every pixel is white, the halo's grey
    // (~128) or in between. Where the halos of neighbouring glyphs overlap ("AV", "WA", "To"), drawing
    // each glyph's halo separately would give ~64 there.
    int darkest = 255, halo = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const int l = luminance(img, x, y);
            darkest = std::min(darkest, l);
            if (l < 140) ++halo;
        }
    CHECK(darkest >= 120);
    CHECK(halo > 400);
}

TEST_CASE("OverlayPainter draws convex polygons with either winding", "[gl]") {
    HeadlessContext context;
    OffscreenTarget target(100, 100, 1);
    target.bindForDrawing();
    clearTo(0, 0, 0);
    OverlayPainter painter;
    const glm::vec2 cw[] = {{10, 10}, {40, 10}, {40, 40}, {10, 40}};
    const glm::vec2 ccw[] = {{60, 60}, {60, 90}, {90, 90}, {90, 60}};
    painter.polygon(cw, {0, 0, 1, 1});
    painter.polygon(ccw, {0, 0, 1, 1});
    painter.flush(100, 100);
    const Image img = target.readback();
    CHECK(img.pixel(25, 25)[2] == 255);
    CHECK(img.pixel(75, 75)[2] == 255);
    CHECK(img.pixel(10, 25)[2] > 200); // the polygon's first pixel column: fully inside
    CHECK(img.pixel(9, 25)[2] < 30);   // just outside
    CHECK(img.pixel(50, 50)[2] == 0);
}

// A 1920x1080 sheet of every weight and size, halos, shapes and dashes, for looking at: not run by default
// (`test_overlay_painter "[sheet]"`); writes /tmp/overlay_sheet.png.
TEST_CASE("OverlayPainter sample sheet", "[.][gl][sheet]") {
    HeadlessContext context;
    OffscreenTarget target(1920, 1080, 4);
    target.bindForDrawing();
    clearTo(0.42f, 0.44f, 0.47f);
    OverlayPainter painter;
    // Busy background: diagonal stripes, light and dark bands, so halos have work to do.
    for (int i = -1080; i < 1920; i += 48)
        painter.line({float(i), 1080}, {float(i + 1080), 0}, 14, {0.85f, 0.86f, 0.88f, 0.35f});
    painter.rect({0, 0}, {1920, 120}, {0.05f, 0.07f, 0.1f, 1});
    painter.rect({0, 960}, {1920, 1080}, {0.95f, 0.95f, 0.95f, 1});

    TextStyle title;
    title.sizePx = 72;
    title.weight = FontWeight::Bold;
    painter.text("AI Infrastructure Buildout", {60, 60}, TextAnchor::Left, title);
    TextStyle date = title;
    date.sizePx = 48;
    date.weight = FontWeight::SemiBold;
    date.color = {1.0f, 0.78f, 0.3f, 1};
    painter.text("March 2027", {1860, 60}, TextAnchor::Right, date);
    painter.line({1500, 100}, {1860, 100}, 2, {1.0f, 0.78f, 0.3f, 1});

    // Plain small labels on the dark band (no halo): the hardest case for thin light text.
    float smallY = 16;
    for (float s : {10.0f, 12.0f, 14.0f, 16.0f}) {
        TextStyle st;
        st.sizePx = s;
        painter.text("Regular " + std::to_string(int(s)) + " px: Abilene, TX 1.2 GW (2026)", {900, smallY},
                     TextAnchor::TopLeft, st);
        st.weight = FontWeight::SemiBold;
        painter.text("SemiBold: Abilene, TX 1.2 GW", {1270, smallY}, TextAnchor::TopLeft, st);
        smallY += s * 1.5f + 2;
    }
    const float sizes[] = {12, 18, 24, 36, 72, 144};
    const FontWeight weights[] = {FontWeight::Regular, FontWeight::SemiBold, FontWeight::Bold};
    float y = 150;
    for (float s : sizes) {
        if (s >= 144) break;
        float x = 40;
        for (FontWeight w : weights) {
            TextStyle st;
            st.sizePx = s;
            st.weight = w;
            st.haloPx = std::max(1.5f, s / 12);
            const std::string t =
                s < 72 ? "Abilene 1.2 GW · AVToWaY " + std::to_string(int(s)) + "px" : "Abilene 1.2 GW";
            painter.text(t, {x, y}, TextAnchor::TopLeft, st);
            x += painter.measure(t, st).x + 40;
        }
        y += 1.25f * s + 14;
    }
    TextStyle huge;
    huge.sizePx = 144;
    huge.weight = FontWeight::Bold;
    huge.haloPx = 6;
    huge.halo = {0.02f, 0.05f, 0.12f, 0.9f};
    painter.text("Ty 4.5 GW", {40, y}, TextAnchor::TopLeft, huge);
    huge.weight = FontWeight::Regular;
    huge.haloPx = 0;
    huge.color = {0.1f, 0.12f, 0.16f, 1};
    painter.text("Gigawatt", {1880, y}, TextAnchor::TopRight, huge);

    // Dark text on the light band, no halo; symbols.
    TextStyle caption;
    caption.sizePx = 24;
    caption.color = {0.1f, 0.12f, 0.16f, 1};
    painter.text(
        "Source: company filings, press — estimates ≈ ±10 % · 2024–2030 → “planned” ‘sites’ … 45 °C €",
        {40, 1000}, TextAnchor::BaselineLeft, caption);
    caption.sizePx = 14;
    painter.text("Small print at 14 px: Übergrößenträger façade naïve Zürich Ångström 0123456789", {40, 1040},
                 TextAnchor::BaselineLeft, caption);
    caption.sizePx = 10;
    caption.weight = FontWeight::SemiBold;
    painter.text("Ten pixel semibold label text, kerning AV To Wa", {1100, 1040}, TextAnchor::BaselineLeft,
                 caption);

    // Shapes: legend box with rounded corners and border, circles, dashed lines, a polygon.
    painter.rect({40, 650}, {500, 920}, {0.05f, 0.07f, 0.1f, 0.8f}, 16, {1, 1, 1, 0.6f}, 2);
    TextStyle legend;
    legend.sizePx = 20;
    legend.weight = FontWeight::SemiBold;
    painter.text("Legend", {70, 685}, TextAnchor::Left, legend);
    legend.weight = FontWeight::Regular;
    const glm::vec4 colors[] = {{0.95f, 0.35f, 0.3f, 1}, {0.3f, 0.7f, 1, 1}, {0.4f, 0.9f, 0.5f, 1}};
    const char* names[] = {"Operating", "Under construction", "Planned"};
    for (int i = 0; i < 3; ++i) {
        const float ly = 735 + 50.0f * float(i);
        painter.circle({90, ly}, 12, colors[i], {1, 1, 1, 1}, 2);
        painter.text(names[i], {120, ly}, TextAnchor::Left, legend);
    }
    painter.line({70, 890}, {470, 890}, 3, {1, 1, 1, 0.9f}, 12);
    painter.line({600, 660}, {1200, 860}, 6, {1, 0.6f, 0.1f, 1}, 24);
    painter.line({600, 690}, {1200, 890}, 1, {1, 1, 1, 1});
    painter.line({600, 720}, {1200, 920}, 0.5f, {1, 1, 1, 1});
    const glm::vec2 tri[] = {{1300, 720}, {1400, 680}, {1420, 820}, {1330, 850}};
    painter.polygon(tri, {0.3f, 0.7f, 1, 0.85f});
    for (int i = 0; i < 8; ++i)
        painter.circle({1500 + 40.0f * float(i), 780}, 1.5f + 2.0f * float(i), {1, 1, 1, 1});
    painter.flush(target.width(), target.height());
    const Image img = target.readback();
    save(img, "/tmp/overlay_sheet.png");
    CHECK(img.width == 1920);
}
