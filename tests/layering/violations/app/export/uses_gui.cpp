#include "app/gui/ui_state.h" // export depending on the GUI
