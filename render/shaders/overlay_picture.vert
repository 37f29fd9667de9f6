#version 330 core
// Rectangles (px, y down, like the painter's) of an overlay picture that hold anything: the picture is
// copied only there, not over the whole frame.
layout(location = 0) in vec2 aPos;
uniform vec2 uViewport;
void main() {
    gl_Position = vec4(aPos.x / uViewport.x * 2.0 - 1.0, 1.0 - aPos.y / uViewport.y * 2.0, 0.0, 1.0);
}
