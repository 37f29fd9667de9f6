// Titles, swipe handle, date, A/B figures, diff legend and notes of a comparison frame.
#include "render/comparison_overlay.h"

#include "core/power_format.h"

#include "render/diff_labels.h"
#include "render/frame_overlay.h"
#include "render/overlay_painter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace buildout {

namespace {

const glm::vec4 kPanel{0.035f, 0.05f, 0.085f, 0.82f};
const glm::vec4 kPanelBorder{0.35f, 0.45f, 0.6f, 0.35f};
const glm::vec4 kMuted{0.66f, 0.72f, 0.80f, 1.0f};
const glm::vec4 kNote{1.0f, 0.80f, 0.40f, 1.0f};
const glm::vec4 kDivider{0.92f, 0.94f, 0.97f, 0.9f};
TextStyle textStyle(float sizePt, FontWeight w, glm::vec4 color, float px) {
    TextStyle s = overlayTextStyle(sizePt, w, color, px);
    s.halo.a = 0.6f; // a little stronger: titles sit over busy map areas
    return s;
}

std::string gw(double mw, bool sign = false) {
    return formatPower(mw, 1, sign);
}

double operatingMw(const TotalsTimeline& t, TimeDays at) {
    return t.at(at).mw[static_cast<std::size_t>(statusIndex(Status::Operating))];
}

/// Shortens `text` with an ellipsis until it fits `maxWidth` px.
std::string fit(OverlayPainter& p, std::string text, const TextStyle& style, float maxWidth) {
    if (p.measure(text, style).x <= maxWidth) return text;
    while (text.size() > 1) {
        text.pop_back();
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0u) == 0x80u) text.pop_back();
        if (p.measure(text + "\xE2\x80\xA6", style).x <= maxWidth) return text + "\xE2\x80\xA6";
    }
    return text;
}

/// Splits `text` at spaces into at most two lines of `maxWidth` px; the second is shortened with an
/// ellipsis when needed. Titles of related scenarios often differ only at the end ("..., grid-constrained
/// timing"), so the end must stay visible rather than be cut after one line.
std::vector<std::string> twoLines(OverlayPainter& p, const std::string& text, const TextStyle& style, float maxWidth) {
    if (p.measure(text, style).x <= maxWidth) return {text};
    std::size_t cut = std::string::npos;
    for (std::size_t i = text.find(' '); i != std::string::npos; i = text.find(' ', i + 1)) {
        if (p.measure(text.substr(0, i), style).x > maxWidth) break;
        cut = i;
    }
    if (cut == std::string::npos) return {fit(p, text, style, maxWidth)};
    return {text.substr(0, cut), fit(p, text.substr(cut + 1), style, maxWidth)};
}

/// A scenario's label block: a letter chip (A or B), its title (one or two lines) and a figure line.
/// Returns the block's height, px.
float scenarioLabel(OverlayPainter& p, const char* letter, const std::string& title, const std::string& figure,
                    glm::vec2 pos, bool alignRight, float maxWidth, float px) {
    const TextStyle chip = textStyle(15.0f, FontWeight::Bold, glm::vec4(0.03f, 0.05f, 0.09f, 1.0f), px);
    const TextStyle head = textStyle(24.0f, FontWeight::Bold, glm::vec4(1.0f), px);
    const TextStyle fig = textStyle(15.0f, FontWeight::SemiBold, kMuted, px);
    const float chipW = 26.0f * px, gap = 10.0f * px, lineH = 30.0f * px;
    const std::vector<std::string> lines = twoLines(p, title, head, maxWidth - chipW - gap);
    float titleW = 0;
    for (const std::string& l : lines) titleW = std::max(titleW, p.measure(l, head).x);
    const float x0 = alignRight ? pos.x - titleW - chipW - gap : pos.x;
    p.rect(glm::vec2(x0, pos.y + 2.0f * px), glm::vec2(x0 + chipW, pos.y + 28.0f * px), kDivider, 5.0f * px);
    p.text(letter, glm::vec2(x0 + chipW * 0.5f, pos.y + 15.0f * px), TextAnchor::Center, chip);
    float y = pos.y;
    for (const std::string& l : lines) {
        p.text(l, glm::vec2(x0 + chipW + gap, y), TextAnchor::TopLeft, head);
        y += lineH;
    }
    if (!figure.empty()) {
        p.text(fit(p, figure, fig, maxWidth - chipW - gap), glm::vec2(x0 + chipW + gap, y + 6.0f * px), TextAnchor::TopLeft, fig);
        y += 26.0f * px;
    }
    return y - pos.y;
}

} // namespace

std::vector<std::string> comparisonNotes(const Scenario& a, const Scenario& b, TimeDays t) {
    std::vector<std::string> notes;
    if (basemapsDiffer(a, b)) {
        // Name the projections too: two scenarios can share a basemap and still differ in CRS.
        auto name = [](const Scenario& s) { return s.manifest.basemap + (s.manifest.crs.empty() ? "" : " " + s.manifest.crs); };
        notes.push_back("Note: different basemaps or projections (A " + name(a) + ", B " + name(b) +
                        "): each is drawn in its own, with one camera, so the maps may not line up.");
    }
    const auto [lo, hi] = commonRange(a, b);
    if (lo > hi) notes.push_back("Note: the scenarios' time ranges do not overlap.");
    else if (t < lo || t >= hi + 1.0)
        notes.push_back("Note: " + formatDate(static_cast<Day>(std::floor(t))) + " is outside the common range " +
                        formatDate(lo) + " to " + formatDate(hi) + ".");
    return notes;
}

void drawComparisonOverlay(OverlayPainter& p, const Scenario& a, const Scenario& b, const TotalsTimeline& totalsA,
                           const TotalsTimeline& totalsB, const ComparisonView& view, const DiffView* diff,
                           const FrameSpec& spec, const ComparisonOverlayOptions& o, int width, int height) {
    const float px = spec.pixelScale;
    const float W = static_cast<float>(width), H = static_cast<float>(height);
    const float margin = 32.0f * px;
    const double mwA = operatingMw(totalsA, spec.time), mwB = operatingMw(totalsB, spec.time);
    const std::string figA = o.figures ? gw(mwA) + " operating" : "";
    const std::string figB = o.figures ? gw(mwB) + " operating  (" + gw(mwB - mwA, true) + ")" : "";

    switch (view.mode) {
    case CompareMode::SideBySide: {
        const float split = static_cast<float>(sideBySideSplit(width));
        p.rect(glm::vec2(split - 1.0f * px, 0.0f), glm::vec2(split + 1.0f * px, H), kDivider);
        if (o.titles) {
            scenarioLabel(p, "A", a.manifest.title, figA, glm::vec2(margin, margin), false, split - 2.0f * margin, px);
            scenarioLabel(p, "B", b.manifest.title, figB, glm::vec2(split + margin, margin), false,
                          W - split - 2.0f * margin - o.topRightReservePx, px);
        }
        break;
    }
    case CompareMode::Swipe: {
        const float x = std::round(std::clamp(view.swipe, 0.0f, 1.0f) * W);
        p.rect(glm::vec2(x - 1.5f * px, 0.0f), glm::vec2(x + 1.5f * px, H), kDivider);
        // Handle: a disc with a chevron to each side, the thing to drag.
        const glm::vec2 c(x, H * 0.5f);
        const float r = 18.0f * px;
        p.circle(c, r, kDivider, glm::vec4(0.03f, 0.05f, 0.09f, 0.8f), 1.5f * px);
        const glm::vec4 dark(0.05f, 0.07f, 0.11f, 1.0f);
        const glm::vec2 left[3] = {c + glm::vec2(-4.0f, -6.0f) * px, c + glm::vec2(-11.0f, 0.0f) * px, c + glm::vec2(-4.0f, 6.0f) * px};
        const glm::vec2 right[3] = {c + glm::vec2(4.0f, -6.0f) * px, c + glm::vec2(11.0f, 0.0f) * px, c + glm::vec2(4.0f, 6.0f) * px};
        p.polygon(left, dark);
        p.polygon(right, dark);
        if (o.titles) {
            const float gap = 20.0f * px;
            if (x > 200.0f * px)
                scenarioLabel(p, "A", a.manifest.title, figA, glm::vec2(x - gap, margin), true, x - gap - margin, px);
            if (W - x > 200.0f * px)
                scenarioLabel(p, "B", b.manifest.title, figB, glm::vec2(x + gap, margin), false,
                              W - x - gap - margin - o.topRightReservePx, px);
        }
        break;
    }
    case CompareMode::Diff: {
        if (o.labelDiff && o.labelFrame && spec.settings.labels)
            queueDiffLabels(p, *o.labelDiff, a, b, *o.labelFrame, spec, width, height);
        if (o.titles) {
            const TextStyle sub = textStyle(15.0f, FontWeight::SemiBold, kMuted, px);
            const float h = scenarioLabel(p, "B", b.manifest.title, "compared with A: " + a.manifest.title,
                                          glm::vec2(margin, margin), false, W * 0.55f, px);
            if (o.figures)
                p.text("Operating: A " + gw(mwA) + ",  B " + gw(mwB) + "  (" + gw(mwB - mwA, true) + ")",
                       glm::vec2(margin + 36.0f * px, margin + h + 2.0f * px), TextAnchor::TopLeft, sub);
        }
        if (o.legend && diff) {
            const TextStyle label = textStyle(13.0f, FontWeight::Regular, glm::vec4(0.9f, 0.92f, 0.95f, 1.0f), px);
            const TextStyle heading = textStyle(12.0f, FontWeight::SemiBold, kMuted, px);
            const DiffClass order[] = {DiffClass::OnlyB, DiffClass::LargerInB, DiffClass::OtherTiming, DiffClass::Unchanged,
                                       DiffClass::SmallerInB, DiffClass::OnlyA};
            const float rowH = 20.0f * px, pad = 14.0f * px, headH = 24.0f * px;
            std::vector<std::string> texts;
            float contentW = p.measure("ASSETS AT THIS DATE, B VS A", heading).x;
            for (DiffClass c : order) {
                texts.push_back(std::string(diffClassName(c)) + "  " + std::to_string(diff->counts[static_cast<std::size_t>(c)]));
                contentW = std::max(contentW, 24.0f * px + p.measure(texts.back(), label).x);
            }
            const float bottom = H - margin - 20.0f * px;
            const float top = bottom - headH - rowH * 6.0f - 2.0f * pad;
            p.rect(glm::vec2(margin, top), glm::vec2(margin + contentW + 2.0f * pad, bottom), kPanel, 8.0f * px, kPanelBorder, 1.0f * px);
            float y = top + pad;
            p.text("ASSETS AT THIS DATE, B VS A", glm::vec2(margin + pad, y + headH - 6.0f * px), TextAnchor::BaselineLeft, heading);
            y += headH;
            for (std::size_t i = 0; i < texts.size(); ++i) {
                p.circle(glm::vec2(margin + pad + 8.0f * px, y + rowH * 0.5f), 6.0f * px, diffClassColor(order[i]));
                p.text(texts[i], glm::vec2(margin + pad + 24.0f * px, y + rowH * 0.5f), TextAnchor::Left, label);
                y += rowH;
            }
        }
        break;
    }
    }

    if (o.date) {
        const CivilDate cd = civilFromDays(static_cast<Day>(std::floor(spec.time)));
        const std::string text = std::string(overlayMonthName(cd.month)) + " " + std::to_string(cd.year);
        const TextStyle date = textStyle(22.0f, FontWeight::Bold, glm::vec4(1.0f), px);
        const glm::vec2 size = p.measure(text, date);
        // Side by side the date belongs to both maps: a pill on the divider at the bottom.
        const bool centred = view.mode == CompareMode::SideBySide;
        const glm::vec2 anchor = centred ? glm::vec2(static_cast<float>(sideBySideSplit(width)), H - margin)
                                         : glm::vec2(W - margin, margin);
        const glm::vec2 pad(16.0f * px, 8.0f * px);
        const glm::vec2 mn = centred ? glm::vec2(anchor.x - size.x * 0.5f - pad.x, anchor.y - size.y - 2.0f * pad.y)
                                     : glm::vec2(anchor.x - size.x - 2.0f * pad.x, anchor.y);
        const glm::vec2 mx = mn + size + 2.0f * pad;
        p.rect(mn, mx, kPanel, 8.0f * px, kPanelBorder, 1.0f * px);
        p.text(text, (mn + mx) * 0.5f, TextAnchor::Center, date);
    }

    if (!o.caption.empty()) {
        const TextStyle cb = textStyle(18.0f, FontWeight::Regular, glm::vec4(0.93f, 0.95f, 0.98f, 1.0f), px);
        const float boxW = std::min(W * 0.5f, 900.0f * px);
        const float y1 = H - margin - 60.0f * px;
        p.rect(glm::vec2(W * 0.5f - boxW * 0.5f, y1 - 44.0f * px), glm::vec2(W * 0.5f + boxW * 0.5f, y1), kPanel, 8.0f * px,
               kPanelBorder, 1.0f * px);
        p.text(fit(p, o.caption, cb, boxW - 30.0f * px), glm::vec2(W * 0.5f, y1 - 22.0f * px), TextAnchor::Center, cb);
    }

    if (o.notes) {
        float y = H - margin * 0.5f;
        for (const std::string& n : comparisonNotes(a, b, spec.time)) {
            p.text(n, glm::vec2(W - margin, y), TextAnchor::BottomRight, textStyle(13.0f, FontWeight::SemiBold, kNote, px));
            y -= 20.0f * px;
        }
    }
    p.flush(width, height);
}

} // namespace buildout
