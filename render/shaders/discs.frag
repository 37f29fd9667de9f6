#version 330 core
in vec2 vLocal;
in vec4 vColor;
flat in float vMode;
in float vFade;

uniform float uOpacity;

out vec4 fragColor;

void main() {
    float r = length(vLocal);
    if (r > 1.0) discard;
    float a;
    if (vMode < 0.5) {            // glow: soft bright core fading out
        a = exp(-r * r * 5.0) * 0.85;
    } else if (vMode < 1.5) {     // uncertainty: faint filled disc with a soft rim
        float aa = fwidth(r) * 1.5;
        a = 0.10 + 0.35 * smoothstep(0.86 - aa, 0.93, r) * (1.0 - smoothstep(0.97, 1.0, r));
        a *= 1.0 - smoothstep(1.0 - aa, 1.0, r);
    } else {                      // halo ring
        float aa = fwidth(r) * 1.5;
        float ring = smoothstep(0.72 - aa, 0.78, r) * (1.0 - smoothstep(0.9, 0.96 + aa, r));
        a = ring * 0.9 + exp(-r * r * 3.0) * 0.18;
    }
    fragColor = vec4(vColor.rgb, vColor.a * a * vFade * uOpacity);
}
