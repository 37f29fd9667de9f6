#version 330 core
in vec2 vSeg;
flat in float vLen;
flat in float vHalfWidth;
in float vDist;
flat in int vStatus;
in vec4 vColor;
flat in vec2 vPulse; // energising pulse: strength (0 when none), front (km along the line)

uniform float uOpacity;
uniform float uDashKm;     // dash period on the ground for lines under construction

out vec4 fragColor;

void main() {
    // Distance from the segment (capsule), in px.
    float x = clamp(vSeg.x, 0.0, vLen);
    float dist = length(vec2(vSeg.x - x, vSeg.y));
    float a = 1.0 - smoothstep(vHalfWidth - 0.5, vHalfWidth + 0.75, dist);
    if (a <= 0.0) discard;
    vec3 rgb = vColor.rgb;
    float alpha = vColor.a;
    if (vStatus == 1 || vStatus == 2) {           // planned: faint dotted
        if (fract(vDist / (uDashKm * 0.5)) > 0.35) discard;
        alpha *= 0.45;
    } else if (vStatus == 3) {                    // under construction: dashed
        if (fract(vDist / uDashKm) > 0.55) discard;
        alpha *= 0.8;
    } else if (vStatus == 5) {                    // retired
        alpha *= 0.25;
    }
    // Energising: a bright pulse travels the line during its first months in service (lines.vert). Not a
    // branch: a software rasteriser would evaluate it for every fragment anyway, and 0 leaves the colour.
    float fromFront = (vDist - vPulse.y) / 60.0;
    float glow = vPulse.x * exp(-fromFront * fromFront);
    rgb = mix(rgb, vec3(1.0), glow);
    alpha = min(1.0, alpha + glow);
    fragColor = vec4(rgb, alpha * a * uOpacity);
}
