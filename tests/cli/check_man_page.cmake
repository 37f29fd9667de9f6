# The man page made by the buildout_man target exists, is roff, and names every command and key options.
#   cmake -DMAN=build/man/buildout.1 -P check_man_page.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT EXISTS "${MAN}")
  message(FATAL_ERROR "${MAN} missing: build the buildout_man target")
endif()
file(READ "${MAN}" man)
string(REPLACE "\\-" "-" man "${man}") # roff writes a hyphen-minus as \-
foreach(pattern "^.\\\\\" DO NOT MODIFY THIS FILE" "\n\\.TH BUILDOUT \"1\"" "\\.SH COMMANDS" "--version"
                "buildout validate" "buildout info" "buildout diff" "buildout snapshot" "buildout render"
                "buildout import" "--status-map" "--samples N" "--kind" "Exit codes")
  if(NOT man MATCHES "${pattern}")
    message(SEND_ERROR "${MAN}: no /${pattern}/")
  endif()
endforeach()
