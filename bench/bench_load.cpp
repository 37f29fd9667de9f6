// bench_load: how long loading + validating a scenario takes, and how much memory it needs.
//
//   bench_load DIR [--runs R] [--phases] [--quiet]
//
// Each run loads DIR in a fresh process (this program re-executes itself with --child), so every
// figure is a cold start of the loader with a warm file cache: `load` is the wall time of
// loadScenario() inside the child (with its CPU time and minor page faults), `process` the child's
// whole life (dynamic linking, load, freeing, exit), `cpu` its user+system time and `peak` its peak
// resident set (ru_maxrss from wait4()).
//
// --phases then runs one more child that times where the time goes without touching core/:
//   * fixed costs: GDAL driver registration, PROJ context + EPSG:4326 -> map CRS, the basemap;
//   * per layer file: reading its bytes, readTable with no-op callbacks (the native CSV reader, or GDAL
//     for other formats and with BUILDOUT_CSV_READER=gdal; byte checks included), readTable fetching
//     every field of every row, and for CSV the prototype splitter that sized the native reader;
//   * the full loader per layer: manifests with the first k layers (events dropped, written next to
//     scenario.json as .bench-prefix-K.json and removed again) loaded one after the other; the
//     difference between k and k-1 is what layer k costs in the real loader, checks and placement
//     included;
//   * placement: projecting every point with PROJ, and the point-in-polygon lookup (Basemap::regionAt).
//
// Prints a human-readable report and one machine-readable `BENCH_LOAD key=value ...` line.
#include "core/basemap.h"
#include "core/diagnostics.h"
#include "core/manifest_reader.h"
#include "core/projection.h"
#include "core/scenario_loader.h"
#include "core/table_reader.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using namespace buildout;

namespace {

double nowMs() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double cpuMs() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return (static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// Wall and CPU time since construction (CPU of this thread: the loader is single-threaded).
struct Stopwatch {
    double wall0 = nowMs(), cpu0 = threadCpuMs();
    double wall() const { return nowMs() - wall0; }
    double cpu() const { return threadCpuMs() - cpu0; }
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string manifestOf(const std::string& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir, ec) ? dir : (fs::path(dir) / "scenario.json").string();
}

// ------------------------------------------------------------------------------------------ child: one load

long minorFaults() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

int childLoad(const std::string& dir) {
    const long f0 = minorFaults();
    const double c0 = cpuMs(), t0 = nowMs();
    LoadResult r = loadScenario(dir);
    const double t1 = nowMs(), c1 = cpuMs();
    const long faults = minorFaults() - f0;
    std::size_t entities = 0, samples = 0;
    if (r.scenario) {
        const Scenario& s = *r.scenario;
        entities = s.datacenters.size() + s.powerPlants.size() + s.lines.size() + s.superclusters.size() + s.zones.size();
        for (const auto& ser : s.series) samples += ser.samples.size();
    }
    if (!r.scenario)
        for (const auto& d : r.diagnostics.items())
            if (d.severity == Severity::Error) {
                std::fprintf(stderr, "%s\n", formatDiagnostic(d).c_str());
                break;
            }
    const bool ok = r.scenario != nullptr;
    const std::size_t errors = r.diagnostics.errorCount(), warnings = r.diagnostics.warningCount();
    // Freeing is part of the process time, not of the load.
    const double d0 = nowMs();
    r = LoadResult{};
    const double d1 = nowMs();
    std::printf("CHILD ok=%d load_ms=%.3f load_cpu_ms=%.3f free_ms=%.3f errors=%zu warnings=%zu entities=%zu samples=%zu "
                "load_faults=%ld\n",
                ok ? 1 : 0, t1 - t0, c1 - c0, d1 - d0, errors, warnings, entities, samples, faults);
    std::fflush(stdout);
    return 0;
}

// ------------------------------------------------------------------------------------------ child: phases

/// A prototype of a GDAL-free CSV reader, to size what one would save: RFC 4180 records (quotes, doubled
/// quotes, CRLF, newlines inside quotes) split into field views, reading 1 MiB at a time so the file is
/// never held whole. Returns the number of data records; `fields` counts every field seen.
std::size_t nativeCsvSplit(const std::string& path, std::size_t& fields, std::size_t& chars) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return 0;
    std::string buf, cell;
    std::vector<std::string_view> row;
    std::deque<std::string> unquoted; // storage for fields that had doubled quotes (stable addresses)
    std::size_t records = 0, start = 0;
    bool header = true, eof = false;
    std::vector<char> chunk(1 << 20);
    while (!eof) {
        const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), f);
        eof = n < chunk.size();
        buf.erase(0, start);
        start = 0;
        buf.append(chunk.data(), n);
        // Split complete records out of buf[start..].
        std::size_t i = 0;
        while (true) {
            row.clear();
            unquoted.clear();
            std::size_t p = i;
            bool complete = false;
            while (p < buf.size()) {
                if (buf[p] == '"') {
                    std::size_t q = p + 1;
                    bool doubled = false;
                    while (q < buf.size()) {
                        if (buf[q] == '"') {
                            if (q + 1 == buf.size() && !eof) {
                                q = buf.size(); // a doubled quote may continue in the next chunk
                                break;
                            }
                            if (q + 1 < buf.size() && buf[q + 1] == '"') {
                                doubled = true;
                                q += 2;
                                continue;
                            }
                            break;
                        }
                        ++q;
                    }
                    if (q >= buf.size()) break; // quote continues in the next chunk
                    std::string_view v(buf.data() + p + 1, q - p - 1);
                    if (doubled) {
                        cell.assign(v);
                        for (std::size_t k = cell.find("\"\""); k != std::string::npos; k = cell.find("\"\"", k + 1))
                            cell.erase(k, 1);
                        unquoted.push_back(cell);
                        v = unquoted.back();
                    }
                    row.push_back(v);
                    p = q + 1;
                } else {
                    std::size_t q = p;
                    while (q < buf.size() && buf[q] != ',' && buf[q] != '\n') ++q;
                    if (q >= buf.size() && !eof) break;
                    std::size_t e = q;
                    if (e > p && buf[e - 1] == '\r') --e;
                    row.emplace_back(buf.data() + p, e - p);
                    p = q;
                }
                if (p >= buf.size()) {
                    if (eof) complete = true;
                    break;
                }
                if (buf[p] == ',') {
                    ++p;
                    continue;
                }
                if (buf[p] == '\r') ++p;
                if (p < buf.size() && buf[p] == '\n') {
                    ++p;
                    complete = true;
                    break;
                }
            }
            if (!complete) break;
            i = p;
            if (row.size() == 1 && row[0].empty()) continue; // blank line
            if (header) {
                header = false;
                continue;
            }
            ++records;
            fields += row.size();
            for (auto v : row) chars += v.size();
            if (i >= buf.size()) break;
        }
        start = i;
    }
    std::fclose(f);
    return records;
}

struct NoRow {
    void operator()(const TableRow&) const {}
};

int childPhases(const std::string& dir) {
    auto print = [](const std::string& what, double wall, double cpu, const std::string& note) {
        std::printf("PHASE %-50s wall %8.1f ms  cpu %8.1f ms%s%s\n", what.c_str(), wall, cpu, note.empty() ? "" : "  ",
                    note.c_str());
        std::fflush(stdout);
    };
    auto report = [&](const std::string& what, const Stopwatch& sw, const std::string& note = "") {
        print(what, sw.wall(), sw.cpu(), note);
    };
    auto perRow = [](double ms, std::size_t rows) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%zu rows, %.2f us/row", rows, rows ? ms * 1e3 / static_cast<double>(rows) : 0.0);
        return std::string(buf);
    };
    const std::string manifestPath = manifestOf(dir);
    const std::string folder = fs::path(manifestPath).parent_path().string();
    std::string text, why;
    if (!readWholeFile(manifestPath, text, why)) {
        std::fprintf(stderr, "bench_load: %s: %s\n", manifestPath.c_str(), why.c_str());
        return 1;
    }
    Diagnostics diag;
    Stopwatch t;
    ManifestReadResult mr = readManifest(text, manifestPath, folder, diag);
    report("manifest (readManifest)", t);
    if (!mr.ok) {
        std::fprintf(stderr, "bench_load: manifest has errors\n");
        return 1;
    }

    t = Stopwatch();
    ensureGdalReady();
    report("GDAL driver registration", t);

    t = Stopwatch();
    Projection proj(mr.manifest.crs);
    report("PROJ context + EPSG:4326 -> " + mr.manifest.crs, t);

    t = Stopwatch();
    const std::string basemapPath = mr.basemapFile.empty() ? builtinBasemapPath(mr.manifest.basemap) : mr.basemapFile;
    auto basemap = loadBasemap(basemapPath, "basemap", proj, diag);
    report("basemap " + mr.manifest.basemap + " (read, project, index)", t);

    double sumNoop = 0, sumNoopCpu = 0, sumFields = 0, sumFieldsCpu = 0;
    for (const LayerEntry& layer : mr.layers) {
        const std::string name = std::string(layerKindName(layer.kind)) + " " + layer.file;
        std::string bytes;
        t = Stopwatch();
        readWholeFile(layer.resolved, bytes, why);
        report(name + ": read bytes", t, std::to_string(bytes.size() / 1024) + " KiB");
        bytes.clear();
        bytes.shrink_to_fit();

        Diagnostics d;
        std::size_t rows = 0;
        t = Stopwatch();
        readTable(layer.resolved, layer.file, d, [](const TableHeader&) { return true; },
                  [&](const TableRow&) { ++rows; });
        sumNoop += t.wall();
        sumNoopCpu += t.cpu();
        report(name + ": readTable, no-op rows", t, perRow(t.cpu(), rows) + " (cpu)");

        std::size_t cols = 0, chars = 0;
        t = Stopwatch();
        readTable(layer.resolved, layer.file, d,
                  [&](const TableHeader& h) {
                      cols = h.columns.size();
                      return true;
                  },
                  [&](const TableRow& row) {
                      for (std::size_t c = 0; c < cols; ++c) chars += row.field(static_cast<int>(c)).size();
                  });
        sumFields += t.wall();
        sumFieldsCpu += t.cpu();
        report(name + ": readTable, every field fetched", t,
               std::to_string(cols) + " columns, " + std::to_string(chars) + " chars");
        if (layer.file.size() > 4 && layer.file.substr(layer.file.size() - 4) == ".csv") {
            std::size_t nf = 0, nc = 0;
            t = Stopwatch();
            const std::size_t nr = nativeCsvSplit(layer.resolved, nf, nc);
            report(name + ": prototype native CSV split", t,
                   std::to_string(nr) + " rows, " + std::to_string(nf) + " fields, " + std::to_string(nc) + " chars");
        }
    }
    print("all layers: readTable, no-op rows", sumNoop, sumNoopCpu, "");
    print("all layers: readTable, every field fetched", sumFields, sumFieldsCpu, "");

    // The real loader with the first k layers: what each layer costs end to end.
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_discarded() && doc.contains("layers") && doc["layers"].is_array()) {
        doc.erase("events");
        const auto layers = doc["layers"];
        double previous = 0, previousCpu = 0;
        std::shared_ptr<const Scenario> last;
        for (std::size_t k = 1; k <= layers.size(); ++k) {
            nlohmann::json variant = doc;
            variant["layers"] = nlohmann::json::array();
            for (std::size_t i = 0; i < k; ++i) variant["layers"].push_back(layers[i]);
            const std::string path = (fs::path(folder) / (".bench-prefix-" + std::to_string(k) + ".json")).string();
            {
                std::ofstream out(path);
                out << variant.dump(1);
            }
            last.reset();
            t = Stopwatch();
            LoadResult r = loadScenario(path);
            const double ms = t.wall(), cpu = t.cpu();
            fs::remove(path);
            const std::string kind = layers[k - 1].value("kind", std::string("?"));
            char note[128];
            std::snprintf(note, sizeof note, "this layer: wall %+.0f ms, cpu %+.0f ms; errors %zu", ms - previous,
                          cpu - previousCpu, r.diagnostics.errorCount());
            print("loader, layers 1.." + std::to_string(k) + " (+" + kind + ")", ms, cpu, note);
            previous = ms;
            previousCpu = cpu;
            last = r.scenario;
        }
        if (last) {
            // Placement costs alone, on the loaded points.
            std::vector<glm::dvec2> pts;
            for (const auto& d : last->datacenters) pts.emplace_back(d.position.lon, d.position.lat);
            for (const auto& p : last->powerPlants) pts.emplace_back(p.position.lon, p.position.lat);
            t = Stopwatch();
            proj.forwardInPlace(pts);
            report("PROJ: project " + std::to_string(pts.size()) + " points", t);
            int found = 0;
            t = Stopwatch();
            for (const auto& p : pts) found += last->basemap->regionAt(p) >= 0;
            report("point-in-polygon (regionAt) " + std::to_string(pts.size()) + " points", t,
                   std::to_string(found) + " inside a region");
            std::size_t linePts = 0;
            for (const auto& l : last->lines)
                for (const auto& p : l.pathsXY) linePts += p.size();
            print("transmission points after densifying (pathsXY)", 0, 0, std::to_string(linePts) + " points");
        }
    }
    return 0;
}

// ------------------------------------------------------------------------------------------ parent

struct ChildResult {
    bool ok = false;
    std::string out;
    double processMs = 0, cpuMs = 0, peakMb = 0;
};

ChildResult runChild(const std::vector<std::string>& args) {
    ChildResult res;
    int fds[2];
    if (pipe(fds) != 0) return res;
    const double t0 = nowMs();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        std::vector<char*> argv;
        static std::string self = "/proc/self/exe";
        argv.push_back(self.data());
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv("/proc/self/exe", argv.data());
        _exit(127);
    }
    close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) res.out.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    res.processMs = nowMs() - t0;
    res.cpuMs = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    res.peakMb = static_cast<double>(ru.ru_maxrss) / 1024.0;
    res.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return res;
}

double field(const std::string& line, const std::string& key) {
    const auto p = line.find(" " + key + "=");
    return p == std::string::npos ? 0.0 : std::atof(line.c_str() + p + key.size() + 2);
}

int usage() {
    std::fprintf(stderr, "usage: bench_load DIR [--runs R] [--phases] [--quiet]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 2 && args[0] == "--child") return childLoad(args[1]);
    if (args.size() == 2 && args[0] == "--child-phases") return childPhases(args[1]);
    std::string dir;
    int runs = 5;
    bool phases = false, quiet = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--runs" && i + 1 < args.size()) runs = std::max(1, std::atoi(args[++i].c_str()));
        else if (args[i] == "--phases") phases = true;
        else if (args[i] == "--quiet") quiet = true;
        else if (!args[i].empty() && args[i][0] == '-') return usage();
        else if (dir.empty()) dir = args[i];
        else return usage();
    }
    if (dir.empty()) return usage();

    std::vector<double> load, loadCpu, proc, cpu, peak, faults;
    double errors = 0, warnings = 0, entities = 0, samples = 0;
    for (int r = 0; r < runs; ++r) {
        const ChildResult c = runChild({"--child", dir});
        const auto p = c.out.find("CHILD ");
        if (!c.ok || p == std::string::npos) {
            std::fprintf(stderr, "bench_load: run %d failed\n%s", r + 1, c.out.c_str());
            return 1;
        }
        const std::string line = c.out.substr(p);
        if (field(line, "ok") < 1) {
            std::fprintf(stderr, "bench_load: %s does not load (see the error above)\n", dir.c_str());
            return 1;
        }
        load.push_back(field(line, "load_ms"));
        loadCpu.push_back(field(line, "load_cpu_ms"));
        faults.push_back(field(line, "load_faults"));
        errors = field(line, "errors"), warnings = field(line, "warnings");
        entities = field(line, "entities"), samples = field(line, "samples");
        proc.push_back(c.processMs);
        cpu.push_back(c.cpuMs);
        peak.push_back(c.peakMb);
        if (!quiet)
            std::printf("run %d: load %.1f ms (cpu %.1f ms, %.0f page faults), process %.1f ms (cpu %.1f ms), peak RSS %.1f MB\n",
                        r + 1, load.back(), loadCpu.back(), faults.back(), proc.back(), cpu.back(), peak.back());
    }
    auto mm = [](const std::vector<double>& v) {
        return std::make_pair(*std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()));
    };
    std::printf("%s: %.0f entities, %.0f series samples, %.0f errors, %.0f warnings\n", dir.c_str(), entities, samples,
                errors, warnings);
    std::printf("load+validate (in process) over %d runs: median %.1f ms, min %.1f, max %.1f; cpu median %.1f ms; "
                "%.0f minor page faults\n",
                runs, median(load), mm(load).first, mm(load).second, median(loadCpu), median(faults));
    std::printf("whole process:                          median %.1f ms, min %.1f, max %.1f; cpu median %.1f ms\n",
                median(proc), mm(proc).first, mm(proc).second, median(cpu));
    std::printf("peak RSS per process:                   median %.1f MB, max %.1f MB\n", median(peak), mm(peak).second);
    std::printf("BENCH_LOAD dir=%s runs=%d load_median_ms=%.1f load_min_ms=%.1f load_max_ms=%.1f load_cpu_median_ms=%.1f "
                "process_median_ms=%.1f process_cpu_median_ms=%.1f peak_mb=%.1f entities=%.0f samples=%.0f errors=%.0f "
                "warnings=%.0f load_faults=%.0f\n",
                dir.c_str(), runs, median(load), mm(load).first, mm(load).second, median(loadCpu), median(proc),
                median(cpu), mm(peak).second, entities, samples, errors, warnings, median(faults));
    std::fflush(stdout);

    if (phases) {
        const ChildResult c = runChild({"--child-phases", dir});
        std::printf("\nwhere the time goes (one fresh process, %s):\n%s", dir.c_str(), c.out.c_str());
        if (!c.ok) return 1;
    }
    return 0;
}
