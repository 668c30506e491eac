#include "cmaes_options.hpp"

namespace hpo::cmaes {

CmaesOptions CmaesOptions::from(const plugin_kit::Options &given) {
    CmaesOptions o;
    if (given.has("sigma0")) o.sigma0 = given.number("sigma0");
    if (given.has("popsize")) o.popsize = given.integer("popsize");
    o.ipop = given.string("restart_strategy") == "ipop";
    o.inc_popsize = given.integer("inc_popsize");
    o.separable = given.boolean("separable");
    o.lr_adapt = given.boolean("lr_adapt");
    o.with_margin = given.boolean("with_margin");
    o.warm_start = given.boolean("warm_start");
    o.orthogonal = given.boolean("orthogonal");
    o.surrogate = given.boolean("surrogate");
    return o;
}

} // namespace hpo::cmaes
