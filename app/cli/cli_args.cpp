// Argument parsing for subcommands.
#include "app/cli/cli_args.h"

namespace buildout {

CliArgs::CliArgs(const std::vector<std::string>& args, std::set<std::string> valueOptions, std::set<std::string> flags) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            std::string name = a.substr(2), val;
            const auto eq = name.find('=');
            const bool inlineValue = eq != std::string::npos;
            if (inlineValue) {
                val = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (valueOptions.count(name)) {
                if (!inlineValue) {
                    if (i + 1 >= args.size()) throw UsageError("option --" + name + " needs a value");
                    val = args[++i];
                }
                values_.emplace_back(name, val);
            } else if (flags.count(name) && !inlineValue) {
                flagsSet_.insert(name);
            } else {
                throw UsageError("unknown option --" + name);
            }
        } else {
            positional_.push_back(a);
        }
    }
}

std::optional<std::string> CliArgs::value(const std::string& name) const {
    std::optional<std::string> v;
    for (const auto& [n, val] : values_)
        if (n == name) v = val; // the last one wins, as in most tools
    return v;
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
