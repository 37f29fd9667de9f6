// Per-thread nice value (Linux applies setpriority(PRIO_PROCESS, tid) to that one thread).
#include "core/background_thread.h"

#include <sys/resource.h>
#include <unistd.h>

namespace buildout {

void lowerThisThreadPriority() {
#if defined(__linux__)
    constexpr int kBackgroundNice = 10;
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kBackgroundNice);
#endif
}

} // namespace buildout
