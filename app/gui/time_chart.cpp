// The GUI's time chart (see time_chart.h).
#include "app/gui/time_chart.h"

#include "core/date.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace buildout {

namespace {

ImU32 grey(float v, float a = 1.0f) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(v, v * 1.05f, v * 1.15f, a));
}

/// A "nice" tick step (1, 2 or 5 x 10^k) giving about `n` ticks over `span`.
double niceStep(double span, int n) {
    const double raw = span / std::max(n, 1);
    const double p = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-12))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * p) return m * p;
    return 10 * p;
}

/// What each colour is: a swatch and label per band and line, wrapped to the width.
void drawLegendRow(const TimeChart& c) {
    const float avail = ImGui::GetContentRegionAvail().x;
    float x = 0;
    auto item = [&](const std::string& label, ImU32 color, bool band) {
        const float w = ImGui::GetFontSize() + ImGui::CalcTextSize(label.c_str()).x + 12.0f;
        if (x > 0 && x + w < avail)
            ImGui::SameLine(0, 12.0f);
        else
            x = 0;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float s = ImGui::GetFontSize() * 0.7f, y = p.y + (ImGui::GetTextLineHeight() - s) * 0.5f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (band)
            dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + s, y + s), (color & 0x00FFFFFFu) | 0x90000000u,
                              2.0f);
        else
            dl->AddLine(ImVec2(p.x, y + s * 0.5f), ImVec2(p.x + s, y + s * 0.5f), color | 0xFF000000u, 2.5f);
        ImGui::Dummy(ImVec2(s + 4.0f, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(label.c_str());
        x += w;
    };
    for (const ChartBand& b : c.bands)
        item(b.label, b.color, true);
    for (const ChartLine& l : c.lines)
        item(l.label, l.color, false);
}

/// The values of every line and band at time t (days).
void drawTooltip(const TimeChart& c, double t, const std::function<std::string(double)>& fmt) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(formatDate(static_cast<Day>(t)).c_str());
    const double near = (c.t1 - c.t0) / 40.0; // a single figure shows while the pointer is near it
    for (const ChartLine& l : c.lines)
        if (((t >= l.from && t <= l.to) || (l.from == l.to && std::abs(t - l.from) < near)) &&
            std::isfinite(l.valueAt(t))) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(l.color | 0xFF000000u), "%s: %s",
                               l.label.c_str(), fmt(l.valueAt(t)).c_str());
        }
    for (const ChartBand& b : c.bands)
        if (t >= b.from && t <= b.to && b.high(t) != b.low(t)) // an empty band has nothing to say
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(b.color | 0xFF000000u), "%s: %s to %s",
                               b.label.c_str(), fmt(b.low(t)).c_str(), fmt(b.high(t)).c_str());
    ImGui::EndTooltip();
}

/// The time (days) in [from, to] at which a band is thickest on screen (`thickness(t)`, px), starting from
/// `start`, and that thickness.
template <typename Thickness>
std::pair<double, float> thickestPoint(double start, double from, double to, double dt, Thickness thickness) {
    std::pair<double, float> best{start, thickness(start)};
    for (double t = from; t <= to; t += dt)
        if (const float px = thickness(t); px > best.second + 0.5f) best = {t, px};
    return best;
}

} // namespace

void drawTimeChart(const char* id, const TimeChart& c) {
    const float font = ImGui::GetFontSize();
    const float w = ImGui::GetContentRegionAvail().x, h = c.height * font / 15.0f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    ImGui::InvisibleButton("chart", ImVec2(std::max(w, 10.0f), std::max(h, 10.0f)));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto fmt = [&](double v) {
        if (c.format) return c.format(v);
        char b[32];
        std::snprintf(b, sizeof b, "%.3g", v);
        return std::string(b);
    };
    // Value range over every line and band, sampled monthly.
    double lo = c.zeroLine ? 0.0 : 1e300, hi = c.zeroLine ? 0.0 : -1e300;
    auto take = [&](double v) {
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    };
    const double dt = std::max((c.t1 - c.t0) / 240.0, 1.0);
    for (double t = c.t0; t <= c.t1; t += dt) {
        for (const ChartLine& l : c.lines)
            if (t >= l.from && t <= l.to) take(l.valueAt(t));
        for (const ChartBand& b : c.bands)
            if (t >= b.from && t <= b.to) take(b.low(t)), take(b.high(t));
    }
    for (const ChartLine& l : c.lines) // single figures fall between the monthly samples
        for (double t : l.markers)
            if (t >= c.t0 && t <= c.t1) take(l.valueAt(t));
    for (const ChartBand& b : c.bands)
        if (b.from >= c.t0 && b.from <= c.t1) take(b.low(b.from)), take(b.high(b.from));
    if (lo > hi) lo = 0, hi = 1;
    if (!c.zeroLine && lo > 0) lo = 0; // quantities start at zero
    if (hi - lo < 1e-9) hi = lo + 1;
    const double step = niceStep(hi - lo, 4);
    lo = std::floor(lo / step) * step;
    hi = std::ceil(hi / step) * step;
    // Plot area: room for tick labels on the left, the unit on top, years below.
    float labelW = 0;
    for (double v = lo; v <= hi + step * 0.01; v += step)
        labelW = std::max(labelW, ImGui::CalcTextSize(fmt(v).c_str()).x);
    const float left = o.x + 8.0f + labelW;
    const float right = o.x + w - 6.0f, top = o.y + font * 1.7f, bottom = o.y + h - font * 1.3f;
    auto X = [&](double t) { return left + static_cast<float>((t - c.t0) / (c.t1 - c.t0)) * (right - left); };
    auto Y = [&](double v) { return bottom - static_cast<float>((v - lo) / (hi - lo)) * (bottom - top); };
    dl->AddRectFilled(o, ImVec2(o.x + w, o.y + h),
                      ImGui::ColorConvertFloat4ToU32(ImVec4(0.07f, 0.09f, 0.13f, 1)), 4.0f);
    dl->AddText(ImVec2(o.x + 4, o.y + 2), grey(0.62f), c.unit.c_str());
    for (double v = lo; v <= hi + step * 0.01; v += step) {
        const float y = Y(v);
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), grey(0.3f, std::abs(v) < step * 0.01 ? 0.9f : 0.35f));
        const std::string s = fmt(v);
        dl->AddText(ImVec2(left - 4 - ImGui::CalcTextSize(s.c_str()).x, y - font * 0.5f), grey(0.55f),
                    s.c_str());
    }
    const int y0 = civilFromDays(static_cast<Day>(c.t0)).year,
              y1 = civilFromDays(static_cast<Day>(c.t1)).year;
    const int yearStep = (y1 - y0) > 8 ? 2 : 1;
    for (int y = y0; y <= y1; y += yearStep) {
        const double t = daysFromCivil(y, 1, 1);
        if (t < c.t0 || t > c.t1) continue;
        const float x = X(t);
        dl->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + 3), grey(0.5f));
        char b[8];
        std::snprintf(b, sizeof b, "%d", y);
        const float tw = ImGui::CalcTextSize(b).x;
        if (x + tw * 0.5f <= right + 4) dl->AddText(ImVec2(x - tw * 0.5f, bottom + 2), grey(0.55f), b);
    }
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), grey(0.45f));
    dl->PushClipRect(ImVec2(left, top - 2), ImVec2(right, bottom + 1), true);
    for (const ChartBand& b : c.bands) {
        const double from = std::max(b.from, c.t0), to = std::min(b.to, c.t1);
        if (to <= from) { // a single date: a bar
            if (b.from >= c.t0 && b.from <= c.t1)
                dl->AddLine(ImVec2(X(b.from), Y(b.low(b.from))), ImVec2(X(b.from), Y(b.high(b.from))),
                            b.color, 6.0f);
        } else {
            for (double t = from; t < to; t += dt) {
                const double tb = std::min(t + dt, to);
                dl->AddQuadFilled(ImVec2(X(t), Y(b.low(t))), ImVec2(X(t), Y(b.high(t))),
                                  ImVec2(X(tb), Y(b.high(tb))), ImVec2(X(tb), Y(b.low(tb))),
                                  (b.color & 0x00FFFFFFu) | 0x48000000u);
            }
        }
        // The label goes where the band is thickest, and only if a line of text fits inside it there:
        // a band of zero height (nothing under construction) gets no label over the other lines.
        const auto [tm, thickest] =
            thickestPoint(to > from ? (from + to) * 0.5 : b.from, from, to, dt,
                          [&](double t) { return std::abs(Y(b.low(t)) - Y(b.high(t))); });
        if (thickest >= font) {
            const float ly = (Y(b.low(tm)) + Y(b.high(tm))) * 0.5f - font * 0.5f;
            const float lx = std::clamp(X(tm) - ImGui::CalcTextSize(b.label.c_str()).x * 0.5f, left + 2,
                                        right - 2 - ImGui::CalcTextSize(b.label.c_str()).x);
            dl->AddText(ImVec2(lx, ly), b.color | 0xFF000000u, b.label.c_str());
        }
    }
    for (const ChartLine& l : c.lines) {
        const double from = std::max(l.from, c.t0), to = std::min(l.to, c.t1);
        for (double t = from; t < to; t += dt) {
            const double tb = std::min(t + dt, to);
            const double va = l.valueAt(t), vb = l.valueAt(tb);
            if (std::isfinite(va) && std::isfinite(vb))
                dl->AddLine(ImVec2(X(t), Y(va)), ImVec2(X(tb), Y(vb)), l.color, l.width);
        }
        for (double t : l.markers)
            if (t >= c.t0 && t <= c.t1) dl->AddCircleFilled(ImVec2(X(t), Y(l.valueAt(t))), 2.5f, l.color);
    }
    dl->PopClipRect();
    const float cx = X(std::clamp(c.cursor, c.t0, c.t1));
    dl->AddLine(ImVec2(cx, top - 2), ImVec2(cx, bottom), IM_COL32(255, 255, 255, 210), 1.5f);
    drawLegendRow(c);
    if (!hovered) return;
    // Values at the hovered time, with a guide line.
    const float mx = std::clamp(ImGui::GetIO().MousePos.x, left, right);
    const double t = c.t0 + (mx - left) / (right - left) * (c.t1 - c.t0);
    dl->AddLine(ImVec2(mx, top - 2), ImVec2(mx, bottom), grey(0.8f, 0.5f), 1.0f);
    drawTooltip(c, t, fmt);
}

} // namespace buildout
