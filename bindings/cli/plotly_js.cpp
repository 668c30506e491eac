#include "plotly_js.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace hpo::cli {
namespace {

// Where packages install plotly.min.js. Debian 12's python3-plotly leaves it out (its
// source is repacked without it); scripts/setup installs npm's plotly.js-dist-min.
const char *const plotly_places[] = {
    "/usr/lib/python3/dist-packages/plotly/package_data/plotly.min.js",
    "/usr/lib/node_modules/plotly.js-dist-min/plotly.min.js",
    "/usr/local/lib/node_modules/plotly.js-dist-min/plotly.min.js",
};

bool read_file(const std::string &path, std::string &out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    out = text.str();
    return !out.empty();
}

}  // namespace

std::string read_plotly_js() {
    std::string text;
    if (const char *chosen = std::getenv("HPO_PLOTLY_JS"); chosen != nullptr && *chosen != '\0') {
        if (read_file(chosen, text)) return text;
        throw std::runtime_error(std::string("cannot read plotly.js at HPO_PLOTLY_JS=") + chosen);
    }
    std::string looked;
    for (const char *place : plotly_places) {
        if (read_file(place, text)) return text;
        looked += std::string("\n  ") + place;
    }
    throw std::runtime_error("plotly.js (plotly.min.js) was not found; looked at:" + looked +
                             "\nInstall it (scripts/setup does: npm install -g plotly.js-dist-min) or set HPO_PLOTLY_JS "
                             "to a plotly.min.js");
}

}  // namespace hpo::cli
