// Camera framing (pure math, no GL): frameBox must show the box it frames.
#include "core/view/camera.h"

#include <catch2/catch.hpp>

#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

#include <algorithm>

using namespace buildout;

namespace {
/// Normalised device coordinates of a ground point (x, y km).
glm::dvec2 ndcOf(const CameraState& cam, double aspect, glm::dvec2 p) {
    const glm::dvec4 c = glm::dmat4(cam.viewProjection(aspect)) * glm::dvec4(p, 0.0, 1.0);
    return glm::dvec2(c) / c.w;
}
} // namespace

TEST_CASE("frameBox straight down shows the box with its margin", "[camera]") {
    const glm::dvec2 lo(-600, -300), hi(600, 300);
    for (double aspect : {16.0 / 9.0, 1.0, 0.5}) {
        const CameraState cam = frameBox(lo, hi, aspect, 0.0, 0.0, 1.1);
        double extent = 0;
        for (glm::dvec2 corner : {lo, hi, glm::dvec2(lo.x, hi.y), glm::dvec2(hi.x, lo.y)}) {
            const glm::dvec2 n = ndcOf(cam, aspect, corner);
            extent = std::max({extent, std::abs(n.x), std::abs(n.y)});
        }
        INFO("aspect " << aspect << ": the farthest corner at |ndc| " << extent);
        CHECK(extent <= 1.0 / 1.1 + 1e-6); // inside, with the 10 % margin
        CHECK(extent >= 1.0 / 1.1 - 0.01); // and the box fills the frame along one axis
    }
}

// Known defect (reported, not fixed here): frameBox centres the box and scales the north-south extent
// by cos(tilt), ignoring perspective, so at a tilt the near (southern) edge of the box falls below the
// frame: at 32 degrees and a 16:9 frame with a 10 % margin, the box's southern corners land at about
// ndc y -1.02 (outside) while its northern ones sit well inside. `[!mayfail]` reports it without
// failing the suite; remove the tag when frameBox accounts for perspective.
TEST_CASE("frameBox at a tilt shows the whole box", "[camera][!mayfail]") {
    const glm::dvec2 lo(-420, -330), hi(420, 330); // about the render test scene's content box
    const double aspect = 16.0 / 9.0;
    for (double tilt : {20.0, 32.0, 45.0}) {
        const CameraState cam = frameBox(lo, hi, aspect, tilt, 0.0, 1.1);
        const glm::dvec2 south = ndcOf(cam, aspect, glm::dvec2(lo.x, lo.y));
        const glm::dvec2 north = ndcOf(cam, aspect, glm::dvec2(hi.x, hi.y));
        INFO("tilt " << tilt << ": south-west corner at ndc (" << south.x << ", " << south.y
                     << "), north-east corner at ndc (" << north.x << ", " << north.y << ")");
        CHECK(south.y >= -1.0);
        CHECK(north.y <= 1.0);
        CHECK(std::abs(south.x) <= 1.0);
        CHECK(std::abs(north.x) <= 1.0);
    }
}
