#include "render/map_renderer.h" // core depending on render
