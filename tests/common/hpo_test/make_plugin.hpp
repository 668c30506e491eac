// A plugin class of the kit's one shape (hpo_kit/plugin_library.hpp) built as its adapter
// builds it, for tests of the class itself: options checked against its own schema, and a
// test host, which must outlive the plugin.
#pragma once

#include "test_host.hpp"

#include <hpo_kit/host.hpp>
#include <hpo_kit/options.hpp>

#include <string_view>

namespace hpo::test {

template <class Plugin>
Plugin make_plugin(std::string_view options_json, const TestHost &host) {
    return Plugin(plugin_kit::Options(Plugin::about.options_schema, options_json),
                  plugin_kit::Host(*host.get()));
}

// With a host shared by every plugin of the test program (seed 42).
template <class Plugin>
Plugin make_plugin(std::string_view options_json) {
    static const TestHost host;
    return make_plugin<Plugin>(options_json, host);
}

} // namespace hpo::test
