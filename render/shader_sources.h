// GLSL sources of render/shaders/, embedded into the binary at build time (cmake/EmbedShaders.cmake).
#pragma once

namespace buildout {

/// Source of the shader file `name` (e.g. "columns.vert"). Throws std::runtime_error if there is none.
const char* shaderSource(const char* name);

} // namespace buildout
