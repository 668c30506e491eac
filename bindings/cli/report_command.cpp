// `hpo report NAME --storage URL -o FILE`: one self-contained HTML file of a stored study,
// plotly.js and the data inlined, that opens offline and as a mail attachment.
#include "arguments.hpp"
#include "commands.hpp"
#include "plotly_js.hpp"
#include "stored_study.hpp"
#include "study_page.hpp"

#include <fstream>
#include <iostream>

namespace hpo::cli {
namespace {

const char *const report_usage = R"(usage: hpo report NAME --storage URL -o FILE [--plugin-path DIR]...

Writes one self-contained HTML file of the study NAME, which opens offline: the optimization
history, a slice plot per parameter, a contour and parallel coordinates of the parameters,
the intermediate values (pruned trials marked), the Pareto front of several objectives, the
empirical distribution of the values, a timeline of the trials per worker, and a sortable
table of every trial. plotly.js is inlined from the installed package (HPO_PLOTLY_JS names
another plotly.min.js). Figures of large studies sample or aggregate, and say so.
  -o FILE, --output FILE   where to write the report
)";

// The page reads its data from the element #hpo-data, written before the script that draws.
const char *const draw_embedded = R"(<script>
hpoPage.render(document.getElementById("page"), JSON.parse(document.getElementById("hpo-data").textContent))
  .catch(hpoPage.fail);
</script>
)";

}  // namespace

int report_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo report", {"--storage", "-o", "--output", "--plugin-path"}, {"--help"}}, args);
    if (arguments.has("--help")) {
        std::cout << report_usage << storage_url_help;
        return 0;
    }
    const std::string name = required_study_name(arguments, "hpo report");
    const std::string url = required_storage(arguments, "hpo report");
    const bool short_flag = arguments.has("-o");
    if (!short_flag && !arguments.has("--output")) throw UsageError("-o FILE is needed: where to write the report");
    const std::string output = arguments.values(short_flag ? "-o" : "--output").back();
    const std::string plotly_js = read_plotly_js();  // before the study: a missing package fails fast
    Engine engine = make_engine(arguments.values("--plugin-path"));
    const Study study = open_stored_study(engine, url, name);
    const auto data = study_page_data(study);
    const std::string body = "<script type=\"application/json\" id=\"hpo-data\">" + script_safe(data.dump()) +
                             "</script>\n" + draw_embedded;
    std::ofstream out(output, std::ios::binary);
    out << page_html("hpo report: " + name, plotly_js, body);
    out.close();
    if (!out) throw std::runtime_error("cannot write the report to '" + output + "'");
    std::cout << "Wrote " << output << ": study " << name << ", " << data.at("trials").size() << " trials, "
              << data.at("figures").size() << " figures\n";
    return 0;
}

}  // namespace hpo::cli
