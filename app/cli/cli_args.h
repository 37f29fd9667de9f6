// A small argument reader for the subcommands: positional values and `--name value` / `--flag` options.
#pragma once

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace buildout {

/// Thrown for a usage error; the message says what was wrong (exit code 2).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class CliArgs {
public:
    /// `valueOptions` take a value (`--at 2030` or `--at=2030`); `flags` take none. Anything else that
    /// starts with `--` is a usage error.
    CliArgs(const std::vector<std::string>& args, std::set<std::string> valueOptions, std::set<std::string> flags);

    const std::vector<std::string>& positional() const { return positional_; }
    std::optional<std::string> value(const std::string& name) const;
    bool flag(const std::string& name) const { return flagsSet_.count(name) > 0; }

private:
    std::vector<std::string> positional_;
    std::vector<std::pair<std::string, std::string>> values_;
    std::set<std::string> flagsSet_;
};

/// Splits a comma-separated list, dropping empty items.
std::vector<std::string> splitList(const std::string& text);

} // namespace buildout
