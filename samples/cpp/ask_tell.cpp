// An ask/tell loop in C++ through hpo.hpp: define-by-run (the space is whatever the loop
// suggests), with a conditional parameter that exists only for one choice of optimizer.
#include <hpo/hpo.hpp>

#include <cmath>
#include <iostream>

namespace {

// A stand-in for a validation loss: best near lr = 1e-2, momentum = 0.9 with "sgd".
double loss(const std::string &optimizer, double lr, double momentum, int64_t layers) {
    const double lr_term = std::pow(std::log10(lr) + 2.0, 2.0);
    const double optimizer_term = optimizer == "sgd" ? std::abs(momentum - 0.9) : 0.3;
    return lr_term + optimizer_term + 0.05 * static_cast<double>(std::abs(layers - 3));
}

}  // namespace

int main() {
    try {
        hpo::Engine engine;
        hpo::Study study(engine, R"({"name": "ask-tell-cpp", "sampler": "random", "seed": 11})");
        study.enqueue(R"({"optimizer": "adam", "lr": 0.001, "layers": 2})");  // a known default first
        for (int i = 0; i < 200; ++i) {
            std::optional<hpo::Trial> trial = study.ask();
            if (!trial) break;  // the sampler has nothing left to propose
            const std::string optimizer = trial->suggest_categorical("optimizer", {"sgd", "adam"});
            const double lr = trial->suggest_float("lr", 1e-5, 1e-1, /*log=*/true);
            const double momentum = optimizer == "sgd" ? trial->suggest_float("momentum", 0.0, 0.99) : 0.0;
            const int64_t layers = trial->suggest_int("layers", 1, 6);
            trial->tell(loss(optimizer, lr, momentum, layers));
        }
        std::cout << "best trial: " << study.best_trial_json() << "\n";
        return 0;
    } catch (const hpo::Error &error) {
        std::cerr << "hpo error: " << error.what() << " (" << hpo_status_string(error.status()) << ")\n";
        return 1;
    }
}
