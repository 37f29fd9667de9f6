// Static upload of a scenario and per-frame drawing of every map layer.
#include "render/map_renderer.h"

#include "core/view/dense_layers.h"
#include "render/gl_objects.h"
#include "core/view/map_instances.h"
#include "render/static_layer_cache.h"
#include "core/polyline_simplify.h"
#include "render/overlay_painter.h"
#include "render/shader_library.h"
#include "render/tessellate.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace buildout {

namespace {

/// Above this many campuses, wide views switch to sprites and drop per-campus ground discs.
constexpr GLsizei kSpriteThreshold = 5000;

/// The window in which an entity is present (not absent, not cancelled): [first date, end).
glm::vec2 presenceWindow(const Lifecycle& life) {
    if (!life.hasDates()) {
        const bool shown = life.undatedStatus != Status::Cancelled && life.undatedStatus != Status::Retired;
        return shown ? glm::vec2(-kNever, kNever) : glm::vec2(kNever, kNever);
    }
    float end = kNever;
    if (life.dates[Lifecycle::Cancelled] != kNoDay) end = dayToGpu(life.dates[Lifecycle::Cancelled]);
    if (life.dates[Lifecycle::Retired] != kNoDay) end = std::min(end, dayToGpu(life.dates[Lifecycle::Retired]));
    return {dayToGpu(life.firstDate()), end};
}

/// The window in which an entity is operating.
glm::vec2 operatingWindow(const Lifecycle& life) {
    if (!life.hasDates())
        return life.undatedStatus == Status::Operating ? glm::vec2(-kNever, kNever) : glm::vec2(kNever, kNever);
    if (life.dates[Lifecycle::Online] == kNoDay) return {kNever, kNever};
    return {dayToGpu(life.dates[Lifecycle::Online]), dayToGpu(life.dates[Lifecycle::Retired])};
}

/// A static mesh or instance buffer with its VAO.
struct DrawBatch {
    gl::VertexArray vao;
    gl::Buffer vbo;
    GLsizei count = 0;
};

/// Declares float attributes of a struct laid out as consecutive floats.
void floatAttributes(std::initializer_list<std::pair<GLuint, GLint>> locSizes, GLsizei stride, GLuint divisor) {
    std::size_t offset = 0;
    for (auto [loc, size] : locSizes) {
        glEnableVertexAttribArray(loc);
        glVertexAttribPointer(loc, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
        glVertexAttribDivisor(loc, divisor);
        offset += static_cast<std::size_t>(size) * sizeof(float);
    }
}

template <typename T> void upload(gl::Buffer& buf, const std::vector<T>& data) {
    glBindBuffer(GL_ARRAY_BUFFER, buf.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(T)), data.empty() ? nullptr : data.data(),
                 GL_STATIC_DRAW);
}

} // namespace

struct MapRenderer::Gpu {
    // Programs.
    gl::Program background, fillProg, lineProg, discProg, columnProg, glyphProg, spriteProg;
    gl::VertexArray emptyVao;

    // Shared unit meshes.
    gl::Buffer prismVbo, prismEdgesVbo, quadVbo, lineQuadVbo;
    GLsizei prismCount = 0, prismEdgeCount = 0;

    // Per-scenario data.
    DrawBatch land;            // triangles, FillVertex
    DrawBatch zoneFill;        // triangles, FillVertex
    DrawBatch borders, nation, transmission, zoneOutline, arcs; // LineInstance
    // The same paths simplified to within kCoarseToleranceKm, drawn when that is under half a pixel.
    DrawBatch bordersCoarse, nationCoarse, transmissionCoarse;
    DrawBatch columns, columnEdges, columnSprites; // PointInstance (three VAOs over one buffer)
    gl::Buffer columnInstances;
    GLsizei columnCount = 0;
    DrawBatch glyphs;          // PointInstance
    DrawBatch glows, uncertainty, halos, zoneMarkers; // DiscInstance
    gl::Buffer steps;
    gl::Texture stepsTexture;
    gl::Texture regionColors;
    int regionCount = 0;
    std::vector<std::uint8_t> regionRgba; ///< what regionColors holds, to upload only on change
    std::uint64_t regionColorsVersion = 0;

    // Dense layers (merged per grid cell at wide zoom): one batch of each kind per level, and the bands of
    // every merged group (RGBA32F texture buffer, texture unit 3).
    struct DenseBatches {
        DrawBatch campuses, plants, lines;
    };
    std::vector<DenseBatches> dense;
    DenseLayers denseInfo; ///< the levels' sizes and scales (instance arrays emptied after upload)
    /// Per level, the scales shared with a compared map (empty: the levels' own).
    std::vector<float> sharedCampusScale, sharedPlantScale;
    gl::Buffer bandsBuffer;
    gl::Texture bandsTexture;
    int clusterThreshold = kDefaultClusterThreshold;

    StaticLayerCache staticLayers;
    GLsizei spriteThreshold = kSpriteThreshold; ///< more campuses than this: sprites and no discs at wide zoom

    std::unique_ptr<OverlayPainter> painter;

    // Comparison diff colours (texture buffers of RGBA8, one texel per instance): columns, glyphs,
    // transmission segments, simplified transmission segments.
    gl::Buffer diffBuffers[4];
    gl::Texture diffTextures[4]; // 3: the simplified transmission segments
};

MapRenderer::MapRenderer() : gpu_(std::make_unique<Gpu>()) {
    Gpu& g = *gpu_;
    g.background = makeProgram("background");
    g.fillProg = makeProgram("fill");
    g.lineProg = makeProgram("lines");
    g.discProg = makeProgram("discs");
    g.columnProg = makeProgram("columns");
    g.glyphProg = makeProgram("glyphs");
    g.spriteProg = makeProgramWithGeometry("column_sprites");
    g.emptyVao = gl::makeVertexArray();

    // Unit hexagonal prism (radius 1, height 1): six lit sides and a top cap.
    std::vector<float> prism;
    constexpr double kPi = 3.14159265358979323846;
    auto corner = [&](int i) {
        const double a = (i % 6) * kPi / 3.0 + kPi / 6.0;
        return glm::vec2(static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)));
    };
    auto vert = [&](glm::vec2 xy, float z, glm::vec3 n) {
        prism.insert(prism.end(), {xy.x, xy.y, z, n.x, n.y, n.z});
    };
    for (int i = 0; i < 6; ++i) {
        const glm::vec2 a = corner(i), b = corner(i + 1);
        const glm::vec2 mid = glm::normalize((a + b) * 0.5f);
        const glm::vec3 n(mid, 0.0f);
        vert(a, 0, n), vert(b, 0, n), vert(b, 1, n);
        vert(a, 0, n), vert(b, 1, n), vert(a, 1, n);
        vert(glm::vec2(0), 1, {0, 0, 1}), vert(a, 1, {0, 0, 1}), vert(b, 1, {0, 0, 1});
    }
    g.prismCount = static_cast<GLsizei>(prism.size() / 6);
    g.prismVbo = gl::makeBuffer();
    upload(g.prismVbo, prism);
    std::vector<float> edges;
    for (int i = 0; i < 6; ++i) {
        const glm::vec2 a = corner(i), b = corner(i + 1);
        for (float z : {0.0f, 1.0f}) {
            edges.insert(edges.end(), {a.x, a.y, z, 0, 0, 1});
            edges.insert(edges.end(), {b.x, b.y, z, 0, 0, 1});
        }
        edges.insert(edges.end(), {a.x, a.y, 0, 0, 0, 1});
        edges.insert(edges.end(), {a.x, a.y, 1, 0, 0, 1});
    }
    g.prismEdgeCount = static_cast<GLsizei>(edges.size() / 6);
    g.prismEdgesVbo = gl::makeBuffer();
    upload(g.prismEdgesVbo, edges);
    const std::vector<float> quad = {-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1};
    g.quadVbo = gl::makeBuffer();
    upload(g.quadVbo, quad);
    const std::vector<float> lineQuad = {0, -1, 1, -1, 1, 1, 0, -1, 1, 1, 0, 1};
    g.lineQuadVbo = gl::makeBuffer();
    upload(g.lineQuadVbo, lineQuad);

    g.regionColors = gl::makeTexture();
    g.steps = gl::makeBuffer();
    g.stepsTexture = gl::makeTexture();
    g.painter = std::make_unique<OverlayPainter>();
    for (int i = 0; i < 4; ++i) g.diffBuffers[i] = gl::makeBuffer(), g.diffTextures[i] = gl::makeTexture();
    g.bandsBuffer = gl::makeBuffer();
    g.bandsTexture = gl::makeTexture();
    gl::checkErrors("MapRenderer setup");
}

MapRenderer::~MapRenderer() = default;

void MapRenderer::setStaticLayerCacheEnabled(bool enabled) { gpu_->staticLayers.setEnabled(enabled); }

void MapRenderer::setDenseThreshold(int campuses) { gpu_->spriteThreshold = static_cast<GLsizei>(std::max(campuses, 0)); }

const DenseLayers& MapRenderer::denseLayers() const { return gpu_->denseInfo; }

const DenseLevel* MapRenderer::mergedCampuses() const {
    if (!denseView_.campuses || denseView_.level < 0) return nullptr;
    return &gpu_->denseInfo.levels[static_cast<std::size_t>(denseView_.level)];
}

void MapRenderer::shareDenseScales(MapRenderer& a, MapRenderer& b) {
    Gpu& ga = *a.gpu_;
    Gpu& gb = *b.gpu_;
    ga.sharedCampusScale.clear(), ga.sharedPlantScale.clear();
    gb.sharedCampusScale.clear(), gb.sharedPlantScale.clear();
    const std::vector<DenseLevel>& la = ga.denseInfo.levels;
    const std::vector<DenseLevel>& lb = gb.denseInfo.levels;
    if (la.size() != lb.size()) return; // one of them merges nothing: nothing to match
    for (std::size_t l = 0; l < la.size(); ++l) {
        const float campus = std::min(la[l].campusHeightScale, lb[l].campusHeightScale);
        const float plant = std::min(la[l].plantMwScale, lb[l].plantMwScale);
        for (Gpu* g : {&ga, &gb}) g->sharedCampusScale.push_back(campus), g->sharedPlantScale.push_back(plant);
    }
}

void MapRenderer::clearSharedDenseScales() { gpu_->sharedCampusScale.clear(), gpu_->sharedPlantScale.clear(); }

void MapRenderer::setClusterThreshold(int entities) {
    if (gpu_->clusterThreshold == std::max(entities, 0)) return;
    gpu_->clusterThreshold = std::max(entities, 0);
    uploadDenseLayers();
}

OverlayPainter& MapRenderer::painter() { return *gpu_->painter; }

namespace {

void makeLineBatch(DrawBatch& b, const gl::Buffer& quad, const std::vector<LineInstance>& items) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, quad.get());
    floatAttributes({{0, 2}}, 2 * sizeof(float), 0);
    upload(b.vbo, items);
    floatAttributes({{1, 3}, {2, 3}, {3, 4}, {4, 4}, {5, 4}, {6, 2}, {7, 1}}, sizeof(LineInstance), 1);
    b.count = static_cast<GLsizei>(items.size());
}

void makeDiscBatch(DrawBatch& b, const gl::Buffer& quad, const std::vector<DiscInstance>& items) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, quad.get());
    floatAttributes({{0, 2}}, 2 * sizeof(float), 0);
    upload(b.vbo, items);
    floatAttributes({{1, 2}, {2, 4}, {3, 2}, {4, 4}}, sizeof(DiscInstance), 1);
    b.count = static_cast<GLsizei>(items.size());
}

void makeFillBatch(DrawBatch& b, const std::vector<FillVertex>& verts) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    upload(b.vbo, verts);
    floatAttributes({{0, 2}, {1, 1}, {2, 4}, {3, 2}}, sizeof(FillVertex), 0);
    b.count = static_cast<GLsizei>(verts.size());
}

/// Appends one polyline as line instances with running distance along it.
void appendPolyline(std::vector<LineInstance>& out, const std::vector<glm::dvec3>& pts, float widthPx,
                    glm::vec4 color, const LineInstance& lifecycleTemplate) {
    double dist = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        LineInstance li = lifecycleTemplate;
        const glm::dvec3 a = pts[i - 1], b = pts[i];
        const double len = glm::length(b - a);
        if (len <= 0) continue;
        li.a[0] = static_cast<float>(a.x), li.a[1] = static_cast<float>(a.y), li.a[2] = static_cast<float>(a.z);
        li.b[0] = static_cast<float>(b.x), li.b[1] = static_cast<float>(b.y), li.b[2] = static_cast<float>(b.z);
        li.style[0] = widthPx;
        li.style[1] = static_cast<float>(dist);
        li.style[2] = static_cast<float>(dist + len);
        li.style[3] = 0;
        setColor(li.color, color);
        dist += len;
        out.push_back(li);
    }
}

/// Fills a float texture buffer (`components` floats per texel; at least one texel, zeros when empty).
void uploadTextureBuffer(const gl::Buffer& buffer, const gl::Texture& texture, GLenum format, std::vector<float>& data,
                         std::size_t components) {
    if (data.empty()) data.assign(components, 0.0f);
    glBindBuffer(GL_TEXTURE_BUFFER, buffer.get());
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(float)), data.data(), GL_STATIC_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, texture.get());
    glTexBuffer(GL_TEXTURE_BUFFER, format, buffer.get());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

LineInstance alwaysShown() {
    LineInstance li{};
    for (float& d : li.dates0) d = kNever;
    li.dates1[0] = li.dates1[1] = kNever;
    li.fixedStatus = -2.0f;
    return li;
}

} // namespace

void MapRenderer::setScenario(std::shared_ptr<const Scenario> scenario, const Scenario* paletteWith) {
    scenario_ = std::move(scenario);
    placed_.clear();
    Gpu& g = *gpu_;
    // Drop the previous scenario's buffers.
    g.land = {}, g.zoneFill = {}, g.borders = {}, g.nation = {}, g.transmission = {}, g.zoneOutline = {}, g.arcs = {};
    g.bordersCoarse = {}, g.nationCoarse = {}, g.transmissionCoarse = {};
    g.columns = {}, g.columnEdges = {}, g.columnSprites = {}, g.glyphs = {}, g.glows = {}, g.uncertainty = {}, g.halos = {}, g.zoneMarkers = {};
    g.columnInstances = {};
    g.columnCount = 0;
    g.dense.clear();
    g.denseInfo = {};
    diffActive_ = false;
    lineOfSegment_.clear();
    lineOfCoarseSegment_.clear();
    g.staticLayers.invalidate();
    if (!scenario_) return;
    const Scenario& s = *scenario_;
    frame_ = makeMapFrame(s);
    operators_ = makeSharedOperatorPalette(s, paletteWith);
    auto km = [&](glm::dvec2 m) { return frame_.toWorld(m); };

    // --- Basemap: land triangles per region, borders, the national outline.
    std::vector<FillVertex> land;
    std::vector<LineInstance> borders, nation, bordersCoarse, nationCoarse;
    const LineInstance always = alwaysShown();
    auto coarse3 = [](const std::vector<glm::dvec2>& path, double z) {
        std::vector<glm::dvec3> out;
        for (const glm::dvec2& p : simplifyPolyline(path, kCoarseToleranceKm)) out.emplace_back(p, z);
        return out;
    };
    g.regionCount = static_cast<int>(s.basemap->regions.size());
    for (std::size_t r = 0; r < s.basemap->regions.size(); ++r) {
        const Region& region = s.basemap->regions[r];
        for (const PolygonXY& poly : region.polygonsXY) {
            std::vector<std::vector<glm::dvec2>> rings;
            for (const auto& ring : poly.rings) {
                std::vector<glm::dvec2> kmRing;
                kmRing.reserve(ring.size());
                for (const auto& p : ring) kmRing.push_back(km(p));
                std::vector<glm::dvec3> line;
                for (const auto& p : kmRing) line.emplace_back(p, 0.0);
                if (region.isNation()) {
                    appendPolyline(nation, line, 1.7f, style::kNationOutline, always);
                    appendPolyline(nationCoarse, coarse3(kmRing, 0.0), 1.7f, style::kNationOutline, always);
                } else {
                    appendPolyline(borders, line, 0.9f, style::kStateBorder, always);
                    appendPolyline(bordersCoarse, coarse3(kmRing, 0.0), 0.9f, style::kStateBorder, always);
                }
                rings.push_back(std::move(kmRing));
            }
            if (region.isNation()) continue;
            std::vector<glm::dvec2> tris;
            tessellatePolygon(rings, tris);
            for (const auto& p : tris)
                land.push_back({{static_cast<float>(p.x), static_cast<float>(p.y)}, static_cast<float>(r), {}, {}});
        }
    }
    makeFillBatch(g.land, land);
    makeLineBatch(g.borders, g.lineQuadVbo, borders);
    makeLineBatch(g.nation, g.lineQuadVbo, nation);
    makeLineBatch(g.bordersCoarse, g.lineQuadVbo, bordersCoarse);
    makeLineBatch(g.nationCoarse, g.lineQuadVbo, nationCoarse);

    // --- Capacity samples of datacenters and plants, in one texture buffer of (t, MW) pairs.
    std::vector<float> steps;
    auto stepsOf = [&](const EntityBase& e, float out[2], bool& linear) {
        out[0] = out[1] = 0;
        linear = false;
        if (e.capacitySeries < 0) return;
        const Series& ser = s.series[static_cast<std::size_t>(e.capacitySeries)];
        out[0] = static_cast<float>(steps.size() / 2);
        out[1] = static_cast<float>(std::min<std::size_t>(ser.samples.size(), 64));
        linear = ser.interpolation == Interpolation::Linear;
        for (std::size_t i = 0; i < ser.samples.size() && i < 64; ++i) {
            steps.push_back(gpuTime(ser.samples[i].t));
            steps.push_back(static_cast<float>(ser.samples[i].value));
        }
    };
    auto pointInstance = [&](const EntityBase& e, glm::dvec2 xy) {
        PointInstance pi{};
        const glm::dvec2 w = km(xy);
        pi.center[0] = static_cast<float>(w.x), pi.center[1] = static_cast<float>(w.y);
        setLifecycle(e.life, pi.dates0, pi.dates1, pi.misc[1]);
        bool linear = false;
        stepsOf(e, pi.steps, linear);
        // With a capacity series, an unknown nameplate is no longer unknown: the series gives it.
        pi.misc[0] = isKnown(e.capacityMw) ? static_cast<float>(e.capacityMw) : (pi.steps[1] > 0 ? 0.0f : -1.0f);
        pi.misc[2] = linear ? 1.0f : 0.0f;
        return pi;
    };

    // --- Datacenters: columns, glows, uncertainty discs.
    std::vector<PointInstance> cols;
    std::vector<DiscInstance> glows, uncertain;
    cols.reserve(s.datacenters.size());
    for (std::size_t i = 0; i < s.datacenters.size(); ++i) {
        const Datacenter& d = s.datacenters[i];
        PointInstance pi = pointInstance(d, d.xy);
        pi.misc[3] = d.precision == LocationPrecision::Approximate ? 1.0f : 0.0f;
        const glm::vec4 c = operators_.color(operators_.datacenterGroup[i]);
        setColor(pi.color, glm::vec4(glm::vec3(c), static_cast<float>(operators_.datacenterGroup[i] + 1)));
        cols.push_back(pi);
        const glm::vec2 op = operatingWindow(d.life);
        // A warm white glow marks in-service campuses without contradicting the chosen colouring.
        glows.push_back({{pi.center[0], pi.center[1]}, {45.0f, 14.0f, 0.0f, 0.05f}, {op.x, op.y}, {1.0f, 0.93f, 0.78f, 0.7f}});
        if (d.precision == LocationPrecision::Approximate) {
            const glm::vec2 pw = presenceWindow(d.life);
            uncertain.push_back(
                {{pi.center[0], pi.center[1]}, {30.0f, 7.0f, 1.0f, 0.03f}, {pw.x, pw.y}, {0.75f, 0.82f, 0.95f, 0.9f}});
        }
    }
    g.columnInstances = gl::makeBuffer();
    upload(g.columnInstances, cols);
    g.columnCount = static_cast<GLsizei>(cols.size());
    for (DrawBatch* batch : std::initializer_list<DrawBatch*>{&g.columns, &g.columnEdges}) {
        batch->vao = gl::makeVertexArray();
        glBindVertexArray(batch->vao.get());
        glBindBuffer(GL_ARRAY_BUFFER, batch == &g.columns ? g.prismVbo.get() : g.prismEdgesVbo.get());
        floatAttributes({{0, 3}, {1, 3}}, 6 * sizeof(float), 0);
        glBindBuffer(GL_ARRAY_BUFFER, g.columnInstances.get());
        floatAttributes({{2, 2}, {3, 4}, {4, 2}, {5, 4}, {6, 2}, {7, 4}}, sizeof(PointInstance), 1);
        batch->count = g.columnCount;
    }
    g.columnSprites.vao = gl::makeVertexArray(); // one point per campus (not instanced): see column_sprites.geom
    glBindVertexArray(g.columnSprites.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, g.columnInstances.get());
    floatAttributes({{2, 2}, {3, 4}, {4, 2}, {5, 4}, {6, 2}, {7, 4}}, sizeof(PointInstance), 0);
    g.columnSprites.count = g.columnCount;
    makeDiscBatch(g.glows, g.quadVbo, glows);
    makeDiscBatch(g.uncertainty, g.quadVbo, uncertain);

    // --- Power plants: glyphs.
    std::vector<PointInstance> plants;
    for (const PowerPlant& p : s.powerPlants) {
        PointInstance pi = pointInstance(p, p.xy);
        pi.misc[3] = static_cast<float>(style::glyphShape(p.fuel));
        setColor(pi.color, style::fuelColor(p.fuel));
        plants.push_back(pi);
    }
    g.glyphs.vao = gl::makeVertexArray();
    g.glyphs.vbo = gl::makeBuffer();
    glBindVertexArray(g.glyphs.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, g.quadVbo.get());
    floatAttributes({{0, 2}}, 2 * sizeof(float), 0);
    upload(g.glyphs.vbo, plants);
    floatAttributes({{1, 2}, {2, 4}, {3, 2}, {4, 4}, {5, 2}, {6, 4}}, sizeof(PointInstance), 1);
    g.glyphs.count = static_cast<GLsizei>(plants.size());

    // --- Transmission lines (paths already follow the projection: the loader densifies them).
    std::vector<LineInstance> lines, linesCoarse;
    for (const TransmissionLine& l : s.lines) {
        lineOfSegment_.resize(lines.size(), static_cast<int>(&l - s.lines.data()) - 1);
        lineOfCoarseSegment_.resize(linesCoarse.size(), static_cast<int>(&l - s.lines.data()) - 1);
        LineInstance tmpl{};
        setLifecycle(l.life, tmpl.dates0, tmpl.dates1, tmpl.fixedStatus);
        const auto cls = style::voltageClass(l.kv, l.current);
        for (const auto& path : l.pathsXY) {
            std::vector<glm::dvec3> pts;
            std::vector<glm::dvec2> flat;
            for (const auto& p : path) pts.emplace_back(km(p), 0.05), flat.push_back(km(p));
            appendPolyline(lines, pts, style::voltageWidthPx(cls), style::voltageColor(cls), tmpl);
            appendPolyline(linesCoarse, coarse3(flat, 0.05), style::voltageWidthPx(cls), style::voltageColor(cls), tmpl);
        }
    }
    lineOfSegment_.resize(lines.size(), static_cast<int>(s.lines.size()) - 1);
    lineOfCoarseSegment_.resize(linesCoarse.size(), static_cast<int>(s.lines.size()) - 1);
    makeLineBatch(g.transmission, g.lineQuadVbo, lines);
    makeLineBatch(g.transmissionCoarse, g.lineQuadVbo, linesCoarse);

    // --- Zones: translucent fills and outlines.
    std::vector<FillVertex> zoneFill;
    std::vector<LineInstance> zoneLines;
    std::vector<DiscInstance> zoneMarkers;
    for (const Zone& z : s.zones) {
        const glm::vec2 win = operatingWindow(z.life);
        const glm::vec2 present = presenceWindow(z.life);
        LineInstance tmpl{};
        setLifecycle(z.life, tmpl.dates0, tmpl.dates1, tmpl.fixedStatus);
        const glm::vec4 c = style::zoneColor();
        for (const PolygonXY& poly : z.polygonsXY) {
            std::vector<std::vector<glm::dvec2>> rings;
            for (const auto& ring : poly.rings) {
                std::vector<glm::dvec2> kmRing;
                std::vector<glm::dvec3> line;
                for (const auto& p : ring) {
                    kmRing.push_back(km(p));
                    line.emplace_back(kmRing.back(), 0.04);
                }
                appendPolyline(zoneLines, line, 1.6f, glm::vec4(glm::vec3(c), 0.95f), tmpl);
                rings.push_back(std::move(kmRing));
            }
            // A ring marker at the zone's centre keeps small zones visible at national scale.
            glm::dvec2 centre(0);
            for (const auto& p : rings[0]) centre += p;
            centre /= static_cast<double>(std::max<std::size_t>(rings[0].size(), 1));
            const glm::vec2 markerWin = win.x < kNever ? win : present;
            zoneMarkers.push_back({{static_cast<float>(centre.x), static_cast<float>(centre.y)},
                                   {0.0f, 9.0f, 2.0f, 0.04f}, {markerWin.x, markerWin.y}, {c.r, c.g, c.b, 0.9f}});
            std::vector<glm::dvec2> tris;
            tessellatePolygon(rings, tris);
            // Fill from designation (operating); before that only the dotted outline shows the plan.
            const glm::vec2 w = win.x < kNever ? win : present;
            for (const auto& p : tris)
                zoneFill.push_back({{static_cast<float>(p.x), static_cast<float>(p.y)}, -1.0f, {c.r, c.g, c.b, c.a},
                                    {w.x, w.y}});
        }
    }
    makeFillBatch(g.zoneFill, zoneFill);
    makeLineBatch(g.zoneOutline, g.lineQuadVbo, zoneLines);
    makeDiscBatch(g.zoneMarkers, g.quadVbo, zoneMarkers);

    // --- Superclusters: halos around members and arcs between them.
    std::vector<DiscInstance> halos;
    std::vector<LineInstance> arcs;
    for (std::size_t ci = 0; ci < s.superclusters.size(); ++ci) {
        const Supercluster& c = s.superclusters[ci];
        const glm::vec4 color = style::clusterColor(static_cast<int>(ci));
        const glm::vec2 cw = presenceWindow(c.life);
        auto memberWindow = [&](int m) {
            const glm::vec2 mw = presenceWindow(s.datacenters[static_cast<std::size_t>(m)].life);
            return glm::vec2(std::max(cw.x, mw.x), std::min(cw.y, mw.y));
        };
        for (int m : c.members) {
            const glm::dvec2 w = km(s.datacenters[static_cast<std::size_t>(m)].xy);
            const glm::vec2 win = memberWindow(m);
            halos.push_back({{static_cast<float>(w.x), static_cast<float>(w.y)}, {34.0f, 12.0f, 2.0f, 0.06f},
                             {win.x, win.y}, {color.r, color.g, color.b, 0.7f}});
        }
        // Arcs chain the members in nearest-neighbour order from the first, raised like flight paths.
        std::vector<int> order;
        std::vector<bool> used(c.members.size(), false);
        if (!c.members.empty()) {
            order.push_back(0);
            used[0] = true;
        }
        while (order.size() < c.members.size()) {
            const glm::dvec2 from = s.datacenters[static_cast<std::size_t>(c.members[static_cast<std::size_t>(order.back())])].xy;
            int best = -1;
            double bestD = 1e300;
            for (std::size_t k = 0; k < c.members.size(); ++k) {
                if (used[k]) continue;
                const double d = glm::length(s.datacenters[static_cast<std::size_t>(c.members[k])].xy - from);
                if (d < bestD) bestD = d, best = static_cast<int>(k);
            }
            used[static_cast<std::size_t>(best)] = true;
            order.push_back(best);
        }
        for (std::size_t k = 1; k < order.size(); ++k) {
            const int ma = c.members[static_cast<std::size_t>(order[k - 1])];
            const int mb = c.members[static_cast<std::size_t>(order[k])];
            const glm::dvec2 a = km(s.datacenters[static_cast<std::size_t>(ma)].xy);
            const glm::dvec2 b = km(s.datacenters[static_cast<std::size_t>(mb)].xy);
            const double len = glm::length(b - a);
            if (len < 25.0) continue; // same metro: the halos already say it
            const glm::vec2 wa = memberWindow(ma), wb = memberWindow(mb);
            LineInstance tmpl = alwaysShown();
            tmpl.fixedStatus = -1.0f;
            tmpl.dates0[3] = std::max(wa.x, wb.x);
            tmpl.dates1[0] = std::min(wa.y, wb.y);
            std::vector<glm::dvec3> pts;
            for (int i = 0; i <= 32; ++i) {
                const double u = i / 32.0;
                pts.emplace_back(a + (b - a) * u, len * 0.16 * 4.0 * u * (1.0 - u));
            }
            appendPolyline(arcs, pts, 1.3f, glm::vec4(glm::vec3(color), 0.6f), tmpl);
        }
    }
    makeDiscBatch(g.halos, g.quadVbo, halos);
    makeLineBatch(g.arcs, g.lineQuadVbo, arcs);

    uploadTextureBuffer(g.steps, g.stepsTexture, GL_RG32F, steps, 2);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    // Label candidates: the campuses with the largest peak capacity first.
    labelCandidates_.clear();
    std::vector<std::pair<double, int>> ranked;
    for (std::size_t i = 0; i < s.datacenters.size(); ++i) {
        const Datacenter& d = s.datacenters[i];
        double peak = isKnown(d.capacityMw) ? d.capacityMw : 0.0;
        if (d.capacitySeries >= 0)
            for (const auto& smp : s.series[static_cast<std::size_t>(d.capacitySeries)].samples) peak = std::max(peak, smp.value);
        ranked.emplace_back(peak, static_cast<int>(i));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < ranked.size() && i < 400; ++i) labelCandidates_.push_back(ranked[i].second);
    uploadDenseLayers();
    gl::checkErrors("MapRenderer::setScenario");
}

void MapRenderer::uploadDenseLayers() {
    Gpu& g = *gpu_;
    denseView_ = {};
    g.dense.clear();
    g.sharedCampusScale.clear(), g.sharedPlantScale.clear();
    g.denseInfo = {};
    if (!scenario_) return;
    g.denseInfo = buildDenseLayers(*scenario_, frame_, operators_, g.clusterThreshold);
    if (!g.denseInfo.any()) return;
    for (DenseLevel& level : g.denseInfo.levels) {
        Gpu::DenseBatches b;
        // Merged campuses are points expanded by column_sprites.geom, like the dense single campuses.
        b.campuses.vao = gl::makeVertexArray();
        b.campuses.vbo = gl::makeBuffer();
        glBindVertexArray(b.campuses.vao.get());
        upload(b.campuses.vbo, level.campuses);
        floatAttributes({{2, 2}, {3, 4}, {4, 2}, {5, 4}, {6, 2}, {7, 4}}, sizeof(PointInstance), 0);
        b.campuses.count = static_cast<GLsizei>(level.campuses.size());
        b.plants.vao = gl::makeVertexArray();
        b.plants.vbo = gl::makeBuffer();
        glBindVertexArray(b.plants.vao.get());
        glBindBuffer(GL_ARRAY_BUFFER, g.quadVbo.get());
        floatAttributes({{0, 2}}, 2 * sizeof(float), 0);
        upload(b.plants.vbo, level.plants);
        floatAttributes({{1, 2}, {2, 4}, {3, 2}, {4, 4}, {5, 2}, {6, 4}}, sizeof(PointInstance), 1);
        b.plants.count = static_cast<GLsizei>(level.plants.size());
        makeLineBatch(b.lines, g.lineQuadVbo, level.lines);
        g.dense.push_back(std::move(b));
        // The instances are on the GPU now; keep only the level's size and scales.
        level.campuses = {}, level.plants = {}, level.lines = {}; // (the CPU copy for hit-testing stays)
    }
    uploadTextureBuffer(g.bandsBuffer, g.bandsTexture, GL_RGBA32F, g.denseInfo.bands, 4);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    g.denseInfo.bands = {};
    gl::checkErrors("MapRenderer::uploadDenseLayers");
}

void MapRenderer::updateRegionColors(const FrameSpec& spec) {
    Gpu& g = *gpu_;
    const Scenario& s = *scenario_;
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(std::max(g.regionCount, 1)) * 4);
    std::vector<double> values(static_cast<std::size_t>(g.regionCount), kUnknown);
    choroplethRange_ = {1, 0};
    if (!spec.settings.choroplethMetric.empty()) {
        for (const Series& ser : s.series) {
            if (ser.target.kind != EntityKind::Region || ser.metric != spec.settings.choroplethMetric) continue;
            if (s.basemap->regions[static_cast<std::size_t>(ser.target.index)].isNation()) continue;
            const double v = ser.valueAt(spec.time);
            values[static_cast<std::size_t>(ser.target.index)] = v;
        }
        // The legend's range spans the metric over the whole scenario, so colours do not drift with time.
        double lo = 1e300, hi = -1e300;
        for (const Series& ser : s.series)
            if (ser.target.kind == EntityKind::Region && ser.metric == spec.settings.choroplethMetric &&
                !s.basemap->regions[static_cast<std::size_t>(ser.target.index)].isNation())
                for (const auto& smp : ser.samples) lo = std::min(lo, smp.value), hi = std::max(hi, smp.value);
        if (lo <= hi) choroplethRange_ = {lo, hi};
    }
    for (int r = 0; r < g.regionCount; ++r) {
        glm::vec4 c = style::kLand;
        const double v = values[static_cast<std::size_t>(r)];
        if (isKnown(v) && choroplethRange_.x <= choroplethRange_.y) {
            const double span = std::max(choroplethRange_.y - choroplethRange_.x, 1e-12);
            c = style::sequentialRamp((v - choroplethRange_.x) / span);
            c = glm::mix(style::kLand, c, 0.85f);
        }
        for (int k = 0; k < 4; ++k)
            rgba[static_cast<std::size_t>(r) * 4 + static_cast<std::size_t>(k)] =
                static_cast<std::uint8_t>(std::clamp(c[k], 0.0f, 1.0f) * 255.0f + 0.5f);
    }
    if (rgba == g.regionRgba) return; // unchanged (always, without a choropleth): no upload, cache stays valid
    g.regionRgba = std::move(rgba);
    ++g.regionColorsVersion;
    glBindTexture(GL_TEXTURE_2D, g.regionColors.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, std::max(g.regionCount, 1), 1, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 g.regionRgba.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
}

void MapRenderer::draw(const FrameSpec& spec, int width, int height) {
    Gpu& g = *gpu_;
    GLint boundFbo = 0, boundSamples = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &boundFbo);
    glGetIntegerv(GL_SAMPLES, &boundSamples);
    const GLuint targetFbo = static_cast<GLuint>(boundFbo);
    glViewport(0, 0, width, height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_STENCIL_TEST);
    glDepthMask(GL_TRUE);

    const MapSettings& set = spec.settings;
    const double aspect = static_cast<double>(width) / std::max(height, 1);
    const glm::mat4 vp = spec.camera.viewProjection(aspect);
    const float t = gpuTime(spec.time);
    const glm::vec2 viewport(static_cast<float>(width), static_cast<float>(height));
    const float px = spec.pixelScale;
    const double kmPerPixel =
        2.0 * spec.camera.distanceKm * std::tan(spec.camera.fovYDeg * 3.14159265358979 / 360.0) / std::max(height, 1);

    // Level of detail for paths: the simplified copies deviate by at most kCoarseToleranceKm, invisible
    // when that is under half a pixel (kmPerPixel is at the look-at point; nearer ground is a little larger).
    const bool coarse = kmPerPixel >= 2.0 * kCoarseToleranceKm;
    // Dense layers: at wide zoom, a kind with thousands of entities is drawn merged per grid cell (never in
    // the diff map, whose colours are per entity). Near a change of level the two levels cross-fade.
    const DenseBlend blend = diffActive_ ? DenseBlend{} : denseBlendFor(g.denseInfo, kmPerPixel * px);
    const bool campusesMergeable = g.denseInfo.campuses && !set.campusFiltersActive() && set.minMw <= 0;
    // The level each kind draws for a dense level `l` (-1: every entity).
    auto campusLevelOf = [&](int l) { return campusesMergeable ? l : -1; };
    auto plantLevelOf = [&](int l) { return g.denseInfo.plants ? l : -1; };
    auto lineLevelOf = [&](int l) {
        return !g.denseInfo.lines || l < 0 ? -1 : std::min(l + kDenseLineLevelStep, static_cast<int>(g.dense.size()) - 1);
    };
    // Calls draw(level, weight) once, or twice (the fading pair) when the kind's two levels differ.
    auto forBlend = [&](auto levelOf, auto&& draw) {
        const int a = levelOf(blend.from), b = levelOf(blend.to);
        if (a == b || blend.t <= 0.0f) {
            draw(blend.t >= 1.0f ? b : a, 1.0f);
            return;
        }
        draw(a, 1.0f - blend.t);
        draw(b, blend.t);
    };
    auto campusScaleAt = [&](int l) {
        if (l < 0) return 1.0f;
        const auto i = static_cast<std::size_t>(l);
        return i < g.sharedCampusScale.size() ? g.sharedCampusScale[i] : g.denseInfo.levels[i].campusHeightScale;
    };
    auto plantScaleAt = [&](int l) {
        if (l < 0) return 1.0f;
        const auto i = static_cast<std::size_t>(l);
        return i < g.sharedPlantScale.size() ? g.sharedPlantScale[i] : g.denseInfo.levels[i].plantMwScale;
    };
    // The legend and hit-testing describe the level that dominates the frame.
    denseView_ = {};
    if (const int shown = blend.dominant(); shown >= 0) {
        const int lines = lineLevelOf(shown);
        denseView_.cellKm = g.denseInfo.levels[static_cast<std::size_t>(shown)].cellKm;
        denseView_.lineCellKm = lines >= 0 ? g.denseInfo.levels[static_cast<std::size_t>(lines)].cellKm : 0.0;
        denseView_.lines = lines >= 0 && set.transmission.visible;
        denseView_.plants = plantLevelOf(shown) >= 0 && set.powerPlants.visible;
        denseView_.campuses = campusLevelOf(shown) >= 0 && set.datacenters.visible;
        denseView_.campusHeightScale = campusScaleAt(shown);
        denseView_.plantMwScale = plantScaleAt(shown);
        denseView_.level = shown;
        if (!denseView_.lines && !denseView_.plants && !denseView_.campuses) denseView_ = {};
    }
    const bool campusesMerged = campusLevelOf(blend.from) >= 0 || campusLevelOf(blend.to) >= 0;
    // Merged groups read their bands (texture unit 3) at the time uniform, between even knots.
    auto bindClusters = [&](const gl::Program& prog, bool on) {
        glUniform1i(prog.uniform("uClustered"), on ? 1 : 0);
        glUniform1i(prog.uniform("uBands"), 3);
        const KnotTimeline& k = g.denseInfo.knots;
        glUniform3f(prog.uniform("uKnots"), gpuTime(k.start), static_cast<float>(k.step), static_cast<float>(k.count));
    };

    // Diff colours of one kind (0 columns, 1 glyphs, 2 transmission, 3 simplified transmission) on
    // texture unit 2, or diff mode off.
    auto bindDiff = [&](const gl::Program& prog, int kind, bool on) {
        glUniform1i(prog.uniform("uDiffMode"), on && diffActive_ ? 1 : 0);
        glUniform1i(prog.uniform("uDiffColors"), 2);
        glActiveTexture(GL_TEXTURE2);
        glBindTexture(GL_TEXTURE_BUFFER, g.diffTextures[kind].get());
        glActiveTexture(GL_TEXTURE0);
    };
    auto drawLines = [&](const DrawBatch& b, float opacity) {
        if (b.count == 0) return;
        g.lineProg.use();
        glUniformMatrix4fv(g.lineProg.uniform("uViewProj"), 1, GL_FALSE, &vp[0][0]);
        glUniform2f(g.lineProg.uniform("uViewport"), viewport.x, viewport.y);
        glUniform1f(g.lineProg.uniform("uTime"), t);
        glUniform1f(g.lineProg.uniform("uPixelScale"), px);
        glUniform1f(g.lineProg.uniform("uOpacity"), opacity);
        glUniform1f(g.lineProg.uniform("uDashKm"), static_cast<float>(std::max(kmPerPixel * 14.0 * px, 2.0)));
        glUniform1i(g.lineProg.uniform("uSteps"), 1);
        bindDiff(g.lineProg, &b == &g.transmissionCoarse ? 3 : 2, &b == &g.transmission || &b == &g.transmissionCoarse);
        glBindVertexArray(b.vao.get());
        glDrawArraysInstanced(GL_TRIANGLES, 0, 6, b.count);
    };
    auto drawDiscs = [&](const DrawBatch& b, float opacity) {
        if (b.count == 0) return;
        g.discProg.use();
        glUniformMatrix4fv(g.discProg.uniform("uViewProj"), 1, GL_FALSE, &vp[0][0]);
        glUniform1f(g.discProg.uniform("uTime"), t);
        glUniform1f(g.discProg.uniform("uKmPerPixel"), static_cast<float>(kmPerPixel * px));
        glUniform1f(g.discProg.uniform("uOpacity"), opacity);
        glBindVertexArray(b.vao.get());
        glDrawArraysInstanced(GL_TRIANGLES, 0, 6, b.count);
    };

    // The static layers: background, land (region colours change only with a choropleth) and borders.
    // Drawn first into a cleared target with no depth writes, so they can come from the cache.
    auto drawStaticLayers = [&] {
        glDisable(GL_BLEND);
        if (spec.transparentBackground) glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
        else glClearColor(style::kBackgroundEdge.r, style::kBackgroundEdge.g, style::kBackgroundEdge.b, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        if (!spec.transparentBackground) {
            g.background.use();
            glUniform3fv(g.background.uniform("uCenterColor"), 1, &style::kBackgroundCenter.r);
            glUniform3fv(g.background.uniform("uEdgeColor"), 1, &style::kBackgroundEdge.r);
            glBindVertexArray(g.emptyVao.get());
            glDrawArrays(GL_TRIANGLES, 0, 3);
        }
        if (!scenario_ || !set.basemap.visible) return;
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        g.fillProg.use();
        glUniformMatrix4fv(g.fillProg.uniform("uViewProj"), 1, GL_FALSE, &vp[0][0]);
        glUniform1f(g.fillProg.uniform("uTime"), t);
        glUniform1f(g.fillProg.uniform("uOpacity"), set.basemap.opacity);
        glUniform1i(g.fillProg.uniform("uRegionColors"), 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, g.regionColors.get());
        glBindVertexArray(g.land.vao.get());
        glDrawArrays(GL_TRIANGLES, 0, g.land.count);
        drawLines(coarse ? g.bordersCoarse : g.borders, set.basemap.opacity);
        drawLines(coarse ? g.nationCoarse : g.nation, set.basemap.opacity);
        glDisable(GL_BLEND);
    };

    placed_.clear();
    if (scenario_ && set.basemap.visible) updateRegionColors(spec);
    StaticLayerKey key;
    key.scenario = scenario_.get();
    key.camera = spec.camera;
    key.width = width;
    key.height = height;
    key.samples = boundSamples;
    key.pixelScale = px;
    key.basemapVisible = set.basemap.visible;
    key.basemapOpacity = set.basemap.opacity;
    key.transparentBackground = spec.transparentBackground;
    key.regionColorsVersion = g.regionColorsVersion;
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, g.stepsTexture.get());
    glActiveTexture(GL_TEXTURE3);
    glBindTexture(GL_TEXTURE_BUFFER, g.bandsTexture.get());
    glActiveTexture(GL_TEXTURE0);
    // keepContents (the diff map's second pass) draws over the frame as it is: no static layers at all.
    const StaticLayerCache::Action action =
        spec.keepContents ? StaticLayerCache::Action::Direct : g.staticLayers.plan(key, targetFbo);
    bool drawn = false;
    if (action == StaticLayerCache::Action::Copy) {
        drawn = g.staticLayers.copyTo(targetFbo);
    } else if (action == StaticLayerCache::Action::Capture) {
        g.staticLayers.beginCapture();
        drawStaticLayers();
        drawn = g.staticLayers.copyTo(targetFbo);
    }
    glViewport(0, 0, width, height);
    if (spec.keepContents) {
        // Colour and depth stay as the previous pass left them (B's columns are depth-tested against A's).
    } else if (drawn) {
        glClear(GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    } else {
        drawStaticLayers();
    }

    if (!scenario_) return;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

    // AI Economic Zones over the land and borders (translucent, so borders show through).
    if (set.zones.visible && g.zoneFill.count > 0) {
        g.fillProg.use();
        glUniformMatrix4fv(g.fillProg.uniform("uViewProj"), 1, GL_FALSE, &vp[0][0]);
        glUniform1f(g.fillProg.uniform("uTime"), t);
        glUniform1f(g.fillProg.uniform("uOpacity"), set.zones.opacity);
        glBindVertexArray(g.zoneFill.vao.get());
        glDrawArrays(GL_TRIANGLES, 0, g.zoneFill.count);
    }

    if (set.zones.visible) {
        drawLines(g.zoneOutline, set.zones.opacity);
        drawDiscs(g.zoneMarkers, set.zones.opacity);
    }
    if (set.transmission.visible)
        forBlend(lineLevelOf, [&](int l, float weight) {
            const DrawBatch& b = l >= 0 ? g.dense[static_cast<std::size_t>(l)].lines
                               : coarse ? g.transmissionCoarse
                                        : g.transmission;
            drawLines(b, set.transmission.opacity * weight);
        });
    const bool denseAtWideZoom = campusesMerged || (g.columnCount > g.spriteThreshold && kmPerPixel * 12.0 * px > 7.0);
    if (set.datacenters.visible && !denseAtWideZoom && !set.campusFiltersActive() && !diffActive_) {
        drawDiscs(g.uncertainty, set.datacenters.opacity * 0.8f);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE); // glows add light
        drawDiscs(g.glows, set.datacenters.opacity * 0.8f);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    }
    if (set.superclusters.visible) drawDiscs(g.halos, set.superclusters.opacity);
    if (set.powerPlants.visible && g.glyphs.count > 0) {
        g.glyphProg.use();
        glUniformMatrix4fv(g.glyphProg.uniform("uViewProj"), 1, GL_FALSE, &vp[0][0]);
        glUniform2f(g.glyphProg.uniform("uViewport"), viewport.x, viewport.y);
        glUniform1f(g.glyphProg.uniform("uTime"), t);
        glUniform1f(g.glyphProg.uniform("uPixelScale"), px);
        glUniform1f(g.glyphProg.uniform("uSizeScale"), set.glyphScale);
        glUniform1f(g.glyphProg.uniform("uUniformMw"), set.glyphSizeByCapacity ? 0.0f : kUniformGlyphMw);
        glUniform1i(g.glyphProg.uniform("uSteps"), 1);
        bindDiff(g.glyphProg, 1, true);
        forBlend(plantLevelOf, [&](int l, float weight) {
            glUniform1f(g.glyphProg.uniform("uOpacity"), set.powerPlants.opacity * weight);
            bindClusters(g.glyphProg, l >= 0);
            glUniform1f(g.glyphProg.uniform("uMwScale"), plantScaleAt(l));
            const DrawBatch& batch = l >= 0 ? g.dense[static_cast<std::size_t>(l)].plants : g.glyphs;
            glBindVertexArray(batch.vao.get());
            glDrawArraysInstanced(GL_TRIANGLES, 0, 6, batch.count);
        });
    }
    if (set.superclusters.visible) drawLines(g.arcs, set.superclusters.opacity);

    // Level of detail: with many campuses and columns only a few pixels wide, each campus is drawn as one
    // shaded sprite instead of a prism (16x fewer vertices), and the per-campus ground discs are skipped.
    const double radiusKm = std::max(7.0, kmPerPixel * 4.2 * px);
    const bool sprites = g.columnCount > g.spriteThreshold && radiusKm / kmPerPixel < 12.0;
    if (set.datacenters.visible && g.columnCount > 0) {
        auto columnUniforms = [&](const gl::Program& prog) {
            prog.use();
            glUniformMatrix4fv(prog.uniform("uViewProj"), 1, GL_FALSE, &vp[0][0]);
            glUniform2f(prog.uniform("uViewport"), viewport.x, viewport.y);
            glUniform1f(prog.uniform("uTime"), t);
            glUniform1f(prog.uniform("uKmPerMw"), kKmPerMw * set.columnScale);
            glUniform1f(prog.uniform("uRadiusKm"), static_cast<float>(radiusKm));
            glUniform1f(prog.uniform("uRadiusPx"), static_cast<float>(radiusKm / kmPerPixel));
            glUniform1f(prog.uniform("uUnknownMw"), 120.0f);
            glUniform1f(prog.uniform("uMinMw"), static_cast<float>(set.minMw));
            glUniform1f(prog.uniform("uUniformMw"), set.columnHeightByCapacity ? 0.0f : kUniformColumnMw);
            glUniform1i(prog.uniform("uStatusMask"), static_cast<GLint>(set.statusMask));
            glUniform1i(prog.uniform("uGroupMask"), static_cast<GLint>(set.operatorMask & 0x7FFFFFFFu));
            glUniform1f(prog.uniform("uOpacity"), set.datacenters.opacity);
            glUniform1f(prog.uniform("uPixelScale"), px);
            glUniform1i(prog.uniform("uColorMode"), static_cast<int>(set.datacenterColor));
            glUniform1i(prog.uniform("uSteps"), 1);
            bindDiff(prog, 0, true);
            glm::vec4 statusColors[7];
            for (int i = 0; i < 7; ++i) statusColors[i] = style::statusColor(static_cast<Status>(i));
            glUniform4fv(prog.uniform("uStatusColors"), 7, &statusColors[0].r);
            const glm::vec4 precision[2] = {style::precisionColor(LocationPrecision::Exact),
                                            style::precisionColor(LocationPrecision::Approximate)};
            glUniform4fv(prog.uniform("uPrecisionColors"), 2, &precision[0].r);
        };
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LESS);
        // A fading level (weight < 1) writes no depth, so it hides nothing of the level fading in.
        forBlend(campusLevelOf, [&](int l, float weight) {
            const bool solidDepth = weight >= 1.0f;
            if (sprites || l >= 0) {
                // One point per campus, or per merged group of campuses, expanded into a shaded sprite.
                columnUniforms(g.spriteProg);
                glUniform1f(g.spriteProg.uniform("uOpacity"), set.datacenters.opacity * weight);
                bindClusters(g.spriteProg, l >= 0);
                glUniform1f(g.spriteProg.uniform("uHeightScale"), campusScaleAt(l));
                const DrawBatch& batch = l >= 0 ? g.dense[static_cast<std::size_t>(l)].campuses : g.columnSprites;
                glUniform1i(g.spriteProg.uniform("uPass"), 0);
                glBindVertexArray(batch.vao.get());
                glDepthMask(solidDepth ? GL_TRUE : GL_FALSE);
                glDrawArrays(GL_POINTS, 0, batch.count);
                glDepthMask(GL_FALSE);
                glUniform1i(g.spriteProg.uniform("uPass"), 1);
                glDrawArrays(GL_POINTS, 0, batch.count);
                glDepthMask(GL_TRUE);
            } else {
                glEnable(GL_CULL_FACE);
                glCullFace(GL_BACK);
                glFrontFace(GL_CCW);
                columnUniforms(g.columnProg);
                glUniform1f(g.columnProg.uniform("uOpacity"), set.datacenters.opacity * weight);
                glUniform1i(g.columnProg.uniform("uPass"), 0);
                glBindVertexArray(g.columns.vao.get());
                glDepthMask(solidDepth ? GL_TRUE : GL_FALSE);
                glDrawArraysInstanced(GL_TRIANGLES, 0, g.prismCount, g.columnCount);
                glDisable(GL_CULL_FACE);
                glDepthMask(GL_FALSE);
                glUniform1i(g.columnProg.uniform("uPass"), 1);
                glBindVertexArray(g.columnEdges.vao.get());
                glDrawArraysInstanced(GL_LINES, 0, g.prismEdgeCount, g.columnCount);
                glDepthMask(GL_TRUE);
            }
        });
        glDisable(GL_DEPTH_TEST);
    }
    glBindVertexArray(0);

    if (set.labels) drawLabels(spec, vp, width, height);
    gl::checkErrors("MapRenderer::draw");
}

void MapRenderer::setDiffColors(const std::vector<glm::vec4>& datacenters, const std::vector<glm::vec4>& plants,
                                const std::vector<glm::vec4>& lines) {
    Gpu& g = *gpu_;
    auto uploadColors = [&](int kind, const std::vector<glm::vec4>& colors, const std::vector<int>* owner) {
        // RGBA8 per instance (every instance has a texel: a missing colour hides it); transmission
        // instances are segments, coloured by the line they belong to.
        const std::size_t entities = !scenario_ ? 0 : kind == 0 ? scenario_->datacenters.size() : scenario_->powerPlants.size();
        const std::size_t n = owner ? owner->size() : entities;
        std::vector<std::uint8_t> rgba(std::max<std::size_t>(n, 1) * 4, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const int src = owner ? (*owner)[i] : static_cast<int>(i);
            if (src < 0 || static_cast<std::size_t>(src) >= colors.size()) continue;
            for (int k = 0; k < 4; ++k)
                rgba[i * 4 + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(
                    std::clamp(colors[static_cast<std::size_t>(src)][k], 0.0f, 1.0f) * 255.0f + 0.5f);
        }
        glBindBuffer(GL_TEXTURE_BUFFER, g.diffBuffers[kind].get());
        glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(rgba.size()), rgba.data(), GL_DYNAMIC_DRAW);
        glBindTexture(GL_TEXTURE_BUFFER, g.diffTextures[kind].get());
        glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, g.diffBuffers[kind].get());
    };
    uploadColors(0, datacenters, nullptr);
    uploadColors(1, plants, nullptr);
    uploadColors(2, lines, &lineOfSegment_);
    uploadColors(3, lines, &lineOfCoarseSegment_);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
    diffActive_ = true;
    gl::checkErrors("MapRenderer::setDiffColors");
}

} // namespace buildout
