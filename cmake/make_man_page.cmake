# Writes buildout(1) from the binary's own help: `buildout --help` and `--version` through help2man, and
# every command's `--help` as a COMMANDS section (so the man page and the help cannot disagree).
#   cmake -DEXE=buildout -DHELP2MAN=help2man -DOUT=man/buildout.1 -P make_man_page.cmake
cmake_minimum_required(VERSION 3.25)

get_filename_component(dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
set(include_file "${dir}/buildout.h2m")
set(text "[DESCRIPTION]\nBuildout animates the build-out of AI datacenters, power plants and transmission over time on a map.\nWithout a command it opens the desktop app; the commands below run headless (no display needed).\n\n[COMMANDS]\n")
foreach(cmd validate info diff snapshot render import)
  execute_process(COMMAND "${EXE}" ${cmd} --help RESULT_VARIABLE rc OUTPUT_VARIABLE help ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EXE} ${cmd} --help failed (${rc}): ${err}")
  endif()
  # roff: a backslash is written \e; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" help "${help}")
  string(APPEND text ".SS \"buildout ${cmd}\"\n.nf\n${help}.fi\n")
endforeach()
string(APPEND text "\n[SEE ALSO]\nThe documentation in /usr/share/doc/buildout and docs/ of the source: getting started, the scenario\nformat, importing your own data (docs/importing.md), tours, export, comparison.\n")
file(WRITE "${include_file}" "${text}")

execute_process(COMMAND "${HELP2MAN}" --no-info --section=1 --source=Buildout
                        "--name=animated maps of AI infrastructure build-out"
                        --include=${include_file} --output=${OUT} "${EXE}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc}): ${err}")
endif()
