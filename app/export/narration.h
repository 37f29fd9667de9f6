// A narration track for `buildout render --audio FILE`: checked before any frame is rendered, so a
// missing, unreadable or silent file is a clear error up front rather than an encoder failure at the end.
#pragma once

#include <string>

namespace buildout {

/// "" when `path` is a file ffmpeg can decode audio from (WAV, MP3, AAC, Opus, FLAC, ... — whatever the
/// installed FFmpeg reads); otherwise why not, naming the file. Decodes its first 50 ms with `ffmpeg`.
std::string checkNarration(const std::string& path, const std::string& ffmpeg);

} // namespace buildout
