// The buildout executable: everything lives in buildout_app; this only hands over the arguments.
#include "app/command_line.h"

int main(int argc, char** argv) { return buildout::runCommandLine(argc, argv); }
