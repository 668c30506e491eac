# hpo_warnings: the warning flags every target of the project builds with.
add_library(hpo_warnings INTERFACE)
target_compile_options(hpo_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow>
  # GCC 12 at -O3 reports std::string's own memcpy as overlapping (GCC bug 105329), a false
  # positive in the standard library's code that -Werror would turn into a failed build.
  $<$<AND:$<COMPILE_LANG_AND_ID:CXX,GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>
  $<$<BOOL:${HPO_WARNINGS_AS_ERRORS}>:-Werror>)
