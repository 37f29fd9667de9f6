// The buildout executable: the headless commands (app/cli) and, for anything else, the app (app/gui).
#include "app/cli/command_line.h"
#include "app/gui/gui_app.h"

int main(int argc, char** argv) { return buildout::runCommandLine(argc, argv, &buildout::runGui); }
