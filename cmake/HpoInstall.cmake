# Installs the headers, the engine library and its CMake package (find_package(hpo) gives
# hpo::hpo and hpo::headers); plugins install themselves beside the library
# (cmake/HpoPlugin.cmake), where the engine looks for them relative to itself.
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/hpo DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT devel)
install(TARGETS hpo hpo_headers EXPORT hpoTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT devel
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set_target_properties(hpo_headers PROPERTIES EXPORT_NAME headers)
install(EXPORT hpoTargets NAMESPACE hpo:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hpo COMPONENT devel)

file(WRITE ${PROJECT_BINARY_DIR}/hpoConfig.cmake.in [=[
@PACKAGE_INIT@
include("${CMAKE_CURRENT_LIST_DIR}/hpoTargets.cmake")
# Where this install keeps its plugins: an out-of-tree plugin installs its library here.
set_and_check(HPO_PLUGIN_DIR "@PACKAGE_HPO_PLUGIN_INSTALL_DIR@")
]=])
configure_package_config_file(${PROJECT_BINARY_DIR}/hpoConfig.cmake.in ${PROJECT_BINARY_DIR}/hpoConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hpo
  PATH_VARS HPO_PLUGIN_INSTALL_DIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/hpoConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/hpoConfig.cmake ${PROJECT_BINARY_DIR}/hpoConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hpo COMPONENT devel)
