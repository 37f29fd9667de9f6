// GDAL/OGR-backed layer file reading with line numbers and defensive checks.
#include "table_reader.h"

#include "csv_bytes.h"
#include "csv_fast_reader.h"
#include "file_bytes.h"
#include "json_document.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

namespace buildout {

namespace fs = std::filesystem;

void ensureGdalReady() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Quiet GDAL's own stderr chatter; problems are reported through our diagnostics instead.
        CPLSetConfigOption("CPL_LOG", "/dev/null");
        GDALAllRegister();
    });
}

bool readWholeFile(const std::string& path, std::string& out, std::string& why, std::size_t maxBytes) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        why = "cannot read file (" + ec.message() + ")";
        return false;
    }
    if (size > maxBytes) {
        why = "file too large (" + std::to_string(size) + " bytes; limit " + std::to_string(maxBytes) + ")";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = "cannot open file";
        return false;
    }
    out.resize(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(out.data(), static_cast<std::streamsize>(size))) {
        why = "cannot read file";
        return false;
    }
    return true;
}

int TableHeader::find(std::string_view lowerName) const {
    for (std::size_t i = 0; i < lowerColumns.size(); ++i)
        if (lowerColumns[i] == lowerName) return static_cast<int>(i);
    return -1;
}

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

CsvReader csvReaderFromEnvironment() {
    const char* v = std::getenv("BUILDOUT_CSV_READER");
    return v && std::string_view(v) == "gdal" ? CsvReader::Gdal : CsvReader::Native;
}

std::atomic<CsvReader> gCsvReader{csvReaderFromEnvironment()};

} // namespace

void TableHeader::setColumns(std::vector<std::string> names) {
    columns = std::move(names);
    lowerColumns.clear();
    lowerColumns.reserve(columns.size());
    for (const std::string& c : columns)
        lowerColumns.push_back(lower(c));
}

bool checkUniqueColumns(const TableHeader& header, const std::string& display, Diagnostics& diag) {
    bool unique = true;
    for (std::size_t i = 0; i < header.lowerColumns.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (header.lowerColumns[i] == header.lowerColumns[j]) {
                diag.error(display, 1,
                           "duplicated column '" + header.columns[i] + "' (columns " + std::to_string(j + 1) +
                               " and " + std::to_string(i + 1) + ")",
                           static_cast<int>(i + 1));
                unique = false;
            }
    return unique;
}

void setCsvReader(CsvReader reader) {
    gCsvReader.store(reader);
}
CsvReader csvReader() {
    return gCsvReader.load();
}

namespace {

std::string extensionOf(const std::string& path) { return lower(fs::path(path).extension().string()); }

/// Collects GDAL errors raised on this thread while in scope (GDAL handlers are thread-local).
class GdalErrorCapture {
public:
    GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }
    ~GdalErrorCapture() { CPLPopErrorHandler(); }
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
    std::string lastError;

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
        auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
        if (level >= CE_Failure && self && msg) self->lastError = msg;
    }
};

void convertGeometry(const OGRGeometry* g, TableGeometry& out) {
    out = TableGeometry{};
    if (!g) return;
    out.typeName = OGRGeometryTypeToName(g->getGeometryType());
    const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
    auto ring = [](const OGRSimpleCurve* c) {
        std::vector<LonLat> pts(static_cast<std::size_t>(c->getNumPoints()));
        for (int i = 0; i < c->getNumPoints(); ++i) pts[static_cast<std::size_t>(i)] = {c->getX(i), c->getY(i)};
        return pts;
    };
    auto addPolygon = [&](const OGRPolygon* p) {
        int rings = 0;
        if (const OGRLinearRing* ext = p->getExteriorRing()) {
            out.parts.push_back(ring(ext));
            ++rings;
        }
        for (int i = 0; i < p->getNumInteriorRings(); ++i) {
            out.parts.push_back(ring(p->getInteriorRing(i)));
            ++rings;
        }
        out.ringsPerPolygon.push_back(rings);
    };
    switch (t) {
    case wkbPoint: {
        const auto* p = g->toPoint();
        out.type = TableGeometry::Type::Point;
        if (!p->IsEmpty()) out.parts.push_back({{p->getX(), p->getY()}});
        break;
    }
    case wkbLineString:
        out.type = TableGeometry::Type::Line;
        out.parts.push_back(ring(g->toLineString()));
        break;
    case wkbMultiLineString:
        out.type = TableGeometry::Type::Line;
        for (const OGRLineString* ls : *g->toMultiLineString()) out.parts.push_back(ring(ls));
        break;
    case wkbPolygon:
        out.type = TableGeometry::Type::Polygon;
        addPolygon(g->toPolygon());
        break;
    case wkbMultiPolygon:
        out.type = TableGeometry::Type::Polygon;
        for (const OGRPolygon* p : *g->toMultiPolygon()) addPolygon(p);
        break;
    default: out.type = TableGeometry::Type::Unsupported; break;
    }
}

class OgrRow : public TableRow {
public:
    OGRFeature* feature = nullptr;
    TableGeometry geom;
    std::string_view field(int column) const override {
        if (column < 0 || column >= feature->GetFieldCount() || !feature->IsFieldSetAndNotNull(column)) return {};
        const OGRFieldType type = feature->GetFieldDefnRef(column)->GetType();
        if (type == OFTDate || type == OFTDateTime) {
            // GDAL prints typed dates as YYYY/MM/DD; the format's dates are ISO (GeoPackage, XLSX...).
            int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
            float ss = 0;
            feature->GetFieldAsDateTime(column, &y, &m, &d, &hh, &mm, &ss, &tz);
            std::snprintf(dateText_, sizeof dateText_, "%04d-%02d-%02d", y, m, d);
            return dateText_;
        }
        return feature->GetFieldAsString(column);
    }
    mutable char dateText_[32] = {};
    const TableGeometry& geometry() const override { return geom; }
};

struct GdalDatasetCloser {
    void operator()(GDALDatasetH h) const {
        if (h) GDALClose(h);
    }
};
using GdalDatasetPtr = std::unique_ptr<void, GdalDatasetCloser>;

using HeaderFn = std::function<bool(const TableHeader&)>;
using RowFn = std::function<void(const TableRow&)>;

/// A CSV file's bytes: the native reader reads it when it can (the result is readTable's); otherwise the
/// bytes are checked and the physical line of each record goes to `rowLines` for GDAL's rows (nullopt).
std::optional<bool> readCsvText(std::string_view text, const std::string& path, const std::string& display,
                                Diagnostics& diag, const HeaderFn& onHeader, const RowFn& onRow,
                                std::vector<int>& rowLines) {
    // The native reader first; it declines (without reporting anything) what needs GDAL's driver.
    // A .csvt file beside the CSV gives GDAL's driver column types, which the native reader ignores.
    std::error_code csvtError;
    if (csvReader() == CsvReader::Native &&
        !fs::exists(fs::path(path).replace_extension(".csvt"), csvtError)) {
        switch (readCsvFast(text, display, diag, onHeader, onRow)) {
        case CsvFastResult::Read:
            return true;
        case CsvFastResult::Refused:
            return false;
        case CsvFastResult::NeedsGdal:
            break;
        }
    }
    CsvByteCounts counts;
    if (!checkCsvBytes(text, display, diag, counts)) return false;
    int unterminated = 0;
    csvRecordLines(text, rowLines, unterminated);
    if (unterminated > 0) warnUnterminatedQuote(display, unterminated, diag);
    return std::nullopt;
}

std::string tooManyRowsMessage(std::size_t maxRows) {
    return "more than " + std::to_string(maxRows) +
           " rows: refused (limit per layer file; BUILDOUT_MAX_LAYER_ROWS raises it)";
}

/// False (reported at the first row over the limit) when the CSV `text` has more than `maxRows` data
/// records. Counting newlines is enough for nearly every file; only when there are more lines than the
/// limit allows are the records counted exactly (quoted fields may span lines).
bool csvRowsWithinLimit(std::string_view text, const std::string& display, Diagnostics& diag,
                        std::size_t maxRows) {
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    if (lines <= maxRows + 1) return true; // the header and at most maxRows records
    std::vector<int> records;
    int unterminated = 0;
    csvRecordLines(text, records, unterminated);
    if (records.size() <= maxRows) return true;
    diag.error(display, records[maxRows], tooManyRowsMessage(maxRows));
    return false;
}

/// Text formats (CSV, GeoJSON) are checked byte by byte before GDAL sees them: GDAL would accept some
/// junk, and rows need their physical lines (into `rowLines`, in row order). nullopt: go on with GDAL;
/// otherwise the file is done (read by the native CSV reader, or refused) and this is readTable's result.
std::optional<bool> readTextFirst(const std::string& path, const std::string& display, bool isCsv,
                                  Diagnostics& diag, const HeaderFn& onHeader, const RowFn& onRow,
                                  const TableReadOptions& options, std::vector<int>& rowLines) {
    FileBytes bytes;
    std::string why;
    if (!bytes.read(path, why, options.limits.maxBytes)) {
        diag.error(display, 1, why);
        return false;
    }
    const std::string_view text = bytes.view();
    if (options.onBytes) options.onBytes(text);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos ||
        (text.size() == 3 && text == "\xEF\xBB\xBF")) {
        diag.error(display, 1, "file is empty"); // line 1: the contract names a line for every problem
        return false;
    }
    if (isCsv) {
        if (!csvRowsWithinLimit(text, display, diag, options.limits.maxRows)) return false;
        return readCsvText(text, path, display, diag, onHeader, onRow, rowLines);
    }
    JsonError err;
    if (!scanGeoJsonFeatureLines(text, rowLines, err)) {
        diag.error(display, err.line, err.message, err.column);
        return false;
    }
    if (rowLines.size() > options.limits.maxRows) {
        diag.error(display, rowLines[options.limits.maxRows], tooManyRowsMessage(options.limits.maxRows));
        return false;
    }
    return std::nullopt;
}

/// Opens `path` with GDAL as a read-only vector dataset: with the CSV or GeoJSON driver alone when the
/// extension says so (options below), else with whichever driver claims it. Null when it cannot be opened.
GdalDatasetPtr openVectorDataset(const std::string& path, bool isCsv, bool isJson) {
    const char* csvDrivers[] = {"CSV", nullptr};
    const char* jsonDrivers[] = {"GeoJSON", nullptr};
    // All CSV fields as text: we parse numbers ourselves, strictly. HEADERS=YES: the first row is always
    // the header, whatever it looks like.
    const char* csvOptions[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", nullptr};
    // Keep GeoJSON dates as written ("2025-07-24") instead of GDAL's typed Date.
    const char* jsonOptions[] = {"DATE_AS_STRING=YES", nullptr};
    return GdalDatasetPtr(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                     isCsv    ? csvDrivers
                                     : isJson ? jsonDrivers
                                              : nullptr,
                                     isCsv    ? csvOptions
                                     : isJson ? jsonOptions
                                              : nullptr,
                                     nullptr));
}

/// Delivers the first layer of an open dataset: its header, then (unless onHeader declines) every
/// feature as a row, then any GDAL error `errors` caught meanwhile. A row's line is `rowLines[i]` from the
/// byte scan, else the feature id + 1 (formats without a byte scan: GeoPackage, shapefiles...). readTable's
/// result: false when the dataset has no layer.
bool readFirstLayer(GDALDataset& dataset, const std::string& display, Diagnostics& diag,
                    const std::vector<int>& rowLines, const HeaderFn& onHeader, const RowFn& onRow,
                    const GdalErrorCapture& errors, std::size_t maxRows) {
    if (dataset.GetLayerCount() < 1) {
        diag.error(display, 1, "file has no layer");
        return false;
    }
    OGRLayer* layer = dataset.GetLayer(0);
    OGRFeatureDefn* defn = layer->GetLayerDefn();

    TableHeader header;
    header.rowCountHint = rowLines.size();
    std::vector<std::string> names;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        names.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    header.setColumns(std::move(names));
    if (!checkUniqueColumns(header, display, diag) || !onHeader(header)) return true;

    OgrRow row;
    std::size_t index = 0;
    layer->ResetReading();
    for (OGRFeatureUniquePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature()), ++index) {
        row.feature = f.get();
        row.line = index < rowLines.size() ? rowLines[index] : static_cast<int>(f->GetFID() + 1);
        if (index >= maxRows) { // formats without a byte scan: GeoPackage, shapefiles...
            diag.error(display, row.line, tooManyRowsMessage(maxRows));
            break;
        }
        convertGeometry(f->GetGeometryRef(), row.geom);
        onRow(row);
    }
    if (!errors.lastError.empty()) diag.error(display, 1, "while reading: " + errors.lastError);
    return true;
}

} // namespace

bool readTable(const std::string& path, const std::string& display, Diagnostics& diag,
               const HeaderFn& onHeader, const RowFn& onRow, const TableReadOptions& options) {
    ensureGdalReady();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        diag.error(display, 1, fs::exists(path, ec) ? "not a regular file" : "file not found");
        return false;
    }
    // Refused before a byte is read, whatever the format (GDAL would read a GeoPackage as it likes).
    if (const auto size = fs::file_size(path, ec); !ec && size > options.limits.maxBytes) {
        diag.error(display, 1,
                   "file too large (" + std::to_string(size) + " bytes; limit " +
                       std::to_string(options.limits.maxBytes) +
                       " bytes per layer file; BUILDOUT_MAX_LAYER_BYTES raises it)");
        return false;
    }
    const std::string ext = extensionOf(path);
    const bool isCsv = ext == ".csv";
    const bool isJson = ext == ".geojson" || ext == ".json";

    std::vector<int> rowLines;
    if (isCsv || isJson) {
        if (auto done = readTextFirst(path, display, isCsv, diag, onHeader, onRow, options, rowLines))
            return *done;
    }

    // Collects GDAL's errors from opening to the last row.
    GdalErrorCapture errors;
    GdalDatasetPtr ds = openVectorDataset(path, isCsv, isJson);
    if (!ds) {
        diag.error(display, 1,
                   "cannot read as " +
                       std::string(isCsv    ? "CSV"
                                   : isJson ? "GeoJSON"
                                            : "a GDAL vector file") +
                       (errors.lastError.empty() ? "" : " (" + errors.lastError + ")"));
        return false;
    }
    return readFirstLayer(*GDALDataset::FromHandle(ds.get()), display, diag, rowLines, onHeader, onRow,
                          errors, options.limits.maxRows);
}

} // namespace buildout
