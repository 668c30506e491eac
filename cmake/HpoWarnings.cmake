# hpo_warnings: the warning flags every target of the project builds with.
add_library(hpo_warnings INTERFACE)
target_compile_options(hpo_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow>
  $<$<BOOL:${HPO_WARNINGS_AS_ERRORS}>:-Werror>)
