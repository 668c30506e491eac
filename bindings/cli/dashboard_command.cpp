// `hpo dashboard --storage URL [--port 8080] [--host 127.0.0.1]`: the study page of `hpo
// report`, served live for every study in a storage. Read-only: it only answers GETs, and
// opens each study afresh per request, so trials that another process adds appear on the
// page's next poll. Ctrl-C stops it cleanly.
#include "arguments.hpp"
#include "commands.hpp"
#include "plotly_js.hpp"
#include "stored_study.hpp"
#include "study_page.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

namespace hpo::cli {
namespace {

const char *const dashboard_usage = R"(usage: hpo dashboard --storage URL [--port 8080] [--host 127.0.0.1] [--plugin-path DIR]...

Serves the studies of a storage over HTTP, read-only: a list of the studies, and for each the
page `hpo report` writes, redrawn every few seconds with the trials added since. Listens on
the loopback address unless --host says otherwise. Ctrl-C stops it.
  --port N      the port (default 8080; 0 picks a free one, printed at start)
  --host ADDR   the address to listen on (default 127.0.0.1)
)";

// The page of one study: it fetches its data from /api/studies/NAME now and every 3 s.
const char *const draw_live = R"js(<script>
const name = decodeURIComponent(location.pathname.split("/").pop());
const refresh = () => fetch("/api/studies/" + encodeURIComponent(name))
  .then((response) => response.ok ? response.json() : response.text().then((text) => Promise.reject(text)))
  .then((data) => hpoPage.render(document.getElementById("page"), data))
  .catch(hpoPage.fail);
refresh().then(() => setInterval(refresh, 3000));
</script>
)js";

const char *const study_list = R"js(<script>
fetch("/api/studies").then((response) => response.json()).then((studies) => {
  const page = document.getElementById("page");
  page.appendChild(document.createElement("h1")).textContent = "Studies";
  const list = page.appendChild(document.createElement("ul"));
  for (const study of studies) {
    const link = list.appendChild(document.createElement("li")).appendChild(document.createElement("a"));
    link.href = "/studies/" + encodeURIComponent(study.name);
    link.textContent = study.name + " (" + study.n_trials + " trials)";
  }
  page.dataset.rendered = "true";
}).catch(hpoPage.fail);
</script>
)js";

volatile std::sig_atomic_t interrupted = 0;
extern "C" void on_interrupt(int) { interrupted = 1; }

}  // namespace

int dashboard_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo dashboard", {"--storage", "--port", "--host", "--plugin-path"}, {"--help"}}, args);
    if (arguments.has("--help")) {
        std::cout << dashboard_usage << storage_url_help;
        return 0;
    }
    if (!arguments.positionals().empty()) throw UsageError("takes no study name: it serves every study of the storage");
    const std::string url = required_storage(arguments, "hpo dashboard");
    int64_t port = 8080;
    arguments.integer("--port", 0, port);
    if (port > 65535) throw UsageError("option --port expects a port from 0 to 65535");
    const std::string host = arguments.has("--host") ? arguments.values("--host").back() : "127.0.0.1";
    const std::string plotly_js = read_plotly_js();
    Engine engine = make_engine(arguments.values("--plugin-path"));
    engine.studies_json(url);  // a storage that cannot be opened fails now, not on the first page

    httplib::Server server;
    const auto html = [](httplib::Response &response, const std::string &page) { response.set_content(page, "text/html"); };
    const std::string list_page = page_html("hpo dashboard", plotly_js, study_list);
    const std::string study_page = page_html("hpo dashboard", plotly_js, draw_live);
    server.Get("/", [&](const httplib::Request &, httplib::Response &response) { html(response, list_page); });
    server.Get(R"(/studies/([^/]+))", [&](const httplib::Request &, httplib::Response &response) { html(response, study_page); });
    // JSON, or the engine's message with 404 for a study the storage lacks (500 otherwise),
    // which the page shows.
    const auto json_answer = [](httplib::Response &response, const auto &make) {
        try {
            response.set_content(make().dump(), "application/json");
        } catch (const Error &error) {
            response.status = error.status() == HPO_ENOTFOUND ? 404 : 500;
            response.set_content(error.what(), "text/plain");
        }
    };
    server.Get("/api/studies", [&](const httplib::Request &, httplib::Response &response) {
        json_answer(response, [&] { return summarize_studies(engine, url); });
    });
    server.Get(R"(/api/studies/([^/]+))", [&](const httplib::Request &request, httplib::Response &response) {
        json_answer(response, [&] { return study_page_data(open_stored_study(engine, url, request.matches[1])); });
    });
    // A connection the browser keeps open, idle, holds a worker, and so the stop, until it
    // times out: 1 s rather than the library's 5 (the page polls every 3 s anyway).
    server.set_keep_alive_timeout(1);
    const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, static_cast<int>(port)) ? static_cast<int>(port) : -1);
    if (bound < 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
    // Ctrl-C is caught before the address is announced: whoever reads it may stop us at once.
    interrupted = 0;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    std::cout << "Serving " << url << " at http://" << host << ":" << bound << "/  (Ctrl-C stops)" << std::endl;
    std::atomic<bool> listening_ended{false};
    std::thread listener([&] {
        server.listen_after_bind();
        listening_ended = true;
    });
    // The handler only sets a flag: stopping the server is not safe inside a signal handler.
    while (!interrupted) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // stop() does nothing to a server that has not started listening yet, which would then
    // listen for ever: a Ctrl-C right after the start waits for it to begin.
    while (!server.is_running() && !listening_ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server.stop();
    listener.join();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::cout << "Stopped." << std::endl;
    return 0;
}

}  // namespace hpo::cli
