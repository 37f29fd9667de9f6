// CliArgs on CLI11: declarations become CLI11 options; typed checks and error wording are ours.
#include "app/cli/cli_args.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace buildout {

namespace {

/// CLI11's help with our usage line and examples/exit codes after the options.
class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter(std::string usage, std::string after) : usage_(std::move(usage)), after_(std::move(after)) {
        column_width(34);
    }
    std::string make_usage(const CLI::App*, std::string) const override {
        return "usage: " + usage_ + "\n\n";
    }
    std::string make_footer(const CLI::App*) const override { return after_; }
    /// The usage line first, as in most tools, then what the command does, then the options.
    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode) const override {
        return make_usage(app, name) + make_description(app) + make_positionals(app) +
               make_groups(app, CLI::AppFormatMode::Normal) + make_footer(app);
    }

private:
    std::string usage_, after_;
};

} // namespace

struct CliArgs::Declared {
    enum class Kind { Text, List, Integer, Number, Choice, Flag } kind = Kind::Text;
    std::string name;
    CLI::Option* option = nullptr;
    std::vector<std::string> given; ///< every value, in order (the last one wins for single values)
    double lo = 0, hi = 0;
    std::vector<std::string> choices;
    std::string help;
};

const char* exitCodesHelp() {
    return "Exit codes:\n  0  success\n  1  validation failure or error (invalid scenario, unreadable file)\n"
           "  2  usage error (unknown option, bad or missing value)\n";
}

CliArgs::CliArgs(std::string command, std::string usage, std::string summary)
    : usage_(std::move(usage)),
      app_(std::make_unique<CLI::App>(std::move(summary),
                                      command.empty() ? "buildout" : "buildout " + command)) {
    app_->allow_extras();
    app_->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app_->set_help_flag("-h,--help", "show this help and exit");
}

CliArgs::~CliArgs() = default;

CliArgs::Declared& CliArgs::declare(const std::string& name, const std::string& valueName,
                                    const std::string& help, const std::string& defaultText, bool isFlag,
                                    bool repeat) {
    auto d = std::make_unique<Declared>();
    d->name = name;
    d->help = help;
    const std::string desc = defaultText.empty() ? help : help + " (default: " + defaultText + ")";
    if (isFlag) {
        d->option = app_->add_flag("--" + name, desc);
    } else {
        d->option = app_->add_option("--" + name, d->given, desc)->type_name(valueName)->expected(1);
        (void)repeat;
    }
    declared_.push_back(std::move(d));
    return *declared_.back();
}

CliArgs& CliArgs::positionals(const std::string& name, const std::string& help) {
    app_->add_option(name, positional_, help)->type_name("");
    return *this;
}
CliArgs& CliArgs::text(const std::string& name, const std::string& valueName, const std::string& help,
                       const std::string& defaultText) {
    declare(name, valueName, help, defaultText, false, false);
    return *this;
}
CliArgs& CliArgs::list(const std::string& name, const std::string& valueName, const std::string& help) {
    declare(name, valueName, help + " (repeatable)", "", false, true).kind = Declared::Kind::List;
    return *this;
}
CliArgs& CliArgs::integer(const std::string& name, long lo, long hi, const std::string& help,
                          const std::string& defaultText) {
    Declared& d = declare(name, "N", help + " (" + std::to_string(lo) + ".." + std::to_string(hi) + ")",
                          defaultText, false, false);
    d.kind = Declared::Kind::Integer;
    d.lo = static_cast<double>(lo), d.hi = static_cast<double>(hi);
    return *this;
}
CliArgs& CliArgs::number(const std::string& name, double lo, double hi, const std::string& help,
                         const std::string& defaultText) {
    std::ostringstream range;
    range << " (" << lo << ".." << hi << ")";
    Declared& d = declare(name, "X", help + range.str(), defaultText, false, false);
    d.kind = Declared::Kind::Number;
    d.lo = lo, d.hi = hi;
    return *this;
}
CliArgs& CliArgs::choice(const std::string& name, std::vector<std::string> choices, const std::string& help,
                         const std::string& defaultText) {
    std::string valueName;
    for (const auto& c : choices)
        valueName += (valueName.empty() ? "" : "|") + c;
    Declared& d = declare(name, valueName, help, defaultText, false, false);
    d.kind = Declared::Kind::Choice;
    d.choices = std::move(choices);
    return *this;
}
CliArgs& CliArgs::flag(const std::string& name, const std::string& help) {
    declare(name, "", help, "", true, false).kind = Declared::Kind::Flag;
    return *this;
}
CliArgs& CliArgs::example(const std::string& commandLine, const std::string& what) {
    examples_.push_back("  " + commandLine + "\n      " + what + "\n");
    return *this;
}

std::string CliArgs::help() const {
    std::string after = "\n";
    if (!examples_.empty()) {
        after += "Examples:\n";
        for (const auto& e : examples_)
            after += e;
        after += "\n";
    }
    after += exitCodesHelp();
    app_->formatter(std::make_shared<HelpFormatter>(usage_, after));
    return app_->help();
}

void CliArgs::checkTyped(const Declared& d) const {
    if (d.given.empty()) return;
    // For single values the last one wins, as in most tools; every one must still be well formed.
    for (const std::string& v : d.given) {
        switch (d.kind) {
        case Declared::Kind::Integer: {
            char* end = nullptr;
            errno = 0;
            const long n = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || errno == ERANGE || static_cast<double>(n) < d.lo ||
                static_cast<double>(n) > d.hi)
                throw UsageError("--" + d.name + " must be a whole number " +
                                 std::to_string(static_cast<long>(d.lo)) + ".." +
                                 std::to_string(static_cast<long>(d.hi)) + ", not '" + v + "'");
            break;
        }
        case Declared::Kind::Number: {
            char* end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !(x >= d.lo && x <= d.hi)) {
                std::ostringstream msg;
                msg << "--" << d.name << " must be a number " << d.lo << ".." << d.hi << ", not '" << v
                    << "'";
                throw UsageError(msg.str());
            }
            break;
        }
        case Declared::Kind::Choice: {
            bool ok = false;
            std::string all;
            for (const auto& c : d.choices) {
                ok = ok || c == v;
                all += (all.empty() ? "" : ", ") + c;
            }
            if (!ok) throw UsageError("--" + d.name + " must be one of " + all + ", not '" + v + "'");
            break;
        }
        default:
            break;
        }
    }
}

void CliArgs::parse(const std::vector<std::string>& args) {
    std::vector<std::string> reversed(args.rbegin(), args.rend()); // CLI11 takes the words back to front
    try {
        app_->parse(reversed);
    } catch (const CLI::CallForHelp&) {
        std::cout << help();
        throw HelpShown{};
    } catch (const CLI::ParseError& e) {
        std::string msg = e.what();
        // "--at: 1 required TEXT missing" -> "option --at needs a value", in the wording of the other errors.
        if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && msg.rfind("--", 0) == 0)
            msg = "option " + msg.substr(0, msg.find(':')) + " needs a value";
        throw UsageError(msg);
    }
    for (const std::string& extra : app_->remaining()) {
        if (extra.size() > 1 && extra[0] == '-') {
            const auto eq = extra.find('=');
            throw UsageError("unknown option " + extra.substr(0, eq));
        }
        positional_.push_back(extra);
    }
    for (const auto& d : declared_)
        checkTyped(*d);
}

std::optional<std::string> CliArgs::value(const std::string& name) const {
    for (const auto& d : declared_)
        if (d->name == name && !d->given.empty()) return d->given.back();
    return std::nullopt;
}

std::vector<std::string> CliArgs::values(const std::string& name) const {
    for (const auto& d : declared_)
        if (d->name == name) return d->given;
    return {};
}

bool CliArgs::flag(const std::string& name) const {
    for (const auto& d : declared_)
        if (d->name == name) return d->option->count() > 0;
    return false;
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace buildout
