// Helpers shared by the libFuzzer targets: a private scratch folder per process, and writing an input
// into it, so that targets which read files (the loader, GDAL) see exactly the fuzzer's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace buildout::fuzz {

/// A folder under the temp folder, unique to this process, created on first use and removed at exit.
class ScratchDir {
public:
    ScratchDir() : path_(std::filesystem::temp_directory_path() / ("buildout-fuzz-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline const std::filesystem::path& scratch() {
    static const ScratchDir dir;
    return dir.path();
}

/// Writes the bytes to scratch()/name (binary, truncating) and returns the full path.
inline std::string writeScratch(const std::string& name, std::string_view bytes) {
    const auto p = scratch() / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
}

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace buildout::fuzz
