#version 330 core
// Overlay painter (render/overlay_painter.h): analytic anti-aliasing; output is premultiplied alpha.
// Compiled three times, with OVERLAY_PASS defined after the #version line by the painter:
//   0: shapes (rounded rectangles and circles, lines, plain coverage polygons);
//   1: text, one distance sample per pixel (large text);
//   2: text, four samples per pixel (small text, where stems are about a pixel wide);
//   3: a text sprite: a copy of text drawn earlier into the sprite atlas (render/text_sprite_atlas.h).
// Separate programs keep each one lean: software rasterisers (llvmpipe) pay for every branch.
#ifndef OVERLAY_PASS
#define OVERLAY_PASS 0
#endif

in vec2 vPos;
in vec2 vLocal;
flat in vec4 vColor;
flat in vec4 vColor2;
flat in vec4 vParams;
flat in ivec3 vMode;

out vec4 fragColor;

vec4 premul(vec4 c) { return vec4(c.rgb * c.a, c.a); }

#if OVERLAY_PASS == 0

const int MODE_ROUND_RECT = 1;
const int MODE_LINE = 2;

float roundBoxDistance(vec2 p, vec2 halfSize, float r) {
    vec2 q = abs(p) - halfSize + r;
    return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - r;
}

// Rounded rectangle (circles too): vLocal = position from the centre, px; vParams = half size, corner
// radius, border width (inside the edge).
vec4 shadeRoundRect() {
    float d = roundBoxDistance(vLocal, vParams.xy, vParams.z);
    float border = vParams.w;
    float outer = clamp(0.5 - d, 0.0, 1.0);
    float inner = border > 0.0 ? clamp(0.5 - (d + border), 0.0, 1.0) : 1.0;
    return mix(premul(vColor2), premul(vColor), inner) * outer;
}

// Line with round caps: vLocal = (distance along from a, distance across), px; vParams = length, half
// width, dash length (0 = solid), opacity factor.
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
    if (vMode.x == MODE_ROUND_RECT) c = shadeRoundRect();
    else if (vMode.x == MODE_LINE) c = shadeLine();
    else c = premul(vColor) * clamp(vLocal.x, 0.0, 1.0); // plain: vLocal.x = coverage
    if (c.a <= 0.0) discard;
    fragColor = c;
}

#elif OVERLAY_PASS == 3

uniform sampler2D uSprites; // premultiplied RGBA8, drawn by passes 1 and 2 with the painter's y-down pixels
uniform float uSpriteSide;  // texels

// vLocal: atlas position in the painter's pixels (y down). The sprite's quad lies on whole pixels of
// both target and atlas, so each pixel centre maps to a texel centre: an exact copy.
void main() {
    vec4 c = texelFetch(uSprites, ivec2(floor(vec2(vLocal.x, uSpriteSide - vLocal.y))), 0);
    if (c.a <= 0.0 && c.r + c.g + c.b <= 0.0) discard;
    fragColor = c;
}

#else // text

uniform sampler2D uAtlas;      // R8 signed distance fields: 128 = edge, brighter = inside
uniform vec2 uAtlasSize;       // texels
uniform samplerBuffer uGlyphs; // two texels per glyph: (origin px, px per texel, spread texels), atlas rect

#if OVERLAY_PASS == 2
const int SAMPLES = 4;
// Rotated-grid offsets (px); each sample stands for a quarter pixel, so its ramp is half a pixel wide.
const vec2 OFFSETS[4] = vec2[4](vec2(-0.125, -0.375), vec2(0.375, -0.125), vec2(0.125, 0.375), vec2(-0.375, 0.125));
const float RAMP = 2.0;
#else
const int SAMPLES = 1;
const vec2 OFFSETS[1] = vec2[1](vec2(0.0));
const float RAMP = 1.0;
#endif

// The quads of a text line do not overlap, and each sees every glyph (vMode.y..vMode.z) that can reach
// it; the distance to their union is the maximum of their distances. So each pixel is shaded once:
// neighbouring halos never double up and no halo covers a neighbour's fill.
void main() {
    float halo = vParams.x;   // px
    float dilate = vParams.y; // px added to the outline (weight compensation at small sizes)
    float d[SAMPLES];
    for (int s = 0; s < SAMPLES; ++s) d[s] = -1e4;
    for (int i = vMode.y; i <= vMode.z; ++i) {
        vec4 g0 = texelFetch(uGlyphs, 2 * i);
        vec4 g1 = texelFetch(uGlyphs, 2 * i + 1);
        float toTexels = 1.0 / g0.z;
        for (int s = 0; s < SAMPLES; ++s) {
            vec2 t = g1.xy + (vPos + OFFSETS[s] - g0.xy) * toTexels;
            vec2 tc = clamp(t, g1.xy + 0.5, g1.zw - 0.5);
            float v = textureLod(uAtlas, tc / uAtlasSize, 0.0).r;
            float texels = (v * 255.0 - 128.0) * (g0.w / 128.0) - length(t - tc);
            d[s] = max(d[s], texels * g0.z);
        }
    }
    float fill = 0.0, outline = 0.0;
    for (int s = 0; s < SAMPLES; ++s) {
        fill += clamp((d[s] + dilate) * RAMP + 0.5, 0.0, 1.0);
        outline += clamp((d[s] + dilate + halo) * RAMP + 0.5, 0.0, 1.0);
    }
    fill /= float(SAMPLES);
    outline /= float(SAMPLES);
    vec4 f = premul(vColor) * fill;
    vec4 h = halo > 0.0 ? premul(vColor2) * outline : vec4(0.0);
    vec4 c = f + h * (1.0 - f.a);
    if (c.a <= 0.0) discard;
    fragColor = c;
}

#endif
