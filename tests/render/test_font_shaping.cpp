// FontAtlas shaping through HarfBuzz: kerning, ligatures and contextual alternates change the glyphs and
// advances of a line. No GL: the atlas only opens fonts until it rasterises.
#include "render/font_atlas.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace buildout;

namespace {

/// Sets $BUILDOUT_FONT_DIR for the lifetime of the object, then restores it.
class FontDirOverride {
public:
    explicit FontDirOverride(const char* dir) {
        if (const char* old = std::getenv("BUILDOUT_FONT_DIR")) saved_ = old, had_ = true;
        setenv("BUILDOUT_FONT_DIR", dir, 1);
    }
    ~FontDirOverride() {
        if (had_)
            setenv("BUILDOUT_FONT_DIR", saved_.c_str(), 1);
        else
            unsetenv("BUILDOUT_FONT_DIR");
    }
    FontDirOverride(const FontDirOverride&) = delete;
    FontDirOverride& operator=(const FontDirOverride&) = delete;

private:
    std::string saved_;
    bool had_ = false;
};

/// Sum of the nominal advances of the code points' glyphs: the width without any shaping.
float unshapedWidth(const FontAtlas& atlas, int face, std::u32string_view text) {
    float width = 0;
    for (char32_t cp : text)
        width += atlas.advance(face, atlas.glyphIndex(face, cp));
    return width;
}

} // namespace

TEST_CASE("FontAtlas shapes Inter with kerning and contextual alternates", "[font]") {
    FontAtlas atlas;
    if (atlas.description().find("Inter-Regular") == std::string::npos) {
        WARN("Inter is not installed (fonts-inter); skipped: " << atlas.description());
        return;
    }
    const int face = atlas.face(FontWeight::Regular, 16);

    // Kerning (GPOS pair adjustment): "AV" and "To" are tighter than their glyphs side by side.
    const FontAtlas::ShapedLine& av = atlas.shape(face, "AV");
    REQUIRE(av.glyphs.size() == 2);
    CHECK(av.glyphs[0].glyph == atlas.glyphIndex(face, U'A'));
    CHECK(av.glyphs[1].glyph == atlas.glyphIndex(face, U'V'));
    CHECK(av.advance < unshapedWidth(atlas, face, U"AV") - 0.02f);
    CHECK(av.glyphs[1].pen == Approx(av.advance - atlas.advance(face, av.glyphs[1].glyph)));
    CHECK(atlas.shape(face, "To").advance < unshapedWidth(atlas, face, U"To") - 0.02f);
    CHECK(atlas.shape(face, "HH").advance == unshapedWidth(atlas, face, U"HH"));

    // Contextual alternates (calt): "->" becomes one arrow glyph; a hyphen between capitals is raised.
    const FontAtlas::ShapedLine& arrow = atlas.shape(face, "A->B");
    REQUIRE(arrow.glyphs.size() == 3);
    CHECK(arrow.glyphs[1].glyph != atlas.glyphIndex(face, U'-'));
    CHECK(arrow.glyphs[1].glyph != atlas.glyphIndex(face, U'>'));
    CHECK(atlas.shape(face, "H-H").glyphs.at(1).glyph != atlas.glyphIndex(face, U'-'));
    CHECK(atlas.shape(face, "a-b").glyphs.at(1).glyph == atlas.glyphIndex(face, U'-'));

    // Shaping results are cached, and equal ones for equal strings in any order.
    const float abilene = atlas.shape(face, "Abilene 1.2 GW").advance;
    CHECK(atlas.shape(face, std::string("Abilene 1.2 GW")).advance == abilene);
}

TEST_CASE("FontAtlas shapes DejaVu Sans ligatures", "[font]") {
    constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!std::filesystem::exists(kDejaVu)) {
        WARN("DejaVu Sans is not installed (fonts-dejavu-core); skipped");
        return;
    }
    FontDirOverride noInter("/nonexistent-buildout-font-dir"); // the atlas falls back to DejaVu Sans
    FontAtlas atlas;
    REQUIRE(atlas.description().find("DejaVuSans.ttf") != std::string::npos);
    const int face = atlas.face(FontWeight::Regular, 16);

    // Standard ligatures (liga): three characters, one glyph, and not the glyph of any of them.
    const FontAtlas::ShapedLine& ffi = atlas.shape(face, "ffi");
    REQUIRE(ffi.glyphs.size() == 1);
    CHECK(ffi.glyphs[0].glyph != atlas.glyphIndex(face, U'f'));
    CHECK(ffi.glyphs[0].glyph != atlas.glyphIndex(face, U'i'));
    CHECK(ffi.advance < unshapedWidth(atlas, face, U"ffi"));
    CHECK(atlas.shape(face, "office").glyphs.size() == 4); // o, ffi, c, e
    CHECK(atlas.shape(face, "fi").glyphs.size() == 1);

    // A combining mark (x has no precomposed form with an acute) is placed over its base and takes no
    // advance of its own.
    const FontAtlas::ShapedLine& marked = atlas.shape(face, "x\u0301");
    REQUIRE(marked.glyphs.size() == 2);
    CHECK(marked.advance == Approx(atlas.advance(face, atlas.glyphIndex(face, U'x'))));
}

TEST_CASE("FontAtlas shaping drops control characters and replaces invalid UTF-8", "[font]") {
    FontAtlas atlas;
    const int face = atlas.face(FontWeight::Regular, 16);
    CHECK(atlas.shape(face, "").glyphs.empty());
    CHECK(atlas.shape(face, "").advance == 0);
    CHECK(atlas.shape(face, "a\x01z").glyphs.size() == 2);
    CHECK(atlas.shape(face, "a\tb").advance == Approx(atlas.shape(face, "a b").advance));
    const FontAtlas::ShapedLine& bad = atlas.shape(face, "a\xff");
    REQUIRE(bad.glyphs.size() == 2);
    CHECK(bad.glyphs[1].glyph == atlas.glyphIndex(face, U'\uFFFD'));
}
