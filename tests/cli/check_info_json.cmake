# `buildout info tests/data/valid/hand --at 2026-07-01 --json`: exit 0 and the figures worked out by hand
# (see tests/core/test_summary.cpp for the arithmetic).
#   cmake -DEXE=path/to/buildout -DSCENARIO=tests/data/valid/hand -P check_info_json.cmake
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND "${EXE}" info "${SCENARIO}" --at 2026-07-01 --json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit code ${rc}, expected 0\n${out}\n${err}")
endif()

set(failed FALSE)
# expect(REGEX key...): the JSON value at the path must match REGEX entirely.
function(expect regex)
  string(JSON value ERROR_VARIABLE jerr GET "${out}" ${ARGN})
  if(jerr)
    message(SEND_ERROR "${ARGN}: ${jerr}")
    set(failed TRUE PARENT_SCOPE)
  elseif(NOT value MATCHES "^${regex}$")
    message(SEND_ERROR "${ARGN}: got '${value}', expected /${regex}/")
    set(failed TRUE PARENT_SCOPE)
  endif()
endfunction()
function(expect_length n)
  string(JSON len ERROR_VARIABLE jerr LENGTH "${out}" ${ARGN})
  if(jerr OR NOT len EQUAL n)
    message(SEND_ERROR "length of '${ARGN}': got '${len}' ${jerr}, expected ${n}")
    set(failed TRUE PARENT_SCOPE)
  endif()
endfunction()

set(int0 "0")
set(real0 "0(\\.0*)?")

# Top level: exactly these ten keys (assumptions: docs/format.md, "Capacity basis"; balance:
# docs/power-balance.md).
expect_length(10)
foreach(key scenario at kinds assumptions generation_by_fuel_mw regions operators superclusters series balance)
  string(JSON type ERROR_VARIABLE jerr TYPE "${out}" ${key})
  if(jerr)
    message(SEND_ERROR "missing key '${key}'")
    set(failed TRUE)
  endif()
endforeach()
expect("hand" scenario)
expect("2026-07-01" at)

# Five kinds, six statuses each, each {count, mw, unknown_mw_count}.
expect_length(5 kinds)
foreach(kind datacenters power_plants transmission superclusters zones)
  expect_length(6 kinds ${kind})
  foreach(status announced permitted construction operating retired cancelled)
    if(kind STREQUAL "datacenters")
      # plus apart_count and by_basis (the figures per capacity basis)
      expect_length(5 kinds ${kind} ${status})
      expect("[0-9]+" kinds ${kind} ${status} apart_count)
      expect_length(5 kinds ${kind} ${status} by_basis)
    else()
      expect_length(3 kinds ${kind} ${status})
    endif()
    expect("[0-9]+" kinds ${kind} ${status} count)
    expect("[0-9]+(\\.[0-9]*)?" kinds ${kind} ${status} mw)
    expect("[0-9]+" kinds ${kind} ${status} unknown_mw_count)
  endforeach()
endforeach()

# datacenters: announced beta 500 + delta 200; operating alpha 1000 + gamma (unknown).
expect("2" kinds datacenters announced count)
expect("700(\\.0*)?" kinds datacenters announced mw)
expect("2" kinds datacenters operating count)
expect("1000(\\.0*)?" kinds datacenters operating mw)
expect("1" kinds datacenters operating unknown_mw_count)
expect("${int0}" kinds datacenters construction count)
# power plants operating: gas 300 + coal 600.
expect("2" kinds power_plants operating count)
expect("900(\\.0*)?" kinds power_plants operating mw)
expect("${int0}" kinds power_plants retired count)
# transmission: hv1 under construction, capacity unknown.
expect("1" kinds transmission construction count)
expect("${real0}" kinds transmission construction mw)
expect("1" kinds transmission construction unknown_mw_count)
expect("${int0}" kinds transmission operating count)
# superclusters: c1 announced, operating members' MW = alpha 1000.
expect("1" kinds superclusters announced count)
expect("1000(\\.0*)?" kinds superclusters announced mw)
# zones: z1 designated 2026-03.
expect("1" kinds zones operating count)

expect_length(2 generation_by_fuel_mw)
expect("600(\\.0*)?" generation_by_fuel_mw coal)
expect("300(\\.0*)?" generation_by_fuel_mw gas)
expect_length(2 regions)
expect("1000(\\.0*)?" regions TX datacenter_mw)
expect("${real0}" regions TN datacenter_mw)
expect_length(2 operators)
expect("1000(\\.0*)?" operators OpCo datacenter_mw)
expect("${real0}" operators "Other Inc" datacenter_mw)
# c1 compute: 100000 + 200000 * 181/730 = 149589.04...
expect_length(1 superclusters)
expect("149589\\.04[0-9]*" superclusters c1 compute)
expect("1000(\\.0*)?" superclusters c1 mw)
# series: US load_gw 20 + 60 * 912/2192 = 44.9635...; alpha capacity_mw 1000 since 2026-06.
expect_length(3 series)
expect("44\\.9635[0-9]*" series US load_gw)
expect("1000(\\.0*)?" series alpha capacity_mw)
expect("149589\\.04[0-9]*" series c1 compute)

# balance: the hand scenario names no region groups, so one entry per non-nation region of us-states (53),
# in basemap order; TX (index 44): alpha 1000 MW operating, gasA 300 MW gas operating -> margin -700.
expect_length(53 balance)
expect("TX" balance 44 id)
expect("Texas" balance 44 name)
expect("1000(\\.0*)?" balance 44 demand_mw)
expect("300(\\.0*)?" balance 44 supply_mw)
expect("-700(\\.0*)?" balance 44 margin_mw)
expect("300(\\.0*)?" balance 44 supply_by_fuel_mw gas)

if(failed)
  message(FATAL_ERROR "unexpected JSON:\n${out}")
endif()
