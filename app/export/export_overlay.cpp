// The overlays of an exported frame: frame_overlay's title, date, figures, legend and sources, and the
// caption as a wrapped lower third.
#include "app/export/export_overlay.h"

#include "core/view/map_style.h"
#include "render/frame_overlay.h"
#include "render/overlay_painter.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace buildout {

namespace {

/// Greedy word wrap to `maxWidth` px (words longer than a line stay whole).
std::vector<std::string> wrap(OverlayPainter& p, const std::string& text, const TextStyle& style,
                              float maxWidth) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string word, line;
    while (in >> word) {
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && p.measure(candidate, style).x > maxWidth) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

/// The caption's title and body as a panel centred above the bottom edge, at most half the frame wide.
/// Lengths are points at 1080p times `px` (pixels per point).
void drawCaption(OverlayPainter& p, const ExportFrame& frame, int width, int height) {
    const float px = frame.spec.pixelScale;
    const float W = static_cast<float>(width), H = static_cast<float>(height);
    const float margin = 40.0f * px;
    // The broadcast overlays' text style (thin dark halo), so captions match the title and figures.
    const TextStyle ts = overlayTextStyle(26.0f, FontWeight::Bold, glm::vec4(1.0f), px);
    const TextStyle bs =
        overlayTextStyle(18.0f, FontWeight::Regular, glm::vec4(0.9f, 0.93f, 0.97f, 1.0f), px);
    const float boxW = std::min(W * 0.5f, 960.0f * px);
    const float padX = 22.0f * px, padY = 14.0f * px;
    const float textW = boxW - 2.0f * padX;
    std::vector<std::string> titleLines = wrap(p, frame.captionTitle, ts, textW);
    std::vector<std::string> bodyLines = wrap(p, frame.captionText, bs, textW);
    // At most five lines of body text; the rest is cut with an ellipsis.
    if (bodyLines.size() > 5) {
        bodyLines.resize(5);
        bodyLines.back() += " \xE2\x80\xA6";
    }
    const float titleLineH = 34.0f * px, bodyLineH = 26.0f * px;
    const float h = 2.0f * padY + static_cast<float>(titleLines.size()) * titleLineH +
                    (titleLines.empty() || bodyLines.empty() ? 0.0f : 6.0f * px) +
                    static_cast<float>(bodyLines.size()) * bodyLineH;
    const float x0 = W * 0.5f - boxW * 0.5f;
    const float y1 = H - margin - 30.0f * px;
    const glm::vec4 panel{0.035f, 0.05f, 0.085f, 0.82f}, border{0.35f, 0.45f, 0.6f, 0.35f};
    p.rect(glm::vec2(x0, y1 - h), glm::vec2(x0 + boxW, y1), panel, 8.0f * px, border, 1.0f * px);
    p.rect(glm::vec2(x0, y1 - h), glm::vec2(x0 + 5.0f * px, y1), style::statusColor(Status::Operating),
           2.0f * px);
    float y = y1 - h + padY;
    for (const std::string& l : titleLines) {
        p.text(l, glm::vec2(std::round(x0 + padX), std::round(y)), TextAnchor::TopLeft, ts);
        y += titleLineH;
    }
    if (!titleLines.empty() && !bodyLines.empty()) y += 6.0f * px;
    for (const std::string& l : bodyLines) {
        p.text(l, glm::vec2(std::round(x0 + padX), std::round(y)), TextAnchor::TopLeft, bs);
        y += bodyLineH;
    }
    p.flush(width, height, OverlayCacheSlot::Caption); // a caption holds for many frames
}

} // namespace

namespace {

OverlayOptions frameOptions(const OverlaySet& overlay) {
    OverlayOptions o;
    o.title = overlay.title;
    o.date = overlay.date;
    o.figures = overlay.figures;
    o.legend = overlay.legend;
    o.sources = overlay.sources;
    return o;
}

} // namespace

void reserveExportOverlay(MapRenderer& renderer, const ExportFrame& frame, const OverlaySet& overlay,
                          int width, int height) {
    const OverlayOptions o = frameOptions(overlay);
    if (o.title || o.date || o.figures || o.legend || o.sources)
        reserveFrameOverlay(renderer, frame.spec, o, width, height);
    else
        renderer.setLabelKeepOut({});
}

void drawExportOverlay(MapRenderer& renderer, const TotalsTimeline& totals, const ExportFrame& frame,
                       const OverlaySet& overlay, int width, int height) {
    const OverlayOptions o = frameOptions(overlay);
    if (o.title || o.date || o.figures || o.legend || o.sources)
        drawFrameOverlay(renderer, totals, frame.spec, o, width, height);
    if (!overlay.captions || (frame.captionTitle.empty() && frame.captionText.empty())) return;
    drawCaption(renderer.painter(), frame, width, height);
}

} // namespace buildout
