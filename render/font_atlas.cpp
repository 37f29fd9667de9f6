// Font lookup, metrics, GPOS pair kerning and lazy SDF rasterisation with FreeType.
#include "render/font_atlas.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include FT_TRUETYPE_TAGS_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
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

// ---- OpenType GPOS pair kerning (lookup type 2, formats 1 and 2, also through extension lookups) ----

/// Bounds-checked big-endian reads from a font table; out-of-range reads give 0, so a damaged table
/// yields no kerning rather than a crash.
class TableReader {
public:
    explicit TableReader(std::vector<std::uint8_t> bytes) : b_(std::move(bytes)) {}
    std::uint16_t u16(std::size_t at) const {
        if (at + 2 > b_.size()) return 0;
        return static_cast<std::uint16_t>((b_[at] << 8) | b_[at + 1]);
    }
    std::int16_t s16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
    std::uint32_t u32(std::size_t at) const {
        return (static_cast<std::uint32_t>(u16(at)) << 16) | static_cast<std::uint32_t>(u16(at + 2));
    }
    bool empty() const { return b_.empty(); }

private:
    std::vector<std::uint8_t> b_;
};

std::size_t valueRecordSize(std::uint16_t format) {
    return 2u * static_cast<std::size_t>(std::popcount(static_cast<unsigned>(format & 0xFFu)));
}
/// Byte offset of XAdvance inside a value record, or nullopt when the record has none.
std::optional<std::size_t> xAdvanceOffset(std::uint16_t format) {
    if (!(format & 0x0004u)) return std::nullopt;
    return 2u * static_cast<std::size_t>(std::popcount(static_cast<unsigned>(format & 0x0003u)));
}

class GposKerning {
public:
    explicit GposKerning(std::vector<std::uint8_t> table) : t_(std::move(table)) {
        if (t_.empty() || t_.u16(0) != 1) return;
        const std::size_t scriptList = t_.u16(4), featureList = t_.u16(6), lookupList = t_.u16(8);
        if (!scriptList || !featureList || !lookupList) return;

        // Features of the default language system of 'latn' (else 'DFLT', else the first script).
        std::vector<std::uint16_t> featureIndices;
        const std::uint16_t scriptCount = t_.u16(scriptList);
        std::size_t chosen = 0;
        for (int pass = 0; pass < 2 && !chosen; ++pass)
            for (std::uint16_t i = 0; i < scriptCount; ++i) {
                const std::size_t rec = scriptList + 2 + 6u * i;
                const std::uint32_t tag = t_.u32(rec);
                if (tag == (pass == 0 ? FT_MAKE_TAG('l', 'a', 't', 'n') : FT_MAKE_TAG('D', 'F', 'L', 'T'))) {
                    chosen = scriptList + t_.u16(rec + 4);
                    break;
                }
            }
        if (!chosen && scriptCount > 0) chosen = scriptList + t_.u16(scriptList + 2 + 4);
        if (chosen && t_.u16(chosen)) {
            const std::size_t langSys = chosen + t_.u16(chosen);
            const std::uint16_t n = t_.u16(langSys + 4);
            for (std::uint16_t i = 0; i < n; ++i)
                featureIndices.push_back(t_.u16(langSys + 6 + 2u * i));
        }
        const std::uint16_t featureCount = t_.u16(featureList);
        auto isKern = [&](std::uint16_t fi) {
            return fi < featureCount && t_.u32(featureList + 2 + 6u * fi) == FT_MAKE_TAG('k', 'e', 'r', 'n');
        };
        std::vector<std::uint16_t> kernFeatures;
        for (std::uint16_t fi : featureIndices)
            if (isKern(fi)) kernFeatures.push_back(fi);
        if (kernFeatures.empty()) // no script system: every 'kern' feature
            for (std::uint16_t fi = 0; fi < featureCount; ++fi)
                if (isKern(fi)) kernFeatures.push_back(fi);

        std::vector<std::uint16_t> lookupIndices;
        for (std::uint16_t fi : kernFeatures) {
            const std::size_t feature = featureList + t_.u16(featureList + 2 + 6u * fi + 4);
            const std::uint16_t n = t_.u16(feature + 2);
            for (std::uint16_t i = 0; i < n; ++i)
                lookupIndices.push_back(t_.u16(feature + 4 + 2u * i));
        }
        std::sort(lookupIndices.begin(), lookupIndices.end());
        lookupIndices.erase(std::unique(lookupIndices.begin(), lookupIndices.end()), lookupIndices.end());

        const std::uint16_t lookupCount = t_.u16(lookupList);
        for (std::uint16_t li : lookupIndices) {
            if (li >= lookupCount) continue;
            const std::size_t lookup = lookupList + t_.u16(lookupList + 2 + 2u * li);
            const std::uint16_t type = t_.u16(lookup);
            const std::uint16_t subCount = t_.u16(lookup + 4);
            std::vector<std::size_t> subtables;
            for (std::uint16_t s = 0; s < subCount; ++s) {
                std::size_t sub = lookup + t_.u16(lookup + 6 + 2u * s);
                if (type == 9) { // extension: format, extensionLookupType, Offset32
                    if (t_.u16(sub) != 1 || t_.u16(sub + 2) != 2) continue;
                    sub += t_.u32(sub + 4);
                } else if (type != 2) {
                    continue;
                }
                subtables.push_back(sub);
            }
            if (!subtables.empty()) lookups_.push_back(std::move(subtables));
        }
    }

    bool any() const { return !lookups_.empty(); }

    /// Sum of the XAdvance adjustments of the first glyph, font units.
    int kern(std::uint16_t left, std::uint16_t right) const {
        int total = 0;
        for (const auto& subtables : lookups_)
            for (std::size_t sub : subtables)
                if (auto v = pairValue(sub, left, right)) {
                    total += *v;
                    break; // the first subtable that applies ends the lookup
                }
        return total;
    }

private:
    std::optional<std::size_t> coverageIndex(std::size_t cov, std::uint16_t glyph) const {
        const std::uint16_t format = t_.u16(cov), count = t_.u16(cov + 2);
        std::size_t lo = 0, hi = count;
        if (format == 1) {
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                const std::uint16_t g = t_.u16(cov + 4 + 2 * mid);
                if (g == glyph) return mid;
                if (g < glyph)
                    lo = mid + 1;
                else
                    hi = mid;
            }
        } else if (format == 2) {
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                const std::size_t rec = cov + 4 + 6 * mid;
                if (glyph < t_.u16(rec))
                    hi = mid;
                else if (glyph > t_.u16(rec + 2))
                    lo = mid + 1;
                else
                    return t_.u16(rec + 4) + (glyph - t_.u16(rec));
            }
        }
        return std::nullopt;
    }

    std::uint16_t glyphClass(std::size_t classDef, std::uint16_t glyph) const {
        const std::uint16_t format = t_.u16(classDef);
        if (format == 1) {
            const std::uint16_t start = t_.u16(classDef + 2), count = t_.u16(classDef + 4);
            if (glyph >= start && glyph - start < count) return t_.u16(classDef + 6 + 2u * (glyph - start));
        } else if (format == 2) {
            std::size_t lo = 0, hi = t_.u16(classDef + 2);
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                const std::size_t rec = classDef + 4 + 6 * mid;
                if (glyph < t_.u16(rec))
                    hi = mid;
                else if (glyph > t_.u16(rec + 2))
                    lo = mid + 1;
                else
                    return t_.u16(rec + 4);
            }
        }
        return 0;
    }

    std::optional<int> pairValue(std::size_t sub, std::uint16_t left, std::uint16_t right) const {
        const std::uint16_t format = t_.u16(sub);
        const auto covered = coverageIndex(sub + t_.u16(sub + 2), left);
        if (!covered) return std::nullopt;
        const std::uint16_t vf1 = t_.u16(sub + 4), vf2 = t_.u16(sub + 6);
        const std::size_t recordSize = valueRecordSize(vf1) + valueRecordSize(vf2);
        const auto xAdv = xAdvanceOffset(vf1);
        if (format == 1) {
            if (*covered >= t_.u16(sub + 8)) return std::nullopt;
            const std::size_t pairSet = sub + t_.u16(sub + 10 + 2 * *covered);
            const std::size_t stride = 2 + recordSize;
            std::size_t lo = 0, hi = t_.u16(pairSet);
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                const std::size_t rec = pairSet + 2 + stride * mid;
                const std::uint16_t g = t_.u16(rec);
                if (g == right) return xAdv ? t_.s16(rec + 2 + *xAdv) : 0;
                if (g < right)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return std::nullopt;
        }
        if (format == 2) {
            const std::uint16_t c1 = glyphClass(sub + t_.u16(sub + 8), left);
            const std::uint16_t c2 = glyphClass(sub + t_.u16(sub + 10), right);
            const std::uint16_t class1Count = t_.u16(sub + 12), class2Count = t_.u16(sub + 14);
            if (c1 >= class1Count || c2 >= class2Count) return std::nullopt;
            const std::size_t rec = sub + 16 + recordSize * (static_cast<std::size_t>(c1) * class2Count + c2);
            return xAdv ? t_.s16(rec + *xAdv) : 0;
        }
        return std::nullopt;
    }

    TableReader t_;
    std::vector<std::vector<std::size_t>> lookups_; ///< kern lookups in order: absolute subtable offsets
};

/// Signed distance fields already rasterised in this process, shared by every atlas (rasterising costs
/// milliseconds per glyph; tests and several painters would otherwise repeat it). Key: font file, level,
/// glyph index.
struct RasterisedGlyph {
    bool hasInk = false;
    int width = 0, height = 0;
    float left = 0, top = 0;
    std::vector<std::uint8_t> pixels;
};
std::mutex gRasterisedMutex;
std::unordered_map<std::string, std::shared_ptr<const RasterisedGlyph>> gRasterised;

} // namespace

// ---- faces ----

struct FontAtlas::Impl {
    struct Face {
        std::string path;
        FT_Face face = nullptr;
        FaceMetrics metrics;
        float unitsPerEm = 1000;
        bool legacyKerning = false;
        std::unique_ptr<GposKerning> gpos;
        mutable std::unordered_map<char32_t, std::uint32_t> glyphIndex;
        mutable std::unordered_map<std::uint32_t, float> advance;
        mutable std::unordered_map<std::uint64_t, float> kerning;
        std::array<std::unordered_map<std::uint32_t, GlyphSdf>, kLevels.size()> sdf;
    };
    struct Shelf {
        int y, height, x;
    };

    FT_Library library = nullptr;
    std::vector<std::unique_ptr<Face>> faces;
    std::array<std::array<int, 2>, 3> slot{}; ///< [weight][display] -> faces index
    std::vector<Shelf> shelves;
    int nextShelfY = 0;
    bool warnedFull = false;

    ~Impl() {
        for (auto& f : faces)
            if (f->face) FT_Done_Face(f->face);
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
        if (!FT_IS_SCALABLE(ftFace)) {
            FT_Done_Face(ftFace);
            return -1;
        }
        auto f = std::make_unique<Face>();
        f->path = path;
        f->face = ftFace;
        f->unitsPerEm = static_cast<float>(ftFace->units_per_EM);
        f->metrics.ascender = static_cast<float>(ftFace->ascender) / f->unitsPerEm;
        f->metrics.descender = static_cast<float>(ftFace->descender) / f->unitsPerEm;
        f->metrics.lineHeight = static_cast<float>(ftFace->height) / f->unitsPerEm;
        if (f->metrics.lineHeight < f->metrics.ascender - f->metrics.descender)
            f->metrics.lineHeight = f->metrics.ascender - f->metrics.descender;
        f->legacyKerning = FT_HAS_KERNING(ftFace);
        if (!f->legacyKerning) {
            FT_ULong length = 0;
            if (FT_Load_Sfnt_Table(ftFace, TTAG_GPOS, 0, nullptr, &length) == 0 && length > 0) {
                std::vector<std::uint8_t> bytes(length);
                if (FT_Load_Sfnt_Table(ftFace, TTAG_GPOS, 0, bytes.data(), &length) == 0) {
                    auto k = std::make_unique<GposKerning>(std::move(bytes));
                    if (k->any()) f->gpos = std::move(k);
                }
            }
        }
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

FontAtlas::~FontAtlas() = default;

int FontAtlas::face(FontWeight weight, float sizePx) const {
    return impl_->slot[static_cast<std::size_t>(weight)][sizePx >= kLargeLevelMinPx ? 1 : 0];
}

const FontAtlas::FaceMetrics& FontAtlas::metrics(int f) const {
    return impl_->faces[static_cast<std::size_t>(f)]->metrics;
}

std::uint32_t FontAtlas::glyphIndex(int f, char32_t cp) const {
    const auto& face = *impl_->faces[static_cast<std::size_t>(f)];
    auto it = face.glyphIndex.find(cp);
    if (it != face.glyphIndex.end()) return it->second;
    const std::uint32_t gi = FT_Get_Char_Index(face.face, cp);
    face.glyphIndex.emplace(cp, gi);
    return gi;
}

float FontAtlas::advance(int f, std::uint32_t glyph) const {
    const auto& face = *impl_->faces[static_cast<std::size_t>(f)];
    auto it = face.advance.find(glyph);
    if (it != face.advance.end()) return it->second;
    float adv = 0;
    FT_Fixed units = 0;
    if (FT_Get_Advance(face.face, glyph, FT_LOAD_NO_SCALE, &units) == 0)
        adv = static_cast<float>(units) / face.unitsPerEm;
    face.advance.emplace(glyph, adv);
    return adv;
}

float FontAtlas::kerning(int f, std::uint32_t left, std::uint32_t right) const {
    const auto& face = *impl_->faces[static_cast<std::size_t>(f)];
    if (!face.legacyKerning && !face.gpos) return 0;
    const std::uint64_t key = (static_cast<std::uint64_t>(left) << 32) | right;
    auto it = face.kerning.find(key);
    if (it != face.kerning.end()) return it->second;
    float k = 0;
    if (face.legacyKerning) {
        FT_Vector v{};
        if (FT_Get_Kerning(face.face, left, right, FT_KERNING_UNSCALED, &v) == 0)
            k = static_cast<float>(v.x) / face.unitsPerEm;
    } else if (left <= 0xFFFFu && right <= 0xFFFFu) {
        k = static_cast<float>(
                face.gpos->kern(static_cast<std::uint16_t>(left), static_cast<std::uint16_t>(right))) /
            face.unitsPerEm;
    }
    face.kerning.emplace(key, k);
    return k;
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
