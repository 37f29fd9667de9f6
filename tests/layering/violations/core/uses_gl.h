#include <GL/gl.h> // a core header reaching for GL: must be reported
