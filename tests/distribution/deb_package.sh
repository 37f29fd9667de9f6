#!/bin/sh
# The .deb: `cpack` into a scratch folder, `dpkg-deb -x` into a scratch root, then the installed binary
# (not the build tree's) validates and snapshots the installed default scenario over headless EGL, finds
# its assets under ROOT/usr/share/buildout (proved by damaging the installed basemap), and the package
# declares its dependencies and ships a valid desktop entry and an icon.
# Env: BUILD (build tree, already built), OUT (scratch folder).
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/pkg" "$OUT/root"
(cd "$BUILD" && cpack -G DEB -B "$OUT/pkg" > "$OUT/cpack.txt" 2>&1) || { cat "$OUT/cpack.txt" >&2; fail "cpack failed"; }
deb=$(ls "$OUT"/pkg/buildout_*.deb) || fail "no .deb written"
dpkg-deb -x "$deb" "$OUT/root" || fail "dpkg-deb -x failed"
root="$OUT/root"; exe="$root/usr/bin/buildout"; share="$root/usr/share/buildout"
[ -x "$exe" ] || fail "no usr/bin/buildout in the package"
for f in assets/basemaps/us-states.geojson data/scenarios/us-announced/scenario.json data/tours/us-announced-briefing.json; do
  [ -f "$share/$f" ] || fail "usr/share/buildout/$f missing"
done
[ -f "$root/usr/share/icons/hicolor/scalable/apps/buildout.svg" ] || fail "no scalable icon"
[ -f "$root/usr/share/icons/hicolor/256x256/apps/buildout.png" ] || fail "no 256x256 icon"
if [ -f "$BUILD/man/buildout.1" ]; then
  [ -f "$root/usr/share/man/man1/buildout.1" ] || fail "man page built but not packaged"
fi
# Declared dependencies: the shared libraries (dpkg-shlibdeps) and what the binary spawns or reads.
deps=$(dpkg-deb -f "$deb" Depends)
for d in libc6 libgdal libproj libegl1 libglfw3 libfreetype6 libharfbuzz0b ffmpeg fonts-inter libegl-mesa0 libgl1-mesa-dri proj-data; do
  echo "$deps" | grep -q "$d" || fail "Depends lacks $d: $deps"
done
[ "$(dpkg-deb -f "$deb" Package)" = buildout ] || fail "package name"
desktop="$root/usr/share/applications/buildout.desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejected buildout.desktop"
grep -q '^Exec=buildout' "$desktop" && grep -q '^Icon=buildout$' "$desktop" || fail "desktop entry Exec/Icon"
# The installed binary on the installed scenario, from a folder that is not the source tree.
cd "$OUT"
env -u BUILDOUT_ASSETS_DIR -u BUILDOUT_DATA_DIR "$exe" validate "$share/data/scenarios/us-announced" > validate.txt \
  || { cat validate.txt >&2; fail "installed validate failed"; }
grep -q "valid 'us-announced'" validate.txt || fail "validate output: $(cat validate.txt)"
env -u BUILDOUT_ASSETS_DIR -u BUILDOUT_DATA_DIR "$exe" snapshot "$share/data/scenarios/us-announced" --at 2030-01-01 \
  --size 320x180 --out "$OUT/snap.png" > snapshot.txt 2>&1 || { cat snapshot.txt >&2; fail "installed snapshot failed"; }
[ "$(head -c 8 snap.png | od -An -c | tr -d ' \n')" = '211PNG\r\n032\n' ] || fail "snap.png is no PNG"
# Its assets come from ROOT/usr/share/buildout: with the installed basemap damaged, it must complain
# about that file (not silently use the source tree's).
printf '{"type": "FeatureCollection", "features": [' > "$share/assets/basemaps/us-states.geojson"
set +e
env -u BUILDOUT_ASSETS_DIR "$exe" validate "$share/data/scenarios/us-announced" > damaged.txt 2>&1; rc=$?
set -e
[ $rc != 0 ] || fail "validate passed with the installed basemap damaged: it does not read its own assets"
grep -q "us-states:1:[0-9]*: error: invalid JSON" damaged.txt || fail "damaged basemap not reported: $(cat damaged.txt)"
echo "deb_package: ok ($(du -k "$deb" | cut -f1) KiB)"
