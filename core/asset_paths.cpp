// Asset and data folder discovery.
#include "asset_paths.h"

#include <cstdlib>
#include <filesystem>

#ifndef BUILDOUT_SOURCE_ROOT
#define BUILDOUT_SOURCE_ROOT ""
#endif

namespace buildout {

namespace fs = std::filesystem;

namespace {

std::string locate(const char* envVar, const char* sub) {
    if (const char* env = std::getenv(envVar); env && *env) return env;
    std::error_code ec;
    // An installed binary (PREFIX/bin/buildout) uses PREFIX/share/buildout first, so a package unpacked
    // anywhere (e.g. `dpkg-deb -x` into a scratch root) never reads the source tree it was built from.
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "buildout" / sub;
        if (fs::is_directory(installed, ec)) return installed.string();
    }
    const fs::path source = fs::path(BUILDOUT_SOURCE_ROOT) / sub;
    if (!std::string(BUILDOUT_SOURCE_ROOT).empty() && fs::is_directory(source, ec)) return source.string();
    return sub; // relative to the working directory, as a last resort
}

} // namespace

std::string assetsDirectory() { return locate("BUILDOUT_ASSETS_DIR", "assets"); }
std::string dataDirectory() { return locate("BUILDOUT_DATA_DIR", "data"); }

} // namespace buildout
