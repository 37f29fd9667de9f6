#version 330 core
// Level of detail for dense scenarios at wide zoom: each campus is one screen-facing quad from its foot
// to its top, shaded like a cylinder, instead of a 30-triangle prism. Same instance data and rules as
// columns.vert. Each campus is one point here (lifecycle and capacity evaluated once, not per corner:
// on a software rasteriser vertex work is most of a dense frame); column_sprites.geom makes the quad.
#include "lifecycle.glsl"

layout(location = 2) in vec2 iCenter;
layout(location = 3) in vec4 iDates0;
layout(location = 4) in vec2 iDates1;
layout(location = 5) in vec4 iMisc;
layout(location = 6) in vec2 iSteps;
layout(location = 7) in vec4 iColor;

uniform mat4 uViewProj;
uniform vec2 uViewport;
uniform float uTime;
uniform float uKmPerMw;
uniform float uRadiusPx;
uniform float uUnknownMw;
uniform float uMinMw;
uniform float uUniformMw;        // > 0: draw every campus at this capacity (size-by off)
uniform int uStatusMask;         // bit per status shown
uniform int uGroupMask;          // bit per operator group shown (30: other operators)
uniform int uPass;
uniform int uColorMode;
uniform float uHeightScale;      // merged groups (uClustered): heights times this
uniform vec4 uStatusColors[7];
uniform vec4 uPrecisionColors[2];

out vec4 gFoot;   // clip space
out vec4 gTop;
out vec4 gColor;
flat out int gStatus;
out float gUnknown;
out float gHidden; // 1: emit nothing
out float gSolidTop; // 0..1 up the sprite: below, the solid colour; above, the translucent second colour
out vec4 gColor2;

vec4 baseColor(int status) {
    return uColorMode == 1 ? uStatusColors[status]
         : uColorMode == 2 ? uPrecisionColors[int(iMisc.w + 0.5)] : vec4(iColor.rgb, 1.0);
}

// A merged group of campuses (dense layers): a stacked column, operating solid, under construction
// translucent above it, and in pass 1 the planned capacity as a ghost on top of both.
void clusteredColumn() {
    vec3 b = clusterBands(iMisc.x, uTime);
    float built = b.x + b.y;
    float base = uPass == 1 ? built : 0.0;
    float h = uPass == 1 ? built + b.z : built;
    bool hidden = uPass == 1 ? b.z < 0.5 : built < 0.5;
    int status = b.x >= 0.5 ? 4 : b.y >= 0.5 ? 3 : 1;
    vec4 foot = uViewProj * vec4(iCenter, base * uKmPerMw * uHeightScale, 1.0);
    vec4 top = uViewProj * vec4(iCenter, max(h * uKmPerMw * uHeightScale, 0.5), 1.0);
    gFoot = foot;
    gTop = top;
    gHidden = (hidden || foot.w <= 0.0) ? 1.0 : 0.0;
    gl_Position = foot;
    gColor = baseColor(uPass == 1 ? 1 : 4);
    gColor2 = uColorMode == 1 ? uStatusColors[3] : gColor;
    gSolidTop = built > 0.0 ? b.x / built : 0.0;
    gStatus = status;
    gUnknown = 0.0;
}

void main() {
    if (uClustered == 1) {
        clusteredColumn();
        return;
    }
    int status = statusAt(iDates0, iDates1, iMisc.y, uTime);
    bool unknown = iMisc.x < 0.0;
    float cap = unknown ? uUnknownMw : capacityAt(iMisc.x, iSteps, iMisc.z > 0.5, uTime, 60.0);
    float filterCap = cap;
    if (uUniformMw > 0.0) cap = uUniformMw;
    float h = cap;
    if (status == 3) {
        float p = (iDates0.w < NEVER) ? clamp((uTime - iDates0.z) / max(iDates0.w - iDates0.z, 1.0), 0.0, 1.0) : 0.5;
        h = cap * mix(0.15, 1.0, p);
    } else if (status == 4 && iDates0.z >= NEVER && iDates0.w < NEVER) {
        h = cap * smoothstep(iDates0.w, iDates0.w + 60.0, uTime);
    }
    if (uPass == 1) h = cap;
    // Cancelled (6): from its cancellation date a low struck-out plate on the site, never a pending ghost.
    if (status == 6) h = cap * 0.05;
    bool hidden = status == 0 || (uPass == 0 && (status == 1 || status == 2)) ||
                  (uPass == 1 && status >= 3) || (!unknown && filterCap < uMinMw) ||
                  ((uStatusMask >> status) & 1) == 0 ||
                  ((uGroupMask >> (iColor.a < 0.5 ? 30 : int(iColor.a + 0.5) - 1)) & 1) == 0;
    vec4 foot = uViewProj * vec4(iCenter, 0.0, 1.0);
    vec4 top = uViewProj * vec4(iCenter, max(h * uKmPerMw, 0.5), 1.0);
    gFoot = foot;
    gTop = top;
    gHidden = (hidden || foot.w <= 0.0) ? 1.0 : 0.0;
    gl_Position = foot;
    gColor = baseColor(status);
    gSolidTop = status == 3 ? -1.0 : 2.0; // under construction: all translucent
    if (!applyDiffColor(gColor, gl_VertexID)) gHidden = 1.0; // sprites are points, one per campus
    gColor2 = gColor;
    gStatus = status;
    gUnknown = unknown ? 1.0 : 0.0;
}
