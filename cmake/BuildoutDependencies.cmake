# Finds every third-party dependency (all Debian packages) and fails early with the package to install.
# `bash tools/install-deps.sh` installs all of them.

macro(buildout_require found what package)
  if(NOT ${found})
    message(FATAL_ERROR "Buildout: ${what} not found. Install the Debian package `${package}` "
                        "(or run `bash tools/install-deps.sh`, which installs everything).")
  endif()
endmacro()

find_package(PkgConfig)
buildout_require(PkgConfig_FOUND "pkg-config" "pkg-config")

find_package(GDAL CONFIG QUIET)
if(NOT GDAL_FOUND)
  find_package(GDAL QUIET)
endif()
buildout_require(GDAL_FOUND "GDAL/OGR" "libgdal-dev")

find_package(PROJ CONFIG QUIET)
buildout_require(PROJ_FOUND "PROJ" "libproj-dev")

find_package(nlohmann_json 3.10 CONFIG QUIET)
buildout_require(nlohmann_json_FOUND "nlohmann-json" "nlohmann-json3-dev")

find_package(CLI11 2 CONFIG QUIET)
buildout_require(CLI11_FOUND "CLI11 (command-line options)" "libcli11-dev")

find_package(glm CONFIG QUIET)
buildout_require(glm_FOUND "GLM" "libglm-dev")

set(OpenGL_GL_PREFERENCE GLVND)
find_package(OpenGL QUIET COMPONENTS OpenGL EGL)
buildout_require(OpenGL_OpenGL_FOUND "OpenGL (libOpenGL)" "libgl-dev")
buildout_require(OpenGL_EGL_FOUND "EGL" "libegl-dev")
buildout_require(OPENGL_GLU_FOUND "GLU (polygon tessellation)" "libglu1-mesa-dev")

find_package(glfw3 3.3 CONFIG QUIET)
buildout_require(glfw3_FOUND "GLFW 3.3" "libglfw3-dev")

find_package(Freetype QUIET)
buildout_require(FREETYPE_FOUND "FreeType" "libfreetype-dev")

pkg_check_modules(HARFBUZZ QUIET IMPORTED_TARGET harfbuzz)
buildout_require(HARFBUZZ_FOUND "HarfBuzz (text shaping)" "libharfbuzz-dev")

pkg_check_modules(STB QUIET IMPORTED_TARGET stb)
buildout_require(STB_FOUND "stb (stb_image_write)" "libstb-dev")

pkg_check_modules(IMGUI QUIET IMPORTED_TARGET imgui)
buildout_require(IMGUI_FOUND "Dear ImGui" "libimgui-dev")

pkg_check_modules(SWSCALE QUIET IMPORTED_TARGET libswscale libavutil)
buildout_require(SWSCALE_FOUND "FFmpeg libswscale (export's RGBA->YUV)" "libswscale-dev")

pkg_check_modules(XXHASH QUIET IMPORTED_TARGET libxxhash)
buildout_require(XXHASH_FOUND "xxHash (the export manifest's frame hashes)" "libxxhash-dev")

pkg_check_modules(AVCODEC QUIET IMPORTED_TARGET libavcodec libavformat libavutil)
buildout_require(AVCODEC_FOUND "FFmpeg libavcodec + libavformat (export's H.264 encoding)" "libavcodec-dev libavformat-dev")

find_package(Threads REQUIRED)

if(BUILDOUT_BUILD_TESTS)
  find_package(Catch2 2 CONFIG QUIET)
  buildout_require(Catch2_FOUND "Catch2 v2" "catch2")
endif()

# The man page is made by help2man from `buildout --help` (target buildout_man); optional at configure time.
find_program(BUILDOUT_HELP2MAN help2man)
# ogr2ogr (gdal-bin) makes the XLSX and GeoPackage inputs of the import tests.
find_program(BUILDOUT_OGR2OGR ogr2ogr)

# The UI font; the app falls back to ImGui's built-in font if it is missing at run time.
set(BUILDOUT_FONT_DIR "/usr/share/fonts/opentype/inter" CACHE PATH "Folder with Inter-*.otf (Debian fonts-inter)")
