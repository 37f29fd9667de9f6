#version 330 core
in vec4 vColor;
in float vPulse;
uniform float uOpacity;
out vec4 fragColor;
void main() {
    vec3 rgb = mix(vColor.rgb, vec3(1.0), vPulse * 0.45);
    fragColor = vec4(rgb, min(1.0, vColor.a + vPulse * 0.35) * uOpacity);
}
