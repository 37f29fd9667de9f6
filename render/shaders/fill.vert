#version 330 core
// Filled polygons on the ground: basemap regions (colour from a per-region texture, for choropleths)
// and AI Economic Zones (own colour, visible from their designation, with a pulse when designated).
layout(location = 0) in vec2 aPos;      // km
layout(location = 1) in float aRegion;  // index into uRegionColors; -1 for zones
layout(location = 2) in vec4 aColor;    // zones only
layout(location = 3) in vec2 aWindow;   // zones: visible from .x (designated or first date) until .y

uniform mat4 uViewProj;
uniform sampler2D uRegionColors; // 1 x N RGBA8
uniform float uTime;

out vec4 vColor;
out float vPulse;

void main() {
    bool zone = aRegion < -0.5;
    bool visible = !zone || (uTime >= aWindow.x && uTime < aWindow.y);
    gl_Position = visible ? uViewProj * vec4(aPos, zone ? 0.02 : 0.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
    if (zone) {
        vColor = aColor;
        float age = uTime - aWindow.x;
        vPulse = age >= 0.0 ? exp(-age / 45.0) : 0.0;
    } else {
        vColor = texelFetch(uRegionColors, ivec2(int(aRegion + 0.5), 0), 0);
        vPulse = 0.0;
    }
}
