// Probing a narration file with an ffmpeg dry run (decode a few milliseconds to a null muxer).
#include "app/export/narration.h"

#include "app/export/video_encoder.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace buildout {

std::string checkNarration(const std::string& path, const std::string& ffmpeg) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) return "audio file '" + path + "' does not exist";
    if (!fs::is_regular_file(path, ec)) return "audio file '" + path + "' is not a file";
    if (!std::ifstream(path, std::ios::binary)) return "audio file '" + path + "' cannot be read";
    try {
        ChildProcess probe({ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0",
                            "-t", "0.05", "-f", "null", "-"});
        std::string why;
        if (!probe.finish(why))
            return "audio file '" + path + "' has no audio that ffmpeg can read (" + why + ")";
    } catch (const std::exception& e) {
        return std::string("cannot check the audio file: ") + e.what();
    }
    return "";
}

} // namespace buildout
