// Where a GUI frame's time goes, for BUILDOUT_FRAME_LOG: the log of a frame over 50 ms says how long
// the load/upload step, the panels, the map and the present took. With BUILDOUT_FRAME_LOG=phases the
// GPU is waited for at each mark, so a draw's cost lands in its own phase rather than in the present
// (that stalls the pipeline: for finding a stall, not for measuring the frame rate).
#pragma once

#include "render/screen_capture.h"

#include <GLFW/glfw3.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

namespace buildout {

class FramePhases {
public:
    enum Phase { Load, Panels, Map, Present, Count };

    void setEnabled(bool on) {
        enabled_ = on;
        const char* v = std::getenv("BUILDOUT_FRAME_LOG");
        waitGpu_ = on && v && std::strcmp(v, "phases") == 0;
    }
    void start(double now) {
        last_ = now;
        ms_.fill(0.0);
    }
    /// Ends phase `p` now (seconds from glfwGetTime).
    void mark(Phase p) {
        if (!enabled_) return;
        if (waitGpu_) waitForGpu();
        const double now = glfwGetTime();
        ms_[p] += (now - last_) * 1000.0;
        last_ = now;
    }
    /// "load 1.2, panels 3.4, map 40.1, present 5.0 ms"
    std::string describe() const {
        static const char* names[Count] = {"load", "panels", "map", "present"};
        std::ostringstream o;
        o.precision(3);
        for (int i = 0; i < Count; ++i)
            o << (i ? ", " : "") << names[i] << " " << ms_[i];
        o << " ms";
        return o.str();
    }

private:
    bool enabled_ = false;
    bool waitGpu_ = false;
    double last_ = 0.0;
    std::array<double, Count> ms_{};
};

} // namespace buildout
