// Asking Linux for transparent huge pages (2 MiB) on memory about to be filled. Every first touch of a
// 4 KiB page is a page fault, and in VMs like the benchmark machine a fault costs ~13 us of CPU: the
// faults of a 100k load cost more than parsing it (docs/benchmarks.md). With huge pages a 30 MB vector
// takes 15 faults instead of 7,000.
#pragma once

#include <cstddef>

namespace buildout {

/// Bytes in a transparent huge page on x86-64 and arm64 Linux.
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

/// Advises huge pages for the whole 2 MiB pages inside [data, data + bytes), if any; only a hint, which
/// does nothing elsewhere than Linux, for small ranges, or when the system does not allow it. Call it on
/// memory that is not touched yet (a fresh reserve()) and that will be filled soon.
void adviseHugePages(void* data, std::size_t bytes);

} // namespace buildout
