# hpo_add_fuzz_target(<target> <name> <driver>)
#
# The fuzz target <name> (fuzz/<name>_fuzz.cpp, one LLVMFuzzerTestOneInput) as the executable
# <target>, driven by libFuzzer (driver "libfuzzer": the sanitize preset, whose flags build
# everything with -fsanitize=fuzzer-no-link) or by fuzz/replay_main.cpp (driver "replay": any
# preset; tests/fuzz runs it over the committed seeds and reproducers). The targets that open
# plugins find the build tree's through HPO_FUZZ_PLUGIN_DIR.
set(HPO_FUZZ_NAMES space study_config plugin_options study_file journal sqlite capi)
set(hpo_fuzz_dir ${CMAKE_CURRENT_LIST_DIR}/../fuzz)

function(hpo_add_fuzz_target target name driver)
  add_executable(${target} ${hpo_fuzz_dir}/${name}_fuzz.cpp)
  if(driver STREQUAL "libfuzzer")
    target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  else()
    if(NOT TARGET hpo_fuzz_replay_main)  # compiled once for every replaying target
      add_library(hpo_fuzz_replay_main OBJECT ${hpo_fuzz_dir}/replay_main.cpp)
      target_link_libraries(hpo_fuzz_replay_main PRIVATE hpo_warnings)
    endif()
    target_link_libraries(${target} PRIVATE hpo_fuzz_replay_main)
  endif()
  target_include_directories(${target} PRIVATE ${hpo_fuzz_dir})
  target_compile_definitions(${target} PRIVATE HPO_FUZZ_PLUGIN_DIR="${HPO_PLUGIN_OUTPUT_DIR}")
  target_link_libraries(${target} PRIVATE hpo_warnings nlohmann_json::nlohmann_json)
  if(name STREQUAL "study_file")
    # The CLI's reader alone, compiled in: the hpo executable is no library to link.
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/bindings/cli/study_file.cpp
                   ${PROJECT_SOURCE_DIR}/bindings/cli/arguments.cpp)
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/bindings/cli ${PROJECT_SOURCE_DIR}/plugins/kit)
    target_link_libraries(${target} PRIVATE hpo::headers)
    return()
  endif()
  if(name STREQUAL "space" OR name STREQUAL "study_config" OR name STREQUAL "plugin_options")
    target_link_libraries(${target} PRIVATE hpo_engine)  # the engine's parsers, called directly
  else()
    target_link_libraries(${target} PRIVATE hpo::hpo)    # through the C API, as a user calls
  endif()
  if(NOT name STREQUAL "space")
    get_property(plugins GLOBAL PROPERTY HPO_PLUGIN_TARGETS)
    add_dependencies(${target} ${plugins})
  endif()
endfunction()
