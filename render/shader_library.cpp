// Include expansion and program creation for embedded shaders.
#include "render/shader_library.h"

#include "render/shader_sources.h"

#include <sstream>

namespace buildout {

std::string expandedShaderSource(const char* name) {
    std::istringstream in(shaderSource(name));
    std::string line, out;
    while (std::getline(in, line)) {
        const auto pos = line.find("#include \"");
        if (pos == 0) {
            const auto end = line.find('"', 10);
            const std::string inc = line.substr(10, end - 10);
            out += shaderSource(inc.c_str());
            out += "\n";
        } else {
            out += line;
            out += "\n";
        }
    }
    return out;
}

gl::Program makeProgramWithGeometry(const std::string& name) {
    return gl::Program(name, expandedShaderSource((name + ".vert").c_str()), expandedShaderSource((name + ".frag").c_str()),
                       expandedShaderSource((name + ".geom").c_str()));
}

gl::Program makeProgram(const std::string& name) {
    return gl::Program(name, expandedShaderSource((name + ".vert").c_str()),
                       expandedShaderSource((name + ".frag").c_str()));
}

} // namespace buildout
