// Byte checks and record lines for CSV text (see csv_bytes.h).
#include "csv_bytes.h"

#include <cstdint>
#include <cstring>

namespace buildout {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;

/// The high bit of every byte of `w` that is zero, and no other bit (exact: no carry crosses bytes).
std::uint64_t zeroBytes(std::uint64_t w) {
    return ~(((w & kLow7) + kLow7) | w) & kHigh;
}

/// How many bytes of `w` equal `c`. The multiply adds the 0/1 flags of all bytes into the top byte (at
/// most 8, so no carry is lost); std::popcount would be a libgcc call without -mpopcnt.
std::size_t countBytes(std::uint64_t w, char c) {
    return static_cast<std::size_t>(((zeroBytes(w ^ (kOnes * static_cast<unsigned char>(c))) >> 7) * kOnes) >>
                                    56);
}

/// 1-based line of byte `pos`, counting breaks from `from` (the first byte after the BOM).
int lineAt(std::string_view text, std::size_t from, std::size_t pos) {
    int line = 1;
    for (std::size_t i = from; i < pos;) {
        const std::size_t br = lineBreakLength(text, i);
        if (br > 0) {
            ++line;
            i += br;
        } else {
            ++i;
        }
    }
    return line;
}

/// Bytes of the UTF-8 sequence led by text[i] (>= 0x80), or 0 when it is not valid. These are the rules
/// the loader has always applied, kept as they are so that no file changes verdict: note that lead bytes
/// F5..FF are taken as 3-byte leads.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (c >= 0xE0 && c < 0xF0) len = 3;
    bool ok = len > 0 && i + static_cast<std::size_t>(len) <= text.size();
    for (int k = 1; ok && k < len; ++k)
        ok = (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0xC0) == 0x80;
    return ok ? static_cast<std::size_t>(len) : 0;
}

} // namespace

bool checkCsvBytes(std::string_view text, const std::string& display, Diagnostics& diag,
                   CsvByteCounts& counts) {
    counts = {};
    const std::size_t begin = utf8BomLength(text);
    const std::size_t n = text.size();
    std::size_t i = begin;
    while (i < n) {
        // Fast path: 8 bytes of ASCII without NUL only need their quotes and newlines counted.
        if (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, text.data() + i, 8);
            if ((w & kHigh) == 0 && zeroBytes(w) == 0) {
                counts.quotes += countBytes(w, '"');
                counts.newlines += countBytes(w, '\n');
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0) {
            diag.error(display, lineAt(text, begin, i),
                       "binary data (NUL byte): this is not a CSV text file");
            return false;
        }
        if (c >= 0x80) {
            const std::size_t len = utf8SequenceLength(text, i);
            if (len == 0) {
                diag.error(display, lineAt(text, begin, i), "invalid UTF-8 text (save the file as UTF-8)");
                return false;
            }
            i += len;
            continue;
        }
        counts.quotes += c == '"';
        counts.newlines += c == '\n';
        ++i;
    }
    return true;
}

void csvRecordLines(std::string_view text, std::vector<int>& recordLines, int& unterminatedLine) {
    recordLines.clear();
    unterminatedLine = 0;
    int line = 1;
    bool inQuotes = false;
    bool recordHasContent = false;
    int recordStart = 1;
    bool headerSeen = false;
    auto endRecord = [&] {
        if (recordHasContent) {
            if (headerSeen) recordLines.push_back(recordStart);
            headerSeen = true;
        }
        recordHasContent = false;
    };
    const std::size_t n = text.size();
    for (std::size_t i = utf8BomLength(text); i < n;) {
        const std::size_t br = lineBreakLength(text, i);
        if (br > 0) {
            i += br;
            ++line;
            if (!inQuotes) endRecord();
            continue;
        }
        if (text[i] == '"') inQuotes = !inQuotes;
        if (!recordHasContent) {
            recordStart = line;
            recordHasContent = true;
        }
        ++i;
    }
    if (inQuotes) unterminatedLine = recordStart;
    endRecord();
}

void warnUnterminatedQuote(const std::string& display, int line, Diagnostics& diag) {
    diag.warning(display, line, "unterminated quoted field at end of file");
}

} // namespace buildout
