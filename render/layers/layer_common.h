// What the map layers (render/layers/*) share: a batch of instances with its VAO, the attribute and
// upload helpers, the unit meshes and programs every layer draws with, and the per-frame context a
// layer draws from. A layer uploads its buffers once per scenario (upload) and then only sets uniforms
// and draws (draw): time, status and size are evaluated in the shaders (render/shaders/lifecycle.glsl).
#pragma once

#include "core/dense_aggregation.h"
#include "core/scenario.h"
#include "core/view/frame_spec.h"
#include "core/view/map_instances.h"
#include "core/view/named_views.h"
#include "render/gl_objects.h"

#include <initializer_list>
#include <utility>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>

namespace buildout {

/// A static mesh or instance buffer with its VAO.
struct DrawBatch {
    gl::VertexArray vao;
    gl::Buffer vbo;
    GLsizei count = 0;
};

/// Declares float attributes of a struct laid out as consecutive floats: (location, components) pairs.
void floatAttributes(std::initializer_list<std::pair<GLuint, GLint>> locSizes, GLsizei stride,
                     GLuint divisor);

template <typename T> void uploadStatic(gl::Buffer& buf, const std::vector<T>& data) {
    glBindBuffer(GL_ARRAY_BUFFER, buf.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(T)),
                 data.empty() ? nullptr : data.data(), GL_STATIC_DRAW);
}

/// Unit meshes shared by the layers (made once per renderer).
struct UnitMeshes {
    gl::Buffer prism, prismEdges; ///< hexagonal prism (radius 1, height 1): sides + cap, and its edges
    GLsizei prismCount = 0, prismEdgeCount = 0;
    gl::Buffer quad;     ///< [-1, 1]^2 as two triangles, for discs and glyphs
    gl::Buffer lineQuad; ///< [0, 1] x [-1, 1], for line segments
    UnitMeshes();
};

/// The programs of the map layers (compiled once per renderer).
struct LayerPrograms {
    gl::Program background, fill, lines, discs, columns, glyphs, sprites;
    gl::VertexArray emptyVao; ///< for the full-screen background triangle
    LayerPrograms();
};

void makeLineBatch(DrawBatch& b, const gl::Buffer& lineQuad, const std::vector<LineInstance>& items);
void makeDiscBatch(DrawBatch& b, const gl::Buffer& quad, const std::vector<DiscInstance>& items);
void makeFillBatch(DrawBatch& b, const std::vector<FillVertex>& verts);
/// Point instances (campuses, plants) instanced over the unit quad (glyphs).
void makeGlyphBatch(DrawBatch& b, const gl::Buffer& quad, const std::vector<PointInstance>& items);
/// One point per instance, no per-vertex mesh (expanded by column_sprites.geom).
void makePointBatch(DrawBatch& b, const std::vector<PointInstance>& items);
/// The attributes of PointInstance at locations 2..7 (the column and sprite programs' layout).
void pointInstanceAttributes(GLuint divisor);

/// Appends one polyline (world km, z up) as line instances with running distance along it.
void appendPolyline(std::vector<LineInstance>& out, const std::vector<glm::dvec3>& pts, float widthPx,
                    glm::vec4 color, const LineInstance& lifecycleTemplate);
/// `path` (world km) simplified within kCoarseToleranceKm, at height z.
std::vector<glm::dvec3> coarsePath(const std::vector<glm::dvec2>& path, double z);
/// Fills a float texture buffer (`components` floats per texel; at least one texel, zeros when empty).
void uploadTextureBuffer(const gl::Buffer& buffer, const gl::Texture& texture, GLenum format,
                         std::vector<float>& data, std::size_t components);

/// A line instance shown at every time (borders, outlines).
LineInstance alwaysShown();
/// The window in which an entity is present (not absent, not cancelled): [first date, end), GPU days.
glm::vec2 presenceWindow(const Lifecycle& life);
/// The window in which an entity is operating, GPU days.
glm::vec2 operatingWindow(const Lifecycle& life);

/// Capacity samples of datacenters and plants in one texture buffer of (t, MW) pairs (texture unit 1).
struct CapacitySteps {
    std::vector<float> data;
    /// Appends `e`'s capacity series (at most 64 samples); out = (first texel, sample count).
    void append(const Scenario& s, const EntityBase& e, float out[2], bool& linear);
};
/// A point instance of `e` at `xy` (plane metres): position, lifecycle, nameplate and capacity samples.
PointInstance makePointInstance(const Scenario& s, const MapFrame& frame, CapacitySteps& steps,
                                const EntityBase& e, glm::dvec2 xy);

/// Comparison diff colours per kind (texture unit 2): columns, glyphs, segments, simplified segments.
enum class DiffKind : int { Columns = 0, Glyphs = 1, Segments = 2, CoarseSegments = 3 };

/// Everything a layer's draw needs for one frame. Built once per frame by MapRenderer::draw.
struct LayerFrame {
    const FrameSpec* spec = nullptr;
    const MapSettings* settings = nullptr;
    glm::mat4 viewProj{1.0f};
    glm::vec2 viewport{1.0f};
    float time = 0;          ///< GPU days
    float pixelScale = 1;    ///< pixels per 1080p point
    double kmPerPixel = 1;   ///< at the look-at point
    bool coarse = false;     ///< paths drawn from their simplified copies
    bool diffActive = false; ///< comparison diff colours replace the layers' own
    const LayerPrograms* programs = nullptr;
    const UnitMeshes* meshes = nullptr;
    const gl::Texture* diffTextures = nullptr; ///< 4, indexed by DiffKind
    KnotTimeline knots; ///< the dense layers' band knots (merged groups' MW between them)
};

/// Merged groups read their bands (texture unit 3) at the time uniform, between even knots: sets
/// uClustered (`on`), uBands and uKnots.
void bindClusters(const LayerFrame& f, const gl::Program& prog, bool on);

/// Binds kind `kind`'s diff colours to texture unit 2 and sets uDiffMode (on only when the frame is a diff).
void bindDiff(const LayerFrame& f, const gl::Program& prog, DiffKind kind, bool on);
/// Draws line instances (borders, transmission, outlines, arcs). `diff`: the kind whose diff colours apply.
void drawLineBatch(const LayerFrame& f, const DrawBatch& b, float opacity, DiffKind diff, bool diffColored);
/// Draws disc instances (glows, halos, markers).
void drawDiscBatch(const LayerFrame& f, const DrawBatch& b, float opacity);

} // namespace buildout
