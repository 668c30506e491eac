# cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=symbol -P HpoEmbed.cmake
# Writes a C++ file that defines `const char *const hpo::cli::assets::NAME` as INPUT's text,
# so the page's script and style travel inside the `hpo` binary.
file(READ ${INPUT} content)
string(FIND "${content}" ")hpo_asset\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} holds the raw string's closing delimiter")
endif()
file(WRITE ${OUTPUT} "// Made from ${INPUT} at build time: edit that file instead.\n"
  "namespace hpo::cli::assets {\n"
  "extern const char *const ${NAME};\n"
  "const char *const ${NAME} = R\"hpo_asset(${content})hpo_asset\";\n"
  "}  // namespace hpo::cli::assets\n")
