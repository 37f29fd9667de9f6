# Runs the buildout executable and checks its exit code and output.
#
#   cmake -DEXE=path/to/buildout -DARGS=validate|some/dir -DEXPECT_RC=0
#         [-DLINE_1=regex ... -DLINE_9=regex]        a whole line of stdout must match each
#         [-DERRLINE_1=regex ... -DERRLINE_9=regex]  a whole line of stderr must match each
#         [-DNOT_1=regex ... -DNOT_9=regex]          stdout and stderr must not match any
#         -P run_cli.cmake
#
# ARGS separates arguments with `|`. Regexes are CMake regexes; write `.` for a `;` (CTest splits on `;`).
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED EXE OR NOT DEFINED EXPECT_RC)
  message(FATAL_ERROR "run_cli.cmake needs -DEXE and -DEXPECT_RC")
endif()
set(args "")
if(DEFINED ARGS AND NOT ARGS STREQUAL "")
  string(REPLACE "|" ";" args "${ARGS}")
endif()

execute_process(COMMAND "${EXE}" ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)

set(failed FALSE)
macro(fail what)
  message(SEND_ERROR "${what}")
  set(failed TRUE)
endmacro()

if(NOT rc STREQUAL "${EXPECT_RC}")
  fail("exit code ${rc}, expected ${EXPECT_RC}")
endif()

# A pattern matches a whole line: at the start of the text or after a newline, up to a line end.
function(has_line text pattern result)
  if("${text}" MATCHES "(^|\n)${pattern}(\r?\n|$)")
    set(${result} TRUE PARENT_SCOPE)
  else()
    set(${result} FALSE PARENT_SCOPE)
  endif()
endfunction()

foreach(i RANGE 1 9)
  if(DEFINED LINE_${i})
    has_line("${out}" "${LINE_${i}}" ok)
    if(NOT ok)
      fail("no stdout line matches: ${LINE_${i}}")
    endif()
  endif()
  if(DEFINED ERRLINE_${i})
    has_line("${err}" "${ERRLINE_${i}}" ok)
    if(NOT ok)
      fail("no stderr line matches: ${ERRLINE_${i}}")
    endif()
  endif()
  if(DEFINED NOT_${i})
    if("${out}${err}" MATCHES "${NOT_${i}}")
      fail("output must not match: ${NOT_${i}}")
    endif()
  endif()
endforeach()

if(failed)
  message(FATAL_ERROR "command: ${EXE} ${ARGS}\n--- stdout ---\n${out}\n--- stderr ---\n${err}")
endif()
