// core/output_file.h: atomic output files. Failures are real: a missing folder, a folder under the final
// name, and RLIMIT_FSIZE (with SIGXFSZ ignored, write() fails with EFBIG as a full disk fails with ENOSPC).
#include "core/image.h"
#include "core/output_file.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <sys/resource.h>
#include <unistd.h>

using namespace buildout;
namespace fs = std::filesystem;

namespace {

/// A fresh, empty folder for one test, removed with what the test left in it when it goes (failed runs
/// included: the temporary directory kept a folder per test run).
struct ScratchDir {
    fs::path path;
    explicit ScratchDir(const char* name)
        : path(fs::temp_directory_path() /
               ("buildout-output-file-" + std::to_string(::getpid()) + "-" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Names in `dir`, sorted, space-separated.
std::string listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names)
        out += n + " ";
    return out;
}

/// Limits the size of any file this process writes to `bytes` while alive (SIGXFSZ ignored).
struct FileSizeLimit {
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &saved);
        rlimit l = saved;
        l.rlim_cur = bytes;
        old = std::signal(SIGXFSZ, SIG_IGN);
        ::setrlimit(RLIMIT_FSIZE, &l);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, old);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    rlimit saved{};
    void (*old)(int) = nullptr;
};

} // namespace

TEST_CASE("Atomic file: written and replacing the old one with no temporary left", "[output]") {
    const ScratchDir scratchDir("ok");
    const fs::path& dir = scratchDir.path;
    const std::string path = (dir / "a.json").string();
    std::string why;
    REQUIRE(writeFileAtomically(path, "first\n", &why));
    REQUIRE(writeFileAtomically(path, "second\n", &why));
    CHECK(slurp(path) == "second\n");
    CHECK(listing(dir) == "a.json ");
}

TEST_CASE("Atomic file: nothing is visible under the final name before commit", "[output]") {
    const ScratchDir scratchDir("staged");
    const fs::path& dir = scratchDir.path;
    const std::string path = (dir / "a.txt").string();
    {
        AtomicFile f(path);
        REQUIRE(f.ok());
        REQUIRE(f.write("data"));
        REQUIRE(f.sync());
        CHECK_FALSE(fs::exists(path));
        CHECK(fs::exists(f.temporaryPath()));
        CHECK(fs::path(f.temporaryPath()).parent_path() == dir); // same folder: the rename is atomic
    }                                                            // destroyed without commit: discarded
    CHECK(listing(dir).empty());
}

TEST_CASE("Atomic file: a missing folder is reported with the file and the cause", "[output]") {
    const ScratchDir scratchDir("missing");
    const fs::path& dir = scratchDir.path;
    std::string why;
    CHECK_FALSE(writeFileAtomically((dir / "no" / "a.txt").string(), "x", &why));
    CHECK(why == "cannot write '" + (dir / "no" / "a.txt").string() + "': No such file or directory");
}

TEST_CASE("Atomic file: a write past the file-size limit fails and leaves nothing", "[output]") {
    const ScratchDir scratchDir("full");
    const fs::path& dir = scratchDir.path;
    const std::string path = (dir / "big.bin").string();
    REQUIRE(writeFileAtomically(path, "old", nullptr));
    std::string why;
    {
        const FileSizeLimit limit(1000);
        CHECK_FALSE(writeFileAtomically(path, std::string(5000, 'x'), &why));
    }
    CHECK(why == "cannot write '" + path + "': File too large");
    CHECK(slurp(path) == "old"); // the earlier file is untouched
    CHECK(listing(dir) == "big.bin ");
}

TEST_CASE("Atomic file: a folder under the final name makes commit fail and leaves no temporary",
          "[output]") {
    const ScratchDir scratchDir("folder");
    const fs::path& dir = scratchDir.path;
    fs::create_directories(dir / "a.txt" / "inside");
    std::string why;
    CHECK_FALSE(writeFileAtomically((dir / "a.txt").string(), "x", &why));
    CHECK(why.rfind("cannot write '" + (dir / "a.txt").string() + "': ", 0) == 0);
    CHECK(listing(dir) == "a.txt ");
    CHECK(fs::is_directory(dir / "a.txt" / "inside"));
}

TEST_CASE("PNG written past the file-size limit gives an error and no truncated PNG", "[output]") {
    // stb's own file writer ignored write errors: this printed success and left a truncated file.
    const ScratchDir scratchDir("png");
    const fs::path& dir = scratchDir.path;
    Image img;
    img.width = img.height = 256;
    img.rgba.resize(256 * 256 * 4);
    std::mt19937 rng(13); // noise: about 256 KiB of PNG, far over the limit
    for (std::uint8_t& b : img.rgba)
        b = static_cast<std::uint8_t>(rng());
    const std::string path = (dir / "map.png").string();
    std::string why;
    {
        const FileSizeLimit limit(4096);
        CHECK_FALSE(writePng(img, path, &why));
    }
    CHECK(why == "cannot write '" + path + "': File too large");
    CHECK(listing(dir).empty());
    REQUIRE(writePng(img, path, &why));
    Image back;
    REQUIRE(readPng(path, back, &why));
    CHECK(back.rgba == img.rgba);
}
