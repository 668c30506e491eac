// The C API driven by a byte-coded sequence of calls: each call is one opcode byte and the
// bytes of its arguments, on any of 2 study and 4 trial slots (empty slots pass NULL), in any
// order (a trial told twice, asked from a freed study's handle, a study freed under its
// trials). Arguments are read from the input one statement at a time, so that an input means
// the same calls under every compiler (a reproducer found with clang replays under gcc). Every call returns one of hpo.h's statuses, and libFuzzer's leak check runs after
// each input: every handle and string is freed at its end.
#include "fuzz_support.hpp"

#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace {

// Studies worth driving: declared and define-by-run spaces, several objectives, a scheduler,
// samplers that keep state, an exhaustible grid.
constexpr const char *configs[] = {
    R"({"space": {"x": {"type": "float", "low": -1, "high": 1}, "k": {"type": "categorical", "choices": ["a", "b"]}}})",
    R"({"sampler": "tpe", "seed": 3})",
    R"({"directions": ["minimize", "maximize"], "sampler": "nsga2"})",
    R"({"scheduler": "median", "space": {"n": {"type": "int", "low": 1, "high": 9, "step": 2}}})",
    R"({"sampler": "grid", "space": {"g": {"type": "int", "low": 0, "high": 2}}})",
    R"({"space": {"k": {"type": "categorical", "choices": ["a", "b"]}, "y": {"type": "float", "low": 0.1, "high": 1, "log": true, "condition": {"k": ["a"]}}}})",
    R"({"sampler": "cmaes", "space": {"x": {"type": "float", "low": 0, "high": 1}, "z": {"type": "float", "low": 0, "high": 1}}})",
    R"({"sampler": "nope"})",
};
constexpr const char *names[] = {"x", "k", "n", "g", "y", "z", "new", ""};
constexpr const char *texts[] = {R"({"x": 0.5})", R"({"k": "b"})", R"({"g": 1, "n": 3})", R"({"nope": 1})",
                                 R"([1, 2])",     "{",            R"(["a", "b", 3])",     R"("text")"};

class Input {
public:
    Input(const uint8_t *data, size_t size) : data_(data), size_(size) {}
    bool empty() const { return at_ >= size_; }
    uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
    template <size_t N>
    const char *pick(const char *const (&table)[N]) {
        const uint8_t b = byte();
        return b == 0xff ? nullptr : table[b % N];
    }
    double number() {
        switch (byte() % 8) {
        case 0: return std::numeric_limits<double>::quiet_NaN();
        case 1: return std::numeric_limits<double>::infinity();
        case 2: return -std::numeric_limits<double>::infinity();
        case 3: return 1e308;
        default: return static_cast<double>(static_cast<int8_t>(byte())) / 8;
        }
    }

private:
    const uint8_t *data_;
    size_t size_;
    size_t at_ = 0;
};

struct Handles {
    std::array<hpo_study *, 2> studies{};
    std::array<hpo_trial *, 4> trials{};
    ~Handles() {
        for (hpo_trial *&trial : trials) hpo_trial_free(trial);
        for (hpo_study *&study : studies) hpo_study_free(study);
    }
};

using hpo::fuzz::check_status;
using hpo::fuzz::take_string;

void take_text(int32_t status, char *&text) {
    if (check_status(status) == HPO_OK) {
        if (text == nullptr) std::abort();
        take_string(text);
        text = nullptr;
    } else if (text != nullptr) {
        std::abort();  // a failed call hands nothing out
    }
}

void step(Input &in, Handles &h) {
    hpo_study *&study = h.studies[in.byte() % h.studies.size()];
    hpo_trial *&trial = h.trials[in.byte() % h.trials.size()];
    char *text = nullptr;
    switch (in.byte() % 18) {
    case 0: {
        hpo_study_free(study);
        study = nullptr;
        hpo_study *made = nullptr;
        if (check_status(hpo_study_create(hpo::fuzz::engine(), in.pick(configs), &made)) == HPO_OK) {
            if (made == nullptr) std::abort();
            study = made;
        } else if (made != nullptr) {
            std::abort();
        }
        break;
    }
    case 1:
        hpo_study_free(study);
        study = nullptr;
        break;
    case 2: {
        hpo_trial *asked = nullptr;
        const int32_t status = check_status(hpo_study_ask(study, &asked));
        if ((status == HPO_OK) != (asked != nullptr)) std::abort();
        if (asked != nullptr) {
            hpo_trial_free(trial);
            trial = asked;
        }
        break;
    }
    case 3: check_status(hpo_study_enqueue(study, in.pick(texts))); break;
    case 4: {
        double out = 0;
        const double low = in.number();
        const double high = in.number();
        const char *name = in.pick(names);
        const int32_t log = in.byte() % 2;
        const double step_size = in.number();
        check_status(hpo_trial_suggest_float(trial, name, low, high, log, step_size, &out));
        break;
    }
    case 5: {
        int64_t out = 0;
        const int64_t low = static_cast<int8_t>(in.byte());
        const int64_t high = static_cast<int8_t>(in.byte());
        const char *name = in.pick(names);
        const int32_t log = in.byte() % 2;
        const int64_t step_size = in.byte() % 4;
        check_status(hpo_trial_suggest_int(trial, name, low, high, log, step_size, &out));
        break;
    }
    case 6: {
        int64_t out = 0;
        const char *name = in.pick(names);
        const char *choices = in.pick(texts);
        check_status(hpo_trial_suggest_categorical(trial, name, choices, &out));
        break;
    }
    case 7: {
        int32_t prune = 0;
        const int64_t at = static_cast<int8_t>(in.byte());
        const double value = in.number();
        int32_t *asked = in.byte() % 2 ? &prune : nullptr;
        check_status(hpo_trial_report(trial, at, value, asked));
        break;
    }
    case 8: {
        double values[3] = {0, 0, 0};
        const size_t n = in.byte() % 4;
        for (size_t i = 0; i < n; ++i) values[i] = in.number();
        const int32_t state = static_cast<int32_t>(in.byte() % 6) - 1;
        const char *message = in.byte() % 2 ? "why" : nullptr;
        check_status(hpo_trial_tell(trial, state, n ? values : nullptr, n, message));
        break;
    }
    case 9:
        hpo_trial_free(trial);
        trial = nullptr;
        break;
    case 10: take_text(hpo_study_trials_json(study, &text), text); break;
    case 11: take_text(hpo_study_best_trial_json(study, &text), text); break;
    case 12: take_text(hpo_study_best_trials_json(study, &text), text); break;
    case 13: take_text(hpo_study_info_json(study, &text), text); break;
    case 14: {
        int64_t n = 0;
        check_status(hpo_study_n_trials(study, &n));
        take_text(hpo_study_trial_json(study, static_cast<int8_t>(in.byte()), &text), text);
        break;
    }
    case 15: {
        double out = 0;
        int32_t prune = 0;
        check_status(hpo_trial_param(trial, in.pick(names), &out));
        check_status(hpo_trial_should_prune(trial, &prune));
        take_text(hpo_trial_params_json(trial, &text), text);
        break;
    }
    case 16: {
        const char *key = in.pick(names);
        const char *value = in.pick(texts);
        check_status(hpo_trial_set_user_attr(trial, key, value));
        break;
    }
    case 17: {
        double values[2];
        values[0] = in.number();
        values[1] = in.number();
        const size_t n = in.byte() % 3;
        check_status(hpo_trial_set_constraints(trial, values, n));
        check_status(hpo_trial_set_failure(trial, in.pick(names)));
        break;
    }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Input in(data, size);
    Handles handles;
    for (int calls = 0; !in.empty() && calls < 64; ++calls) step(in, handles);
    return 0;
}
