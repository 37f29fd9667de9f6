#version 330 core
// Lit columns with lifecycle styling: construction translucent, operating solid with an emissive top,
// retired faded, cancelled a struck-out red plate, unknown capacity hatched, announced drawn as ghost
// edges (pass 1).
in vec3 vNormal;
in vec4 vColor;
in float vHeightFrac;
flat in int vStatus;
flat in float vUnknown;
flat in float vApprox;

uniform int uPass;
uniform float uOpacity;
uniform float uPixelScale;

out vec4 fragColor;

void main() {
    vec3 base = vColor.rgb;
    if (uPass == 1) {
        fragColor = vec4(mix(base, vec3(1.0), 0.35), 0.55 * uOpacity);
        return;
    }
    if (vUnknown > 0.5) {
        // Diagonal hatching: capacity not disclosed, so no solid height is claimed.
        float stripe = mod(gl_FragCoord.x + gl_FragCoord.y, 7.0 * uPixelScale);
        if (stripe < 3.0 * uPixelScale) discard;
    }
    vec3 n = normalize(vNormal);
    vec3 lightDir = normalize(vec3(-0.45, -0.6, 0.75));
    float diffuse = max(dot(n, lightDir), 0.0);
    float top = n.z > 0.5 ? 1.0 : 0.0;
    vec3 lit = base * (0.38 + 0.62 * diffuse) + top * base * 0.35;
    // A little darker at the foot, brighter towards the top: reads as height from far away.
    lit *= mix(0.75, 1.08, vHeightFrac);
    float alpha = 1.0;
    if (vStatus == 3) { alpha = 0.5; lit = mix(lit, vec3(1.0), 0.1); }
    else if (vStatus == 4) { lit += top * base * 0.25; }
    else if (vStatus == 5) { alpha = 0.28; lit = mix(lit, vec3(dot(lit, vec3(0.3, 0.59, 0.11))), 0.7); }
    else if (vStatus == 6) {
        // Cancelled: a faded plate in the cancelled red, struck through with diagonal stripes.
        float stripe = mod(gl_FragCoord.x - gl_FragCoord.y, 6.0 * uPixelScale);
        alpha = stripe < 2.0 * uPixelScale ? 0.85 : 0.3;
        lit = mix(vec3(dot(lit, vec3(0.3, 0.59, 0.11))), vec3(0.63, 0.28, 0.28), 0.75);
    }
    fragColor = vec4(lit, alpha * uOpacity);
}
