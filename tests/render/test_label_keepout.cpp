// Map labels never overlap the frame overlay's panels (title, date and figures, legend, sources): on the
// national frame of us-announced in July 2031 the 9 GW Stratos column reaches into the title, and its
// label used to sit there.
#include "render_test_support.h"

#include "core/view/camera.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace buildout;
using namespace buildout::rtest;

namespace {

bool overlaps(const PlacedLabel& l, const glm::vec4& r) {
    return l.minPx.x < r.z && r.x < l.maxPx.x && l.minPx.y < r.w && r.y < l.maxPx.y;
}

int labelsOverPanels(const std::vector<PlacedLabel>& labels, const std::vector<glm::vec4>& panels) {
    int n = 0;
    for (const PlacedLabel& l : labels)
        n += std::any_of(panels.begin(), panels.end(), [&](const glm::vec4& r) { return overlaps(l, r); })
                 ? 1
                 : 0;
    return n;
}

} // namespace

TEST_CASE("labels keep clear of the frame overlay's panels", "[gl][labels]") {
    SceneRenderer scene(1920, 1080, 1, std::string(BUILDOUT_SCENARIOS_DIR) + "/us-announced");
    MapSettings settings = allLayers();
    settings.labels = true;
    FrameSpec spec = scene.spec(day(2031, 7, 1), settings, 1.0f, "national");
    // As `buildout snapshot --overlay all` frames it: the map between the legend and the figures.
    spec.camera = withHorizontalInsets(spec.camera, scene.aspect(), 0.08, 0.05);
    OverlayOptions all;
    MapRenderer& r = scene.renderer();
    const std::vector<glm::vec4> panels = frameOverlayAreas(r, spec, all, scene.width(), scene.height());
    REQUIRE(panels.size() == 4); // title, legend, sources, date and figures

    // Without the panels reserved, some label lands on one (Stratos' in the title): the check can fail.
    r.setLabelKeepOut({});
    scene.render(spec, &all);
    CHECK(labelsOverPanels(r.placedLabels(), panels) > 0);

    reserveFrameOverlay(r, spec, all, scene.width(), scene.height());
    scene.render(spec, &all);
    CHECK(labelsOverPanels(r.placedLabels(), panels) == 0);
    // The Stratos label is still there, moved to the foot of its column.
    const int stratos = scene.scenario().find(EntityKind::Datacenter, "dc63");
    REQUIRE(stratos >= 0);
    const auto& placed = r.placedLabels();
    CHECK(std::any_of(placed.begin(), placed.end(), [&](const PlacedLabel& l) {
        return l.entity.kind == EntityKind::Datacenter && l.entity.index == stratos;
    }));
}
