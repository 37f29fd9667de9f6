#!/bin/sh
# docs/shortcuts.md lists every row of the F1 help (app/gui/help_panel.cpp), key and description as
# written there, so the two cannot drift apart. Env: SRC.
set -eu
cd "$SRC"
rows=$(sed -n 's/^ *{"\([^"]*\)", "\([^"]*\)"},*$/| \1 | \2 |/p' app/gui/help_panel.cpp)
[ -n "$rows" ] || { echo "FAIL: no rows read from help_panel.cpp" >&2; exit 1; }
missing=0
echo "$rows" | while IFS= read -r row; do
  grep -qxF "$row" docs/shortcuts.md || { echo "FAIL: docs/shortcuts.md lacks the row: $row" >&2; exit 1; }
done || missing=1
[ $missing = 0 ] || exit 1
echo "shortcuts_doc: ok ($(echo "$rows" | wc -l) rows)"
