#version 330 core
// Deep navy with a soft vignette: calm behind the data, no banding at 8 bits thanks to a tiny dither.
in vec2 vUv;
uniform vec3 uCenterColor;
uniform vec3 uEdgeColor;
out vec4 fragColor;
void main() {
    vec2 d = vUv - vec2(0.5, 0.55);
    float v = smoothstep(0.15, 0.95, length(d * vec2(1.2, 1.0)));
    vec3 rgb = mix(uCenterColor, uEdgeColor, v);
    float dither = fract(sin(dot(gl_FragCoord.xy, vec2(12.9898, 78.233))) * 43758.5453) / 255.0;
    fragColor = vec4(rgb + dither, 1.0);
}
