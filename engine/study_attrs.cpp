// What samplers and schedulers record in the study: attributes of a trial (a Hyperband
// bracket, a genetic sampler's parents) and of the study (a CMA-ES distribution), merged key
// by key and written through, so that every worker of a shared study and every restart sees
// them in its views.
#include "study.hpp"

namespace hpo {
namespace {

// A plugin's attributes: a JSON object, or nothing for "".
json parse_attrs(const std::string &source, const char *whose, const std::string &text) {
    if (text.empty()) return json::object();
    json attrs = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!attrs.is_object()) {
        fail(HPO_EPLUGIN, source + " returned " + whose + " attributes that are not a JSON object: " +
                              text.substr(0, 200));
    }
    return attrs;
}

}  // namespace

void Study::merge_plugin_attrs(const std::string &source, int64_t number, const std::string &trial_attrs,
                               const std::string &study_attrs) {
    const json for_trial = parse_attrs(source, "trial", trial_attrs);
    const json for_study = parse_attrs(source, "study", study_attrs);
    if (for_trial.empty() && for_study.empty()) return;
    std::lock_guard lock(mutex_);
    if (!for_trial.empty()) merge_trial_attrs_locked(table_.at(number), for_trial);
    if (!for_study.empty()) merge_study_attrs_locked(for_study);
}

void Study::merge_trial_attrs_locked(TrialRecord &trial, const json &attrs) {
    json merged = trial.system_attrs.is_null() ? json::object() : trial.system_attrs;
    merged.update(attrs);
    trial.set_system_attrs(std::move(merged));
    table_.changed(trial);
    persist_patch_locked(trial, {{"system_attrs", attrs}});
}

void Study::merge_study_attrs_locked(const json &attrs) {
    json merged = study_attrs_;
    merged.update(attrs);
    store_->merge_study_attrs(attrs, merged);
    adopt_study_attrs_locked(std::move(merged));
}

void Study::adopt_study_attrs_locked(json attrs) {
    if (attrs == study_attrs_) return;
    study_attrs_ = std::move(attrs);
    // Snapshots already taken keep the text they were given.
    study_attrs_text_ = std::make_shared<const std::string>(study_attrs_.dump());
}

void Study::finish_sampler(const PluginInstance<hpo_sampler_ops> &sampler, int64_t number) {
    const bool v2 = HPO_INSTANCE_HAS(sampler, hpo_sampler_ops, after_trial_v2);
    if (!v2 && !HPO_INSTANCE_HAS(sampler, hpo_sampler_ops, after_trial)) return;
    std::unique_ptr<StudySnapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot = snapshot_locked(sampler);
    }
    auto sampler_lock = sampler.lock();
    if (!v2) {
        sampler.ops().after_trial(sampler.self(), snapshot->view(), number);
        return;
    }
    char *trial_attrs = nullptr, *study_attrs = nullptr;
    const int32_t status =
        sampler.ops().after_trial_v2(sampler.self(), snapshot->view(), number, &trial_attrs, &study_attrs);
    const std::string trial_text = sampler.take(trial_attrs), study_text = sampler.take(study_attrs);
    check_plugin_status(status, sampler.entry(), "after_trial_v2");
    snapshot.reset();
    merge_plugin_attrs(sampler.label() + ": after_trial_v2", number, trial_text, study_text);
}

}  // namespace hpo
