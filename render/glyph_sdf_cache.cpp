// Glyph distance fields on disk (see glyph_sdf_cache.h). File layout, little-endian as written by this
// machine (the name's hash keeps machines apart only through the font bytes, so the header says too):
//   "BUILDOUT-SDF" u32 format (kFormat) u32 byte-order mark (0x01020304) u32 count
//   count x { u32 glyph, u8 hasInk, u16 width, u16 height, f32 left, f32 top, width*height bytes }
#include "render/glyph_sdf_cache.h"

#include "core/file_bytes.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string_view>
#include <unistd.h>

namespace buildout {

namespace {

constexpr char kMagic[12] = {'B', 'U', 'I', 'L', 'D', 'O', 'U', 'T', '-', 'S', 'D', 'F'};
constexpr std::uint32_t kFormat = 1;
constexpr std::uint32_t kByteOrder = 0x01020304;
constexpr int kMaxSide = 4096; ///< texels; larger is not a field FontAtlas makes
constexpr std::size_t kMaxFileBytes = std::size_t{256} << 20; ///< a cache file larger is not ours

std::uint64_t fnv1a(std::uint64_t h, const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/// Reads fixed-size values from a byte string; `ok` turns false at the first read past the end.
struct Reader {
    std::string_view bytes;
    std::size_t at = 0;
    bool ok = true;
    template <class T> T take() {
        T v{};
        if (at + sizeof v > bytes.size()) {
            ok = false;
            return v;
        }
        std::memcpy(&v, bytes.data() + at, sizeof v);
        at += sizeof v;
        return v;
    }
};

template <class T> void put(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

} // namespace

std::string glyphSdfCacheFolder() {
    std::string base;
    if (const char* dir = std::getenv("BUILDOUT_CACHE_DIR"); dir && *dir) {
        if (std::string(dir) == "off") return {};
        base = dir;
    } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
        base = std::string(xdg) + "/buildout";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = std::string(home) + "/.cache/buildout";
    } else {
        return {};
    }
    return base + "/glyph-sdf";
}

std::string glyphSdfCacheFile(const std::string& fontPath, int basePx, int spread,
                              const std::string& recipe) {
    const std::string folder = glyphSdfCacheFolder();
    if (folder.empty()) return {};
    FileBytes fontFile;
    std::string why;
    if (!fontFile.read(fontPath, why) || fontFile.view().empty()) return {};
    const std::string_view font = fontFile.view();
    std::uint64_t h = fnv1a(14695981039346656037ull, font.data(), font.size());
    const std::int32_t params[6] = {basePx,         spread,         FREETYPE_MAJOR,
                                    FREETYPE_MINOR, FREETYPE_PATCH, static_cast<std::int32_t>(kFormat)};
    h = fnv1a(h, params, sizeof params);
    h = fnv1a(h, recipe.data(), recipe.size());
    char name[64];
    std::snprintf(name, sizeof name, "%016llx-%d.sdf", static_cast<unsigned long long>(h), basePx);
    return folder + "/" + name;
}

RasterisedGlyphs readGlyphSdfCache(const std::string& file) {
    RasterisedGlyphs glyphs;
    FileBytes cached;
    std::string why;
    if (file.empty() || !cached.read(file, why, kMaxFileBytes)) return glyphs;
    const std::string_view bytes = cached.view();
    if (bytes.size() < sizeof kMagic) return glyphs;
    if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return glyphs;
    Reader r{bytes, sizeof kMagic};
    if (r.take<std::uint32_t>() != kFormat || r.take<std::uint32_t>() != kByteOrder) return {};
    const std::uint32_t count = r.take<std::uint32_t>();
    for (std::uint32_t i = 0; i < count && r.ok; ++i) {
        auto g = std::make_shared<RasterisedGlyph>();
        const auto index = r.take<std::uint32_t>();
        g->hasInk = r.take<std::uint8_t>() != 0;
        g->width = r.take<std::uint16_t>();
        g->height = r.take<std::uint16_t>();
        g->left = r.take<float>();
        g->top = r.take<float>();
        const std::size_t texels = static_cast<std::size_t>(g->width) * static_cast<std::size_t>(g->height);
        if (!r.ok || g->width > kMaxSide || g->height > kMaxSide || r.at + texels > bytes.size() ||
            (g->hasInk && texels == 0))
            return {};
        g->pixels.assign(bytes.begin() + static_cast<std::ptrdiff_t>(r.at),
                         bytes.begin() + static_cast<std::ptrdiff_t>(r.at + texels));
        r.at += texels;
        glyphs.emplace(index, std::move(g));
    }
    if (!r.ok || r.at != bytes.size()) return {}; // truncated, or something after the last glyph
    return glyphs;
}

bool writeGlyphSdfCache(const std::string& file, const RasterisedGlyphs& glyphs, std::string* why) {
    std::string out(kMagic, sizeof kMagic);
    put(out, kFormat);
    put(out, kByteOrder);
    put(out, static_cast<std::uint32_t>(glyphs.size()));
    for (const auto& [index, g] : glyphs) {
        if (g->width > kMaxSide || g->height > kMaxSide || g->width < 0 || g->height < 0) {
            if (why) *why = "a glyph too large for the cache";
            return false;
        }
        put(out, index);
        put(out, static_cast<std::uint8_t>(g->hasInk ? 1 : 0));
        put(out, static_cast<std::uint16_t>(g->width));
        put(out, static_cast<std::uint16_t>(g->height));
        put(out, g->left);
        put(out, g->top);
        out.append(reinterpret_cast<const char*>(g->pixels.data()), g->pixels.size());
    }
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    // Whole under a temporary name, then renamed: readers see the old file or the new one. Not fsynced
    // (a cache: after a crash the reader's checks reject a damaged file, and an fsync per file cost an
    // export's exit 0.1-0.3 s here).
    std::random_device rd;
    char suffix[48];
    std::snprintf(suffix, sizeof suffix, ".partial-%ld-%08x", static_cast<long>(::getpid()), rd());
    const std::string tmp = file + suffix;
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(out.data(), static_cast<std::streamsize>(out.size()));
        f.close();
        if (!f) {
            if (why) *why = "cannot write '" + tmp + "'";
            std::filesystem::remove(tmp, ec);
            return false;
        }
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) {
        if (why) *why = "cannot rename '" + tmp + "': " + ec.message();
        std::filesystem::remove(tmp, ec);
        return false;
    }
    return true;
}

} // namespace buildout
