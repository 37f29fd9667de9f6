// SAX-driven JSON parsing with line tracking and a depth limit (see json_document.h).
#include "json_document.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <vector>

namespace buildout {

namespace {

/// An input iterator over bytes that counts the newlines it has passed.
struct LineCountingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* p = nullptr;
    int* newlines = nullptr;

    reference operator*() const { return *p; }
    LineCountingIterator& operator++() {
        if (*p == '\n') ++*newlines;
        ++p;
        return *this;
    }
    LineCountingIterator operator++(int) {
        LineCountingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const LineCountingIterator& o) const { return p == o.p; }
    bool operator!=(const LineCountingIterator& o) const { return p != o.p; }
};

void positionOf(std::string_view text, std::size_t byte, int& line, int& column) {
    line = 1;
    column = 1;
    const std::size_t end = std::min(byte, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
}

std::string escapePointerToken(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

/// Shared SAX plumbing: depth limit, error capture, current line.
struct SaxBase {
    std::string_view text;
    int* newlines = nullptr;
    int maxDepth = 64;
    int depth = 0;
    JsonError* err = nullptr;

    int line() const { return *newlines + 1; }
    bool tooDeep() {
        if (++depth <= maxDepth) return false;
        err->line = line();
        err->column = 0;
        err->message = "JSON nested deeper than " + std::to_string(maxDepth) + " levels";
        return true;
    }
    bool nonFinite(double v) {
        if (std::isfinite(v)) return false;
        err->line = line();
        err->message = "number out of range (not a finite double)";
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::json::exception& ex) {
        positionOf(text, position > 0 ? position - 1 : 0, err->line, err->column);
        std::string what = ex.what();
        // nlohmann messages look like "[json.exception.parse_error.101] parse error at line 1, column 2:
        // syntax error while parsing value - invalid literal; last read: 'x'"; keep the part after "- ".
        const auto dash = what.find(" - ");
        err->message = "invalid JSON: " + printable(dash == std::string::npos ? what : what.substr(dash + 3));
        return false;
    }
    /// `s` with every byte outside printable ASCII written as \xNN: nlohmann quotes the bytes it last
    /// read, which in a hostile file may be invalid UTF-8 or terminal control sequences.
    static std::string printable(const std::string& s) {
        std::string out;
        for (const char ch : s) {
            const auto u = static_cast<unsigned char>(ch);
            if (u >= 0x20 && u < 0x7F) {
                out += ch;
                continue;
            }
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
        return out;
    }
};

/// Builds an nlohmann::json tree and records the line of every value by JSON Pointer.
struct DomBuilder : SaxBase {
    using json = nlohmann::json;
    JsonDocument* doc = nullptr;
    std::vector<json*> stack;
    std::vector<std::string> pointers; // pointer of each open container
    std::vector<std::size_t> arrayIndex;
    std::string pendingKey;
    int pendingKeyLine = 0;

    std::string childPointer() {
        const json* parent = stack.back();
        if (parent->is_array()) return pointers.back() + "/" + std::to_string(parent->size());
        return pointers.back() + "/" + escapePointerToken(pendingKey);
    }

    json* place(json&& v, bool container) {
        const int at = stack.empty() ? line() : (stack.back()->is_object() ? pendingKeyLine : line());
        if (stack.empty()) {
            doc->root = std::move(v);
            doc->lines[""] = at;
            if (container) pointers.emplace_back("");
            return &doc->root;
        }
        std::string ptr = childPointer();
        json* parent = stack.back();
        json* slot;
        if (parent->is_array()) {
            parent->push_back(std::move(v));
            slot = &parent->back();
        } else {
            slot = &(*parent)[pendingKey];
            *slot = std::move(v);
        }
        // Object members are attributed to their key's line (values on the same line in practice).
        doc->lines[ptr] = parent->is_object() ? pendingKeyLine : at;
        if (container) pointers.push_back(std::move(ptr));
        return slot;
    }

    bool null() { return place(nullptr, false), true; }
    bool boolean(bool v) { return place(v, false), true; }
    bool number_integer(json::number_integer_t v) { return place(v, false), true; }
    bool number_unsigned(json::number_unsigned_t v) { return place(v, false), true; }
    bool number_float(json::number_float_t v, const std::string&) {
        if (nonFinite(v)) return false;
        return place(v, false), true;
    }
    bool string(std::string& v) { return place(std::move(v), false), true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) {
        if (tooDeep()) return false;
        stack.push_back(place(json::object(), true));
        return true;
    }
    bool key(std::string& k) {
        pendingKey = k;
        pendingKeyLine = line();
        return true;
    }
    bool end_object() {
        --depth;
        stack.pop_back();
        pointers.pop_back();
        return true;
    }
    bool start_array(std::size_t) {
        if (tooDeep()) return false;
        stack.push_back(place(json::array(), true));
        return true;
    }
    bool end_array() { return end_object(); }
};

/// Records the start line of each element of the top-level "features" array; builds nothing.
struct FeatureScanner : SaxBase {
    using json = nlohmann::json;
    std::vector<int>* featureLines = nullptr;
    std::string lastKeyAtDepth1;
    bool inFeatures = false; // inside the top-level "features" array (depth 2)

    void value() {
        if (inFeatures && depth == 2) featureLines->push_back(line());
    }
    bool null() { return value(), true; }
    bool boolean(bool) { return value(), true; }
    bool number_integer(json::number_integer_t) { return value(), true; }
    bool number_unsigned(json::number_unsigned_t) { return value(), true; }
    bool number_float(json::number_float_t v, const std::string&) {
        if (nonFinite(v)) return false;
        return value(), true;
    }
    bool string(std::string&) { return value(), true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) {
        value();
        return !tooDeep();
    }
    bool key(std::string& k) {
        if (depth == 1) lastKeyAtDepth1 = k;
        return true;
    }
    bool end_object() {
        --depth;
        return true;
    }
    bool start_array(std::size_t) {
        value();
        if (tooDeep()) return false;
        if (depth == 2 && lastKeyAtDepth1 == "features") inFeatures = true;
        return true;
    }
    bool end_array() {
        if (depth == 2) inFeatures = false;
        --depth;
        return true;
    }
};

template <typename Sax> bool runSax(std::string_view text, Sax& sax, JsonError& err, int& newlines) {
    // Skip a UTF-8 byte order mark: common from Windows editors and harmless.
    std::size_t skip = text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    sax.text = text.substr(skip); // parse_error positions are relative to the iterator start
    LineCountingIterator first{text.data() + skip, &newlines};
    LineCountingIterator last{text.data() + text.size(), &newlines};
    const bool ok = nlohmann::json::sax_parse(first, last, &sax);
    if (!ok && err.message.empty()) err.message = "invalid JSON";
    return ok;
}

} // namespace

int JsonDocument::lineOf(const std::string& pointer) const {
    auto it = lines.find(pointer);
    return it == lines.end() ? 0 : it->second;
}

bool parseJsonDocument(std::string_view text, JsonDocument& out, JsonError& err, int maxDepth) {
    out = JsonDocument{};
    err = JsonError{};
    int newlines = 0;
    DomBuilder sax;
    sax.text = text;
    sax.newlines = &newlines;
    sax.maxDepth = maxDepth;
    sax.err = &err;
    sax.doc = &out;
    return runSax(text, sax, err, newlines);
}

bool scanGeoJsonFeatureLines(std::string_view text, std::vector<int>& featureLines, JsonError& err, int maxDepth) {
    featureLines.clear();
    err = JsonError{};
    int newlines = 0;
    FeatureScanner sax;
    sax.text = text;
    sax.newlines = &newlines;
    sax.maxDepth = maxDepth;
    sax.err = &err;
    sax.featureLines = &featureLines;
    return runSax(text, sax, err, newlines);
}

int JsonChecker::line(const std::string& pointer) const {
    std::string p = pointer;
    while (true) {
        const int l = doc_.lineOf(p);
        if (l > 0 || p.empty()) return l > 0 ? l : 1;
        p = p.substr(0, p.rfind('/'));
    }
}

void JsonChecker::error(const std::string& pointer, const std::string& message) {
    diag_.error(display_, line(pointer), message);
    ok_ = false;
}

void JsonChecker::warning(const std::string& pointer, const std::string& message) {
    diag_.warning(display_, line(pointer), message);
}

void JsonChecker::unknownKeys(const nlohmann::json& obj, const std::string& pointer,
                              std::initializer_list<const char*> known, const std::string& where) {
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (std::find_if(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }) ==
            known.end())
            warning(pointer + "/" + it.key(), "unknown key \"" + it.key() + "\" in " + where + " (ignored)");
}

bool JsonChecker::string(const nlohmann::json& obj, const std::string& pointer, const char* key,
                         std::string& out, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required) error(pointer, std::string("missing required key \"") + key + "\"");
        return false;
    }
    if (!it->is_string()) {
        error(pointer + "/" + key, std::string("\"") + key + "\" must be a string");
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool JsonChecker::date(const nlohmann::json& obj, const std::string& pointer, const char* key, Day& out,
                       bool required) {
    std::string text;
    if (!string(obj, pointer, key, text, required)) return false;
    std::string why;
    auto d = parseDate(text, &why);
    if (!d) {
        error(pointer + "/" + key, std::string("bad date \"") + text + "\" for \"" + key + "\": " + why);
        return false;
    }
    out = d->day;
    return true;
}

bool JsonChecker::number(const nlohmann::json& obj, const std::string& pointer, const char* key, double lo,
                         double hi, double& out) {
    auto it = obj.find(key);
    if (it == obj.end()) return false;
    if (!it->is_number()) {
        error(pointer + "/" + key, std::string("\"") + key + "\" must be a number");
        return false;
    }
    const double v = it->get<double>();
    if (!std::isfinite(v) || v < lo || v > hi) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "\"%s\" must be between %g and %g, not %s", key, lo, hi,
                      it->dump().c_str());
        error(pointer + "/" + key, buf);
        return false;
    }
    out = v;
    return true;
}

} // namespace buildout
