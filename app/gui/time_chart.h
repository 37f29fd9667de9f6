// One chart helper for the GUI: values over scenario time with a labelled value axis (unit and ticks),
// year ticks, shaded bands (published ranges), lines, the time cursor and the values at the hovered time.
// Used by the dashboard's outlook charts and the region balance chart.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

namespace buildout {

struct ChartLine {
    std::string label;
    ImU32 color = 0;
    std::function<double(double)> valueAt; ///< value at a time (days); NaN where it has no value
    double from = -1e300, to = 1e300;      ///< where it is defined (days)
    float width = 2.0f;
    std::vector<double> markers; ///< times of samples, drawn as dots
};

struct ChartBand {
    std::string label; ///< drawn inside the band, e.g. "LBNL"
    ImU32 color = 0;
    std::function<double(double)> low, high;
    double from = -1e300, to = 1e300;
};

struct TimeChart {
    std::string unit; ///< axis title, e.g. "GW" or "MW"
    double t0 = 0, t1 = 1, cursor = 0;
    float height = 150.0f;
    bool zeroLine = false; ///< a line at 0 (signed values, e.g. a margin)
    std::vector<ChartBand> bands;
    std::vector<ChartLine> lines;
    /// Formats a value for ticks and the hover tooltip (default: %.3g and the unit).
    std::function<std::string(double)> format;
};

/// Draws the chart across the window's content width; `id` must be unique in the window.
void drawTimeChart(const char* id, const TimeChart& chart);

} // namespace buildout
