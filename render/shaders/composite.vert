#version 330 core
// One quad covering the viewport, sampling the rectangle uUvMin..uUvMax of a finished map image (the
// comparison compositor's halves and swipe side).
uniform vec2 uUvMin;
uniform vec2 uUvMax;
out vec2 vUv;
void main() {
    vec2 corner = vec2((gl_VertexID == 1 || gl_VertexID == 2 || gl_VertexID == 4) ? 1.0 : 0.0,
                       (gl_VertexID == 2 || gl_VertexID == 4 || gl_VertexID == 5) ? 1.0 : 0.0);
    vUv = mix(uUvMin, uUvMax, corner);
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
