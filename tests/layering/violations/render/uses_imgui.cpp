#include <imgui.h> // render drawing ImGui
