// Title, date, figures, legend, caption and sources, laid out on a 1080p grid and scaled.
#include "render/frame_overlay.h"

#include "core/power_balance.h"
#include "core/power_format.h"
#include "render/balance_overlay.h"

#include "render/legend_symbols.h"
#include "render/overlay_painter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace buildout {

namespace {

const char* kMonths[12] = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
                           "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};

/// Overlay figures: the shared formatter (MW under 1 GW, so 48 MW never reads "0.0 GW").
std::string gw(double mw) {
    return formatPower(mw, 1);
}

const glm::vec4 kPanel{0.035f, 0.05f, 0.085f, 0.78f};
const glm::vec4 kPanelBorder{0.35f, 0.45f, 0.6f, 0.35f};
const glm::vec4 kMuted{0.66f, 0.72f, 0.80f, 1.0f};

TextStyle textStyle(float sizePt, FontWeight w, glm::vec4 color, float px) {
    return overlayTextStyle(sizePt, w, color, px);
}

/// Where the legend panel goes: bottom left, shrunk (down to 60 %) to fit between `margin` + the title
/// and `bottom`; `fits` false when it still does not (then it is left out).
struct LegendLayout {
    float k = 1, top = 0, right = 0;
    bool fits = false;
};

LegendLayout legendLayout(OverlayPainter& p, const std::vector<LegendEntry>& entries, float px, float margin,
                          float bottom) {
    const float available = bottom - (margin + 60.0f * px);
    // Shrink the legend to fit small frames rather than dropping it (down to 60 %).
    auto heightAt = [&](float scale) {
        float hgt = 28.0f * scale;
        for (const LegendEntry& e : entries)
            hgt += (e.heading ? 24.0f : 20.0f) * scale;
        return hgt;
    };
    LegendLayout l;
    l.k = px;
    if (heightAt(l.k) > available) l.k = std::max(px * 0.6f, px * available / heightAt(px));
    const float k = l.k;
    const TextStyle label = textStyle(13.0f, FontWeight::Regular, glm::vec4(0.9f, 0.92f, 0.95f, 1.0f), k);
    const TextStyle heading = textStyle(12.0f, FontWeight::SemiBold, kMuted, k);
    const float rowH = 20.0f * k, headingH = 24.0f * k, pad = 14.0f * k;
    float contentH = 0, contentW = 0;
    for (const LegendEntry& e : entries) {
        contentH += e.heading ? headingH : rowH;
        contentW = std::max(contentW, (e.heading ? 0.0f : 24.0f * k) +
                                          p.measure(e.text, e.heading ? heading : label).x);
    }
    l.top = bottom - contentH - 2.0f * pad;
    l.right = margin + contentW + 2.0f * pad;
    l.fits = !entries.empty() && contentH + 2.0f * pad <= available;
    return l;
}

/// The legend panel (see legendLayout).
void drawLegendPanel(OverlayPainter& p, const std::vector<LegendEntry>& entries, float px, float margin,
                     float bottom) {
    const LegendLayout l = legendLayout(p, entries, px, margin, bottom);
    if (!l.fits) return;
    const float k = l.k;
    const TextStyle label = textStyle(13.0f, FontWeight::Regular, glm::vec4(0.9f, 0.92f, 0.95f, 1.0f), k);
    const TextStyle heading = textStyle(12.0f, FontWeight::SemiBold, kMuted, k);
    const float rowH = 20.0f * k, headingH = 24.0f * k, pad = 14.0f * k;
    p.rect(glm::vec2(margin, l.top), glm::vec2(l.right, bottom), kPanel, 8.0f * k, kPanelBorder, 1.0f * k);
    float y = l.top + pad;
    const float x = margin + pad;
    for (const LegendEntry& e : entries) {
        if (e.heading) {
            p.text(e.text, glm::vec2(x, y + headingH - 6.0f * k), TextAnchor::BaselineLeft, heading);
            y += headingH;
        } else {
            drawLegendSymbol(p, e, glm::vec2(x + 8.0f * k, y + rowH * 0.5f), k);
            p.text(e.text, glm::vec2(x + 24.0f * k, y + rowH * 0.5f), TextAnchor::Left, label);
            y += rowH;
        }
    }
}

/// The caption panel's rectangle (x0, y0, x1, y1), as drawCaptionPanel lays it out.
glm::vec4 captionRect(const OverlayOptions& o, float px, float margin, float W, float H) {
    const float boxW = std::min(W * 0.46f, 900.0f * px);
    const float x0 = W * 0.5f - boxW * 0.5f;
    const float y1 = H - margin - 30.0f * px;
    const float h =
        (o.captionTitle.empty() ? 0.0f : 36.0f * px) + (o.caption.empty() ? 0.0f : 30.0f * px) + 24.0f * px;
    return {x0, y1 - h, x0 + boxW, y1};
}

/// The caption as a lower third centred at the bottom: title and text in a panel with an accent bar.
void drawCaptionPanel(OverlayPainter& p, const OverlayOptions& o, float px, float margin, float W, float H) {
    const TextStyle ct = textStyle(26.0f, FontWeight::Bold, glm::vec4(1.0f), px);
    const TextStyle cb = textStyle(18.0f, FontWeight::Regular, glm::vec4(0.9f, 0.93f, 0.97f, 1.0f), px);
    const glm::vec4 r = captionRect(o, px, margin, W, H);
    const float x0 = r.x, y1 = r.w, boxW = r.z - r.x, h = r.w - r.y;
    p.rect(glm::vec2(x0, y1 - h), glm::vec2(x0 + boxW, y1), kPanel, 8.0f * px, kPanelBorder, 1.0f * px);
    p.rect(glm::vec2(x0, y1 - h), glm::vec2(x0 + 5.0f * px, y1), style::statusColor(Status::Operating),
           2.0f * px);
    float y = y1 - h + 12.0f * px;
    if (!o.captionTitle.empty()) {
        p.text(o.captionTitle, glm::vec2(x0 + 22.0f * px, y), TextAnchor::TopLeft, ct);
        y += 36.0f * px;
    }
    if (!o.caption.empty()) p.text(o.caption, glm::vec2(x0 + 22.0f * px, y), TextAnchor::TopLeft, cb);
}

/// The source line at the bottom left.
std::string sourcesLine(const Scenario& s) {
    std::string line = "Sources: ";
    if (s.manifest.sources.empty())
        line += "scenario " + s.manifest.id;
    else {
        const std::size_t n = s.manifest.sources.size();
        line += std::to_string(n) + (n == 1 ? " public source" : " public sources") +
                " listed in scenario '" + s.manifest.id + "'";
    }
    return line + "  \xC2\xB7  Locations approximate  \xC2\xB7  Buildout";
}

} // namespace

TextStyle overlayTextStyle(float sizePt, FontWeight weight, glm::vec4 color, float px) {
    TextStyle s;
    s.sizePx = sizePt * px;
    s.weight = weight;
    s.color = color;
    s.halo = glm::vec4(0.0f, 0.0f, 0.0f, 0.55f);
    s.haloPx = 1.5f * px;
    return s;
}

const char* overlayMonthName(int month) {
    return kMonths[std::clamp(month, 1, 12) - 1];
}

void drawFrameOverlay(MapRenderer& renderer, const TotalsTimeline& totals, const FrameSpec& spec,
                      const OverlayOptions& o, int width, int height) {
    const Scenario* sp = renderer.scenario();
    if (!sp) return;
    const Scenario& s = *sp;
    OverlayPainter& p = renderer.painter();
    const float px = spec.pixelScale;
    const float margin = 40.0f * px;
    const float W = static_cast<float>(width), H = static_cast<float>(height);
    const Day day = static_cast<Day>(std::floor(spec.time));
    const CivilDate cd = civilFromDays(day);

    if (o.title) {
        const TextStyle title = textStyle(30.0f, FontWeight::Bold, glm::vec4(1.0f), px);
        p.text(s.manifest.title, glm::vec2(margin, margin), TextAnchor::TopLeft, title);
    }
    if (o.legend) {
        drawLegendPanel(p, legendEntries(legendInputs(renderer), spec.settings), px, margin,
                        H - margin - (o.sources ? 22.0f * px : 0.0f));
    }

    if (!o.caption.empty() || !o.captionTitle.empty()) {
        drawCaptionPanel(p, o, px, margin, W, H);
    }

    if (o.sources) {
        p.text(sourcesLine(s), glm::vec2(margin, H - margin * 0.6f), TextAnchor::BottomLeft,
               textStyle(12.0f, FontWeight::Regular, kMuted, px));
    }
    // The figures' captions (the values come below, with the date).
    const float figuresTop = margin + 104.0f * px;
    const glm::vec4 kFigureColors[3] = {style::statusColor(Status::Operating),
                                        style::statusColor(Status::Construction),
                                        style::statusColor(Status::Announced)};
    if (o.figures) {
        static constexpr const char* kFigureLabels[3] = {"OPERATING", "UNDER CONSTRUCTION", "PLANNED"};
        const TextStyle label = textStyle(12.0f, FontWeight::SemiBold, kMuted, px);
        p.text("AI DATACENTER CAPACITY", glm::vec2(W - margin, figuresTop), TextAnchor::TopRight, label);
        for (int i = 0; i < 3; ++i)
            p.text(kFigureLabels[i],
                   glm::vec2(W - margin, figuresTop + (58.0f + 60.0f * static_cast<float>(i)) * px),
                   TextAnchor::TopRight, label);
    }

    // Title, legend, caption, sources and captions of the figures stay the same for many frames: kept as
    // a picture.
    p.flush(width, height, OverlayCacheSlot::FrameOverlay);

    // The date and the figures change with time: drawn every frame.
    if (o.date) {
        const TextStyle month = textStyle(16.0f, FontWeight::SemiBold, kMuted, px);
        const TextStyle year = textStyle(64.0f, FontWeight::Bold, glm::vec4(1.0f), px);
        p.text(kMonths[cd.month - 1], glm::vec2(W - margin, margin), TextAnchor::TopRight, month);
        p.text(std::to_string(cd.year), glm::vec2(W - margin, margin + 18.0f * px), TextAnchor::TopRight,
               year);
    }
    if (o.figures) {
        const DatacenterTotals tot = totals.at(spec.time);
        const double mw[3] = {tot.mw[static_cast<std::size_t>(statusIndex(Status::Operating))],
                              tot.mw[static_cast<std::size_t>(statusIndex(Status::Construction))],
                              tot.mw[static_cast<std::size_t>(statusIndex(Status::Announced))] +
                                  tot.mw[static_cast<std::size_t>(statusIndex(Status::Permitted))]};
        const TextStyle value = textStyle(30.0f, FontWeight::Bold, glm::vec4(1.0f), px);
        for (int i = 0; i < 3; ++i) {
            const float y = figuresTop + (22.0f + 60.0f * static_cast<float>(i)) * px;
            const std::string text = gw(mw[i]);
            p.text(text, glm::vec2(W - margin, y), TextAnchor::TopRight, value);
            const float vw = p.measure(text, value).x;
            p.circle(glm::vec2(W - margin - vw - 16.0f * px, y + 19.0f * px), 5.0f * px, kFigureColors[i]);
        }
    }
    if (o.figures && spec.settings.choroplethMetric == kPowerMarginChoropleth)
        drawBalanceGaps(p, s, spec.time, glm::vec2(W - margin, figuresTop + 250.0f * px), px);

    p.flush(width, height);
}

std::vector<glm::vec4> frameOverlayAreas(MapRenderer& renderer, const FrameSpec& spec,
                                         const OverlayOptions& o, int width, int height) {
    std::vector<glm::vec4> out;
    const Scenario* sp = renderer.scenario();
    if (!sp) return out;
    OverlayPainter& p = renderer.painter();
    const float px = spec.pixelScale;
    const float margin = 40.0f * px;
    const float W = static_cast<float>(width), H = static_cast<float>(height);
    const float gap = 6.0f * px; // labels keep a little clear of the panels, not just off them
    auto add = [&](float x0, float y0, float x1, float y1) {
        out.emplace_back(x0 - gap, y0 - gap, x1 + gap, y1 + gap);
    };
    if (o.title) {
        const glm::vec2 t =
            p.measure(sp->manifest.title, textStyle(30.0f, FontWeight::Bold, glm::vec4(1.0f), px));
        add(margin, margin, margin + t.x, margin + t.y);
    }
    if (o.legend) {
        const float bottom = H - margin - (o.sources ? 22.0f * px : 0.0f);
        const LegendLayout l =
            legendLayout(p, legendEntries(legendInputs(renderer), spec.settings), px, margin, bottom);
        if (l.fits) add(margin, l.top, l.right, bottom);
    }
    if (!o.caption.empty() || !o.captionTitle.empty()) {
        const glm::vec4 c = captionRect(o, px, margin, W, H);
        add(c.x, c.y, c.z, c.w);
    }
    if (o.sources) {
        const glm::vec2 t = p.measure(sourcesLine(*sp), textStyle(12.0f, FontWeight::Regular, kMuted, px));
        add(margin, H - margin * 0.6f - t.y, margin + t.x, H - margin * 0.6f);
    }
    // Date and figures: a column at the top right, as wide as its widest line ("UNDER CONSTRUCTION", or a
    // figure such as "88.8 GW" with its dot), down to the last caption under the figures.
    if (o.date || o.figures) {
        const TextStyle label = textStyle(12.0f, FontWeight::SemiBold, kMuted, px);
        float w = p.measure("2030", textStyle(64.0f, FontWeight::Bold, glm::vec4(1.0f), px)).x;
        float bottom = margin + 18.0f * px + 64.0f * px;
        if (o.figures) {
            w = std::max({w, p.measure("AI DATACENTER CAPACITY", label).x,
                          p.measure("UNDER CONSTRUCTION", label).x,
                          p.measure("88.8 GW", textStyle(30.0f, FontWeight::Bold, glm::vec4(1.0f), px)).x +
                              21.0f * px});
            bottom = margin + (104.0f + 58.0f + 120.0f + 16.0f) * px;
        }
        add(W - margin - w, margin, W - margin, bottom);
    }
    return out;
}

void reserveFrameOverlay(MapRenderer& renderer, const FrameSpec& spec, const OverlayOptions& o, int width,
                         int height) {
    renderer.setLabelKeepOut(frameOverlayAreas(renderer, spec, o, width, height));
}

} // namespace buildout
