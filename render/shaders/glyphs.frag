#version 330 core
// Signed-distance glyphs, one shape per fuel (see map_style.cpp: glyphShape()).
in vec2 vLocal;
in vec4 vColor;
flat in int vStatus;
flat in float vShape;
flat in float vUnknown;
in float vRadiusPx;

uniform float uOpacity;
uniform float uPixelScale;

out vec4 fragColor;

float sdPolygon(vec2 p, float r, int n, float rot) {
    float a = atan(p.x, p.y) + rot;
    float seg = 6.2831853 / float(n);
    return cos(floor(0.5 + a / seg) * seg - a) * length(p) - r * cos(seg * 0.5);
}

float sdStar(vec2 p, float r, int n, float inner) {
    float a = atan(p.x, p.y);
    float seg = 6.2831853 / float(n);
    float f = abs(fract(a / seg) - 0.5) * 2.0; // 1 at the points, 0 between
    float rr = mix(r * inner, r, pow(f, 1.5));
    return length(p) - rr;
}

float shapeDistance(vec2 p, float r, int shape) {
    if (shape == 0) return max(length(p) - r, -(length(p) - r * 0.42));          // nuclear: ring
    if (shape == 1) return sdPolygon(p, r * 1.1, 3, 0.0);                         // gas: triangle up
    if (shape == 2) return sdPolygon(p, r * 1.02, 4, 0.785398);                   // coal: square
    if (shape == 3) return sdPolygon(vec2(p.x, -p.y), r * 1.1, 3, 0.0);           // oil: triangle down
    if (shape == 4) return sdStar(p, r * 1.15, 8, 0.62);                          // solar: sun
    if (shape == 5) return sdStar(p, r * 1.2, 3, 0.28);                           // wind: three blades
    if (shape == 6) return sdPolygon(p, r * 1.05, 4, 0.0);                        // hydro: diamond
    if (shape == 7) return max(abs(p.x) - r * 0.62, abs(p.y) - r * 0.95);         // storage: battery bar
    if (shape == 8) return sdPolygon(p, r * 1.02, 6, 0.0);                        // geothermal: hexagon
    if (shape == 9) return sdStar(p, r * 1.2, 5, 0.5);                            // fusion: star
    return length(p) - r * 0.85;                                                  // other: dot
}

void main() {
    float d = shapeDistance(vLocal, vRadiusPx, int(vShape + 0.5));
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
