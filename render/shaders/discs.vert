#version 330 core
// Flat discs on the ground, one instanced quad each: operating glows under campuses, uncertainty discs
// for approximate locations, supercluster halos. Each is visible inside its time window [from, to).
layout(location = 0) in vec2 aCorner;   // -1..1
layout(location = 1) in vec2 iCenter;   // km
layout(location = 2) in vec4 iShape;    // radius km, min radius px, mode, z lift km
layout(location = 3) in vec2 iWindow;   // days since 2000: visible from .x until .y
layout(location = 4) in vec4 iColor;

uniform mat4 uViewProj;
uniform float uTime;
uniform float uKmPerPixel;  // at the camera target, to keep tiny discs visible from far away

out vec2 vLocal;
out vec4 vColor;
flat out float vMode;
out float vFade;

void main() {
    float radius = max(iShape.x, iShape.y * uKmPerPixel);
    bool visible = uTime >= iWindow.x && uTime < iWindow.y;
    vec3 p = vec3(iCenter + aCorner * radius, iShape.w);
    gl_Position = visible ? uViewProj * vec4(p, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
    vLocal = aCorner;
    vColor = iColor;
    vMode = iShape.z;
    // Fade in over 30 days so nothing pops.
    vFade = clamp((uTime - iWindow.x) / 30.0, 0.0, 1.0);
}
