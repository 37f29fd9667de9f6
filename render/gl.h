// The one include for OpenGL 3.3 core declarations. Entry points come straight from libglvnd's
// libOpenGL, which dispatches to whichever context is current (GLX through GLFW, or EGL headless),
// so no loader library is needed.
#pragma once

#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
