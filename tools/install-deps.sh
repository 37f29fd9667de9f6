#!/usr/bin/env bash
# Installs the Debian packages Buildout needs to build, test and run.
# Idempotent: only missing packages are installed; uses sudo when not root.
# Every dependency of the project is listed here and nowhere else.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # core: geodata, projections, JSON
  libgdal-dev libproj-dev proj-data nlohmann-json3-dev libglm-dev
  # render: OpenGL 3.3 core through libglvnd, EGL for headless, GLFW for windows, fonts and text shaping
  libgl-dev libegl-dev libegl-mesa0 libgl1-mesa-dri libglu1-mesa-dev libglfw3-dev libfreetype-dev libharfbuzz-dev libstb-dev fonts-inter
  # app: Dear ImGui 1.86 with GLFW/OpenGL3 backends and FreeType
  libimgui-dev
  # command-line options (header-only), the man page, and the importer's test inputs (ogr2ogr)
  libcli11-dev help2man gdal-bin
  # video export: libswscale (RGBA->YUV) and libavcodec/libavformat (H.264 encoded in process), the ffmpeg
  # program (spawned with an argv) for muxing, narration and the other formats, and its checks
  ffmpeg libswscale-dev libavcodec-dev libavformat-dev
  # the export manifest's frame hashes (XXH3)
  libxxhash-dev
  # tests
  catch2 xvfb xauth python3
  # packaging (cpack DEB + its test): dpkg-shlibdeps, desktop-file-validate; deploy checks: YAML parser
  dpkg-dev desktop-file-utils python3-yaml
  # fuzzing (tools/fuzz.sh, preset fuzz): clang with libFuzzer and the sanitizer runtimes
  clang-14 libclang-rt-14-dev
  # the presenter view's Xvfb test finds its windows with xdotool; docs screenshots use imagemagick
  xdotool imagemagick
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
