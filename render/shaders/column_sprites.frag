#version 330 core
in vec2 vLocal;
in vec4 vColor;
flat in int vStatus;
flat in float vUnknown;
flat in float vSolidTop; // up the sprite (0..1): the solid part ends here, the translucent begins
flat in vec4 vColor2;
uniform int uPass;
uniform float uOpacity;
uniform float uPixelScale;
out vec4 fragColor;
void main() {
    if (uPass == 1) {
        // Ghost outline for plans: only the sprite's rim.
        if (abs(vLocal.x) < 0.6 && vLocal.y < 0.96) discard;
        fragColor = vec4(mix(vColor.rgb, vec3(1.0), 0.35), 0.5 * uOpacity);
        return;
    }
    if (vUnknown > 0.5 && mod(gl_FragCoord.x + gl_FragCoord.y, 7.0 * uPixelScale) < 3.0 * uPixelScale) discard;
    // Cylinder shading across the sprite, light from the upper left.
    float nx = vLocal.x;
    float diffuse = clamp(0.55 - 0.45 * nx + 0.25 * sqrt(max(1.0 - nx * nx, 0.0)), 0.0, 1.0);
    bool upper = vLocal.y > vSolidTop;
    vec3 lit = (upper ? vColor2.rgb : vColor.rgb) * (0.45 + 0.6 * diffuse) * mix(0.8, 1.1, vLocal.y);
    float alpha = upper ? 0.5 : vStatus == 5 ? 0.28 : 1.0;
    if (vStatus == 6) {
        // Cancelled: faded cancelled red, struck through (as columns.frag).
        alpha = mod(gl_FragCoord.x - gl_FragCoord.y, 6.0 * uPixelScale) < 2.0 * uPixelScale ? 0.85 : 0.3;
        lit = mix(vec3(dot(lit, vec3(0.3, 0.59, 0.11))), vec3(0.63, 0.28, 0.28), 0.75);
    }
    fragColor = vec4(lit, alpha * uOpacity);
}
