# Runs `buildout snapshot ...` and checks its exit code, a stderr line and, optionally, the PNG it wrote.
#
#   cmake -DEXE=path/to/buildout -DARGS=snapshot|dir|--at|2030|... -DEXPECT_RC=0
#         [-DPNG=file -DWIDTH=w -DHEIGHT=h]  the file must be written, be a PNG, and have that size
#         [-DNOFILE=file]                    the file must not exist afterwards (removed first)
#         [-DERRLINE=regex]                  a whole line of stderr must match
#         -P snapshot_cli.cmake
#
# ARGS separates arguments with `|`.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED EXE OR NOT DEFINED EXPECT_RC OR NOT DEFINED ARGS)
  message(FATAL_ERROR "snapshot_cli.cmake needs -DEXE, -DARGS and -DEXPECT_RC")
endif()
string(REPLACE "|" ";" args "${ARGS}")
foreach(f PNG NOFILE)
  if(DEFINED ${f})
    file(REMOVE "${${f}}" "${${f}}.partial")
  endif()
endforeach()

execute_process(COMMAND "${EXE}" ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)

set(problems "")
if(NOT rc STREQUAL "${EXPECT_RC}")
  string(APPEND problems "exit code ${rc}, expected ${EXPECT_RC}\n")
endif()
if(DEFINED ERRLINE AND NOT "${err}" MATCHES "(^|\n)${ERRLINE}(\r?\n|$)")
  string(APPEND problems "no stderr line matches: ${ERRLINE}\n")
endif()
if(DEFINED NOFILE AND EXISTS "${NOFILE}")
  string(APPEND problems "'${NOFILE}' must not have been written\n")
endif()

if(DEFINED PNG)
  if(NOT EXISTS "${PNG}")
    string(APPEND problems "'${PNG}' was not written\n")
  else()
    if(EXISTS "${PNG}.partial")
      string(APPEND problems "the temporary '${PNG}.partial' was left behind\n")
    endif()
    # Signature (8 bytes), IHDR chunk length (4) and type (4), then width and height (big-endian 4 bytes each).
    file(READ "${PNG}" head LIMIT 24 HEX)
    string(SUBSTRING "${head}" 0 16 signature)
    string(SUBSTRING "${head}" 24 8 chunk)
    string(SUBSTRING "${head}" 32 8 w_hex)
    string(SUBSTRING "${head}" 40 8 h_hex)
    if(NOT signature STREQUAL "89504e470d0a1a0a")
      string(APPEND problems "'${PNG}' is not a PNG (starts with ${signature})\n")
    elseif(NOT chunk STREQUAL "49484452")
      string(APPEND problems "'${PNG}' does not start with an IHDR chunk (${chunk})\n")
    else()
      math(EXPR w "0x${w_hex}")
      math(EXPR h "0x${h_hex}")
      if(DEFINED WIDTH AND NOT w EQUAL WIDTH)
        string(APPEND problems "'${PNG}' is ${w} pixels wide, expected ${WIDTH}\n")
      endif()
      if(DEFINED HEIGHT AND NOT h EQUAL HEIGHT)
        string(APPEND problems "'${PNG}' is ${h} pixels high, expected ${HEIGHT}\n")
      endif()
    endif()
  endif()
endif()

if(NOT problems STREQUAL "")
  list(JOIN args " " shown)
  message(FATAL_ERROR "${problems}command: ${EXE} ${shown}\n--- stdout ---\n${out}\n--- stderr ---\n${err}")
endif()
