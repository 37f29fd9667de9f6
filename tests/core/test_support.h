// Shared helpers for the core tests: fixture paths, loading, matching diagnostics, temporary folders.
#pragma once

#include "core/diagnostics.h"
#include "core/scenario_loader.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace buildout::test {

/// Absolute path of tests/data (BUILDOUT_TEST_DATA_DIR).
std::string dataDir();
/// tests/data/<rel>.
std::string dataPath(const std::string& rel);

/// A load of one scenario folder, with the folder kept so diagnostics can be matched by file name.
struct Loaded {
    std::string dir;
    LoadResult result;

    bool ok() const { return result.scenario != nullptr; }
    const Scenario& scenario() const { return *result.scenario; }
    std::size_t errors() const { return result.diagnostics.errorCount(); }
    std::size_t warnings() const { return result.diagnostics.warningCount(); }
    /// Every diagnostic as `FILE:LINE[:COL]: error|warning: MESSAGE`, one a line (for INFO on failure).
    std::string report() const;
    /// True when a diagnostic has this severity, this exact file (`file` relative to the scenario folder, or
    /// empty for the folder itself),
    /// line and column (0 = none), and a message containing every word of `words`.
    bool has(Severity severity, const std::string& file, int line, int column,
             const std::vector<std::string>& words) const;
};

/// Loads tests/data/<rel>.
Loaded loadData(const std::string& rel);
/// Loads any folder.
Loaded loadDir(const std::string& dir);

/// A fresh, empty folder under the system temp folder, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }
    /// Writes `bytes` exactly (binary mode) to path()/name, creating sub-folders.
    void write(const std::string& name, std::string_view bytes) const;

private:
    std::filesystem::path path_;
};

/// A valid manifest (one layer entry per line) naming `layers` ({kind, file} pairs). Line 8 holds the first
/// layer entry; `extra` is inserted as-is after the `"time"` line (it must end with a comma and a newline).
std::string manifestText(const std::vector<std::pair<std::string, std::string>>& layers,
                         const std::string& extra = "");

/// Text with every "\n" replaced by "\r\n".
std::string withCrlf(std::string_view text);

} // namespace buildout::test

/// Checks that `loaded` reports a diagnostic of severity `sev` at FILE:LINE:COLUMN whose message holds
/// every one of the trailing words. Prints every diagnostic when it fails.
#define CHECK_DIAG(loaded, sev, file, line, column, ...)                                                          \
    do {                                                                                                         \
        INFO("diagnostics:\n" << (loaded).report());                                                            \
        CHECK((loaded).has(::buildout::Severity::sev, file, line, column, {__VA_ARGS__}));                       \
    } while (false)

#define CHECK_ERROR(loaded, file, line, column, ...) CHECK_DIAG(loaded, Error, file, line, column, __VA_ARGS__)
#define CHECK_WARNING(loaded, file, line, column, ...) CHECK_DIAG(loaded, Warning, file, line, column, __VA_ARGS__)

/// Requires that `loaded` produced a scenario (no errors), printing the diagnostics otherwise.
#define REQUIRE_LOADED(loaded)                                                                                   \
    do {                                                                                                         \
        INFO("diagnostics:\n" << (loaded).report());                                                            \
        REQUIRE((loaded).ok());                                                                                  \
    } while (false)

/// Requires that `loaded` was refused with exactly `n` errors.
#define REQUIRE_REFUSED(loaded, n)                                                                               \
    do {                                                                                                         \
        INFO("diagnostics:\n" << (loaded).report());                                                            \
        REQUIRE_FALSE((loaded).ok());                                                                            \
        REQUIRE((loaded).errors() == (n));                                                                       \
    } while (false)
