// A main for the fuzz targets in the normal build (no libFuzzer): runs LLVMFuzzerTestOneInput once on
// every file named on the command line, or on every file in a named folder. ctest uses it to replay the
// committed inputs (tests/fuzz/regressions/<target>/ and the malformed-input corpus), so a crash that
// fuzzing once found stays fixed, and the targets keep compiling with the project's warnings.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void runFile(const std::filesystem::path& p, int& count) {
    std::ifstream in(p, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++count;
}

} // namespace

int main(int argc, char** argv) {
    int count = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path p(argv[i]);
        if (std::filesystem::is_directory(p)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(p))
                if (e.is_regular_file()) runFile(e.path(), count);
        } else {
            runFile(p, count);
        }
    }
    std::printf("replayed %d inputs\n", count);
    return count > 0 ? 0 : 1; // no input at all means a wrong path: fail rather than pass silently
}
