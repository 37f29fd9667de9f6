// Bounded collection and formatting of load problems.
#include "diagnostics.h"

#include <algorithm>

namespace buildout {

std::string formatDiagnostic(const Diagnostic& d) {
    std::string s = d.file;
    if (d.line > 0) {
        s += ':' + std::to_string(d.line);
        if (d.column > 0) s += ':' + std::to_string(d.column);
    }
    s += d.severity == Severity::Error ? ": error: " : ": warning: ";
    s += d.message;
    return s;
}

void Diagnostics::error(const std::string& file, int line, std::string message, int column) {
    add({Severity::Error, file, line, column, std::move(message)});
}

void Diagnostics::warning(const std::string& file, int line, std::string message, int column) {
    add({Severity::Warning, file, line, column, std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
    (d.severity == Severity::Error ? errorCount_ : warningCount_)++;
    auto counter = [&](std::vector<std::pair<std::string, std::size_t>>& v) -> std::size_t& {
        auto it = std::find_if(v.begin(), v.end(), [&](const auto& p) { return p.first == d.file; });
        if (it == v.end()) {
            v.emplace_back(d.file, 0);
            return v.back().second;
        }
        return it->second;
    };
    std::size_t& stored = counter(perFile_);
    if (stored >= kMaxPerFile) {
        ++counter(dropped_);
        return;
    }
    ++stored;
    items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
    for (const Diagnostic& d : other.items_) add(d);
    for (const auto& entry : other.dropped_) {
        // Carry the suppressed problems over as counts only. (No structured binding: clang 14, which
        // builds the fuzz targets, cannot capture one in a lambda.)
        const auto& file = entry.first;
        auto it = std::find_if(dropped_.begin(), dropped_.end(), [&](const auto& p) { return p.first == file; });
        if (it == dropped_.end()) dropped_.emplace_back(file, entry.second);
        else it->second += entry.second;
    }
    // add() counted only the stored items; count the suppressed ones too (their severities are unknown
    // here, so they are counted as errors only if the source had errors beyond those stored).
    const std::size_t storedErrors = static_cast<std::size_t>(std::count_if(
        other.items_.begin(), other.items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
    errorCount_ += other.errorCount_ - storedErrors;
    warningCount_ += other.warningCount_ - (other.items_.size() - storedErrors);
}

std::vector<Diagnostic> Diagnostics::items() const {
    std::vector<Diagnostic> out = items_;
    for (const auto& [file, n] : dropped_)
        out.push_back({Severity::Warning, file, 0, 0, std::to_string(n) + " more problems in this file not shown"});
    return out;
}

} // namespace buildout
