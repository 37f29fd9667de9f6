// Everything the interactive application shows and edits, in one plain struct (panels edit it
// directly; the frame loop reads it). No ImGui or GL types here, so UI logic is testable headlessly.
#pragma once

#include "app/gui/dashboard_summary.h"
#include "core/power_balance.h"
#include "core/scenario.h"
#include "core/totals_timeline.h"
#include "core/view/camera.h"
#include "core/view/comparison_view.h"
#include "core/view/frame_spec.h"
#include "core/view/named_views.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace buildout {

/// Playback of scenario time. Speed is in days of scenario time per second of wall time.
struct Playback {
    TimeDays time = 0;
    bool playing = false;
    double daysPerSecond = 182.6; ///< half a year per second
    bool loop = true;
    bool reverse = false;
    bool pauseOnEvents = false;
};

/// A camera flight in progress (fly-to): from/to states over `durationSeconds`.
struct CameraFlight {
    CameraState from, to;
    double elapsed = 0;
    double durationSeconds = 1.6;
};

/// A second scenario (B) shown with the open one (A): side by side, swipe or diff.
struct Comparison {
    std::shared_ptr<const Scenario> scenario; ///< B; null = no comparison
    std::unique_ptr<TotalsTimeline> totals;
    std::string path;
    ComparisonView view;
    std::string requested;        ///< set by the menu or a Shift+drop: the frame loop loads it as B
    bool closeRequested = false;  ///< set by the menu: drop B
    bool draggingDivider = false; ///< the swipe divider is being dragged
    /// An asset only B has, under the pointer / selected (assets both have use UiState's A refs).
    std::optional<EntityRef> hoveredB, selectedB;
    bool pointerInRightHalf = false; ///< side by side: the pointer is over B's half (set by the frame loop)
};

/// The power-balance chart's monthly series of one region group (app/gui/outlook_charts.cpp), computed once
/// per scenario and group. The scenario is held weakly and compared by owner, not by address: a scenario
/// loaded after the cached one was freed may sit at the same address.
struct BalanceSeries {
    std::weak_ptr<const Scenario> scenario;
    std::string groupId;
    double t0 = 0, stepDays = 30.44;
    std::vector<GroupBalance> at; ///< at[i]: the group at t0 + i * stepDays
    bool isFor(const std::shared_ptr<const Scenario>& s, const std::string& id) const {
        return !scenario.owner_before(s) && !s.owner_before(scenario) && !scenario.expired() && groupId == id;
    }
};

struct UiState {
    std::shared_ptr<const Scenario> scenario;
    std::unique_ptr<TotalsTimeline> totals;
    std::string scenarioPath;
    /// The dashboard's figures of `scenario` at the current day (on a worker for big scenarios).
    std::unique_ptr<DashboardSummary> dashboardSummary = std::make_unique<DashboardSummary>();
    BalanceSeries balanceSeries; ///< the power-balance chart's series (outlook_charts.cpp)

    Playback playback;
    MapSettings map;
    CameraState camera;
    std::optional<CameraFlight> flight;

    std::optional<EntityRef> selected;
    std::optional<EntityRef> hovered;
    /// A merged column of campuses (dense layers at wide zoom) under the pointer: its members
    /// (datacenter indices) and the cell size it merges, for the tooltip.
    struct HoveredGroup {
        std::vector<int> campuses;
        double cellKm = 0;
    };
    std::optional<HoveredGroup> hoveredGroup;
    std::string balanceGroup; ///< region group (or region) whose power balance chart the dashboard shows

    bool presenting = false;    ///< presentation mode: panels hidden, overlays on
    int beat = -1;              ///< presentation: index of the current event stop
    bool blackout = false;      ///< presentation: B (or .) blacks the audience screen, and back
    std::string beatEntry;      ///< presentation: digits typed so far; Enter jumps to beat N (1-based)
    bool presenterView = false; ///< F6 / --presenter-view: the presenter's second window is open
    bool showHelp = false;
    bool showLayers = true, showInspector = true, showTimeline = true;

    std::vector<std::string> loadErrors; ///< FILE:LINE lines of the last failed load
    std::vector<std::string> recent;     ///< recently opened scenario folders, most recent first
    std::string requestedScenario;       ///< set by the scenario menu; the frame loop starts loading it
    std::string screenshotFolder = ".";  ///< where F12 writes PNGs
    std::string status;                  ///< one-line status (loading, saved screenshot...)

    Comparison compare;

    /// True while a comparison is shown (A and B both loaded).
    bool comparing() const { return scenario && compare.scenario; }
    /// The time range the cursor moves in: A's, or while comparing the range both cover (when they
    /// overlap), so the shared cursor never leaves either scenario.
    TimeDays start() const;
    TimeDays end() const;
    /// The last instant the cursor may show: just before end(), since the range is [start, end) and a
    /// frame at end() itself would show the state after the scenario.
    TimeDays lastInstant() const { return end() - kEndOfRangeDays; }
    /// `t` clamped into [start(), lastInstant()]: every place that moves the cursor goes through this.
    TimeDays clampTime(TimeDays t) const;
    static constexpr double kEndOfRangeDays = 1e-6;
};

/// Advances playback by `wallSeconds`; wraps or clamps at the ends; pauses on an event when asked.
void advancePlayback(UiState& ui, double wallSeconds);
/// Steps the time by whole calendar months (negative = back), clamped to the scenario.
void stepMonths(UiState& ui, int months);
/// Starts a fly-to towards `target`.
void flyTo(UiState& ui, const CameraState& target, double seconds = 1.6);
/// Advances a flight; returns true while one is in progress.
bool updateFlight(UiState& ui, double wallSeconds);
/// Presentation beats: moves to event `index` (clamped): time and, when it has focus ids, the camera.
void goToBeat(UiState& ui, int index, double aspect, const MapFrame& frame);
/// Where the camera goes for event `e` as a beat: its focus framed with at least 600 km of context, or
/// the national view when it has none.
CameraState beatCamera(const Scenario& s, const ScenarioEvent& e, double aspect, const MapFrame& frame);

} // namespace buildout
