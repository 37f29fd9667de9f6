#version 330 core
// Copies a cached overlay picture (premultiplied RGBA, same size as the target) pixel for pixel; drawn
// with premultiplied-alpha blending, so it composites exactly like the overlay drawn directly.
uniform sampler2D uPicture;
out vec4 fragColor;
void main() {
    vec4 c = texelFetch(uPicture, ivec2(gl_FragCoord.xy), 0);
    if (c.a <= 0.0 && c.r + c.g + c.b <= 0.0) discard;
    fragColor = c;
}
