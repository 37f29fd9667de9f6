// GPU time and lifecycle encoding of the map layers' instances.
#include "core/view/map_instances.h"

#include "core/view/frame_spec.h"

namespace buildout {

namespace {
const Day kEpoch2000 = daysFromCivil(2000, 1, 1);
}

float dayToGpu(Day d) {
    return d == kNoDay ? kNever : static_cast<float>(d - kEpoch2000);
}

float gpuTime(TimeDays t) {
    return static_cast<float>(t - kEpoch2000);
}

void setLifecycle(const Lifecycle& life, float* d0, float* d1, float& fixedStatus) {
    for (int i = 0; i < 4; ++i)
        d0[i] = dayToGpu(life.dates[static_cast<std::size_t>(i)]);
    d1[0] = dayToGpu(life.dates[Lifecycle::Retired]);
    d1[1] = dayToGpu(life.dates[Lifecycle::Cancelled]);
    fixedStatus = life.hasDates() ? -1.0f : static_cast<float>(static_cast<int>(life.undatedStatus));
}

} // namespace buildout
