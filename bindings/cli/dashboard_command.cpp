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
#include <memory>
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

// The page of one study: it fetches its data from /api/studies/NAME now, and again 3 s after
// each answer is drawn (never two at once, however slow the drawing). The charts are redrawn
// only when the study's trials changed; an error shown goes once the data comes back.
const char *const draw_live = R"js(<script>
const name = decodeURIComponent(location.pathname.split("/").pop());
let drawn = null;
const refresh = () => fetch("/api/studies/" + encodeURIComponent(name))
  .then((response) => response.ok ? response.json() : response.text().then((text) => Promise.reject(text)))
  .then((data) => {
    const error = document.getElementById("page-error");
    if (error) error.remove();
    const key = JSON.stringify([data.study, data.trials]);
    if (key === drawn) return;
    return hpoPage.render(document.getElementById("page"), data).then(() => { drawn = key; });
  })
  .catch(hpoPage.fail)
  .then(() => setTimeout(refresh, 3000));
refresh();
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

// Sends text as it is. A body given to set_content is compressed, with brotli at its slowest
// setting when the browser accepts it: 10 s of CPU for the 4.5 MB page (plotly.js inlined)
// on every load. A body of known length from a provider is sent uncompressed, at once.
void send(httplib::Response &response, std::shared_ptr<const std::string> text, const char *type) {
    const std::size_t size = text->size();
    response.set_content_provider(size, type, [text = std::move(text)](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
        return sink.write(text->data() + offset, length);
    });
}

void send(httplib::Response &response, std::string text, const char *type) {
    send(response, std::make_shared<const std::string>(std::move(text)), type);
}

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
    const auto list_page = std::make_shared<const std::string>(page_html("hpo dashboard", plotly_js, study_list));
    const auto study_page = std::make_shared<const std::string>(page_html("hpo dashboard", plotly_js, draw_live));
    server.Get("/", [&](const httplib::Request &, httplib::Response &response) { send(response, list_page, "text/html"); });
    server.Get(R"(/studies/([^/]+))", [&](const httplib::Request &, httplib::Response &response) {
        send(response, study_page, "text/html");
    });
    // No icon, said without an error: a 404 here is logged in the console of every page.
    server.Get("/favicon.ico", [](const httplib::Request &, httplib::Response &response) { response.status = 204; });
    // JSON, or the engine's message with 404 for a study the storage lacks (500 otherwise),
    // which the page shows.
    const auto json_answer = [](httplib::Response &response, const auto &make) {
        try {
            send(response, make().dump(), "application/json");
        } catch (const Error &error) {
            response.status = error.status() == HPO_ENOTFOUND ? 404 : 500;
            send(response, error.what(), "text/plain");
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
