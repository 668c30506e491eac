#include "trial_store.hpp"

#include "registry.hpp"

#include <cstdlib>

namespace hpo {

std::string storage_scheme(const std::string &url) {
    const auto colon = url.find(':');
    if (colon == std::string::npos || colon == 0) {
        fail(HPO_EINVAL, "storage \"" + url + "\" is not a URL: expected memory:, sqlite:///path.db, journal:///path.log, ...");
    }
    return url.substr(0, colon);
}

json storage_options(const std::string &url) {
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

namespace {

// A storage of ABI 1.1 reads its options from the URL's query itself (a PostgreSQL URL's
// sslmode means nothing to the engine); one of 1.0 was handed them beside the bare URL.
json create_options(const PluginEntry &storage, const std::string &url) {
    if (storage.abi_version >= HPO_ABI_MAKE(1, 1)) return json{{"url", url}};
    return storage_options(url);
}

}  // namespace

TrialStore::TrialStore(const Registry &registry, const std::string &url, uint64_t seed)
    : url_(url),
      plugin_(registry.find(HPO_PLUGIN_STORAGE, storage_scheme(url)),
              create_options(registry.find(HPO_PLUGIN_STORAGE, storage_scheme(url)), url),
              derive_seed(seed, HPO_PLUGIN_STORAGE, storage_scheme(url))) {}

std::string TrialStore::take(char *text) {
    if (text == nullptr) return {};
    std::string copy = text;
    std::free(text);
    return copy;
}

json TrialStore::open_study(const json &study, bool load_if_exists) {
    const std::string text = study.dump();
    {
        auto lock = plugin_.lock();
        check_plugin_status(
            plugin_.ops().create_study(plugin_.self(), text.c_str(), load_if_exists ? 1 : 0, &study_id_),
            plugin_.entry(), "create_study");
    }
    return load_study(study["name"].get<std::string>());
}

json TrialStore::load_study(const std::string &name) {
    char *stored = nullptr;
    int64_t id = -1;
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().load_study(plugin_.self(), name.c_str(), &id, &stored), plugin_.entry(),
                        "load_study");
    study_id_ = id;
    return json::parse(take(stored));
}

void TrialStore::update_study(const json &study) {
    const std::string text = study.dump();
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().update_study(plugin_.self(), study_id_, text.c_str()), plugin_.entry(),
                        "update_study");
}

std::optional<int64_t> TrialStore::claim_waiting(const std::string &worker) {
    int64_t id = -1;
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().claim_waiting_trial(plugin_.self(), study_id_, worker.c_str(), &id),
                        plugin_.entry(), "claim_waiting_trial");
    if (id < 0) return std::nullopt;
    return id;
}

std::pair<int64_t, int64_t> TrialStore::create_trial(const json &trial) {
    const std::string text = trial.dump();
    int64_t id = -1, number = -1;
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().create_trial(plugin_.self(), study_id_, text.c_str(), &id, &number),
                        plugin_.entry(), "create_trial");
    return {id, number};
}

void TrialStore::update_trial(int64_t id, const json &patch) {
    const std::string text = patch.dump();
    auto lock = plugin_.lock();
    const int32_t status = plugin_.ops().update_trial(plugin_.self(), study_id_, id, text.c_str());
    // Another worker ended this trial first (a heartbeat check, say): that is a state
    // conflict the caller must see as such.
    if (status == HPO_ESTATE) fail(HPO_ESTATE, "storage \"" + url_ + "\": " + take_plugin_error());
    check_plugin_status(status, plugin_.entry(), "update_trial");
}

json TrialStore::read_changes() {
    char *text = nullptr;
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().read_trials(plugin_.self(), study_id_, revision_, &text, &revision_),
                        plugin_.entry(), "read_trials");
    return json::parse(take(text));
}

json TrialStore::list_studies() {
    char *text = nullptr;
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().list_studies(plugin_.self(), &text), plugin_.entry(), "list_studies");
    return json::parse(take(text));
}

void TrialStore::delete_study(const std::string &name) {
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().delete_study(plugin_.self(), name.c_str()), plugin_.entry(), "delete_study");
}

std::vector<int64_t> TrialStore::fail_stale(double grace_seconds) {
    if (!HPO_INSTANCE_HAS(plugin_, hpo_storage_ops, fail_stale_trials)) return {};
    char *text = nullptr;
    auto lock = plugin_.lock();
    check_plugin_status(plugin_.ops().fail_stale_trials(plugin_.self(), study_id_, grace_seconds, &text),
                        plugin_.entry(), "fail_stale_trials");
    return json::parse(take(text)).get<std::vector<int64_t>>();
}

}  // namespace hpo
