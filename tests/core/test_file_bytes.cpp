// FileBytes gives exactly the bytes of a file, small or big (huge-page path), and readWholeFile's errors;
// huge-page advice never changes memory.
#include "core/file_bytes.h"
#include "core/huge_pages.h"
#include "test_support.h"

using namespace buildout;
using namespace buildout::test;

TEST_CASE("file bytes: small and big files read exactly", "[bytes][file]") {
    TempDir dir;
    std::string big(9u << 20, '\0'); // over the huge-page threshold, not a multiple of 2 MiB
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>((i * 7919u) >> 3);
    big += "tail";
    for (const std::string& bytes : {std::string("id,a\n1,2\n"), std::string(), big}) {
        dir.write("f.bin", bytes);
        FileBytes f;
        std::string why;
        REQUIRE(f.read((dir.path() / "f.bin").string(), why));
        CHECK(f.view().size() == bytes.size());
        CHECK(f.view() == std::string_view(bytes));
    }
    // Reading again into the same object replaces the content.
    FileBytes f;
    std::string why;
    dir.write("a.bin", big);
    dir.write("b.bin", "small");
    REQUIRE(f.read((dir.path() / "a.bin").string(), why));
    REQUIRE(f.read((dir.path() / "b.bin").string(), why));
    CHECK(f.view() == "small");
}

TEST_CASE("file bytes: errors", "[bytes][file]") {
    TempDir dir;
    FileBytes f;
    std::string why;
    CHECK_FALSE(f.read((dir.path() / "missing.csv").string(), why));
    CHECK(why.find("cannot read file") == 0);
    dir.write("big.bin", std::string(5u << 20, 'x'));
    CHECK_FALSE(f.read((dir.path() / "big.bin").string(), why, 1u << 20));
    CHECK(why.find("file too large") == 0);
}

TEST_CASE("huge pages: advice on any range leaves the memory as it was", "[bytes][file]") {
    adviseHugePages(nullptr, 1u << 30);
    std::vector<char> small(100, 'a');
    adviseHugePages(small.data(), small.size());
    CHECK(small == std::vector<char>(100, 'a'));
    // Unaligned, larger than a few huge pages, partly written before the advice.
    std::vector<std::uint32_t> big(3'000'000);
    for (std::size_t i = 0; i < 1000; ++i)
        big[i] = static_cast<std::uint32_t>(i);
    adviseHugePages(big.data() + 1, (big.size() - 1) * sizeof(std::uint32_t));
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] += static_cast<std::uint32_t>(i);
    CHECK(big[999] == 2 * 999u);
    CHECK(big[2'999'999] == 2'999'999u);
}
