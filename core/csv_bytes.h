// Byte-level rules of CSV text shared by both CSV readers (GDAL's driver and the native one): which bytes
// end a line, the NUL / UTF-8 checks with their FILE:LINE errors, and where each record starts. Keeping
// them in one place is what makes both readers report the same lines and the same errors.
#pragma once

#include "diagnostics.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace buildout {

/// 3 when `text` starts with a UTF-8 byte order mark, else 0.
inline std::size_t utf8BomLength(std::string_view text) {
    return text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
}

/// Bytes of the line break starting at `i` (0 when text[i] is no break). Like GDAL's line reader, CR LF
/// and LF CR are one break, and a lone CR or a lone LF is one break too.
inline std::size_t lineBreakLength(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c != '\r' && c != '\n') return 0;
    const bool pair = i + 1 < text.size() && (text[i + 1] == '\r' || text[i + 1] == '\n') && text[i + 1] != c;
    return pair ? 2 : 1;
}

/// Counts gathered by checkCsvBytes in the same pass.
struct CsvByteCounts {
    std::size_t quotes = 0;   ///< '"' bytes: an odd count means a quoted field runs to the end of the file
    std::size_t newlines = 0; ///< LF bytes: an upper bound of the records (when the file has no lone CR)
};

/// Checks the whole file after its BOM: a NUL byte ("binary data") or invalid UTF-8 is reported as an
/// error at its 1-based line, and false is returned. Runs 8 bytes at a time over plain ASCII.
bool checkCsvBytes(std::string_view text, const std::string& display, Diagnostics& diag,
                   CsvByteCounts& counts);

/// The 1-based line on which each data record starts (the header record is left out), with GDAL's
/// record rules: RFC 4180 quotes (any '"' toggles quoting, so "" inside quotes is a quote) and empty
/// lines skipped. `unterminatedLine` is the start line of a final record whose quotes never close, or 0.
void csvRecordLines(std::string_view text, std::vector<int>& recordLines, int& unterminatedLine);

/// The warning both readers give for a final quoted field that never closes.
void warnUnterminatedQuote(const std::string& display, int line, Diagnostics& diag);

} // namespace buildout
