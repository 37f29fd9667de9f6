// Problems found while loading untrusted files, reported as `FILE:LINE[:COLUMN]: error|warning: MESSAGE`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace buildout {

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file; ///< path as given by the user (relative paths stay relative)
    int line = 0;     ///< 1-based; 0 when the problem concerns the whole file
    int column = 0;   ///< 1-based; 0 when unknown
    std::string message;
};

/// `FILE:LINE[:COLUMN]: error|warning: MESSAGE` (LINE omitted when 0).
std::string formatDiagnostic(const Diagnostic& d);

/// An append-only list of problems. Bounded: after kMaxPerFile problems of one file the rest are
/// counted, not stored, so a file of a million bad rows cannot exhaust memory.
class Diagnostics {
public:
    static constexpr std::size_t kMaxPerFile = 200;

    void error(const std::string& file, int line, std::string message, int column = 0);
    void warning(const std::string& file, int line, std::string message, int column = 0);
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    bool hasErrors() const { return errorCount_ > 0; }
    std::size_t errorCount() const { return errorCount_; }
    std::size_t warningCount() const { return warningCount_; }
    /// Stored problems in the order found, followed by one summary line per file whose problems were
    /// truncated.
    std::vector<Diagnostic> items() const;

private:
    std::vector<Diagnostic> items_;
    std::vector<std::pair<std::string, std::size_t>> perFile_; // stored count per file
    std::vector<std::pair<std::string, std::size_t>> dropped_; // suppressed count per file
    std::size_t errorCount_ = 0;
    std::size_t warningCount_ = 0;
};

} // namespace buildout
