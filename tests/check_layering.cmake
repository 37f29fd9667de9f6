# The layering rule, checked on every source file's #include lines (cmake -P, no build needed):
#   core/        pure C++: no GL, EGL, GLFW or ImGui headers, nothing from render/ or app/
#   render/      every GL call: nothing from app/, no ImGui or GLFW
#   app/export/  video export: no ImGui, no GLFW, nothing from app/gui/
#   app/cli/     headless commands: no ImGui, no GLFW, nothing from app/gui/
# Usage: cmake -DROOT=<source tree> -P check_layering.cmake. Prints every violation as FILE:LINE and
# fails when there is one; tests/layering/violations holds one of each, which must fail.
if(NOT ROOT)
  message(FATAL_ERROR "check_layering: pass -DROOT=<source tree>")
endif()

set(gl_headers "GL/|GLES|EGL/|KHR/|glad|epoxy")
set(gui_headers "GLFW/|imgui|backends/imgui_impl")
# Each rule: a folder, the include pattern it must not use, and why.
set(folders core render app/export app/cli)
set(pattern_core "(${gl_headers}|${gui_headers}|render/|app/)")
set(why_core "core is pure C++ (no GL, GLFW, ImGui, render or app)")
set(pattern_render "(${gui_headers}|app/)")
set(why_render "render draws with GL only (no ImGui, GLFW or app)")
set(pattern_app/export "(${gui_headers}|app/gui/)")
set(why_app/export "export runs headless (no ImGui, GLFW or GUI code)")
set(pattern_app/cli "(${gui_headers}|app/gui/)")
set(why_app/cli "the headless commands do not link the GUI (no ImGui, GLFW or GUI code)")

set(violations 0)
set(checked 0)
foreach(folder IN LISTS folders)
  set(pattern "${pattern_${folder}}")
  set(why "${why_${folder}}")
  file(GLOB_RECURSE files "${ROOT}/${folder}/*.h" "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.cpp"
       "${ROOT}/${folder}/*.cc" "${ROOT}/${folder}/*.c")
  foreach(f IN LISTS files)
    math(EXPR checked "${checked} + 1")
    file(STRINGS "${f}" lines)
    set(lineno 0)
    foreach(line IN LISTS lines)
      math(EXPR lineno "${lineno} + 1")
      if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")
        set(header "${CMAKE_MATCH_1}")
        if(header MATCHES "^${pattern}")
          file(RELATIVE_PATH rel "${ROOT}" "${f}")
          message("${rel}:${lineno}: error: includes <${header}>: ${why}")
          math(EXPR violations "${violations} + 1")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

if(checked EQUAL 0)
  message(FATAL_ERROR "check_layering: no source files under ${ROOT}")
endif()
if(violations GREATER 0)
  message(FATAL_ERROR "check_layering: ${violations} layering violation(s) in ${checked} files")
endif()
message("check_layering: ${checked} files follow the layering")
