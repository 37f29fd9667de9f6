// Output path checks.
#include "app/export/output_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace buildout {

namespace fs = std::filesystem;

void checkOutputPath(const std::string& path) {
    if (path.empty()) throw std::runtime_error("empty output path");
    const fs::path p(path);
    std::error_code ec;
    if (fs::is_directory(p, ec)) throw std::runtime_error("output '" + path + "' is a folder, not a file name");
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) throw std::runtime_error("output folder '" + dir.string() + "' does not exist");
    if (::access(dir.c_str(), W_OK) != 0) throw std::runtime_error("output folder '" + dir.string() + "' is not writable");
}

bool flushStandardOutput(std::string& why) {
    errno = 0;
    std::cout.flush();
    const bool ok = std::cout.good() && std::fflush(stdout) == 0;
    if (!ok) why = std::string("cannot write the standard output: ") + std::strerror(errno ? errno : EIO);
    return ok;
}

} // namespace buildout
