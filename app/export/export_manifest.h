// The manifest `buildout render --manifest FILE.json` writes: the scenario (and comparison) hashes, the
// tour, every setting that decides the pictures and their encoding, and one hash per frame, so two
// exports can be compared without decoding them (docs/export.md). Pure C++: the hashes come from the
// render job.
#pragma once

#include "app/export/export_plan.h"
#include "app/export/video_encoder.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace buildout {

/// The manifest's hash of a frame: XXH3-64 (libxxhash, seed 0) of its `size` RGBA8 bytes taken rows top
/// first, whatever their order in memory (`rowBytes` per row). XXH3 rather than the FNV-1a of the other
/// hashes: a byte-at-a-time hash of 8 MB a 1080p frame took the writer thread ~10 ms, a quarter of an
/// export's time; XXH3 takes under 1 ms.
std::uint64_t frameHash(const std::uint8_t* rgba, std::size_t size, RowOrder rows, std::size_t rowBytes);

/// The manifest as JSON text (keys in a fixed order, one space of indent, a final newline).
/// `renderer` describes the GL renderer; `hashes` are frameHash of each frame's pixels (before encoding),
/// one per frame of `plan`.
std::string manifestJson(const ExportSettings& s, const Scenario& scenario, const std::string& renderer,
                         const std::vector<std::uint64_t>& hashes, const ExportPlan& plan);

} // namespace buildout
