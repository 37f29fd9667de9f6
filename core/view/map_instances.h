// Per-instance vertex layouts of the map layers, shared by the renderer's static upload and the dense
// (aggregated) layers. Each struct is consecutive floats in the order of its shader's attributes.
#pragma once

#include "core/lifecycle.h"

#include <glm/vec4.hpp>

namespace buildout {

/// A date the GPU never reaches (unknown dates, "no end").
inline constexpr float kNever = 1.0e30f;

/// Days since 2000-01-01 as the GPU sees time.
float gpuTime(TimeDays t);
/// Days since 2000-01-01 as the GPU sees them (floats keep whole days exact for centuries); kNoDay -> kNever.
float dayToGpu(Day d);

/// Column / glyph instance: 18 floats, matching columns.vert, column_sprites.vert and glyphs.vert.
/// A merged group of the dense layers uses misc[0] for the texel offset of its capacity bands and leaves
/// the dates and steps unused.
struct PointInstance {
    float center[2];
    float dates0[4];
    float dates1[2];
    float misc[4]; // nameplate (<0 unknown), fixed status (-1 dated), linear flag, precision or shape
    float steps[2];
    float color[4];
};

struct DiscInstance {
    float center[2];
    float shape[4]; // radius km, min radius px, mode, lift km
    float window[2];
    float color[4];
};

struct LineInstance {
    float a[3];
    float b[3];
    float style[4]; // width px, distance at a (km), at b (km), flags
    float color[4];
    float dates0[4];
    float dates1[2];
    float fixedStatus; // -1 dated, -2 always shown, >= 0 fixed status
};

struct FillVertex {
    float pos[2];
    float region;
    float color[4];
    float window[2];
};

inline void setColor(float* dst, glm::vec4 c) {
    dst[0] = c.r, dst[1] = c.g, dst[2] = c.b, dst[3] = c.a;
}

/// Writes a lifecycle as the shaders read it: four stage dates, retired and cancelled, and the fixed
/// status of an undated entity (-1 when dated).
void setLifecycle(const Lifecycle& life, float* d0, float* d1, float& fixedStatus);

} // namespace buildout
