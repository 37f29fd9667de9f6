// The glyph distance-field disk cache (render/glyph_sdf_cache.h): a round trip keeps every byte, anything
// damaged is ignored rather than drawn, names change with what decides the fields, and FontAtlas writes
// the glyphs it rasterised. No GL: the atlas rasterises on the CPU and only uploads on upload().
#include "render/font_atlas.h"
#include "render/glyph_sdf_cache.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace buildout;
namespace fs = std::filesystem;

namespace {

/// A fresh folder named as $BUILDOUT_CACHE_DIR for the object's lifetime; both undone afterwards.
class CacheDirOverride {
public:
    CacheDirOverride()
        : dir_(fs::temp_directory_path() / ("buildout-sdf-cache-" + std::to_string(::getpid()))) {
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        if (const char* old = std::getenv("BUILDOUT_CACHE_DIR")) saved_ = old, had_ = true;
        setenv("BUILDOUT_CACHE_DIR", dir_.c_str(), 1);
    }
    ~CacheDirOverride() {
        if (had_)
            setenv("BUILDOUT_CACHE_DIR", saved_.c_str(), 1);
        else
            unsetenv("BUILDOUT_CACHE_DIR");
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    CacheDirOverride(const CacheDirOverride&) = delete;
    CacheDirOverride& operator=(const CacheDirOverride&) = delete;
    const fs::path& dir() const { return dir_; }

private:
    fs::path dir_;
    std::string saved_;
    bool had_ = false;
};

RasterisedGlyphs sampleGlyphs() {
    RasterisedGlyphs g;
    auto a = std::make_shared<RasterisedGlyph>();
    a->hasInk = true;
    a->width = 3;
    a->height = 2;
    a->left = -1.5f;
    a->top = 20.25f;
    a->pixels = {0, 64, 128, 192, 255, 7};
    g[36] = a;
    g[3] = std::make_shared<RasterisedGlyph>(); // a space: no ink
    return g;
}

std::string fileBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

} // namespace

TEST_CASE("Glyph SDF cache: a round trip keeps every field and byte", "[font][cache]") {
    CacheDirOverride cache;
    const std::string file = (cache.dir() / "x.sdf").string();
    REQUIRE(writeGlyphSdfCache(file, sampleGlyphs()));
    const RasterisedGlyphs back = readGlyphSdfCache(file);
    REQUIRE(back.size() == 2);
    const RasterisedGlyph& a = *back.at(36);
    CHECK(a.hasInk);
    CHECK(a.width == 3);
    CHECK(a.height == 2);
    CHECK(a.left == -1.5f);
    CHECK(a.top == 20.25f);
    CHECK(a.pixels == std::vector<std::uint8_t>{0, 64, 128, 192, 255, 7});
    CHECK_FALSE(back.at(3)->hasInk);
    CHECK(back.at(3)->pixels.empty());
    // Nothing but the file itself is left behind (the temporary name was renamed).
    CHECK(std::distance(fs::directory_iterator(cache.dir()), fs::directory_iterator()) == 1);
}

TEST_CASE("Glyph SDF cache: a damaged or foreign file is ignored", "[font][cache]") {
    CacheDirOverride cache;
    const fs::path file = cache.dir() / "x.sdf";
    REQUIRE(writeGlyphSdfCache(file.string(), sampleGlyphs()));
    const std::string good = fileBytes(file);
    REQUIRE(readGlyphSdfCache(file.string()).size() == 2);

    CHECK(readGlyphSdfCache((cache.dir() / "missing.sdf").string()).empty());
    for (std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{20}, good.size() - 1}) {
        INFO("cut to " << cut << " bytes");
        writeBytes(file, good.substr(0, cut));
        CHECK(readGlyphSdfCache(file.string()).empty());
    }
    writeBytes(file, good + "x"); // something after the last glyph
    CHECK(readGlyphSdfCache(file.string()).empty());
    std::string otherFormat = good;
    otherFormat[12] = 9; // the format number
    writeBytes(file, otherFormat);
    CHECK(readGlyphSdfCache(file.string()).empty());
    std::string notOurs = good;
    notOurs[0] = 'X';
    writeBytes(file, notOurs);
    CHECK(readGlyphSdfCache(file.string()).empty());
    std::string huge = good; // the first glyph's width (after magic, format, byte order, count, index, ink)
    huge[12 + 4 + 4 + 4 + 4 + 1] = static_cast<char>(0xff);
    huge[12 + 4 + 4 + 4 + 4 + 2] = static_cast<char>(0xff);
    writeBytes(file, huge);
    CHECK(readGlyphSdfCache(file.string()).empty());
}

TEST_CASE("Glyph SDF cache: names change with the font, the level and the recipe", "[font][cache]") {
    CacheDirOverride cache;
    const fs::path fontA = cache.dir() / "a.otf", fontB = cache.dir() / "b.otf";
    writeBytes(fontA, "font bytes A");
    writeBytes(fontB, "font bytes B");
    const std::string a = glyphSdfCacheFile(fontA.string(), 32, 12, "r1");
    CHECK(a.rfind((cache.dir() / "glyph-sdf").string() + "/", 0) == 0);
    CHECK(a == glyphSdfCacheFile(fontA.string(), 32, 12, "r1"));
    CHECK(a != glyphSdfCacheFile(fontB.string(), 32, 12, "r1"));
    CHECK(a != glyphSdfCacheFile(fontA.string(), 64, 12, "r1"));
    CHECK(a != glyphSdfCacheFile(fontA.string(), 32, 16, "r1"));
    CHECK(a != glyphSdfCacheFile(fontA.string(), 32, 12, "r2"));
    // The same path with other contents (a font updated in place) gets a new name.
    writeBytes(fontA, "font bytes A, version 2");
    CHECK(a != glyphSdfCacheFile(fontA.string(), 32, 12, "r1"));
    CHECK(glyphSdfCacheFile((cache.dir() / "no-such.otf").string(), 32, 12, "r1").empty());
    setenv("BUILDOUT_CACHE_DIR", "off", 1);
    CHECK(glyphSdfCacheFolder().empty());
    CHECK(glyphSdfCacheFile(fontB.string(), 32, 12, "r1").empty());
}

TEST_CASE("Glyph SDF cache: the atlas writes the glyphs it rasterised when it goes", "[font][cache]") {
    CacheDirOverride cache;
    std::uint32_t pilcrow = 0;
    float width = 0, height = 0;
    {
        FontAtlas atlas;
        const int face = atlas.face(FontWeight::Regular, 14.0f);
        pilcrow = atlas.glyphIndex(face, U'\u00b6'); // a glyph no other test draws: rasterised here
        REQUIRE(pilcrow != 0);
        const FontAtlas::GlyphSdf& g = atlas.glyph(face, pilcrow, 14.0f);
        REQUIRE(g.hasInk);
        width = g.x1 - g.x0;
        height = g.y1 - g.y0;
    } // the atlas writes the cache as it goes
    const fs::path folder = cache.dir() / "glyph-sdf";
    REQUIRE(fs::is_directory(folder));
    bool found = false;
    for (const auto& e : fs::directory_iterator(folder)) {
        const RasterisedGlyphs glyphs = readGlyphSdfCache(e.path().string());
        const auto it = glyphs.find(pilcrow);
        if (it == glyphs.end()) continue;
        found = true;
        CHECK(static_cast<float>(it->second->width) == width);
        CHECK(static_cast<float>(it->second->height) == height);
        CHECK(it->second->pixels.size() == static_cast<std::size_t>(width * height));
    }
    CHECK(found);
}
