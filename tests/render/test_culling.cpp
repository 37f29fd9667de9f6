// Per-instance culling (core/view/spatial_cells.h, render/layers): a zoomed view submits fewer instances
// than the scene holds, and what it draws is exactly what drawing everything gives - at the frame's edges,
// for tall columns whose base is below the frame, at a tilt and rotated.
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace buildout;
using namespace buildout::rtest;

TEST_CASE("culling: zoomed views draw exactly what drawing everything draws, with fewer instances",
          "[gl][culling]") {
    SceneRenderer scene(320, 180, 0);
    MapRenderer& renderer = scene.renderer();
    const Scenario& s = scene.scenario();
    const BoxXY& box = s.contentBounds;
    const glm::dvec2 lo = scene.world(box.min), hi = scene.world(box.max);

    const FrameSpec whole = scene.spec(day(2032), allLayers(), 0.5f);
    scene.render(whole);
    REQUIRE(renderer.lastInstancesSubmitted() > 0);

    int fewer = 0, cameras = 0;
    for (double tilt : {0.0, 40.0, 60.0})
        for (double heading : {0.0, 35.0})
            for (double u : {0.15, 0.5, 0.85})
                for (double v : {0.2, 0.5, 0.8}) {
                    FrameSpec spec = whole;
                    spec.camera.target = lo + (hi - lo) * glm::dvec2(u, v);
                    spec.camera.distanceKm = 700;
                    spec.camera.tiltDeg = tilt;
                    spec.camera.headingDeg = heading;
                    renderer.setCulling(false);
                    const Image all = scene.render(spec);
                    const std::size_t unculled = renderer.lastInstancesSubmitted();
                    renderer.setCulling(true);
                    const Image culled = scene.render(spec);
                    const std::size_t drawn = renderer.lastInstancesSubmitted();
                    INFO("tilt " << tilt << ", heading " << heading << ", target at (" << u << ", " << v
                                 << ") of the scene: " << drawn << " of " << unculled
                                 << " instances submitted");
                    CHECK(maxDifference(culled, all, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
                    CHECK(drawn <= unculled);
                    fewer += drawn < unculled ? 1 : 0;
                    ++cameras;
                }
    // The scene is small (a few dozen sites: one cell of campuses), so what culls is mostly its densified
    // line segments; still, a good part of the zoomed cameras submit fewer instances.
    INFO(fewer << " of " << cameras << " zoomed cameras submitted fewer instances than drawing everything");
    CHECK(fewer * 4 >= cameras);
}

namespace {

/// A scenario folder of `side` x `side` campuses and a plant beside each, on a grid over Texas (so cells
/// hold a few dozen each): removed with the object.
struct GridScenario {
    std::filesystem::path dir;
    explicit GridScenario(int side) {
        dir = std::filesystem::temp_directory_path() / ("buildout-culling-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "scenario.json") << R"({
  "format": "buildout-scenario", "version": 1, "id": "culling-grid", "title": "Culling grid",
  "time": { "start": "2024", "end": "2035-12-31" },
  "map": { "basemap": "us-states", "crs": "EPSG:5070" },
  "layers": [ { "kind": "datacenters", "file": "datacenters.csv" },
              { "kind": "power_plants", "file": "power_plants.csv" } ],
  "sources": [ { "id": "t", "title": "Invented for the culling test", "url": "https://example.org/t" } ]
})";
        std::ofstream dc(dir / "datacenters.csv"), pp(dir / "power_plants.csv");
        dc << "id,name,operator,lat,lon,capacity_mw,announced,construction,online,retired,status,location_"
              "precision\n";
        pp << "id,name,fuel,lat,lon,capacity_mw,announced,construction,online,retired,status\n";
        for (int i = 0; i < side; ++i)
            for (int j = 0; j < side; ++j) {
                const double lat = 28.0 + 7.0 * i / side, lon = -104.0 + 10.0 * j / side;
                const int k = i * side + j;
                dc << "d" << k << ",Campus " << k << ",Op" << (k % 5) << "," << lat << "," << lon << ","
                   << 50 + (k * 37) % 900 << ",2024,2025,2026,,,exact\n";
                pp << "p" << k << ",Plant " << k << ",gas," << lat + 0.05 << "," << lon + 0.05 << ","
                   << 100 + (k * 53) % 1500 << ",2024,2025,2026,,\n";
            }
    }
    ~GridScenario() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

} // namespace

TEST_CASE("culling: on a grid of 2,500 campuses and plants a close view sends a fraction of them, and "
          "draws the same image",
          "[gl][culling]") {
    const GridScenario grid(50);
    SceneRenderer scene(320, 180, 0, grid.dir.string());
    MapRenderer& renderer = scene.renderer();
    REQUIRE(scene.scenario().datacenters.size() == 2500);
    const glm::dvec2 lo = scene.world(scene.scenario().contentBounds.min);
    const glm::dvec2 hi = scene.world(scene.scenario().contentBounds.max);
    for (double tilt : {0.0, 45.0}) {
        FrameSpec spec = scene.spec(day(2030), allLayers(), 0.5f);
        spec.camera.target = lo + (hi - lo) * glm::dvec2(0.3, 0.6);
        spec.camera.distanceKm = 300;
        spec.camera.tiltDeg = tilt;
        renderer.setCulling(false);
        const Image all = scene.render(spec);
        const std::size_t unculled = renderer.lastInstancesSubmitted();
        renderer.setCulling(true);
        const Image culled = scene.render(spec);
        const std::size_t drawn = renderer.lastInstancesSubmitted();
        INFO("tilt " << tilt << ": " << drawn << " of " << unculled << " instances submitted");
        CHECK(unculled >= 5000); // every campus and plant
        // Straight down the view is about 200 x 120 km of a 1000 x 780 km grid; at 45 degrees it reaches
        // farther north, and the slab up to the tallest column (950 MW) widens it.
        CHECK(drawn * (tilt == 0.0 ? 6 : 3) < unculled);
        CHECK(drawn > 0);
        CHECK(maxDifference(culled, all, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
    }
}
