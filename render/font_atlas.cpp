// Font lookup and metrics (FreeType), shaping (HarfBuzz) and lazy SDF rasterisation (FreeType).
#include "render/font_atlas.h"

#include "render/glyph_sdf_cache.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H

#include <hb.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#ifndef BUILDOUT_FONT_DIR
#define BUILDOUT_FONT_DIR "/usr/share/fonts/opentype/inter"
#endif

namespace buildout {

namespace {

constexpr const char* kDejaVuRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kDejaVuBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

/// Rasterisation levels: text from minPx up uses basePx (px per em) with a distance spread of `spread`
/// texels each side of the outline. Each level spans at most 3x in size, so fields are never magnified
/// much more than 1.6x (single-channel fields round corners when magnified) nor minified much below
/// 1/3 (small text is shaded with four samples). The spread bounds the widest halo:
/// spread * (sizePx / basePx) px, less a pixel for anti-aliasing.
struct Level {
    float minPx;
    int basePx;
    int spread;
};
constexpr std::array<Level, 3> kLevels{{{0, 32, 12}, {FontAtlas::kLargeLevelMinPx, 64, 16}, {96, 128, 20}}};
std::size_t levelFor(float sizePx) {
    std::size_t level = 0;
    while (level + 1 < kLevels.size() && sizePx >= kLevels[level + 1].minPx)
        ++level;
    return level;
}

constexpr int kAtlasWidth = 2048;
constexpr int kAtlasInitialHeight = 512;
constexpr int kAtlasMaxHeight = 4096;
constexpr int kGlyphGap = 1; ///< empty texels between glyphs

/// Next code point of `s` from byte `i` (advanced past it); malformed sequences give U+FFFD.
char32_t nextCodepoint(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i++);
    if (c < 0x80) return c;
    int extra = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        extra = 1;
        cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2;
        cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3;
        cp = c & 0x07u;
    } else
        return 0xFFFD;
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (byte(i) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (byte(i++) & 0x3Fu);
    }
    static constexpr char32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return cp;
}

/// Lines shaped per face and cache generation: a generation that fills up becomes the previous one
/// (strings still in use move back on their next lookup) and the one before it is dropped, so labels
/// whose text animates cannot grow the cache without bound.
constexpr std::size_t kShapedLinesPerGeneration = 4096;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using ShapedCache = std::unordered_map<std::string, FontAtlas::ShapedLine, StringHash, std::equal_to<>>;

/// Signed distance fields already rasterised in this process, shared by every atlas (rasterising costs
/// milliseconds per glyph; tests and several painters would otherwise repeat it). Key: font file, level,
/// glyph index. Filled from the disk cache (render/glyph_sdf_cache.h) once per font file and level.
std::mutex gRasterisedMutex;
std::unordered_map<std::string, std::shared_ptr<const RasterisedGlyph>> gRasterised;
/// Per font file and level ("path#level"): whether its disk cache file was read, and whether glyphs were
/// rasterised since (then the atlas writes the file when it goes).
struct DiskLevel {
    bool read = false, dirty = false;
};
std::unordered_map<std::string, DiskLevel> gDiskLevels;

/// How the fields are made (part of the disk cache's file names): change it with the rasterisation.
constexpr const char* kSdfRecipe = "FT_LOAD_NO_HINTING|FT_LOAD_NO_BITMAP, NORMAL then bsdf";

std::string levelKey(const std::string& path, std::size_t level) {
    return path + '#' + std::to_string(level);
}

/// Reads the disk cache of `path` at `level` into gRasterised, once. Call with gRasterisedMutex held.
void readDiskLevel(const std::string& path, std::size_t level, int basePx, int spread) {
    DiskLevel& d = gDiskLevels[levelKey(path, level)];
    if (d.read) return;
    d.read = true;
    const std::string prefix = levelKey(path, level) + '#';
    for (auto& [glyph, field] : readGlyphSdfCache(glyphSdfCacheFile(path, basePx, spread, kSdfRecipe)))
        gRasterised.emplace(prefix + std::to_string(glyph), std::move(field));
}

/// Writes the disk cache of every level of `path` that gained glyphs: what is on disk now (another
/// process may have added some) and what this process holds.
void writeDiskLevels(const std::string& path) {
    std::lock_guard<std::mutex> lock(gRasterisedMutex);
    for (std::size_t level = 0; level < kLevels.size(); ++level) {
        auto it = gDiskLevels.find(levelKey(path, level));
        if (it == gDiskLevels.end() || !it->second.dirty) continue;
        it->second.dirty = false;
        const std::string file =
            glyphSdfCacheFile(path, kLevels[level].basePx, kLevels[level].spread, kSdfRecipe);
        if (file.empty()) continue;
        RasterisedGlyphs all = readGlyphSdfCache(file);
        const std::string prefix = levelKey(path, level) + '#';
        for (const auto& [key, field] : gRasterised)
            if (key.compare(0, prefix.size(), prefix) == 0)
                all[static_cast<std::uint32_t>(std::stoul(key.substr(prefix.size())))] = field;
        writeGlyphSdfCache(file, all); // a failure only costs the next run the rasterising
    }
}

} // namespace

// ---- faces ----

struct FontAtlas::Impl {
    struct Face {
        std::string path;
        FT_Face face = nullptr;
        FaceMetrics metrics;
        float unitsPerEm = 1000;
        /// HarfBuzz's own view of the same file, at a scale of one unit per font unit. Shaping reads the
        /// font's tables directly (HarfBuzz's OpenType functions), not through `face`, whose size the
        /// rasteriser changes.
        hb_font_t* hb = nullptr;
        mutable ShapedCache shaped, shapedBefore; ///< this generation and the previous one
        std::array<std::unordered_map<std::uint32_t, GlyphSdf>, kLevels.size()> sdf;
    };
    struct Shelf {
        int y, height, x;
    };

    FT_Library library = nullptr;
    hb_buffer_t* buffer = nullptr; ///< reused by every shape()
    std::vector<std::unique_ptr<Face>> faces;
    std::array<std::array<int, 2>, 3> slot{}; ///< [weight][display] -> faces index
    std::vector<Shelf> shelves;
    int nextShelfY = 0;
    bool warnedFull = false;

    ~Impl() {
        for (auto& f : faces) {
            if (f->hb) hb_font_destroy(f->hb);
            if (f->face) FT_Done_Face(f->face);
        }
        hb_buffer_destroy(buffer);
        if (library) FT_Done_FreeType(library);
    }

    /// Index of the face for `path` (opened once), or -1 when it cannot be opened.
    int open(const std::string& path) {
        for (std::size_t i = 0; i < faces.size(); ++i)
            if (faces[i]->path == path) return static_cast<int>(i);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) return -1;
        FT_Face ftFace = nullptr;
        if (FT_New_Face(library, path.c_str(), 0, &ftFace) != 0 || !ftFace) return -1;
        hb_blob_t* blob = FT_IS_SCALABLE(ftFace) ? hb_blob_create_from_file_or_fail(path.c_str()) : nullptr;
        if (!blob) {
            FT_Done_Face(ftFace);
            return -1;
        }
        hb_face_t* hbFace = hb_face_create(blob, 0);
        hb_blob_destroy(blob);
        hb_font_t* hbFont = hb_font_create(hbFace); // scale: units per em, OpenType font functions
        hb_face_destroy(hbFace);
        auto f = std::make_unique<Face>();
        f->path = path;
        f->face = ftFace;
        f->hb = hbFont;
        f->unitsPerEm = static_cast<float>(ftFace->units_per_EM);
        f->metrics.ascender = static_cast<float>(ftFace->ascender) / f->unitsPerEm;
        f->metrics.descender = static_cast<float>(ftFace->descender) / f->unitsPerEm;
        f->metrics.lineHeight = static_cast<float>(ftFace->height) / f->unitsPerEm;
        if (f->metrics.lineHeight < f->metrics.ascender - f->metrics.descender)
            f->metrics.lineHeight = f->metrics.ascender - f->metrics.descender;
        faces.push_back(std::move(f));
        return static_cast<int>(faces.size() - 1);
    }

    /// Places a w x h rectangle in the atlas; false when the atlas is full.
    bool place(FontAtlas& atlas, int w, int h, int& outX, int& outY) {
        const int needW = w + kGlyphGap, needH = h + kGlyphGap;
        if (needW > kAtlasWidth) return false;
        Shelf* best = nullptr;
        for (Shelf& s : shelves) // the lowest shelf that fits and wastes under a third of its height
            if (s.height >= needH && needH * 3 >= s.height * 2 && s.x + needW <= kAtlasWidth &&
                (!best || s.height < best->height))
                best = &s;
        if (!best) {
            if (nextShelfY + needH > kAtlasMaxHeight) return false;
            shelves.push_back({nextShelfY, needH, 0});
            nextShelfY += needH;
            best = &shelves.back();
            while (nextShelfY > atlas.height_) {
                atlas.height_ *= 2;
                atlas.pixels_.resize(static_cast<std::size_t>(atlas.width_) * atlas.height_, 0);
            }
        }
        outX = best->x;
        outY = best->y;
        best->x += needW;
        return true;
    }
};

FontAtlas::FontAtlas() : impl_(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&impl_->library) != 0) throw std::runtime_error("FreeType could not be initialised");
    impl_->buffer = hb_buffer_create();
    if (!hb_buffer_allocation_successful(impl_->buffer))
        throw std::runtime_error("HarfBuzz buffer allocation failed");

    const char* env = std::getenv("BUILDOUT_FONT_DIR");
    const std::string dir = env && *env ? env : BUILDOUT_FONT_DIR;
    static constexpr std::array<const char*, 3> kWeightNames{"Regular", "SemiBold", "Bold"};
    auto find = [&](const std::string& family, int weight) {
        for (const char* ext : {".otf", ".ttf"}) {
            const int f =
                impl_->open(dir + "/" + family + "-" + kWeightNames[static_cast<std::size_t>(weight)] + ext);
            if (f >= 0) return f;
        }
        return -1;
    };
    std::array<std::array<int, 2>, 3> found{};
    for (int w = 0; w < 3; ++w) {
        found[static_cast<std::size_t>(w)][0] = find("Inter", w);
        found[static_cast<std::size_t>(w)][1] = find("InterDisplay", w);
    }
    int regular = found[0][0];
    if (regular < 0) // any weight of Inter will do as the base face
        for (int w : {2, 1})
            if (found[static_cast<std::size_t>(w)][0] >= 0) regular = found[static_cast<std::size_t>(w)][0];
    if (regular < 0) {
        regular = impl_->open(kDejaVuRegular);
        if (regular < 0)
            throw std::runtime_error(
                std::string("no font for overlay text: found neither Inter-Regular.otf in '") + dir +
                "' ($BUILDOUT_FONT_DIR, else the build-time default) nor " + kDejaVuRegular +
                "; install Debian's fonts-inter (or fonts-dejavu-core), "
                "or point $BUILDOUT_FONT_DIR at a folder with Inter-*.otf");
        static bool noted = false;
        if (!noted)
            std::cerr << "buildout: Inter not found in '" << dir << "'; overlay text uses " << kDejaVuRegular
                      << " (install fonts-inter for the intended look)\n";
        noted = true;
        const int bold = impl_->open(kDejaVuBold);
        for (auto& w : found)
            w = {-1, -1};
        found[0][0] = regular;
        found[1][0] = found[2][0] = bold;
    }
    for (std::size_t w = 0; w < 3; ++w) {
        int text = found[w][0];
        if (text < 0 && w == 1) text = found[2][0]; // no SemiBold: Bold
        if (text < 0) text = regular;
        int display = found[w][1];
        if (display < 0 || found[w][0] < 0) display = text; // keep text and display of one family
        impl_->slot[w] = {text, display};
    }
    for (std::size_t i = 0; i < impl_->faces.size(); ++i)
        description_ += (i ? ", " : "") + std::filesystem::path(impl_->faces[i]->path).filename().string();

    width_ = kAtlasWidth;
    height_ = kAtlasInitialHeight;
    pixels_.assign(static_cast<std::size_t>(width_) * height_, 0);
}

FontAtlas::~FontAtlas() {
    for (const auto& f : impl_->faces)
        writeDiskLevels(f->path);
}

int FontAtlas::face(FontWeight weight, float sizePx) const {
    return impl_->slot[static_cast<std::size_t>(weight)][sizePx >= kLargeLevelMinPx ? 1 : 0];
}

const FontAtlas::FaceMetrics& FontAtlas::metrics(int f) const {
    return impl_->faces[static_cast<std::size_t>(f)]->metrics;
}

std::uint32_t FontAtlas::glyphIndex(int f, char32_t cp) const {
    hb_codepoint_t glyph = 0;
    if (!hb_font_get_nominal_glyph(impl_->faces[static_cast<std::size_t>(f)]->hb, cp, &glyph)) return 0;
    return glyph;
}

float FontAtlas::advance(int f, std::uint32_t glyph) const {
    const auto& face = *impl_->faces[static_cast<std::size_t>(f)];
    return static_cast<float>(hb_font_get_glyph_h_advance(face.hb, glyph)) / face.unitsPerEm;
}

const FontAtlas::ShapedLine& FontAtlas::shape(int f, std::string_view utf8) const {
    const auto& face = *impl_->faces[static_cast<std::size_t>(f)];
    const auto startGeneration = [&face] {
        if (face.shaped.size() < kShapedLinesPerGeneration) return;
        face.shapedBefore = std::move(face.shaped);
        face.shaped.clear();
    };
    if (auto it = face.shaped.find(utf8); it != face.shaped.end()) return it->second;
    if (auto it = face.shapedBefore.find(utf8); it != face.shapedBefore.end()) {
        auto node = face.shapedBefore.extract(it);
        startGeneration();
        return face.shaped.insert(std::move(node)).position->second;
    }

    // Code points: tab as a space, other control characters dropped (as the painter always did).
    hb_buffer_t* buffer = impl_->buffer;
    hb_buffer_clear_contents(buffer);
    for (std::size_t i = 0; i < utf8.size();) {
        const auto at = static_cast<unsigned>(i);
        const char32_t cp = nextCodepoint(utf8, i);
        if (cp != '\t' && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))) continue;
        hb_buffer_add(buffer, cp == '\t' ? U' ' : cp, at);
    }
    hb_buffer_set_content_type(buffer, HB_BUFFER_CONTENT_TYPE_UNICODE);
    // A fixed language, so that shaping does not depend on the process's locale.
    hb_buffer_set_language(buffer, hb_language_from_string("en", -1));
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(face.hb, buffer, nullptr, 0);

    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
    ShapedLine line;
    line.glyphs.reserve(count);
    float pen = 0;
    for (unsigned k = 0; k < count; ++k) {
        const std::uint32_t glyph = info[k].codepoint;
        line.glyphs.push_back({glyph, pen, static_cast<float>(pos[k].x_offset) / face.unitsPerEm,
                               static_cast<float>(pos[k].y_offset) / face.unitsPerEm});
        // The nominal advance, then the shaper's adjustment (kerning) as a second term: for text that
        // shapes to the same glyphs, positions equal those of the former glyph-by-glyph pair kerning to
        // the last bit, so line widths round to the same pixels.
        const hb_position_t nominal = hb_font_get_glyph_h_advance(face.hb, glyph);
        pen += static_cast<float>(nominal) / face.unitsPerEm;
        if (pos[k].x_advance != nominal)
            pen += static_cast<float>(pos[k].x_advance - nominal) / face.unitsPerEm;
    }
    line.advance = pen;
    startGeneration();
    return face.shaped.emplace(std::string(utf8), std::move(line)).first->second;
}

const FontAtlas::GlyphSdf& FontAtlas::glyph(int f, std::uint32_t glyph, float sizePx) {
    const std::size_t level = levelFor(sizePx);
    auto& face = *impl_->faces[static_cast<std::size_t>(f)];
    auto& cache = face.sdf[level];
    auto it = cache.find(glyph);
    if (it != cache.end()) return it->second;

    const Level lv = kLevels[level];
    const std::string key = face.path + '#' + std::to_string(level) + '#' + std::to_string(glyph);
    std::shared_ptr<const RasterisedGlyph> r;
    {
        std::lock_guard<std::mutex> lock(gRasterisedMutex);
        readDiskLevel(face.path, level, lv.basePx, lv.spread);
        auto found = gRasterised.find(key);
        if (found != gRasterised.end()) r = found->second;
    }
    if (!r) {
        auto fresh = std::make_shared<RasterisedGlyph>();
        FT_Int spread = lv.spread;
        FT_Property_Set(impl_->library, "bsdf", "spread", &spread);
        FT_Face ft = face.face;
        // The bitmap-to-SDF path ("bsdf": anti-aliased coverage first, then the distance field from it)
        // matches FreeType's exact outline SDF renderer to a level or two here and is five times faster.
        if (FT_Set_Pixel_Sizes(ft, 0, static_cast<FT_UInt>(lv.basePx)) == 0 &&
            FT_Load_Glyph(ft, glyph, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0 &&
            ft->glyph->format == FT_GLYPH_FORMAT_OUTLINE && ft->glyph->outline.n_contours > 0 &&
            FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_NORMAL) == 0 && ft->glyph->bitmap.width > 0 &&
            FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_SDF) == 0 &&
            ft->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_GRAY && ft->glyph->bitmap.width > 0 &&
            ft->glyph->bitmap.rows > 0) {
            const FT_Bitmap& bm = ft->glyph->bitmap;
            fresh->hasInk = true;
            fresh->width = static_cast<int>(bm.width);
            fresh->height = static_cast<int>(bm.rows);
            fresh->left = static_cast<float>(ft->glyph->bitmap_left);
            fresh->top = static_cast<float>(ft->glyph->bitmap_top);
            fresh->pixels.resize(static_cast<std::size_t>(fresh->width) * fresh->height);
            for (int y = 0; y < fresh->height; ++y)
                std::memcpy(&fresh->pixels[static_cast<std::size_t>(y) * fresh->width],
                            bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch,
                            static_cast<std::size_t>(fresh->width));
        }
        std::lock_guard<std::mutex> lock(gRasterisedMutex);
        r = gRasterised.emplace(key, std::move(fresh)).first->second;
        gDiskLevels[levelKey(face.path, level)].dirty = true;
    }

    GlyphSdf g;
    int ax = 0, ay = 0;
    const int w = r->width, h = r->height;
    if (r->hasInk && impl_->place(*this, w, h, ax, ay)) {
        for (int y = 0; y < h; ++y)
            std::memcpy(&pixels_[static_cast<std::size_t>(ay + y) * width_ + ax],
                        &r->pixels[static_cast<std::size_t>(y) * w], static_cast<std::size_t>(w));
        if (dirtyY1_ <= dirtyY0_) {
            dirtyY0_ = ay;
            dirtyY1_ = ay + h;
        } else {
            dirtyY0_ = std::min(dirtyY0_, ay);
            dirtyY1_ = std::max(dirtyY1_, ay + h);
        }
        g.hasInk = true;
        g.x0 = static_cast<float>(ax);
        g.y0 = static_cast<float>(ay);
        g.x1 = static_cast<float>(ax + w);
        g.y1 = static_cast<float>(ay + h);
        g.left = r->left;
        g.top = r->top;
        g.basePx = static_cast<float>(lv.basePx);
        g.spreadTexels = static_cast<float>(lv.spread);
    } else if (r->hasInk && !impl_->warnedFull) {
        impl_->warnedFull = true;
        std::cerr << "buildout: overlay glyph atlas is full (" << kAtlasWidth << "x" << kAtlasMaxHeight
                  << "); further new glyphs are not drawn\n";
    }
    return cache.emplace(glyph, g).first->second;
}

void FontAtlas::upload() {
    if (!texture_) {
        texture_ = gl::makeTexture();
        glBindTexture(GL_TEXTURE_2D, texture_.get());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    } else {
        glBindTexture(GL_TEXTURE_2D, texture_.get());
    }
    GLint oldAlign = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &oldAlign);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (uploadedHeight_ != height_) { // (re)allocate and send everything
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width_, height_, 0, GL_RED, GL_UNSIGNED_BYTE, pixels_.data());
        uploadedHeight_ = height_;
    } else if (dirtyY1_ > dirtyY0_) {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, dirtyY0_, width_, dirtyY1_ - dirtyY0_, GL_RED, GL_UNSIGNED_BYTE,
                        &pixels_[static_cast<std::size_t>(dirtyY0_) * width_]);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, oldAlign);
    dirtyY0_ = dirtyY1_ = 0;
}

} // namespace buildout
