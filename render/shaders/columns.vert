#version 330 core
// Datacenter columns: one instanced hexagonal prism per campus. Height, visibility and style at time
// uTime come from static per-instance lifecycle data (see lifecycle.glsl).
#include "lifecycle.glsl"

layout(location = 0) in vec3 aPos;      // unit prism: xy on the unit circle, z in 0..1
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec2 iCenter;   // km on the map plane
layout(location = 3) in vec4 iDates0;   // announced, permitted, construction, online
layout(location = 4) in vec2 iDates1;   // retired, cancelled
layout(location = 5) in vec4 iMisc;     // nameplate MW (<0 unknown), fixed status, linear flag, precision (1 approx)
layout(location = 6) in vec2 iSteps;    // capacity series (offset, count)
layout(location = 7) in vec4 iColor;    // colour by the chosen key (operator, status or precision)

uniform mat4 uViewProj;
uniform int uInstanceBase; // the first instance of this draw (culled runs): diff colours index the whole buffer
uniform float uTime;
uniform float uKmPerMw;        // column height scale
uniform float uRadiusKm;       // column radius
uniform float uUnknownMw;      // drawn height for campuses of unknown capacity
uniform int uPass;             // 0 = bodies, 1 = ghost edges
uniform int uColorMode;        // 0: iColor (operator), 1: status palette, 2: precision palette
uniform vec4 uStatusColors[7];
uniform vec4 uPrecisionColors[2];
uniform float uMinMw;
uniform float uUniformMw;        // > 0: draw every campus at this capacity (size-by off)
uniform int uStatusMask;         // bit per status shown
uniform int uGroupMask;          // bit per operator group shown (30: other operators)          // filter: campuses below this capacity at t are hidden

out vec3 vNormal;
out vec4 vColor;
out float vHeightFrac;
flat out int vStatus;
flat out float vUnknown;
flat out float vApprox;

void main() {
    int status = statusAt(iDates0, iDates1, iMisc.y, uTime);
    bool unknown = iMisc.x < 0.0;
    float cap = unknown ? uUnknownMw : capacityAt(iMisc.x, iSteps, iMisc.z > 0.5, uTime, 60.0);
    float filterCap = cap;
    if (uUniformMw > 0.0) cap = uUniformMw;
    float planned = cap;
    float h = cap;
    if (status == 3) {
        // Under construction: grows from 15 % to full over the construction period when both ends are known.
        float p = (iDates0.w < NEVER) ? clamp((uTime - iDates0.z) / max(iDates0.w - iDates0.z, 1.0), 0.0, 1.0) : 0.5;
        h = cap * mix(0.15, 1.0, p);
    } else if (status == 4 && iDates0.z >= NEVER && iDates0.w < NEVER) {
        // Went straight to operating: rise over two months instead of popping up.
        h = cap * smoothstep(iDates0.w, iDates0.w + 60.0, uTime);
    }
    if (uPass == 1) h = planned; // ghost outline shows the full plan (never for cancelled: pass 1 hides >= 4)
    // Cancelled (6): from its cancellation date a low struck-out plate on the site, never a pending ghost.
    if (status == 6) h = cap * 0.05;
    bool hidden = status == 0 || (uPass == 0 && (status == 1 || status == 2)) ||
                  (uPass == 1 && status >= 4) || (!unknown && filterCap < uMinMw) ||
                  ((uStatusMask >> status) & 1) == 0 ||
                  ((uGroupMask >> (iColor.a < 0.5 ? 30 : int(iColor.a + 0.5) - 1)) & 1) == 0;
    float height = max(h * uKmPerMw, 0.5);
    vec3 p = vec3(iCenter + aPos.xy * uRadiusKm, aPos.z * height);
    gl_Position = hidden ? vec4(2.0, 2.0, 2.0, 1.0) : uViewProj * vec4(p, 1.0);
    vNormal = aNormal;
    vColor = uColorMode == 1 ? uStatusColors[status]
           : uColorMode == 2 ? uPrecisionColors[int(iMisc.w + 0.5)] : vec4(iColor.rgb, 1.0);
    if (!applyDiffColor(vColor, uInstanceBase + gl_InstanceID)) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vHeightFrac = aPos.z;
    vStatus = status;
    vUnknown = unknown ? 1.0 : 0.0;
    vApprox = iMisc.w;
}
