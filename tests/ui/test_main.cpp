// Catch2 main for the UI tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
