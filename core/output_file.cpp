// Atomic output files: temporary name in the same folder, checked writes, fsync, rename, folder fsync.
#include "core/output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace buildout {

namespace fs = std::filesystem;

std::string cannotWrite(const std::string& path, int err) {
    return "cannot write '" + path + "': " + std::strerror(err);
}

namespace {

/// Closes a descriptor; the close is checked (NFS and some full-disk cases report errors only there).
int closeChecked(int fd) {
    return ::close(fd) == 0 || errno == EINTR ? 0 : errno;
}

/// fsync of a path opened read-only (a folder or a complete file). 0 or errno. EINVAL/EROFS: the file
/// system cannot sync (e.g. some FUSE or /proc): nothing more can be done, so not an error.
int syncPath(const std::string& path, bool folder) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd < 0) return errno;
    int err = ::fsync(fd) == 0 ? 0 : errno;
    if (err == EINVAL || err == EROFS) err = 0;
    const int cerr = closeChecked(fd);
    return err ? err : cerr;
}

std::string folderOf(const std::string& path) {
    const fs::path p(path);
    return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

} // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
    // NAME.partial-PID-RANDOM beside NAME: O_EXCL so an existing file (or a symlink planted there) is
    // never followed or reused; 0666 minus the umask, like any file the user creates.
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[48];
        std::snprintf(suffix, sizeof suffix, ".partial-%ld-%08x", static_cast<long>(::getpid()), rd());
        tmp_ = path_ + suffix;
        fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ >= 0 || errno != EEXIST) break;
    }
    if (fd_ < 0) {
        const int err = errno;
        tmp_.clear();
        fail("", err);
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_) discard();
}

bool AtomicFile::fail(const std::string& what, int err) {
    if (error_.empty()) error_ = cannotWrite(path_, err) + what;
    discard();
    return false;
}

bool AtomicFile::write(const void* data, std::size_t size) {
    if (!ok() || fd_ < 0) return false;
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd_, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("", errno);
        }
        if (n == 0) return fail("", ENOSPC); // a zero-length write on a non-empty buffer: no room
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool AtomicFile::sync() {
    if (!ok()) return false;
    if (fd_ < 0) return true; // already synced and closed
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) return fail("", errno);
    const int fd = fd_;
    fd_ = -1;
    if (const int err = closeChecked(fd)) return fail("", err);
    return true;
}

bool AtomicFile::commit() {
    if (!sync()) return false;
    std::string why;
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) return fail("", errno);
    committed_ = true;
    if (!syncParentFolder(path_, &why)) {
        error_ = why; // the file is complete under its name; only its durability is in doubt
        return false;
    }
    return true;
}

void AtomicFile::discard() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!tmp_.empty() && !committed_) ::unlink(tmp_.c_str());
}

bool writeFileAtomically(const std::string& path, std::string_view bytes, std::string* why) {
    AtomicFile f(path);
    if (f.write(bytes) && f.commit()) return true;
    if (why) *why = f.error();
    return false;
}

bool syncParentFolder(const std::string& path, std::string* why) {
    const std::string dir = folderOf(path);
    if (const int err = syncPath(dir, true)) {
        if (why) *why = "cannot sync the folder '" + dir + "': " + std::strerror(err);
        return false;
    }
    return true;
}

bool syncFolder(const std::string& folder, std::string* why) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        if (!e.is_regular_file(ec)) continue;
        if (const int err = syncPath(e.path().string(), false)) {
            if (why) *why = cannotWrite(e.path().string(), err);
            return false;
        }
    }
    if (ec) {
        if (why) *why = "cannot read the folder '" + folder + "': " + ec.message();
        return false;
    }
    if (const int err = syncPath(folder, true)) {
        if (why) *why = "cannot sync the folder '" + folder + "': " + std::strerror(err);
        return false;
    }
    return true;
}

bool renameDurably(const std::string& from, const std::string& to, std::string* why) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        if (why) *why = cannotWrite(to, errno);
        return false;
    }
    return syncParentFolder(to, why);
}

} // namespace buildout
