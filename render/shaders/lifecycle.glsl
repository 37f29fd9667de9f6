// Lifecycle and capacity at time t, evaluated per vertex so advancing time costs one uniform.
// Times are days since 2000-01-01; an unknown date is NEVER.
const float NEVER = 1.0e30;

// Status codes, as core's Status: 0 absent, 1 announced, 2 permitted, 3 construction, 4 operating,
// 5 retired, 6 cancelled. `fixedStatus` >= 0 is the status of an undated entity for the whole scenario.
int statusAt(vec4 d0, vec2 d1, float fixedStatus, float t) {
    if (fixedStatus >= 0.0) return int(fixedStatus + 0.5);
    int s = 0;
    float best = -NEVER;
    if (d0.x <= t && d0.x >= best) { s = 1; best = d0.x; }
    if (d0.y <= t && d0.y >= best) { s = 2; best = d0.y; }
    if (d0.z <= t && d0.z >= best) { s = 3; best = d0.z; }
    if (d0.w <= t && d0.w >= best) { s = 4; best = d0.w; }
    if (d1.x <= t && d1.x >= best) { s = 5; best = d1.x; }
    if (d1.y <= t && d1.y >= best) { s = 6; best = d1.y; }
    return s;
}

// Capacity samples live in a texture buffer of (time, MW) pairs. `steps` = (offset, count); count 0
// means "no series: use the nameplate". Step series rise over `ramp` days after each sample instead of
// jumping, so columns grow smoothly; linear series interpolate.
uniform samplerBuffer uSteps;

float capacityAt(float nameplate, vec2 steps, bool linearSeries, float t, float ramp) {
    int offset = int(steps.x + 0.5);
    int count = int(steps.y + 0.5);
    if (count == 0) return nameplate;
    vec2 first = texelFetch(uSteps, offset).xy;
    float value = first.y;
    float prevT = first.x;
    float prevV = first.y;
    for (int i = 1; i < 64; ++i) {
        if (i >= count) break;
        vec2 s = texelFetch(uSteps, offset + i).xy;
        if (linearSeries) {
            if (t >= s.x) value = s.y;
            else if (t > prevT) value = mix(prevV, s.y, (t - prevT) / max(s.x - prevT, 1e-3));
        } else {
            value += (s.y - prevV) * smoothstep(s.x, s.x + ramp, t);
        }
        prevT = s.x;
        prevV = s.y;
    }
    return value;
}

// Comparison diff map (uDiffMode 1): one colour per instance (texel `index` of uDiffColors: the
// instance, or the vertex where each campus is one point) replaces the layer's own; alpha 0 hides it
// (absent at t, or drawn from the other scenario). Returns false when the instance is hidden.
uniform int uDiffMode;
uniform samplerBuffer uDiffColors;
bool applyDiffColor(inout vec4 color, int index) {
    if (uDiffMode == 0) return true;
    vec4 d = texelFetch(uDiffColors, index);
    color = vec4(d.rgb, 1.0);
    return d.a > 0.0;
}

// Dense layers (uClustered 1): a merged group's MW by band (x operating, y construction, z planned) at
// time t, interpolated between even knots: texels offset .. offset + count - 1 of uBands; uKnots = (time of
// knot 0, days between knots, count).
uniform int uClustered;
uniform samplerBuffer uBands;
uniform vec3 uKnots;
vec3 clusterBands(float offset, float t) {
    float f = clamp((t - uKnots.x) / uKnots.y, 0.0, uKnots.z - 1.0);
    int k = int(floor(f));
    int k1 = min(k + 1, int(uKnots.z + 0.5) - 1);
    int o = int(offset + 0.5);
    return mix(texelFetch(uBands, o + k).xyz, texelFetch(uBands, o + k1).xyz, f - float(k));
}
