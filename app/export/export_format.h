// The kinds of output an export can write, as plain enums: the export plan's settings name them without
// depending on the encoder (app/export/video_encoder.h, which spawns ffmpeg).
#pragma once

namespace buildout {

enum class ExportFormat { Mp4, PngSequence, ProRes };
enum class ExportQuality { Draft, High };

} // namespace buildout
