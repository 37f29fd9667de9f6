// The largest power gaps on frames (see balance_overlay.h).
#include "render/balance_overlay.h"

#include "core/power_balance.h"
#include "core/view/map_style.h"
#include "render/frame_overlay.h"
#include "render/overlay_painter.h"

#include <cmath>
#include <cstdio>

namespace buildout {

void drawBalanceGaps(OverlayPainter& p, const Scenario& s, TimeDays t, glm::vec2 topRight, float px) {
    const std::vector<GroupBalance> b = balanceAt(s, t);
    const std::vector<int> gaps = largestGaps(b, 4);
    if (gaps.empty()) return;
    const glm::vec4 muted{0.66f, 0.72f, 0.80f, 1.0f};
    p.text("LARGEST POWER GAPS", topRight, TextAnchor::TopRight,
           overlayTextStyle(12.0f, FontWeight::SemiBold, muted, px));
    const TextStyle name = overlayTextStyle(15.0f, FontWeight::Regular, glm::vec4(1.0f), px);
    const TextStyle value = overlayTextStyle(15.0f, FontWeight::Bold, style::divergingRamp(-1.0), px);
    for (std::size_t i = 0; i < gaps.size(); ++i) {
        const GroupBalance& g = b[static_cast<std::size_t>(gaps[i])];
        const double mw = g.marginMw();
        char text[32];
        if (std::abs(mw) >= 1000)
            std::snprintf(text, sizeof text, "%.1f GW", mw / 1000.0);
        else
            std::snprintf(text, sizeof text, "%.0f MW", mw);
        const glm::vec2 at = topRight + glm::vec2(0.0f, (22.0f + 24.0f * static_cast<float>(i)) * px);
        p.text(text, at, TextAnchor::TopRight, value);
        const float vw = p.measure(text, value).x;
        p.text(g.name, at - glm::vec2(vw + 12.0f * px, 0.0f), TextAnchor::TopRight, name);
    }
}

} // namespace buildout
