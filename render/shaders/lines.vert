#version 330 core
// Wide anti-aliased lines in screen space: one instanced quad per segment, with round caps. Used for
// transmission lines (styled by lifecycle at uTime), borders, zone outlines and supercluster arcs.
layout(location = 0) in vec2 aCorner;  // x: 0 at A, 1 at B; y: -1..1 across
layout(location = 1) in vec3 iA;       // km
layout(location = 2) in vec3 iB;
layout(location = 3) in vec4 iStyle;   // width px, along-line distance of A (km), of B (km), style flags
layout(location = 4) in vec4 iColor;
layout(location = 5) in vec4 iDates0;  // announced, permitted, construction, online (NEVER if unknown)
layout(location = 6) in vec2 iDates1;  // retired, cancelled
layout(location = 7) in float iFixed;  // fixed status or -1; -2: always shown (no lifecycle)

#include "lifecycle.glsl"

uniform mat4 uViewProj;
uniform int uInstanceBase; // the first instance of this draw (culled runs): diff colours index the whole buffer
uniform vec2 uViewport;
uniform float uTime;
uniform float uPixelScale;

out vec2 vSeg;        // position along (x, px from A) and across (y, px)
flat out float vLen;  // segment length in px
flat out float vHalfWidth;
out float vDist;      // km along the whole line, for dashes and the energising pulse
flat out int vStatus;
out vec4 vColor;
flat out vec2 vPulse; // energising pulse: strength, front (km along the line)

void main() {
    int status = iFixed < -1.5 ? 4 : statusAt(iDates0, iDates1, iFixed, uTime);
    vec4 ca = uViewProj * vec4(iA, 1.0);
    vec4 cb = uViewProj * vec4(iB, 1.0);
    vec2 sa = ca.xy / ca.w * uViewport * 0.5;
    vec2 sb = cb.xy / cb.w * uViewport * 0.5;
    vec2 d = sb - sa;
    float len = length(d);
    vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    float width = iStyle.x * uPixelScale;
    if (status == 1 || status == 2) width *= 0.6;
    float half_ = width * 0.5 + 1.0; // +1 px for anti-aliasing
    vec4 c = mix(ca, cb, aCorner.x);
    vec2 along = dir * (aCorner.x < 0.5 ? -half_ : half_); // extend for round caps
    vec2 offset = nrm * aCorner.y * half_ + along;
    c.xy += offset / (uViewport * 0.5) * c.w;
    bool hidden = status == 0 || status == 6 || ca.w <= 0.0 || cb.w <= 0.0;
    gl_Position = hidden ? vec4(2.0, 2.0, 2.0, 1.0) : c;
    vSeg = vec2(mix(0.0, len, aCorner.x) + (aCorner.x < 0.5 ? -half_ : half_), aCorner.y * half_);
    vLen = len;
    vHalfWidth = width * 0.5;
    vDist = mix(iStyle.y, iStyle.z, aCorner.x);
    vStatus = status;
    vColor = iColor;
    if (!applyDiffColor(vColor, uInstanceBase + gl_InstanceID)) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    // In service for under 150 days: a pulse runs along the line at 12 km a day, fading as it goes.
    float age = uTime - (iFixed < -1.5 ? NEVER : iDates0.w);
    bool energising = status == 4 && age >= 0.0 && age < 150.0;
    vPulse = energising ? vec2(1.0 - age / 150.0, age * 12.0) : vec2(0.0);
}
