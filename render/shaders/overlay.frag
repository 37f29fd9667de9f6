// Overlay painter: analytic anti-aliasing for every mode; output is premultiplied alpha.
#version 330 core

in vec2 vPos;
in vec2 vLocal;
flat in vec4 vColor;
flat in vec4 vColor2;
flat in vec4 vParams;
flat in ivec3 vMode;

uniform sampler2D uAtlas;      // R8 signed distance fields, 128 = edge, inside brighter
uniform vec2 uAtlasSize;       // texels
uniform samplerBuffer uGlyphs; // two texels per glyph: (origin px, px per texel, spread), (atlas rect)

out vec4 fragColor;

const int MODE_TEXT = 0;
const int MODE_ROUND_RECT = 1;
const int MODE_LINE = 2;
const int MODE_PLAIN = 3;

// Signed distance (px, positive inside) to the union of the glyphs vMode.y..vMode.z at pixel position p.
// The quads of a text run do not overlap, and each one sees every glyph that can reach it, so each pixel
// is shaded once: neighbouring halos never double up and a halo never covers a neighbour's fill.
float glyphDistance(vec2 p) {
    float d = -1e4;
    for (int i = vMode.y; i <= vMode.z; ++i) {
        vec4 g0 = texelFetch(uGlyphs, 2 * i);
        vec4 g1 = texelFetch(uGlyphs, 2 * i + 1);
        vec2 t = g1.xy + (p - g0.xy) / g0.z;
        vec2 tc = clamp(t, g1.xy + 0.5, g1.zw - 0.5);
        float v = textureLod(uAtlas, tc / uAtlasSize, 0.0).r;
        float texels = (v * 255.0 - 128.0) / 128.0 * g0.w - length(t - tc);
        d = max(d, texels * g0.z);
    }
    return d;
}

vec4 premul(vec4 c) { return vec4(c.rgb * c.a, c.a); }

vec4 shadeText() {
    float halo = vParams.x;   // px
    float dilate = vParams.y; // px added to the glyph outline (weight compensation at small sizes)
    float fill = 0.0, outline = 0.0;
    if (vParams.z > 1.5) {
        // Small text: four rotated-grid samples, each with a half-pixel ramp, estimate coverage far better
        // than one sample where stems and counters are about a pixel wide.
        const vec2 offs[4] = vec2[4](vec2(-0.125, -0.375), vec2(0.375, -0.125), vec2(0.125, 0.375),
                                     vec2(-0.375, 0.125));
        for (int s = 0; s < 4; ++s) {
            float d = glyphDistance(vPos + offs[s]) + dilate;
            fill += clamp(d * 2.0 + 0.5, 0.0, 1.0);
            outline += clamp((d + halo) * 2.0 + 0.5, 0.0, 1.0);
        }
        fill *= 0.25;
        outline *= 0.25;
    } else {
        float d = glyphDistance(vPos) + dilate;
        fill = clamp(d + 0.5, 0.0, 1.0);
        outline = clamp(d + halo + 0.5, 0.0, 1.0);
    }
    vec4 f = premul(vColor) * fill;
    vec4 h = halo > 0.0 ? premul(vColor2) * outline : vec4(0.0);
    return f + h * (1.0 - f.a);
}

float roundBoxDistance(vec2 p, vec2 halfSize, float r) {
    vec2 q = abs(p) - halfSize + r;
    return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - r;
}

vec4 shadeRoundRect() {
    float d = roundBoxDistance(vLocal, vParams.xy, vParams.z);
    float border = vParams.w;
    float outer = clamp(0.5 - d, 0.0, 1.0);
    float inner = border > 0.0 ? clamp(0.5 - (d + border), 0.0, 1.0) : 1.0;
    return mix(premul(vColor2), premul(vColor), inner) * outer;
}

vec4 shadeLine() {
    float len = vParams.x, halfWidth = vParams.y, dash = vParams.z;
    float s = vLocal.x;
    float along = max(max(-s, s - len), 0.0);
    if (dash > 0.0) {
        // Dashes of length `dash` (round caps included) every 2*dash, the first starting at s = 0; dashes
        // stay between the end points, and one cut short by the end is shortened.
        float period = 2.0 * dash;
        float k0 = floor(s / period);
        along = 1e4;
        for (int j = -1; j <= 1; ++j) {
            float k = (k0 + float(j)) * period;
            float c0 = max(k + min(halfWidth, dash * 0.5), min(halfWidth, len * 0.5));
            float c1 = min(k + max(dash - halfWidth, dash * 0.5), max(len - halfWidth, len * 0.5));
            if (c0 <= c1) along = min(along, max(max(c0 - s, s - c1), 0.0));
        }
    }
    float d = length(vec2(along, vLocal.y)) - halfWidth;
    return premul(vColor) * (clamp(0.5 - d, 0.0, 1.0) * vParams.w);
}

void main() {
    vec4 c;
    if (vMode.x == MODE_TEXT) c = shadeText();
    else if (vMode.x == MODE_ROUND_RECT) c = shadeRoundRect();
    else if (vMode.x == MODE_LINE) c = shadeLine();
    else c = premul(vColor) * clamp(vLocal.x, 0.0, 1.0);
    if (c.a <= 0.0) discard;
    fragColor = c;
}
