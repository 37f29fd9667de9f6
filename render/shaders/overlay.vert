#version 330 core
// Overlay painter (render/overlay_painter.h): pixel coordinates, origin top-left, y down.

layout(location = 0) in vec2 aPos;     // px
layout(location = 1) in vec2 aLocal;   // mode-specific local coordinates
layout(location = 2) in vec4 aColor;   // straight RGBA
layout(location = 3) in vec4 aColor2;  // border / halo, straight RGBA
layout(location = 4) in vec4 aParams;  // mode-specific
layout(location = 5) in ivec3 aMode;   // mode, first glyph record, last glyph record

uniform vec2 uViewport; // px

out vec2 vPos;
out vec2 vLocal;
flat out vec4 vColor;
flat out vec4 vColor2;
flat out vec4 vParams;
flat out ivec3 vMode;

void main() {
    vPos = aPos;
    vLocal = aLocal;
    vColor = aColor;
    vColor2 = aColor2;
    vParams = aParams;
    vMode = aMode;
    gl_Position = vec4(aPos.x / uViewport.x * 2.0 - 1.0, 1.0 - aPos.y / uViewport.y * 2.0, 0.0, 1.0);
}
