// Glyph distance fields kept on disk between runs, for FontAtlas.
//
// FreeType rasterises a glyph's distance field in about 1.3 ms (32 px em, 12-texel spread), and the first
// frame of an export or of the app needs some 130 of them: a sixth of a second of start-up, a third of a
// short export's time before the first frame reaches the encoder. The fields depend only on the font file,
// the level (size and spread) and FreeType, so they are kept in a file per font file and level, under
//   $BUILDOUT_CACHE_DIR, else $XDG_CACHE_HOME/buildout, else ~/.cache/buildout   (then glyph-sdf/)
// named by a hash of the font's bytes, the level and FreeType's version: a changed font or FreeType gets a
// new file, never stale fields. BUILDOUT_CACHE_DIR=off turns it off.
//
// A cache file is only ever an optimisation: one that is missing, truncated, of another format or
// unreadable is ignored (the glyphs are rasterised as without it); files are written whole under a
// temporary name and renamed, so processes running at once (a job array on a
// shared home) never see half a file; the last to finish wins, and a glyph lost that way is rasterised
// again later. Pixels read back are the bytes FreeType gave, so pictures do not change.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace buildout {

/// One glyph's distance field as FreeType rasterised it (rows top-down, one byte a texel: 128 = edge).
struct RasterisedGlyph {
    bool hasInk = false; ///< false: no outline (a space); nothing else set
    int width = 0, height = 0;
    float left = 0, top = 0; ///< bitmap's top-left relative to the pen, px at the level's size (y up)
    std::vector<std::uint8_t> pixels;
};

using RasterisedGlyphs = std::unordered_map<std::uint32_t, std::shared_ptr<const RasterisedGlyph>>;

/// The folder of the cache files ("" when the cache is off or no folder can be named).
std::string glyphSdfCacheFolder();

/// The cache file for glyphs of `fontPath` rasterised at `basePx` px per em with `spread` texels by the
/// method `recipe` names (FontAtlas changes that text whenever it rasterises differently); "" when the
/// cache is off or the font cannot be read (its bytes are part of the name).
std::string glyphSdfCacheFile(const std::string& fontPath, int basePx, int spread, const std::string& recipe);

/// The glyphs stored in `file` (glyph index -> field); empty when the file is missing or not a whole,
/// valid cache file of this format.
RasterisedGlyphs readGlyphSdfCache(const std::string& file);

/// Writes `glyphs` to `file` (creating its folder), atomically. False with `why` on failure; callers may
/// ignore it: the cache is an optimisation.
bool writeGlyphSdfCache(const std::string& file, const RasterisedGlyphs& glyphs, std::string* why = nullptr);

} // namespace buildout
