#include "storage_client.hpp"

#include <hpo_kit/shown_url.hpp>

#include "registry.hpp"

#include <algorithm>
#include <thread>

namespace hpo {
namespace {

double epoch_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

json storage_options(const PluginEntry &entry, const std::string &url) {
    // ABI 1.1 storages read their own options from the URL, as a database client does
    // ("postgresql://host/db?sslmode=require" means something to libpq, not to us).
    if (entry.abi_version >= HPO_ABI_MAKE(1, 1)) return {{"url", url}};
    return storage_options_1_0(url);
}

}  // namespace

std::string storage_scheme(const std::string &url) {
    const auto colon = url.find(':');
    if (colon == std::string::npos || colon == 0) {
        fail(HPO_EINVAL, "storage \"" + url + "\" is not a URL: expected memory:, sqlite:///path.db, journal:///path.log, ...");
    }
    return url.substr(0, colon);
}

json storage_options_1_0(const std::string &url) {
    const auto query = url.find('?');
    json options = {{"url", url.substr(0, query)}};
    if (query == std::string::npos) return options;
    std::size_t at = query + 1;
    while (at <= url.size()) {
        const std::size_t end = std::min(url.find('&', at), url.size());
        const std::string pair = url.substr(at, end - at);
        const auto equals = pair.find('=');
        if (equals == std::string::npos || equals == 0) {
            fail(HPO_EINVAL, "storage \"" + url + "\": \"" + pair + "\" is not a name=value option");
        }
        const std::string name = pair.substr(0, equals), value = pair.substr(equals + 1);
        // Numbers and booleans as JSON; anything else as a string.
        const json parsed = json::parse(value, nullptr, false);
        options[name] = parsed.is_number() || parsed.is_boolean() ? parsed : json(value);
        at = end + 1;
    }
    return options;
}


StorageClient::StorageClient(const Registry &registry, const std::string &url, uint64_t seed,
                             std::chrono::duration<double> busy_timeout)
    : url_(url),
      plugin_(registry.find(HPO_PLUGIN_STORAGE, storage_scheme(url)),
              storage_options(registry.find(HPO_PLUGIN_STORAGE, storage_scheme(url)), url),
              derive_seed(seed, HPO_PLUGIN_STORAGE, storage_scheme(url))),
      busy_timeout_(busy_timeout) {}

template <class Call>
int32_t StorageClient::call(const char *what, Call &&operation) {
    using SteadyClock = std::chrono::steady_clock;
    const auto give_up = SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(busy_timeout_);
    auto pause = std::chrono::milliseconds(10);
    while (true) {
        int32_t status;
        {
            auto lock = plugin_.lock();
            take_plugin_error();
            status = operation();
        }
        if (status != HPO_EBUSY) return check_plugin_status(status, plugin_.entry(), what);
        if (SteadyClock::now() + pause > give_up) {
            fail(HPO_EBUSY, "storage \"" + plugin_kit::shown_url(url_) + "\": " + what + " still busy after " +
                                std::to_string(busy_timeout_.count()) + " s: " + take_plugin_error());
        }
        // A busy storage said nothing changed: the same call again, after a pause that grows so
        // that many waiting workers do not hammer it.
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(1000));
    }
}

json StorageClient::open_study(const json &study, bool load_if_exists) {
    const std::string text = study.dump();
    const std::string name = study["name"].get<std::string>();
    try {
        call("create_study", [&] {
            return plugin_.ops().create_study(plugin_.self(), text.c_str(), load_if_exists ? 1 : 0, &study_id_);
        });
    } catch (const Error &error) {
        // A storage of ABI 1.0 said a taken name with HPO_ESTATE: say it as 1.1 does.
        if (error.status() != HPO_ESTATE || speaks_1_1()) throw;
        fail(HPO_EEXISTS, error.what());
    }
    return load_study(name);
}

json StorageClient::load_study(const std::string &name) {
    char *stored = nullptr;
    int64_t id = -1;
    call("load_study", [&] { return plugin_.ops().load_study(plugin_.self(), name.c_str(), &id, &stored); });
    study_id_ = id;
    return json::parse(plugin_.take(stored));
}

void StorageClient::update_study(const json &study) {
    const std::string text = study.dump();
    call("update_study", [&] { return plugin_.ops().update_study(plugin_.self(), study_id_, text.c_str()); });
}

void StorageClient::merge_study_attrs(const json &attrs, const json &merged) {
    update_study({{"system_attrs", speaks_1_1() ? attrs : merged}});
}

std::optional<int64_t> StorageClient::claim_waiting(const std::string &worker) {
    int64_t id = -1;
    call("claim_waiting_trial",
         [&] { return plugin_.ops().claim_waiting_trial(plugin_.self(), study_id_, worker.c_str(), &id); });
    if (id < 0) return std::nullopt;
    return id;
}

std::pair<int64_t, int64_t> StorageClient::create_trial(const json &trial) {
    const std::string text = trial.dump();
    int64_t id = -1, number = -1;
    call("create_trial",
         [&] { return plugin_.ops().create_trial(plugin_.self(), study_id_, text.c_str(), &id, &number); });
    return {id, number};
}

void StorageClient::update_trial(int64_t id, const json &patch) {
    const std::string text = patch.dump();
    call("update_trial", [&] { return plugin_.ops().update_trial(plugin_.self(), study_id_, id, text.c_str()); });
}

void StorageClient::record_heartbeat(int64_t id) {
    if (!HPO_INSTANCE_HAS(plugin_, hpo_storage_ops, record_heartbeat)) {
        update_trial(id, {{"heartbeat", epoch_seconds()}});
        return;
    }
    call("record_heartbeat", [&] { return plugin_.ops().record_heartbeat(plugin_.self(), study_id_, id); });
}

StoredChanges StorageClient::read_changes() {
    char *text = nullptr;
    if (!HPO_INSTANCE_HAS(plugin_, hpo_storage_ops, read_changes)) {
        call("read_trials",
             [&] { return plugin_.ops().read_trials(plugin_.self(), study_id_, revision_, &text, &revision_); });
        return {std::nullopt, json::parse(plugin_.take(text))};
    }
    call("read_changes",
         [&] { return plugin_.ops().read_changes(plugin_.self(), study_id_, revision_, &text, &revision_); });
    json changes = json::parse(plugin_.take(text));
    if (!changes.is_object() || !changes.contains("trials") || !changes["trials"].is_array()) {
        fail(HPO_EPLUGIN, "storage \"" + plugin_kit::shown_url(url_) + "\": read_changes did not return {\"study\", \"trials\": [...]}");
    }
    StoredChanges out{std::nullopt, std::move(changes["trials"])};
    if (changes.contains("study") && changes["study"].is_object()) out.study = std::move(changes["study"]);
    return out;
}

json StorageClient::list_studies() {
    char *text = nullptr;
    call("list_studies", [&] { return plugin_.ops().list_studies(plugin_.self(), &text); });
    json studies = json::parse(plugin_.take(text));
    // Callers open each study by its name: a listing without one is the storage's fault, said
    // here rather than as a JSON error wherever the name is read.
    const auto named = [](const json &study) {
        return study.is_object() && study.contains("name") && study["name"].is_string();
    };
    if (!studies.is_array() || !std::all_of(studies.begin(), studies.end(), named)) {
        fail(HPO_EPLUGIN, "storage \"" + plugin_kit::shown_url(url_) +
                              "\": list_studies did not return an array of studies, each with a \"name\"");
    }
    return studies;
}

void StorageClient::delete_study(const std::string &name) {
    call("delete_study", [&] { return plugin_.ops().delete_study(plugin_.self(), name.c_str()); });
}

std::vector<int64_t> StorageClient::fail_stale(double grace_seconds) {
    if (!HPO_INSTANCE_HAS(plugin_, hpo_storage_ops, fail_stale_trials)) return {};
    char *text = nullptr;
    call("fail_stale_trials",
         [&] { return plugin_.ops().fail_stale_trials(plugin_.self(), study_id_, grace_seconds, &text); });
    return json::parse(plugin_.take(text)).get<std::vector<int64_t>>();
}

}  // namespace hpo
