// GDAL/OGR reading for `buildout import`.
#include "core/import/table_source.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace buildout {

namespace {

struct DatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};
struct FeatureCloser {
    void operator()(void* f) const { OGR_F_Destroy(f); }
};
struct SrsCloser {
    void operator()(void* s) const { OSRDestroySpatialReference(s); }
};
struct TransformCloser {
    void operator()(void* t) const { OCTDestroyCoordinateTransformation(t); }
};

/// A transform to WGS84 lon/lat when the layer has another CRS; null when none is needed.
std::unique_ptr<void, TransformCloser> toWgs84(OGRLayerH layer) {
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(layer);
    if (!src) return nullptr;
    std::unique_ptr<void, SrsCloser> wgs84(OSRNewSpatialReference(nullptr));
    OSRSetWellKnownGeogCS(wgs84.get(), "WGS84");
    OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<void, SrsCloser> srcCopy(OSRClone(src));
    OSRSetAxisMappingStrategy(srcCopy.get(), OAMS_TRADITIONAL_GIS_ORDER);
    if (OSRIsSame(srcCopy.get(), wgs84.get())) return nullptr;
    return std::unique_ptr<void, TransformCloser>(OCTNewCoordinateTransformation(srcCopy.get(), wgs84.get()));
}

/// (lat, lon) of point i of `g`, transformed.
std::optional<std::pair<double, double>> pointOf(OGRGeometryH g, int i, OGRCoordinateTransformationH t) {
    double x = OGR_G_GetX(g, i), y = OGR_G_GetY(g, i), z = 0;
    if (t && !OCTTransform(t, 1, &x, &y, &z)) return std::nullopt;
    return std::make_pair(y, x);
}

void readGeometry(OGRFeatureH f, OGRCoordinateTransformationH t, SourceRow& row) {
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!g || OGR_G_IsEmpty(g)) return;
    const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
    if (type == wkbPoint) {
        row.point = pointOf(g, 0, t);
    } else if (type == wkbLineString && OGR_G_GetPointCount(g) >= 2) {
        row.lineFrom = pointOf(g, 0, t);
        row.lineTo = pointOf(g, OGR_G_GetPointCount(g) - 1, t);
    } else if (type == wkbMultiLineString && OGR_G_GetGeometryCount(g) > 0) {
        OGRGeometryH first = OGR_G_GetGeometryRef(g, 0);
        OGRGeometryH last = OGR_G_GetGeometryRef(g, OGR_G_GetGeometryCount(g) - 1);
        if (OGR_G_GetPointCount(first) > 0 && OGR_G_GetPointCount(last) > 0) {
            row.lineFrom = pointOf(first, 0, t);
            row.lineTo = pointOf(last, OGR_G_GetPointCount(last) - 1, t);
        }
    }
}

std::string cellText(OGRFeatureH f, OGRFieldDefnH def, int i) {
    if (!OGR_F_IsFieldSetAndNotNull(f, i)) return "";
    const OGRFieldType type = OGR_Fld_GetType(def);
    if (type == OFTDate || type == OFTDateTime) {
        int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0, tz = 0;
        if (OGR_F_GetFieldAsDateTime(f, i, &y, &m, &d, &hh, &mm, &ss, &tz)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            return buf;
        }
    }
    return OGR_F_GetFieldAsString(f, i);
}

} // namespace

SourceTable readSourceTable(const std::string& path) {
    GDALAllRegister();
    // Every cell as text (our own parsing reports bad values with their row), headers always on line 1.
    // Spreadsheets take these as configuration options (GDAL 3.6); the CSV driver as an open option.
    const char* csvOptions[] = {"AUTODETECT_TYPE=NO", nullptr};
    for (const char* driver : {"XLSX", "ODS"}) {
        CPLSetThreadLocalConfigOption((std::string("OGR_") + driver + "_HEADERS").c_str(), "FORCE");
        CPLSetThreadLocalConfigOption((std::string("OGR_") + driver + "_FIELD_TYPES").c_str(), "STRING");
    }
    const std::string ext = path.size() >= 4 ? path.substr(path.size() - 4) : "";
    const bool textTable = ext == ".csv" || ext == ".CSV" || ext == ".tsv";
    const char* const* open = textTable ? csvOptions : nullptr;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    std::unique_ptr<void, DatasetCloser> ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open, nullptr));
    CPLPopErrorHandler();
    if (!ds)
        throw std::runtime_error(path + ": error: cannot read this table (GDAL: " + CPLGetLastErrorMsg() +
                                 ")");
    if (GDALDatasetGetLayerCount(ds.get()) < 1)
        throw std::runtime_error(path + ": error: the file holds no table");
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    SourceTable t;
    t.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int n = OGR_FD_GetFieldCount(defn);
    for (int i = 0; i < n; ++i)
        t.headers.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    const auto transform = toWgs84(layer);
    const bool headerLine = t.driver == "CSV" || t.driver == "XLSX" || t.driver == "ODS";
    OGR_L_ResetReading(layer);
    int index = 0;
    while (std::unique_ptr<void, FeatureCloser> f{OGR_L_GetNextFeature(layer)}) {
        ++index;
        SourceRow row;
        row.line = headerLine ? index + 1 : index;
        for (int i = 0; i < n; ++i)
            row.cells.push_back(cellText(f.get(), OGR_FD_GetFieldDefn(defn, i), i));
        readGeometry(f.get(), static_cast<OGRCoordinateTransformationH>(transform.get()), row);
        t.rows.push_back(std::move(row));
    }
    return t;
}

} // namespace buildout
