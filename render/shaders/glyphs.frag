#version 330 core
// Signed-distance glyphs, one shape per fuel (see map_style.cpp: glyphShape()).
in vec2 vLocal;
in vec4 vColor;
flat in int vStatus;
flat in vec4 vShapeA; // glyphs.vert shapeParameters(): kind, corners n, rotation, radius factor
flat in vec2 vShapeB; // star inner radius factor, y sign (-1 for the inverted triangle)
flat in float vUnknown;
in float vRadiusPx;

uniform float uOpacity;
uniform float uPixelScale;

out vec4 fragColor;

// One distance function for every shape, without a branch per shape: software rasterisers (llvmpipe)
// run every side of a branch on each fragment, so a chain of eleven shapes cost eight atan() and three
// pow() per pixel where one of each is enough. The per-shape constants come from the vertex shader.
float shapeDistance(vec2 p, float r) {
    int kind = int(vShapeA.x + 0.5); // 0 ring, 1 polygon, 2 star, 3 bar, 4 dot
    vec2 q = vec2(p.x, p.y * vShapeB.y);
    float len = length(q);
    float rr = r * vShapeA.w;
    float seg = 6.2831853 / vShapeA.y;
    float a = atan(q.x, q.y) + vShapeA.z;
    float polygon = cos(floor(0.5 + a / seg) * seg - a) * len - rr * cos(seg * 0.5);
    float f = abs(fract(a / seg) - 0.5) * 2.0; // 1 at the points, 0 between
    float star = len - mix(rr * vShapeB.x, rr, pow(f, 1.5));
    float ring = max(len - r, -(len - r * 0.42));
    float bar = max(abs(p.x) - r * 0.62, abs(p.y) - r * 0.95);
    float dot = len - r * 0.85;
    return kind == 1 ? polygon : kind == 2 ? star : kind == 0 ? ring : kind == 3 ? bar : dot;
}

void main() {
    float d = shapeDistance(vLocal, vRadiusPx);
    float aa = 0.8;
    float fill = 1.0 - smoothstep(-aa, aa, d);
    float outline = 1.0 - smoothstep(-aa, aa, abs(d + 0.9 * uPixelScale) - 0.9 * uPixelScale);
    float halo = 1.0 - smoothstep(0.0, 2.2 * uPixelScale, d);
    vec3 rgb = vColor.rgb;
    float a;
    if (vStatus == 1 || vStatus == 2) {          // planned: outline only
        a = outline;
    } else if (vStatus == 3) {                   // under construction: translucent fill, solid outline
        a = max(fill * 0.45, outline);
    } else if (vStatus == 5) {                   // retired
        a = fill * 0.3;
        rgb = mix(rgb, vec3(0.5), 0.6);
    } else {
        a = fill;
    }
    if (vUnknown > 0.5 && vStatus >= 3) a = max(outline, a * 0.35);
    // Dark halo separates overlapping glyphs and lifts them off any background.
    vec4 base = vec4(0.02, 0.03, 0.06, 0.65 * halo * (1.0 - a));
    vec4 col = vec4(rgb, a);
    vec4 outc = vec4(col.rgb * col.a + base.rgb * base.a * (1.0 - col.a), col.a + base.a * (1.0 - col.a));
    if (outc.a <= 0.002) discard;
    fragColor = vec4(outc.rgb / outc.a, outc.a * uOpacity);
}
