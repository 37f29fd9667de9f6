#define GLFW_INCLUDE_NONE
#  include <GLFW/glfw3.h> // a headless command opening a window
