// A small helper for the export tests: compares PNGs and reads pixels.
//   export_image_tool compare ACTUAL.png EXPECTED.png MAX_MEAN_ABS_DIFF   exit 0 when the mean absolute
//                                                                        channel difference (0..255) is at
//                                                                        most that
//   export_image_tool alpha FILE.png X Y                                  prints the alpha at (X, Y)
//   export_image_tool size FILE.png                                       prints WxH
#include "core/image.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace buildout;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: export_image_tool compare A B MAX | alpha FILE X Y | size FILE\n");
        return 2;
    }
    const std::string cmd = argv[1];
    Image a;
    std::string why;
    if (!readPng(argv[2], a, &why)) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    if (cmd == "size") {
        std::printf("%dx%d\n", a.width, a.height);
        return 0;
    }
    if (cmd == "alpha" && argc == 5) {
        const int x = std::atoi(argv[3]), y = std::atoi(argv[4]);
        if (x < 0 || y < 0 || x >= a.width || y >= a.height) return 1;
        std::printf("%d\n", a.pixel(x, y)[3]);
        return 0;
    }
    if (cmd == "compare" && argc == 5) {
        Image b;
        if (!readPng(argv[3], b, &why)) {
            std::fprintf(stderr, "%s\n", why.c_str());
            return 1;
        }
        const ImageDiff d = compareImages(a, b, 24);
        if (!d.sameSize) {
            std::fprintf(stderr, "sizes differ: %dx%d vs %dx%d\n", a.width, a.height, b.width, b.height);
            return 1;
        }
        const double limit = std::atof(argv[4]);
        std::printf(
            "mean abs difference %.3f (limit %.3f), max %d, %.4f%% of pixels differ by more than 24\n",
            d.meanAbsDifference, limit, d.maxChannelDifference, d.differingFraction * 100.0);
        return d.meanAbsDifference <= limit ? 0 : 1;
    }
    std::fprintf(stderr, "bad arguments\n");
    return 2;
}
