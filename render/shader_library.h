// Builds programs from the embedded GLSL files, resolving `#include "file.glsl"` lines.
#pragma once

#include "render/gl_objects.h"

#include <string>

namespace buildout {

/// Source of an embedded shader with its includes expanded (one level deep is all we use).
std::string expandedShaderSource(const char* name);
/// Compiles `<name>.vert` + `<name>.frag`. Throws std::runtime_error with the GL log on failure.
gl::Program makeProgram(const std::string& name);
/// Compiles `<name>.vert` + `<name>.geom` + `<name>.frag`.
gl::Program makeProgramWithGeometry(const std::string& name);

} // namespace buildout
