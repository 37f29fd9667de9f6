// Per-instance culling's GL-free half: the cell order, the runs a rectangle selects, and the part of the
// map plane a camera sees.
#include "core/view/camera.h"
#include "core/view/spatial_cells.h"

#include <catch2/catch.hpp>

#include <glm/vec4.hpp>

#include <algorithm>
#include <random>
#include <set>

using namespace buildout;

namespace {

std::vector<glm::dvec2> randomAnchors(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> x(-2300, 2300), y(-1500, 1500);
    std::vector<glm::dvec2> out(n);
    for (auto& a : out)
        a = {x(rng), y(rng)};
    return out;
}

/// The original indices the runs select.
std::set<std::uint32_t> selected(const SpatialCells& cells, const std::vector<InstanceRun>& runs) {
    std::set<std::uint32_t> out;
    for (const InstanceRun& r : runs)
        for (std::uint32_t k = r.first; k < r.first + r.count; ++k)
            out.insert(cells.order()[k]);
    return out;
}

bool inside(glm::dvec2 p, const GroundRect& r, double grow) {
    return p.x >= r.min.x - grow && p.x <= r.max.x + grow && p.y >= r.min.y - grow && p.y <= r.max.y + grow;
}

} // namespace

TEST_CASE("SpatialCells: the order is a permutation, and a rectangle's runs hold every instance in it",
          "[culling]") {
    const auto anchors = randomAnchors(20000, 7);
    const double reach = 15;
    const SpatialCells cells = SpatialCells::build(anchors, reach);
    std::vector<std::uint32_t> sorted = cells.order();
    std::sort(sorted.begin(), sorted.end());
    for (std::uint32_t i = 0; i < sorted.size(); ++i)
        REQUIRE(sorted[i] == i);

    for (const GroundRect rect : {GroundRect{{-300, -200}, {400, 100}}, GroundRect{{1000, 900}, {2400, 1600}},
                                  GroundRect{{-5000, -40}, {5000, 40}}, GroundRect{{0, 0}, {0, 0}}}) {
        const auto runs = cells.runsWithin(rect);
        // Runs are ordered, disjoint and not adjacent (adjacent ones are merged).
        for (std::size_t i = 1; i < runs.size(); ++i)
            CHECK(runs[i - 1].first + runs[i - 1].count < runs[i].first);
        const auto got = selected(cells, runs);
        std::size_t wanted = 0;
        for (std::uint32_t i = 0; i < anchors.size(); ++i)
            if (inside(anchors[i], rect, reach)) {
                ++wanted;
                CHECK(got.count(i) == 1);
            }
        // Whole cells are selected, so a few more than wanted - but far from everything.
        INFO("rect (" << rect.min.x << "," << rect.min.y << ")-(" << rect.max.x << "," << rect.max.y
                      << "): " << wanted << " inside, " << got.size() << " selected");
        CHECK(got.size() >= wanted);
        CHECK(got.size() <= wanted + anchors.size() / 8 + 200);
    }
}

TEST_CASE("SpatialCells: empty inputs, empty and unbounded rectangles, one crowded cell, the far edge",
          "[culling]") {
    CHECK(SpatialCells::build({}, 0).runsWithin({{-1e9, -1e9}, {1e9, 1e9}}).empty());
    CHECK(SpatialCells::build({}, 0).all().empty());

    const auto anchors = randomAnchors(5000, 3);
    const SpatialCells cells = SpatialCells::build(anchors, 0);
    CHECK(cells.runsWithin(GroundRect{}).empty()); // default rectangle is empty
    const auto everything = cells.runsWithin({glm::dvec2(-1e300), glm::dvec2(1e300)});
    REQUIRE(everything.size() == 1);
    CHECK(everything[0] == InstanceRun{0, 5000});
    CHECK(cells.all() == everything);
    CHECK(cells.runsWithin({{9000, 9000}, {9500, 9500}}).empty()); // beyond the data

    // Every anchor at one point: one cell holds all; a query touching it gets all of them.
    const SpatialCells one = SpatialCells::build(std::vector<glm::dvec2>(300, glm::dvec2(12, -7)), 0);
    CHECK(one.runsWithin({{12, -7}, {12, -7}}) == std::vector<InstanceRun>{{0, 300}});
    CHECK(one.runsWithin({{13, -7}, {20, 0}}).empty());

    // An anchor exactly on the grid's far corner is in the last cell, and found there.
    std::vector<glm::dvec2> edge = randomAnchors(1000, 11);
    edge.push_back({2400, 1600});
    const SpatialCells e = SpatialCells::build(edge, 0);
    CHECK(selected(e, e.runsWithin({{2400, 1600}, {2400, 1600}})).count(1000) == 1);

    // reordered() applies the order.
    std::vector<int> ids(edge.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        ids[i] = static_cast<int>(i);
    const std::vector<int> r = e.reordered(ids);
    for (std::size_t k = 0; k < r.size(); ++k)
        CHECK(r[k] == static_cast<int>(e.order()[k]));
}

TEST_CASE("SpatialCells: instances marked always (long segments) come last and are in every query",
          "[culling]") {
    auto anchors = randomAnchors(3000, 5);
    std::vector<bool> always(anchors.size(), false);
    for (std::size_t i = 0; i < anchors.size(); i += 10)
        always[i] = true; // 300 of them
    const SpatialCells cells = SpatialCells::build(anchors, 0, &always);
    REQUIRE(cells.size() == anchors.size());
    for (std::size_t k = 0; k < cells.size(); ++k)
        CHECK(always[cells.order()[k]] == (k >= 2700));
    const auto none = cells.runsWithin({{9000, 9000}, {9100, 9100}}); // nothing culled is there
    CHECK(none == std::vector<InstanceRun>{{2700, 300}});
    const auto some = selected(cells, cells.runsWithin({{-100, -100}, {100, 100}}));
    for (std::size_t i = 0; i < anchors.size(); ++i)
        if (always[i] || inside(anchors[i], {{-100, -100}, {100, 100}}, 0))
            CHECK(some.count(static_cast<std::uint32_t>(i)) == 1);
    CHECK(some.size() < 1000);
    // All of them marked: one run whatever the rectangle.
    const std::vector<bool> every(anchors.size(), true);
    const SpatialCells allAlways = SpatialCells::build(anchors, 0, &every);
    CHECK(allAlways.runsWithin({{9000, 9000}, {9100, 9100}}) == std::vector<InstanceRun>{{0, 3000}});
}

TEST_CASE("visibleGroundRect holds every point the camera sees between the ground and the top height",
          "[culling][camera]") {
    const double aspect = 16.0 / 9.0;
    for (double tilt : {0.0, 35.0, 60.0}) {
        for (double heading : {0.0, 30.0}) {
            CameraState cam;
            cam.target = {300, -200};
            cam.distanceKm = 2500;
            cam.tiltDeg = tilt;
            cam.headingDeg = heading;
            const glm::mat4 vp = cam.viewProjection(aspect);
            const double top = 400;
            const GroundRect rect = visibleGroundRect(vp, top);
            REQUIRE_FALSE(rect.empty());
            int seen = 0;
            for (double z : {0.0, top * 0.5, top})
                for (double x = -6000; x <= 6000; x += 50)
                    for (double y = -6000; y <= 6000; y += 50) {
                        const glm::dvec4 c = glm::dmat4(vp) * glm::dvec4(x, y, z, 1.0);
                        if (c.w <= 0) continue;
                        const glm::dvec3 n = glm::dvec3(c) / c.w;
                        if (std::abs(n.x) > 1 || std::abs(n.y) > 1 || std::abs(n.z) > 1) continue;
                        ++seen;
                        INFO("tilt " << tilt << " heading " << heading << ": point (" << x << ", " << y
                                     << ", " << z << ") is on screen");
                        REQUIRE(inside({x, y}, rect, 1e-6));
                    }
            CHECK(seen > 100);
            // Not the whole map either: at 2500 km a narrow lens sees a fraction of it.
            CHECK((rect.max.x - rect.min.x) < 6000);
        }
    }
}
