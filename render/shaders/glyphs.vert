#version 330 core
// Power plants: one screen-facing glyph per plant, shape by fuel, size by MW at time t.
#include "lifecycle.glsl"

layout(location = 0) in vec2 aCorner;   // -1..1
layout(location = 1) in vec2 iCenter;   // km
layout(location = 2) in vec4 iDates0;
layout(location = 3) in vec2 iDates1;
layout(location = 4) in vec4 iMisc;     // nameplate MW (<0 unknown), fixed status, linear flag, shape
layout(location = 5) in vec2 iSteps;
layout(location = 6) in vec4 iColor;

uniform mat4 uViewProj;
uniform int uInstanceBase; // the first instance of this draw (culled runs): diff colours index the whole buffer
uniform vec2 uViewport;
uniform float uTime;
uniform float uPixelScale;
uniform float uSizeScale;   // user size multiplier
uniform float uUniformMw;   // > 0: every glyph drawn at this capacity (size-by off)
uniform float uMwScale;     // merged groups (uClustered): MW times this

out vec2 vLocal;
out vec4 vColor;
flat out int vStatus;
flat out vec4 vShapeA;
flat out vec2 vShapeB;
flat out float vUnknown;
out float vRadiusPx;

// A fuel's shape (map_style.cpp: glyphShape()) as glyphs.frag draws it: A = kind (0 ring, 1 regular
// polygon, 2 star, 3 bar, 4 dot), corners, rotation (rad), radius factor; B = a star's inner radius
// factor, y sign.
void shapeParameters(int shape, out vec4 a, out vec2 b) {
    b = vec2(1.0, 1.0);
    if (shape == 0) a = vec4(0.0, 4.0, 0.0, 1.0);              // nuclear: ring
    else if (shape == 1) a = vec4(1.0, 3.0, 0.0, 1.1);         // gas: triangle up
    else if (shape == 2) a = vec4(1.0, 4.0, 0.785398, 1.02);   // coal: square
    else if (shape == 3) { a = vec4(1.0, 3.0, 0.0, 1.1); b.y = -1.0; } // oil: triangle down
    else if (shape == 4) { a = vec4(2.0, 8.0, 0.0, 1.15); b.x = 0.62; } // solar: sun
    else if (shape == 5) { a = vec4(2.0, 3.0, 0.0, 1.2); b.x = 0.28; }  // wind: three blades
    else if (shape == 6) a = vec4(1.0, 4.0, 0.0, 1.05);        // hydro: diamond
    else if (shape == 7) a = vec4(3.0, 4.0, 0.0, 1.0);         // storage: battery bar
    else if (shape == 8) a = vec4(1.0, 6.0, 0.0, 1.02);        // geothermal: hexagon
    else if (shape == 9) { a = vec4(2.0, 5.0, 0.0, 1.2); b.x = 0.5; }   // fusion: star
    else a = vec4(4.0, 4.0, 0.0, 1.0);                         // other: dot
}

void main() {
    int status;
    bool unknown;
    float mw;
    if (uClustered == 1) {
        // A merged group of plants of one fuel: sized by what is built or being built, else by plans.
        vec3 b = clusterBands(iMisc.x, uTime);
        float built = b.x + b.y;
        status = b.x >= 0.5 ? 4 : b.y >= 0.5 ? 3 : b.z >= 0.5 ? 1 : 0;
        unknown = false;
        mw = (built >= 0.5 ? built : b.z) * uMwScale;
    } else {
        status = statusAt(iDates0, iDates1, iMisc.y, uTime);
        unknown = iMisc.x < 0.0;
        mw = unknown ? 250.0 : capacityAt(iMisc.x, iSteps, iMisc.z > 0.5, uTime, 60.0);
    }
    if (uUniformMw > 0.0) mw = uUniformMw;
    // Area proportional to MW: radius grows with the square root. 1 GW = 11 px at 1080p.
    float radius = (3.5 + 7.5 * sqrt(max(mw, 0.0) / 1000.0)) * uPixelScale * uSizeScale;
    vec4 c = uViewProj * vec4(iCenter, 0.3, 1.0);
    float r = radius + 1.5;
    c.xy += aCorner * r / (uViewport * 0.5) * c.w;
    bool hidden = status == 0 || status == 6 || c.w <= 0.0;
    gl_Position = hidden ? vec4(2.0, 2.0, 2.0, 1.0) : c;
    vLocal = aCorner * r;
    vColor = iColor;
    if (!applyDiffColor(vColor, uInstanceBase + gl_InstanceID)) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vStatus = status;
    shapeParameters(int(iMisc.w + 0.5), vShapeA, vShapeB);
    vUnknown = unknown ? 1.0 : 0.0;
    vRadiusPx = radius;
}
