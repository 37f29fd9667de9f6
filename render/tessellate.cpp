// GLU tessellator wrapper. GLU needs no GL context for tessellation.
#include "render/tessellate.h"

#include <GL/glu.h>

#ifndef CALLBACK
#define CALLBACK // calling-convention marker, only meaningful on Windows
#endif

#include <array>
#include <deque>

namespace buildout {

namespace {

struct TessState {
    std::vector<glm::dvec2>* out = nullptr;
    std::deque<std::array<double, 3>> storage; // GLU keeps pointers to vertex data until the end
};

void CALLBACK onBegin(GLenum, void*) {}
void CALLBACK onEnd(void*) {}
void CALLBACK onEdgeFlag(GLboolean, void*) {} // registering it makes GLU emit plain triangles only
void CALLBACK onVertex(void* vertex, void* user) {
    const auto* v = static_cast<const double*>(vertex);
    static_cast<TessState*>(user)->out->emplace_back(v[0], v[1]);
}
void CALLBACK onCombine(GLdouble coords[3], void*[4], GLfloat[4], void** outData, void* user) {
    auto* st = static_cast<TessState*>(user);
    st->storage.push_back({coords[0], coords[1], 0.0});
    *outData = st->storage.back().data();
}

using Callback = void(CALLBACK*)();

} // namespace

void tessellatePolygon(const std::vector<std::vector<glm::dvec2>>& rings, std::vector<glm::dvec2>& out) {
    GLUtesselator* tess = gluNewTess();
    if (!tess) return;
    TessState st;
    st.out = &out;
    gluTessCallback(tess, GLU_TESS_BEGIN_DATA, reinterpret_cast<Callback>(&onBegin));
    gluTessCallback(tess, GLU_TESS_END_DATA, reinterpret_cast<Callback>(&onEnd));
    gluTessCallback(tess, GLU_TESS_VERTEX_DATA, reinterpret_cast<Callback>(&onVertex));
    gluTessCallback(tess, GLU_TESS_COMBINE_DATA, reinterpret_cast<Callback>(&onCombine));
    gluTessCallback(tess, GLU_TESS_EDGE_FLAG_DATA, reinterpret_cast<Callback>(&onEdgeFlag));
    gluTessProperty(tess, GLU_TESS_WINDING_RULE, GLU_TESS_WINDING_ODD);
    gluTessNormal(tess, 0, 0, 1);
    gluTessBeginPolygon(tess, &st);
    for (const auto& ring : rings) {
        if (ring.size() < 3) continue;
        gluTessBeginContour(tess);
        // Closed rings repeat the first point; GLU wants it once.
        const std::size_t n = (ring.front() == ring.back()) ? ring.size() - 1 : ring.size();
        for (std::size_t i = 0; i < n; ++i) {
            st.storage.push_back({ring[i].x, ring[i].y, 0.0});
            gluTessVertex(tess, st.storage.back().data(), st.storage.back().data());
        }
        gluTessEndContour(tess);
    }
    gluTessEndPolygon(tess);
    gluDeleteTess(tess);
}

} // namespace buildout
