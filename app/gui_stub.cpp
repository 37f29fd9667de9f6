// TEMPORARY while the renderer lands: replaced by gui_app.cpp in the same change series.
#include "app/commands.h"
#include "app/cli_args.h"
namespace buildout {
int runGui(const std::vector<std::string>&) { throw UsageError("GUI not built yet"); }
}
