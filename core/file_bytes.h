// The whole content of a (large) layer file in memory, read with as few page faults as possible.
// Reading 36 MB of CSV into a std::string cost more than parsing it: zero-filling and faulting in fresh
// 4 KiB pages is slow, very slow in VMs (docs/benchmarks.md). On Linux, big files go into an anonymous
// mapping that asks for transparent huge pages (2 MiB), so a 14 MB file takes 8 faults instead of 3,500.
// The bytes are a private copy: a file changed or truncated while it is parsed cannot fault the reader.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace buildout {

class FileBytes {
public:
    FileBytes() = default;
    ~FileBytes();
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;

    /// Reads the whole of `path`, refusing files over `maxBytes`. False and a message (as readWholeFile
    /// words it) on failure.
    bool read(const std::string& path, std::string& why, std::size_t maxBytes = std::size_t{1} << 31);
    std::string_view view() const {
        return mapped_ ? std::string_view(data_, size_) : std::string_view(small_);
    }

private:
    void release();

    std::string small_;       ///< small files, and every file where huge pages are not available
    char* mapping_ = nullptr; ///< start of the anonymous mapping, or null
    std::size_t mappingSize_ = 0;
    char* data_ = nullptr; ///< first byte of the file in the mapping (2 MiB aligned)
    std::size_t size_ = 0;
    bool mapped_ = false;
};

} // namespace buildout
