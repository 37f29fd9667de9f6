// Command-line options of one command, declared in one place and parsed by CLI11 (libcli11-dev).
//
// Each command builds a CliArgs, declares its options (one line each: name, value name, help, default,
// range) and calls parse(). CLI11 reads the words, prints `--help` and rejects unknown options; the typed
// checks (whole numbers, numbers, choices) run here so that every bad value gets the same kind of
// message and exit code 2.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace buildout {

/// Thrown for a usage error; the message says what was wrong (exit code 2).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Thrown by parse() when `--help` was asked for and printed: the command exits 0.
struct HelpShown {};

class CliArgs {
public:
    /// `command`: e.g. "info" ("" for the app itself); `usage`: the usage line after "usage: ";
    /// `summary`: one sentence of what it does.
    CliArgs(std::string command, std::string usage, std::string summary);
    ~CliArgs();
    CliArgs(const CliArgs&) = delete;
    CliArgs& operator=(const CliArgs&) = delete;

    // Declarations. `name` without dashes; `help` ends without a full stop.
    CliArgs& positionals(const std::string& name, const std::string& help);
    CliArgs& text(const std::string& name, const std::string& valueName, const std::string& help,
                  const std::string& defaultText = "");
    /// Repeatable: `--map a=b --map c=d`.
    CliArgs& list(const std::string& name, const std::string& valueName, const std::string& help);
    CliArgs& integer(const std::string& name, long lo, long hi, const std::string& help,
                     const std::string& defaultText = "");
    CliArgs& number(const std::string& name, double lo, double hi, const std::string& help,
                    const std::string& defaultText = "");
    CliArgs& choice(const std::string& name, std::vector<std::string> choices, const std::string& help,
                    const std::string& defaultText = "");
    CliArgs& flag(const std::string& name, const std::string& help);
    CliArgs& example(const std::string& commandLine, const std::string& what);

    /// Reads the words after the command name. Throws UsageError, or HelpShown after printing --help.
    void parse(const std::vector<std::string>& args);
    /// The help text (usage, options with defaults, examples, exit codes).
    std::string help() const;
    const std::string& usage() const { return usage_; }

    // Queries after parse().
    const std::vector<std::string>& positional() const { return positional_; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    bool flag(const std::string& name) const;

private:
    struct Declared;
    Declared& declare(const std::string& name, const std::string& valueName, const std::string& help,
                      const std::string& defaultText, bool isFlag, bool repeat);
    void checkTyped(const Declared& d) const;

    std::string usage_;
    std::vector<std::string> examples_;
    std::unique_ptr<CLI::App> app_;
    std::vector<std::unique_ptr<Declared>> declared_;
    std::vector<std::string> positional_;
};

/// Splits a comma-separated list, dropping empty items.
std::vector<std::string> splitList(const std::string& text);

/// The exit codes as the help texts state them.
const char* exitCodesHelp();

} // namespace buildout
