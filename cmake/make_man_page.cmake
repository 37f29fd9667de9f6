# Writes buildout(1) from the binary's own help: `buildout --help` and `--version` through help2man, and
# every command's `--help` as a COMMANDS section (so the man page and the help cannot disagree).
#   cmake -DEXE=buildout -DHELP2MAN=help2man -DOUT=man/buildout.1 -P make_man_page.cmake
cmake_minimum_required(VERSION 3.25)

get_filename_component(dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
set(include_file "${dir}/buildout.h2m")
set(text "[COMMANDS]\nEach command runs headless (no display needed). Its options, as `buildout COMMAND --help` prints them:\n")
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

# help2man finds the SYNOPSIS in "Usage: ... / or: ..." lines; our help writes "usage:" and aligns the
# other forms. A wrapper named `buildout` rewrites those two things for help2man only.
set(wrapper "${dir}/bin/buildout")
file(MAKE_DIRECTORY "${dir}/bin")
file(WRITE "${wrapper}" "#!/bin/sh\n\"${EXE}\" \"$@\" | sed -e 's/^usage: /Usage: /' -e 's/^       buildout /    or: buildout /'\n")
file(CHMOD "${wrapper}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

execute_process(COMMAND "${HELP2MAN}" --no-info --section=1 --source=Buildout
                        "--name=animated maps of AI infrastructure build-out"
                        --include=${include_file} --output=${OUT} "${wrapper}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc}): ${err}")
endif()
