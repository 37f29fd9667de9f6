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
#include "core/view/spatial_cells.h"
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
/// `baseOffset`: bytes from the buffer's start to the first element (a run of instances, see drawRuns).
void floatAttributes(std::initializer_list<std::pair<GLuint, GLint>> locSizes, GLsizei stride, GLuint divisor,
                     std::size_t baseOffset = 0);

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
void pointInstanceAttributes(GLuint divisor, std::size_t baseOffset = 0);
/// The instance attributes of glyph (PointInstance at 1..6), line and disc batches, from `baseOffset`.
void glyphInstanceAttributes(std::size_t baseOffset);
void lineInstanceAttributes(std::size_t baseOffset);
void discInstanceAttributes(std::size_t baseOffset);

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
    /// Per-instance culling: the map-plane rectangle the camera sees up to the tallest column, and how
    /// many instances this frame's culled draws submitted (bench and tests read it).
    GroundRect visible{glm::dvec2(-1e300), glm::dvec2(1e300)};
    GroundRect visibleMerged{glm::dvec2(-1e300), glm::dvec2(1e300)}; ///< up to the tallest merged column
    std::size_t* submitted = nullptr;
};

/// Instances drawn by runs (core/view/spatial_cells.h): the runs of `cells` meeting the visible rectangle
/// grown by `reachPx` pixels and `reachKm` (what a glyph, disc or line draws beyond its anchor). The pixel
/// size is taken at the look-at point, times 3 for the far side of a tilted view.
std::vector<InstanceRun> visibleRuns(const LayerFrame& f, const SpatialCells& cells, double reachPx,
                                     bool merged = false, double reachKm = 0);

/// The cell order of point instances by their centres, and of line segments by their midpoints (segments
/// longer than 300 km drawn whatever the view: they would grow every query).
SpatialCells pointCellOrder(const std::vector<PointInstance>& points);
/// The largest capacity (MW) any of `points` reaches: nameplate or any capacity sample in `steps`.
double peakInstanceMw(const std::vector<PointInstance>& points, const CapacitySteps& steps);
SpatialCells segmentCellOrder(const std::vector<LineInstance>& segments);

/// Draws `verts` vertices per instance for each run of an instanced batch whose instances are in
/// `instanceBuffer`: OpenGL 3.3 has no base instance, so the instance attributes are re-pointed at each
/// run's first instance (`setAttributes(byteOffset)`, with the VAO bound), and `uInstanceBase` tells the
/// shader the run's offset for per-instance lookups (diff colours). Leaves the attributes at offset 0.
void drawRuns(const LayerFrame& f, const gl::Program& prog, GLuint vao, GLuint instanceBuffer, GLenum mode,
              GLsizei verts, const std::vector<InstanceRun>& runs, std::size_t stride,
              void (*setAttributes)(std::size_t));

/// Merged groups read their bands (texture unit 3) at the time uniform, between even knots: sets
/// uClustered (`on`), uBands and uKnots.
void bindClusters(const LayerFrame& f, const gl::Program& prog, bool on);

/// Binds kind `kind`'s diff colours to texture unit 2 and sets uDiffMode (on only when the frame is a diff).
void bindDiff(const LayerFrame& f, const gl::Program& prog, DiffKind kind, bool on);
/// Draws line instances (borders, transmission, outlines, arcs). `diff`: the kind whose diff colours apply.
/// `runs` (optional): only these instances (culling), else all of them.
void drawLineBatch(const LayerFrame& f, const DrawBatch& b, float opacity, DiffKind diff, bool diffColored,
                   const std::vector<InstanceRun>* runs = nullptr);
/// Draws disc instances (glows, halos, markers).
void drawDiscBatch(const LayerFrame& f, const DrawBatch& b, float opacity,
                   const std::vector<InstanceRun>* runs = nullptr);

} // namespace buildout
