#version 330 core
// Expands each campus point of column_sprites.vert into a screen-facing quad from its foot to its top,
// uRadiusPx either side (x: -1..1 across, y: 0 foot .. 1 top in vLocal).
layout(points) in;
layout(triangle_strip, max_vertices = 4) out;

in vec4 gFoot[];
in vec4 gTop[];
in vec4 gColor[];
flat in int gStatus[];
in float gUnknown[];
in float gHidden[];
in float gSolidTop[];
in vec4 gColor2[];

uniform vec2 uViewport;
uniform float uRadiusPx;

out vec2 vLocal;
out vec4 vColor;
flat out int vStatus;
flat out float vUnknown;
flat out float vSolidTop;
flat out vec4 vColor2;

void main() {
    if (gHidden[0] > 0.5) return;
    const vec2 corners[4] = vec2[4](vec2(-1.0, 0.0), vec2(1.0, 0.0), vec2(-1.0, 1.0), vec2(1.0, 1.0));
    for (int i = 0; i < 4; ++i) {
        vec4 c = mix(gFoot[0], gTop[0], corners[i].y);
        c.xy += vec2(corners[i].x * uRadiusPx, 0.0) / (uViewport * 0.5) * c.w;
        gl_Position = c;
        vLocal = corners[i];
        vColor = gColor[0];
        vStatus = gStatus[0];
        vUnknown = gUnknown[0];
        vSolidTop = gSolidTop[0];
        vColor2 = gColor2[0];
        EmitVertex();
    }
    EndPrimitive();
}
