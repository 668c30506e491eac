# hpo_add_plugin(<name> SOURCES <files...> [LIBRARIES <targets...>])
#
# Builds a plugin library as the engine loads it: a MODULE (never linked against), named
# libhpo_<name>.so (the engine scans plugin folders for lib*.so), placed in the build tree's plugin folder and installed to the install's, with
# only hpo_plugin_query exported. A plugin sees the public headers alone, never the engine's.
function(hpo_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES")
  set(target hpo_plugin_${name})
  add_library(${target} MODULE ${arg_SOURCES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME hpo_${name}
    LIBRARY_OUTPUT_DIRECTORY ${HPO_PLUGIN_OUTPUT_DIR})
  target_link_libraries(${target} PRIVATE hpo::headers hpo_warnings ${arg_LIBRARIES})
  # A plugin must not resolve anything against the process it is loaded into by accident.
  target_link_options(${target} PRIVATE ${HPO_NO_UNDEFINED_OPTION})
  install(TARGETS ${target} LIBRARY DESTINATION ${HPO_PLUGIN_INSTALL_DIR} COMPONENT plugins)
  # Every plugin target, for tests that check all of them.
  set_property(GLOBAL APPEND PROPERTY HPO_PLUGIN_TARGETS ${target})
endfunction()
