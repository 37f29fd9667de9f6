// The export plan (frame i -> time, camera, caption), the tour rig, colour conversion, WebVTT and names
// (app/export/export_plan.h, core/view/tour_rig.h, app/export/video_encoder.h). No GL context.
#include "app/export/export_job.h"
#include "app/export/export_manifest.h"
#include "app/export/export_plan.h"
#include "app/export/h264_encoder.h"
#include "app/export/video_encoder.h"
#include "app/export/yuv_converter.h"
#include "core/scenario_loader.h"
#include "core/view/named_views.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <string>

using namespace buildout;

namespace {

std::shared_ptr<const Scenario> demoTiny() {
    static std::shared_ptr<const Scenario> s = [] {
        LoadResult r = loadScenario(BUILDOUT_SOURCE_DIR "/data/scenarios/demo-tiny");
        REQUIRE(r.scenario);
        return r.scenario;
    }();
    return s;
}

Day day(const char* s) {
    return parseDate(s)->day;
}

std::array<int, 3> yuvOf(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    std::vector<std::uint8_t> rgba;
    for (int i = 0; i < 4; ++i)
        rgba.insert(rgba.end(), {r, g, b, 255});
    std::vector<std::uint8_t> yuv(6);
    rgbaToYuv420(rgba.data(), 2, 2, yuv.data());
    CHECK(yuv[0] == yuv[3]);
    return {yuv[0], yuv[4], yuv[5]};
}

} // namespace

TEST_CASE("RGBA to YUV 4:2:0 is BT.709 limited range", "[export]") {
    CHECK(yuvOf(0, 0, 0) == std::array<int, 3>{16, 128, 128});
    CHECK(yuvOf(255, 255, 255) == std::array<int, 3>{235, 128, 128});
    CHECK(yuvOf(255, 0, 0) == std::array<int, 3>{63, 102, 240});
    CHECK(yuvOf(0, 255, 0) == std::array<int, 3>{173, 42, 26});
    CHECK(yuvOf(0, 0, 255) == std::array<int, 3>{32, 240, 118});
    // Chroma is the average of each 2x2 block: rows alternate red and blue (16x16, as libswscale treats
    // the edges of a 2x2 image apart).
    const int n = 16;
    std::vector<std::uint8_t> rgba;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            rgba.insert(rgba.end(), {std::uint8_t(y % 2 ? 0 : 255), 0, std::uint8_t(y % 2 ? 255 : 0), 255});
    std::vector<std::uint8_t> yuv(n * n * 3 / 2);
    rgbaToYuv420(rgba.data(), n, n, yuv.data());
    CHECK(int(yuv[0]) == 63);
    CHECK(int(yuv[n]) == 32);
    const std::size_t u = n * n, v = u + (n / 2) * (n / 2), mid = (n / 4) * (n / 2) + n / 4;
    CHECK(int(yuv[u + mid]) == 171); // (102 + 240) / 2
    CHECK(int(yuv[v + mid]) == 179); // (240 + 118) / 2
}

TEST_CASE("Frames read back bottom row first convert and flip to the same picture", "[export]") {
    // The software-rendering export reads frames as GL stores them (bottom row first); the MP4 sink
    // converts them by reading rows upwards, the other sinks flip them: both must give the upright frame.
    const int w = 6, h = 4;
    std::vector<std::uint8_t> topFirst;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            topFirst.insert(topFirst.end(),
                            {std::uint8_t(40 * y), std::uint8_t(30 * x), std::uint8_t(200 - 9 * x * y), 255});
    std::vector<std::uint8_t> bottomFirst(topFirst.size());
    for (int y = 0; y < h; ++y)
        std::copy_n(topFirst.begin() + y * w * 4, w * 4, bottomFirst.begin() + (h - 1 - y) * w * 4);
    std::vector<std::uint8_t> expected(w * h * 3 / 2), converted(w * h * 3 / 2);
    YuvConverter converter(w, h, 1);
    converter.convert(topFirst.data(), expected.data());
    converter.convert(bottomFirst.data(), converted.data(), true);
    CHECK(converted == expected);
    converter.convert(bottomFirst.data(), converted.data());
    CHECK(converted != expected); // the picture is not symmetric: reading the wrong way would show
    flipRows(bottomFirst.data(), w, h);
    CHECK(bottomFirst == topFirst);
}

TEST_CASE("Unpremultiplying alpha", "[export]") {
    std::vector<std::uint8_t> px = {64, 32, 0, 128, 10, 20, 30, 0, 200, 100, 50, 255};
    unpremultiply(px.data(), 3);
    CHECK(std::vector<int>(px.begin(), px.end()) ==
          std::vector<int>{128, 64, 0, 128, 0, 0, 0, 0, 200, 100, 50, 255});
}

TEST_CASE("Export names: temporary outputs and caption sidecars", "[export]") {
    CHECK(partialPath("out/talk.mp4", ExportFormat::Mp4) == "out/talk.partial.mp4");
    CHECK(partialPath("talk.mov", ExportFormat::ProRes) == "talk.partial.mov");
    CHECK(partialPath("out/frames", ExportFormat::PngSequence) == "out/frames.partial");
    CHECK(captionsPath("out/talk.mp4", ExportFormat::Mp4) == "out/talk.vtt");
    CHECK(captionsPath("out/frames", ExportFormat::PngSequence) == "out/frames.vtt");
}

TEST_CASE("ffmpeg command lines", "[export]") {
    SinkSettings s;
    s.width = 1920;
    s.height = 1080;
    s.fps = 30;
    const std::vector<std::string> mp4 = ffmpegArgs(s, "x.partial.mp4");
    const std::string joined = [&] {
        std::string j;
        for (const auto& a : mp4)
            j += a + " ";
        return j;
    }();
    // MP4: H.264 arrives encoded (NUT on stdin); ffmpeg copies the packets into the MP4.
    CHECK(joined.find("-f nut -i pipe:0 -map 0:v:0 -an -map_chapters -1 -c:v copy") != std::string::npos);
    CHECK(joined.find("rawvideo") == std::string::npos);
    CHECK(joined.find("libx264") == std::string::npos);
    CHECK(joined.find("-movflags +faststart -f mp4 x.partial.mp4") != std::string::npos);
    const auto draft = h264EncoderOptions(ExportQuality::Draft, 30);
    const std::vector<std::pair<std::string, std::string>> expectDraft = {
        {"codec", "libx264"},   {"preset", "veryfast"}, {"crf", "23"},           {"g", "60"},
        {"pix_fmt", "yuv420p"}, {"color_range", "tv"},  {"colorspace", "bt709"}, {"color_primaries", "bt709"},
        {"color_trc", "bt709"}};
    CHECK(draft == expectDraft);
    const auto high = h264EncoderOptions(ExportQuality::High, 25);
    CHECK(high[1].second == "slow");
    CHECK(high[2].second == "18");
    CHECK(high[3].second == "50");
    s.quality = ExportQuality::High;
    s.format = ExportFormat::ProRes;
    std::string pr;
    for (const auto& a : ffmpegArgs(s, "y.mov"))
        pr += a + " ";
    CHECK(pr.find("-pix_fmt rgba") != std::string::npos);
    CHECK(pr.find("-c:v prores_ks -profile:v 4444 -pix_fmt yuva444p10le") != std::string::npos);
}

TEST_CASE("ffmpeg command lines: animated GIF and WebP previews", "[export]") {
    SinkSettings s;
    s.width = 640;
    s.height = 360;
    s.fps = 10;
    const auto joined = [&](const std::string& out) {
        std::string j;
        for (const auto& a : ffmpegArgs(s, out))
            j += a + " ";
        return j;
    };
    s.format = ExportFormat::Gif;
    const std::string gif = joined("p.partial.gif");
    CHECK(gif.find("-pix_fmt rgba -video_size 640x360 -framerate 10 -i pipe:0") != std::string::npos);
    // One palette from the whole clip, then ordered dithering of the changed rectangle.
    CHECK(gif.find("palettegen=max_colors=256:stats_mode=diff") != std::string::npos);
    CHECK(gif.find("paletteuse=dither=bayer") != std::string::npos);
    CHECK(gif.find("-loop 0 -f gif p.partial.gif") != std::string::npos);
    CHECK(std::string(ffmpegInputPixelFormat(ExportFormat::Gif)) == "rgba");
    CHECK(partialPath("p.gif", ExportFormat::Gif) == "p.partial.gif");
    s.format = ExportFormat::WebP;
    const std::string webp = joined("p.partial.webp");
    CHECK(webp.find("-c:v libwebp_anim -lossless 0 -quality 75 -pix_fmt yuv420p -loop 0 -f webp") !=
          std::string::npos);
    s.transparent = true;
    CHECK(joined("q.webp").find("-pix_fmt yuva420p") != std::string::npos);
    CHECK(std::string(exportFormatName(ExportFormat::WebP)) == "animated WebP");
}

TEST_CASE("ffmpeg command lines with narration and chapters", "[export][audio]") {
    SinkSettings s;
    s.fps = 25;
    s.frames = 51; // 2.04 s
    s.audio = "talk.mp3";
    s.chaptersFile = "x.partial.mp4.chapters.txt";
    auto joined = [&] {
        std::string j;
        for (const auto& a : ffmpegArgs(s, "x.partial.mp4"))
            j += a + " ";
        return j;
    };
    std::string mp4 = joined();
    INFO(mp4);
    CHECK(mp4.find("-i pipe:0 -i talk.mp3 -f ffmetadata -i x.partial.mp4.chapters.txt -map 0:v:0 -map 1:a:0 "
                   "-af apad=whole_dur=2.040000,atrim=duration=2.040000 -ar 48000 -c:a aac") !=
          std::string::npos);
    CHECK(mp4.find("-map_chapters 2") != std::string::npos);
    CHECK(mp4.find("-an") == std::string::npos);
    s.format = ExportFormat::ProRes;
    CHECK(joined().find("-c:a pcm_s16le") != std::string::npos);
    // Neither: no audio, and no chapters taken from anywhere.
    s.audio.clear();
    s.chaptersFile.clear();
    const std::string plain = joined();
    CHECK(plain.find("-an") != std::string::npos);
    CHECK(plain.find("-map_chapters -1") != std::string::npos);
}

TEST_CASE("Chapters: one per beat, escaped in FFMETADATA, speaker notes never in a caption",
          "[export][chapters]") {
    Tour t;
    Diagnostics d;
    REQUIRE(parseTour(R"({"format": "buildout-tour", "version": 1, "beats": [
        {"date": "2025", "caption": {"title": "One = 1; #1", "text": "first"}, "transition": 0, "hold": 1,
         "notes": "SECRET one"},
        {"date": "2026", "caption": "Second", "transition": 1, "hold": 1, "notes": ["SECRET", "two"]},
        {"date": "2027", "transition": 0.5, "hold": 0.5}]})",
                      "t.json", t, d));
    ExportSettings s;
    s.width = 320;
    s.height = 180;
    s.fps = 10;
    s.durationSeconds = 0; // the tour's own 4 s
    s.tour = t;
    const ExportPlan plan(s, demoTiny());
    REQUIRE(plan.frameCount() == 40);
    const std::vector<ChapterMark>& ch = plan.chapters();
    REQUIRE(ch.size() == 3);
    CHECK(ch[0].frame == 0);
    CHECK(ch[1].frame == 10);
    CHECK(ch[2].frame == 30);
    CHECK(ch[0].title == "One = 1; #1");
    CHECK(ch[1].title == "Second");
    CHECK(ch[2].title == "Beat 3");
    const std::string meta = ffmetadataChapters(ch, plan.frameCount(), s.fps);
    CHECK(meta.rfind(";FFMETADATA1\n", 0) == 0);
    CHECK(meta.find("[CHAPTER]\nTIMEBASE=1/10\nSTART=10\nEND=30\ntitle=Second\n") != std::string::npos);
    CHECK(meta.find("title=One \\= 1\\; \\#1\n") != std::string::npos);
    CHECK(meta.find("START=30\nEND=40\n") != std::string::npos);
    // The notes are nowhere in what an export shows or writes beside the video.
    for (const CaptionCue& c : plan.captionCues())
        CHECK((c.title + c.text).find("SECRET") == std::string::npos);
    for (int i = 0; i < plan.frameCount(); ++i)
        CHECK((plan.frame(i).captionTitle + plan.frame(i).captionText).find("SECRET") == std::string::npos);
    CHECK(webVtt(plan.captionCues(), s.fps).find("SECRET") == std::string::npos);
    CHECK(meta.find("SECRET") == std::string::npos);

    // Without a tour: a chapter per event, the first from frame 0, the next where its pause starts.
    ExportSettings r;
    r.width = 320;
    r.height = 180;
    r.fps = 10;
    r.durationSeconds = 20;
    r.from = day("2024");
    r.to = day("2035-12-31");
    r.eventHoldSeconds = 2;
    const ExportPlan range(r, demoTiny());
    REQUIRE(range.chapters().size() == 2);
    CHECK(range.chapters()[0].frame == 0);
    CHECK(range.chapters()[1].title == "HVDC link in service");
    CHECK(range.chapters()[1].frame == range.captionCues()[1].first);
}

TEST_CASE("Export plan without a tour: exact frame count, t = t0 + i x delta", "[export]") {
    ExportSettings s;
    s.width = 320;
    s.height = 180;
    s.fps = 25;
    s.durationSeconds = 1;
    s.from = day("2024-01-01");
    s.to = day("2024-01-25");
    s.overlay.captions = false;
    ExportPlan plan(s, demoTiny());
    REQUIRE(plan.frameCount() == 25);
    for (int i = 0; i < 25; ++i)
        CHECK(plan.frame(i).spec.time == Approx(s.from + i));
    CHECK(plan.frame(0).spec.pixelScale == Approx(180.0f / 1080.0f));
    CHECK(plan.captionCues().empty());
    s.fps = 24;
    s.durationSeconds = 2.5;
    CHECK(ExportPlan(s, demoTiny()).frameCount() == 60);
}

TEST_CASE("Export plan without a tour holds on each event with its caption", "[export]") {
    ExportSettings s;
    s.width = 320;
    s.height = 180;
    s.fps = 10;
    s.durationSeconds = 20;
    s.from = day("2024");
    s.to = day("2035-12-31");
    s.eventHoldSeconds = 2;
    ExportPlan plan(s, demoTiny());
    REQUIRE(plan.frameCount() == 200);
    const std::vector<CaptionCue> cues = plan.captionCues();
    REQUIRE(cues.size() == 2);
    CHECK(cues[0].end - cues[0].first == 20);
    CHECK(cues[0].title == "Campus A online");
    CHECK(cues[1].title == "HVDC link in service");
    for (int i = cues[0].first; i < cues[0].end; ++i)
        CHECK(plan.frame(i).spec.time == day("2025"));
    // Time never goes backwards, and covers the whole range.
    double last = -1e9;
    for (int i = 0; i < plan.frameCount(); ++i) {
        CHECK(plan.frame(i).spec.time >= last);
        last = plan.frame(i).spec.time;
    }
    CHECK(plan.frame(0).spec.time == s.from);
    CHECK(plan.frame(199).spec.time == Approx(s.to));
    // The same plan twice gives the same frames (no wall clock anywhere).
    ExportPlan again(s, demoTiny());
    for (int i = 0; i < plan.frameCount(); i += 7) {
        CHECK(again.frame(i).spec.time == plan.frame(i).spec.time);
        CHECK(again.frame(i).captionTitle == plan.frame(i).captionTitle);
    }
    const std::string vtt = webVtt(cues, s.fps);
    CHECK(vtt.rfind("WEBVTT\n", 0) == 0);
    CHECK(vtt.find("Campus A online\nThe first demo campus starts with 500 MW.\n") != std::string::npos);
}

TEST_CASE("Export plan with a tour: beats, transitions, layer fades and captions", "[export]") {
    Tour t;
    Diagnostics d;
    REQUIRE(parseTour(R"({"format": "buildout-tour", "version": 1, "beats": [
        {"date": "2025", "camera": "national", "caption": {"title": "One", "text": "first"}, "transition": 0, "hold": 1},
        {"date": "2030", "camera": {"view": "TX", "zoom": 1.5}, "layers": {"zones": false},
         "caption": "second", "transition": 1, "hold": 1}]})",
                      "t.json", t, d));
    ExportSettings s;
    s.width = 320;
    s.height = 180;
    s.fps = 10;
    s.tour = t;
    s.durationSeconds = 0; // the tour's own length
    ExportPlan plan(s, demoTiny());
    REQUIRE(plan.frameCount() == 30);
    CHECK(plan.frame(0).captionTitle == "One");
    CHECK(plan.frame(0).spec.time == day("2025"));
    CHECK(plan.frame(0).spec.settings.zones.visible);
    // Mid-transition: time between the beats, zones fading out, no caption.
    const ExportFrame mid = plan.frame(15);
    CHECK(mid.captionTitle.empty());
    CHECK(mid.captionText.empty());
    CHECK(mid.spec.time > day("2025"));
    CHECK(mid.spec.time < day("2030"));
    CHECK(mid.spec.settings.zones.opacity == Approx(0.5f));
    const ExportFrame end = plan.frame(25);
    CHECK(end.captionText == "second");
    CHECK(end.spec.time == day("2030"));
    CHECK_FALSE(end.spec.settings.zones.visible);
    CameraState tx;
    const Scenario& sc = *demoTiny();
    REQUIRE(findNamedView(sc, makeMapFrame(sc), 320.0 / 180.0, "TX", tx));
    CHECK(end.spec.camera.distanceKm == Approx(tx.distanceKm / 1.5));
    CHECK(end.spec.camera.target.x == Approx(tx.target.x));
    const std::vector<CaptionCue> cues = plan.captionCues();
    REQUIRE(cues.size() == 2);
    CHECK(cues[0].first == 0);
    CHECK(cues[0].end == 10);
    CHECK(cues[1].first == 20);
    CHECK(cues[1].end == 30);
    CHECK(webVtt(cues, 10).find("00:00:02.000 --> 00:00:03.000\nsecond\n") != std::string::npos);
    // A duration squeezes the whole tour.
    s.durationSeconds = 1.5;
    ExportPlan fast(s, demoTiny());
    CHECK(fast.frameCount() == 15);
    CHECK(fast.frame(14).captionText == "second");
}

TEST_CASE("Tour rig reports unknown views on the tour's line", "[export]") {
    Tour t;
    Diagnostics d;
    REQUIRE(parseTour("{\"format\": \"buildout-tour\", \"version\": 1, \"beats\": [\n"
                      "  {\"date\": \"2025\"},\n"
                      "  {\"date\": \"2040\", \"camera\": \"atlantis\"}]}\n",
                      "tours/x.json", t, d));
    const Scenario& sc = *demoTiny();
    TourRig rig(t, sc, makeMapFrame(sc), 16.0 / 9.0, CameraState{}, MapSettings{}, d);
    CHECK_FALSE(rig.ok());
    std::string all;
    for (const Diagnostic& x : d.items())
        all += formatDiagnostic(x) + "\n";
    INFO(all);
    CHECK(all.find("tours/x.json:3: error: unknown view 'atlantis'") != std::string::npos);
    CHECK(all.find("tours/x.json:3: warning: date 2040-01-01 is outside the scenario's time range") !=
          std::string::npos);
}

TEST_CASE("Export settings are checked", "[export]") {
    ExportSettings s;
    s.output = "x.mp4";
    s.width = 321;
    s.height = 180;
    CHECK(validateExportSettings(s).find("even width and height") != std::string::npos);
    s.width = 320;
    CHECK(validateExportSettings(s).empty());
    s.transparent = true;
    CHECK(validateExportSettings(s).find("no alpha channel") != std::string::npos);
    s.format = ExportFormat::ProRes;
    CHECK(validateExportSettings(s).empty());
    s.fps = 0;
    CHECK_FALSE(validateExportSettings(s).empty());
    CHECK(overlayListString(parseOverlayList("title,captions")) == "title,captions");
    CHECK(overlayListString(parseOverlayList("none")) == "none");
    CHECK_THROWS_AS(parseOverlayList("title,clock"), std::invalid_argument);
}

TEST_CASE("The example tour is valid for the default scenario", "[export]") {
    LoadResult r = loadScenario(BUILDOUT_SOURCE_DIR "/data/scenarios/us-announced");
    REQUIRE(r.scenario);
    Tour t;
    Diagnostics d;
    REQUIRE(loadTour(BUILDOUT_SOURCE_DIR "/data/tours/us-announced-briefing.json", t, d));
    const Scenario& sc = *r.scenario;
    const TourRig rig(t, sc, makeMapFrame(sc), 16.0 / 9.0, CameraState{}, MapSettings{}, d);
    std::string all;
    for (const Diagnostic& x : d.items())
        all += formatDiagnostic(x) + "\n";
    INFO(all);
    CHECK(rig.ok());
    CHECK(d.items().empty()); // no warnings either
    CHECK(t.scenarioId == sc.manifest.id);
    CHECK(t.durationSeconds() == Approx(63)); // about a minute, as its title says
}

TEST_CASE("Manifest frame hashes: XXH3-64 of the rows top first, whichever way up they lie",
          "[export][manifest]") {
    const int w = 5, h = 4;
    const std::size_t rowBytes = w * 4;
    std::vector<std::uint8_t> topFirst(rowBytes * h);
    for (std::size_t i = 0; i < topFirst.size(); ++i)
        topFirst[i] = static_cast<std::uint8_t>(i * 37 + 11);
    std::vector<std::uint8_t> bottomFirst(topFirst.size());
    for (int y = 0; y < h; ++y)
        std::copy_n(topFirst.begin() + static_cast<std::ptrdiff_t>(y * rowBytes), rowBytes,
                    bottomFirst.begin() + static_cast<std::ptrdiff_t>((h - 1 - y) * rowBytes));
    const std::uint64_t a = frameHash(topFirst.data(), topFirst.size(), RowOrder::TopFirst, rowBytes);
    CHECK(frameHash(bottomFirst.data(), bottomFirst.size(), RowOrder::BottomFirst, rowBytes) == a);
    // XXH3-64 with seed 0: the reference value for no bytes at all.
    CHECK(frameHash(nullptr, 0, RowOrder::TopFirst, rowBytes) == 0x2d06800538d394c2ull);
    // One byte changed anywhere changes the hash; the rows' order matters.
    std::vector<std::uint8_t> changed = topFirst;
    changed[rowBytes * 2 + 3] ^= 1;
    CHECK(frameHash(changed.data(), changed.size(), RowOrder::TopFirst, rowBytes) != a);
    CHECK(frameHash(bottomFirst.data(), bottomFirst.size(), RowOrder::TopFirst, rowBytes) != a);
}
