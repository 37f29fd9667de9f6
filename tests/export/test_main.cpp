// The Catch2 v2 main for buildout_export_tests (kept alone: it is the slow file to compile).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
