// plotly.js, which the study page inlines: read from a package at run time, never fetched.
#pragma once

#include <string>

namespace hpo::cli {

// The text of plotly.min.js: from $HPO_PLOTLY_JS when set, else from the first of the places
// packages put it (Python's plotly package data, npm's plotly.js-dist-min). A std::runtime_error
// naming every place looked at when none has it.
std::string read_plotly_js();

}  // namespace hpo::cli
