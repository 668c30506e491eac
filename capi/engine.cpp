// hpo_engine: the plugin registry a user's studies draw their plugins from.
#include "boundary.hpp"
#include "handles.hpp"
#include "storage_client.hpp"

using namespace hpo;
using namespace hpo::capi;

extern "C" {

HPO_API int32_t hpo_engine_new(const char *options_json, hpo_engine **out) {
    return guarded([&] {
        require(out, "hpo_engine_new", "out");
        *out = nullptr;
        const json options = options_json ? parse_json(options_json, "engine options") : json::object();
        if (!options.is_object()) fail(HPO_EINVAL, "engine options must be a JSON object");
        bool default_paths = true;
        json paths = json::array();
        std::vector<std::string> probe;
        for (const auto &item : options.items()) {
            if (item.key() == "default_paths" && item.value().is_boolean()) {
                default_paths = item.value().get<bool>();
            } else if (item.key() == "plugin_paths" && item.value().is_array()) {
                paths = item.value();
            } else if (item.key() == "plugin_probe" && item.value().is_array() && !item.value().empty()) {
                for (const auto &word : item.value()) {
                    if (!word.is_string() || word.get_ref<const std::string &>().empty())
                        fail(HPO_EINVAL, "engine options: plugin_probe must hold non-empty strings, not " + word.dump());
                    probe.push_back(word.get<std::string>());
                }
            } else {
                fail(HPO_EINVAL, "engine options: \"" + item.key() +
                                     "\" is unknown or of the wrong type (expected plugin_paths: [string], "
                                     "default_paths: bool, plugin_probe: [string, ...])");
            }
        }
        auto registry = std::make_shared<Registry>(default_paths, HPO_ABI_VERSION, std::move(probe));
        for (const auto &path : paths) {
            if (!path.is_string()) fail(HPO_EINVAL, "engine options: plugin_paths must hold strings, not " + path.dump());
            registry->add_path(path.get<std::string>());
        }
        *out = new hpo_engine{std::move(registry)};
        return HPO_OK;
    });
}

HPO_API void hpo_engine_free(hpo_engine *engine) { delete engine; }

HPO_API int32_t hpo_engine_add_plugin_path(hpo_engine *engine, const char *path) {
    return guarded([&] {
        require(engine, "hpo_engine_add_plugin_path", "engine");
        require_text(path, "hpo_engine_add_plugin_path", "path");
        engine->registry->add_path(path);
        return HPO_OK;
    });
}

HPO_API int32_t hpo_engine_plugins_json(hpo_engine *engine, char **out_json) {
    return guarded([&] {
        require(engine, "hpo_engine_plugins_json", "engine");
        require(out_json, "hpo_engine_plugins_json", "out_json");
        *out_json = copy_out(engine->registry->to_json().dump());
        return HPO_OK;
    });
}

HPO_API int32_t hpo_engine_studies_json(hpo_engine *engine, const char *storage_url, char **out_json) {
    return guarded([&] {
        require(engine, "hpo_engine_studies_json", "engine");
        require_text(storage_url, "hpo_engine_studies_json", "storage_url");
        require(out_json, "hpo_engine_studies_json", "out_json");
        StorageClient store(*engine->registry, storage_url, 0);
        *out_json = copy_out(store.list_studies().dump());
        return HPO_OK;
    });
}

HPO_API int32_t hpo_engine_delete_study(hpo_engine *engine, const char *storage_url, const char *name) {
    return guarded([&] {
        require(engine, "hpo_engine_delete_study", "engine");
        require_text(storage_url, "hpo_engine_delete_study", "storage_url");
        require_text(name, "hpo_engine_delete_study", "name");
        StorageClient(*engine->registry, storage_url, 0).delete_study(name);
        return HPO_OK;
    });
}

}
