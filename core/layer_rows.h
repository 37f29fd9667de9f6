// Turns the rows of one layer file into entities of its kind, checking every cell (spec "Layer kinds").
// References between entities (members, serves, series ids) are only collected here; the loader resolves
// them once every file is read.
#pragma once

#include "diagnostics.h"
#include "manifest_reader.h"
#include "scenario.h"
#include "table_reader.h"

#include <string>
#include <vector>

namespace buildout {

/// An id named in a cell that must exist somewhere, checked after all files are read.
struct PendingRef {
    EntityKind from = EntityKind::Datacenter; ///< kind of the entity that names it
    int fromIndex = -1;
    std::string id;
    int file = -1;
    int line = 0;
    enum class Role { Member, Serves } role = Role::Member;
};

/// A series row kept until its metric and target are checked.
struct PendingSample {
    std::string id, metric;
    TimeDays t = 0;
    double value = 0;
    int file = -1;
    int line = 0;
};

struct LayerReadContext {
    Scenario& scenario;
    Diagnostics& diag;
    int fileIndex = -1;
    std::string display; ///< file name in messages
    bool csvColumns = false; ///< rows have CSV columns, so cell problems can name a column number
    std::vector<PendingRef>& refs;
    std::vector<PendingSample>& samples;
    TableReadOptions read; ///< passed to readTable (the loader hashes the bytes it reads)
};

/// Reads one layer file into `ctx.scenario`. Entities of rows with errors are not added.
void readLayerFile(const LayerEntry& layer, LayerReadContext& ctx);

} // namespace buildout
