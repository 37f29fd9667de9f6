// Reading a file's bytes into huge pages where possible (see file_bytes.h).
#include "file_bytes.h"

#include "huge_pages.h"
#include "table_reader.h"

#include <cstdint>
#include <filesystem>

#if defined(__linux__)
#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace buildout {

namespace {

/// Files below this go into a std::string: a huge page would be mostly empty.
constexpr std::size_t kHugePageThreshold = std::size_t{4} << 20;
constexpr std::size_t kHugePage = kHugePageBytes;

} // namespace

FileBytes::~FileBytes() {
    release();
}

void FileBytes::release() {
#if defined(__linux__)
    if (mapping_) munmap(mapping_, mappingSize_);
#endif
    mapping_ = nullptr;
    mappingSize_ = 0;
    data_ = nullptr;
    size_ = 0;
    mapped_ = false;
    small_.clear();
}

bool FileBytes::read(const std::string& path, std::string& why, std::size_t maxBytes) {
    release();
#if defined(__linux__)
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size >= kHugePageThreshold && size <= maxBytes) {
        // One page more than needed, so that the bytes can start on a 2 MiB boundary (THP needs that).
        const std::size_t bytes = static_cast<std::size_t>(size);
        const std::size_t length = (bytes + kHugePage - 1) / kHugePage * kHugePage + kHugePage;
        void* m = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        const int fd = m == MAP_FAILED ? -1 : open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            mapping_ = static_cast<char*>(m);
            mappingSize_ = length;
            const auto start =
                (reinterpret_cast<std::uintptr_t>(mapping_) + kHugePage - 1) & ~(kHugePage - 1);
            data_ = mapping_ + (start - reinterpret_cast<std::uintptr_t>(mapping_));
            adviseHugePages(data_, length - static_cast<std::size_t>(data_ - mapping_));
            std::size_t got = 0;
            while (got < bytes) {
                const ssize_t r = ::read(fd, data_ + got, bytes - got);
                if (r < 0 && errno == EINTR) continue;
                if (r <= 0) break;
                got += static_cast<std::size_t>(r);
            }
            close(fd);
            if (got != bytes) {
                release();
                why = "cannot read file";
                return false;
            }
            size_ = bytes;
            mapped_ = true;
            return true;
        }
        if (m != MAP_FAILED) munmap(m, length);
        // Otherwise the plain path below reports what went wrong, in its words.
    }
#endif
    return readWholeFile(path, small_, why, maxBytes);
}

} // namespace buildout
