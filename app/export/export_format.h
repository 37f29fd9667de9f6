// The kinds of output an export can write, as plain enums: the export plan's settings name them without
// depending on the encoder (app/export/video_encoder.h, which spawns ffmpeg).
#pragma once

namespace buildout {

/// Gif and WebP are animated previews (README, social posts): 8-bit palette / lossy, no audio.
enum class ExportFormat { Mp4, PngSequence, ProRes, Gif, WebP };
enum class ExportQuality { Draft, High };

} // namespace buildout
