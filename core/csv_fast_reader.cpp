// Native CSV reading (see csv_fast_reader.h). The record rules copy GDAL 3.6's CSV driver as the loader
// calls it (HEADERS=YES, all fields text): a '"' anywhere toggles quoting and "" inside quotes is one
// quote; a line break inside quotes becomes "\n"; empty lines are skipped; header names lose their
// surrounding spaces, data fields keep theirs. tests/core/test_csv_reader.cpp checks both readers agree.
#include "csv_fast_reader.h"

#include "csv_bytes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace buildout {

namespace {

/// GDAL's field-count sanity limit is far above this; a header this wide is left to GDAL.
constexpr std::size_t kMaxFastColumns = 10000;

/// Bytes that end a run of ordinary field bytes.
constexpr std::array<bool, 256> kStopBytes = [] {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(',')] = true;
    t[static_cast<unsigned char>('"')] = true;
    t[static_cast<unsigned char>('\r')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    return t;
}();

bool isStop(char c) {
    return kStopBytes[static_cast<unsigned char>(c)];
}

bool containsWkt(std::string_view name) {
    std::string lower(name);
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("wkt") != std::string::npos;
}

/// Splits the first line when GDAL would read it as plain comma-separated names, else false. GDAL picks
/// ';', tab or space as the separator when a line has no comma (and may pick tab when it has one); it
/// unquotes header names its own way, names blank ones field_N and turns a WKT column into a geometry.
bool simpleHeader(std::string_view line, std::vector<std::string>& names) {
    names.clear();
    if (line.empty() || line.size() >= kCsvMaxLineBytes) return false;
    if (line.find(',') == std::string_view::npos || line.find_first_of("\"\t|") != std::string_view::npos)
        return false;
    std::size_t start = 0;
    while (start <= line.size()) {
        std::size_t end = line.find(',', start);
        if (end == std::string_view::npos) end = line.size();
        std::string_view name = line.substr(start, end - start);
        while (!name.empty() && name.front() == ' ')
            name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ')
            name.remove_suffix(1);
        if (name.empty() || containsWkt(name) || names.size() >= kMaxFastColumns) return false;
        names.emplace_back(name);
        start = end + 1;
    }
    return true;
}

/// One record: each field is a view into the file or into `scratch_` (unquoted copies).
class CsvRow final : public TableRow {
public:
    CsvRow(std::string_view text, std::size_t columns) : text_(text), spans_(columns) {}

    std::string_view field(int column) const override {
        if (column < 0 || static_cast<std::size_t>(column) >= count_) return {};
        const Span& s = spans_[static_cast<std::size_t>(column)];
        return s.inScratch ? std::string_view(scratch_).substr(s.begin, s.size)
                           : text_.substr(s.begin, s.size);
    }
    const TableGeometry& geometry() const override { return none_; }

    struct Span {
        std::size_t begin = 0, size = 0; ///< bytes in text_ or scratch_
        bool inScratch = false;
    };

    std::string_view text_;
    std::vector<Span> spans_; ///< one per header column
    std::size_t count_ = 0;   ///< fields of this record that have a column
    std::string scratch_;

private:
    TableGeometry none_;
};

/// Splits the records after the header, calling `onRow` for each.
class RecordSplitter {
public:
    RecordSplitter(std::string_view text, std::size_t columns) : text_(text), row_(text, columns) {}

    /// Reads from `pos`, the end of the header line (line 1, starting at `lineStart`). False when a
    /// physical line reached kCsvMaxLineBytes: reading stopped before that record, as GDAL's does.
    bool run(std::size_t pos, std::size_t lineStart, const std::function<void(const TableRow&)>& onRow) {
        pos_ = pos;
        lineStart_ = lineStart;
        const std::size_t n = text_.size();
        for (;;) {
            // Empty lines between records are skipped.
            while (pos_ < n) {
                const std::size_t br = lineBreakLength(text_, pos_);
                if (br == 0) break;
                pos_ += br;
                ++line_;
                lineStart_ = pos_;
            }
            if (pos_ >= n) return true;
            row_.line = line_;
            if (!record() || pos_ - lineStart_ >= kCsvMaxLineBytes) return false;
            onRow(row_);
        }
    }

private:
    /// Splits one record starting at pos_; leaves pos_ on the line break after it (or at the end).
    bool record() {
        const std::size_t n = text_.size();
        const char* p = text_.data();
        std::size_t fields = 0;
        row_.scratch_.clear();
        for (;;) {
            const std::size_t start = pos_;
            while (pos_ < n && !isStop(p[pos_]))
                ++pos_;
            CsvRow::Span span{start, pos_ - start, false};
            if (pos_ < n && p[pos_] == '"') {
                span = quoted(start);
                if (tooLong_) return false;
            }
            if (fields < row_.spans_.size()) row_.spans_[fields] = span;
            ++fields;
            // After a comma at the very end, GDAL still adds the empty last field: the loop does the same.
            if (pos_ < n && p[pos_] == ',') {
                ++pos_;
                continue;
            }
            break;
        }
        row_.count_ = std::min(fields, row_.spans_.size());
        return true;
    }

    /// A field holding a quote, from `start`; pos_ is on its first '"'. The unquoted text goes to scratch.
    CsvRow::Span quoted(std::size_t start) {
        const std::size_t n = text_.size();
        const char* p = text_.data();
        std::string& out = row_.scratch_;
        const std::size_t begin = out.size();
        out.append(p + start, pos_ - start);
        bool inQuotes = false;
        while (pos_ < n) {
            const char c = p[pos_];
            if (c == '"') {
                if (inQuotes && pos_ + 1 < n && p[pos_ + 1] == '"') {
                    out += '"';
                    pos_ += 2;
                } else {
                    inQuotes = !inQuotes;
                    ++pos_;
                }
                continue;
            }
            if (c == '\r' || c == '\n') {
                // A final line break is no line join: GDAL finds no next line to append.
                if (!inQuotes || pos_ + lineBreakLength(text_, pos_) >= n) break;
                if (pos_ - lineStart_ >= kCsvMaxLineBytes) {
                    tooLong_ = true;
                    break;
                }
                out += '\n'; // GDAL joins the physical lines of a record with "\n", whatever their breaks
                pos_ += lineBreakLength(text_, pos_);
                ++line_;
                lineStart_ = pos_;
                continue;
            }
            if (c == ',' && !inQuotes) break;
            const std::size_t run = pos_++;
            while (pos_ < n && !isStop(p[pos_]))
                ++pos_;
            out.append(p + run, pos_ - run);
        }
        return {begin, out.size() - begin, true};
    }

    std::string_view text_;
    CsvRow row_;
    std::size_t pos_ = 0;
    std::size_t lineStart_ = 0; ///< first byte of the current physical line
    int line_ = 1;              ///< 1-based line of pos_
    bool tooLong_ = false;
};

} // namespace

CsvFastResult readCsvFast(std::string_view text, const std::string& display, Diagnostics& diag,
                          const std::function<bool(const TableHeader&)>& onHeader,
                          const std::function<void(const TableRow&)>& onRow) {
    const std::size_t begin = utf8BomLength(text);
    std::size_t headerEnd = begin;
    while (headerEnd < text.size() && text[headerEnd] != '\r' && text[headerEnd] != '\n')
        ++headerEnd;
    std::vector<std::string> names;
    if (!simpleHeader(text.substr(begin, headerEnd - begin), names)) return CsvFastResult::NeedsGdal;

    // The whole file is checked before any row is delivered, as on the GDAL path.
    CsvByteCounts counts;
    if (!checkCsvBytes(text, display, diag, counts)) return CsvFastResult::Refused;
    if (counts.quotes % 2 != 0) {
        // Rare: only then is the slower scan needed, to name the line where the open quote's record starts.
        std::vector<int> lines;
        int unterminated = 0;
        csvRecordLines(text, lines, unterminated);
        warnUnterminatedQuote(display, unterminated, diag);
    }

    TableHeader header;
    header.setColumns(std::move(names));
    header.rowCountHint = counts.newlines;
    if (!checkUniqueColumns(header, display, diag) || !onHeader(header)) return CsvFastResult::Read;

    RecordSplitter splitter(text, header.columns.size());
    if (!splitter.run(headerEnd, begin, onRow))
        diag.error(display, 1, "while reading: " + std::string(kCsvLineTooLongMessage));
    return CsvFastResult::Read;
}

} // namespace buildout
