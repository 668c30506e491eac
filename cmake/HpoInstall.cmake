# Installs the headers, the engine library and its CMake package (find_package(hpo) gives
# hpo::hpo); plugins install themselves beside it (cmake/HpoPlugin.cmake).
