// The manifest `buildout render --manifest FILE.json` writes: the scenario (and comparison) hashes, the
// tour, every setting that decides the pictures and their encoding, and one hash per frame, so two
// exports can be compared without decoding them (docs/export.md). Pure C++: the hashes come from the
// render job.
#pragma once

#include "app/export/export_plan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace buildout {

/// The manifest as JSON text (keys in a fixed order, one space of indent, a final newline).
/// `renderer` describes the GL renderer; `hashes` are fnv1a64 of each frame's RGBA8 pixels (top row
/// first, before encoding), one per frame of `plan`.
std::string manifestJson(const ExportSettings& s, const Scenario& scenario, const std::string& renderer,
                         const std::vector<std::uint64_t>& hashes, const ExportPlan& plan);

} // namespace buildout
