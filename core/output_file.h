// Output files written so that a failure never leaves a truncated file under the final name: the bytes go
// to a temporary file in the same folder (NAME.partial-PID-RANDOM, so two writers never share one), every
// write and the close are checked, the file is fsynced, and only then renamed over the final name (and
// the folder fsynced, so the rename survives a power cut). On any failure the temporary file is removed
// and the message names the final file and the cause (strerror), e.g.
//   cannot write 'out/map.png': No space left on device
// Every writer of the app (PNG snapshots and screenshots, video frames, manifests, captions, tours, the
// settings file) goes through this file; see docs/security.md, "Output files".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace buildout {

/// One output file being written. Not copyable; the destructor removes the temporary file unless
/// commit() succeeded.
class AtomicFile {
public:
    /// Creates the temporary file beside `path` (nothing is written under `path` itself yet). Check ok().
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// False once anything failed; error() says what.
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    const std::string& path() const { return path_; }
    const std::string& temporaryPath() const { return tmp_; }

    /// Appends bytes (retrying short writes and EINTR). False on failure.
    bool write(const void* data, std::size_t size);
    bool write(std::string_view text) { return write(text.data(), text.size()); }
    /// Flushes the data to disk (fsync) and closes the file, both checked; the file is complete but still
    /// under its temporary name. Called by commit() if not called before.
    bool sync();
    /// sync(), then renames the temporary file to the final name and fsyncs the folder. False (and the
    /// temporary file removed) on failure.
    bool commit();
    /// Removes the temporary file (idempotent).
    void discard();

private:
    bool fail(const std::string& what, int err);
    std::string path_, tmp_, error_;
    int fd_ = -1;
    bool committed_ = false;
};

/// Writes `bytes` to `path` through an AtomicFile. False with `why` (naming the file and the cause).
bool writeFileAtomically(const std::string& path, std::string_view bytes, std::string* why = nullptr);

/// fsync of the folder holding `path` (makes a rename in it durable). False with `why`.
bool syncParentFolder(const std::string& path, std::string* why = nullptr);

/// fsync of every regular file directly in `folder`, then of the folder itself (a PNG frame folder
/// before it is renamed to its final name). False with `why`.
bool syncFolder(const std::string& folder, std::string* why = nullptr);

/// Renames `from` to `to` (a file, or a folder over an absent name) and fsyncs the folder of `to`.
/// False with `why` naming `to`.
bool renameDurably(const std::string& from, const std::string& to, std::string* why = nullptr);

/// "cannot write 'PATH': " + strerror(err).
std::string cannotWrite(const std::string& path, int err);

} // namespace buildout
