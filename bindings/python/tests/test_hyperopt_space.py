"""hpo.hyperopt's search spaces: each hp expression's values, the conditional space a
nested hp.choice becomes, space_eval and pyll.stochastic.sample."""

import math

import numpy as np
import pytest

from hpo.hyperopt import Trials, exceptions, fmin, hp, rand, space_eval
from hpo.hyperopt._space import CompiledSpace
from hpo.hyperopt.pyll import scope
from hpo.hyperopt.pyll.stochastic import sample


def draws(space, n=60, seed=3):
    """The objective's arguments and the Trials of n random trials over space."""
    seen = []
    trials = Trials()
    fmin(lambda args: seen.append(args) or 0.0, space, algo=rand.suggest, max_evals=n,
         trials=trials, rstate=np.random.default_rng(seed))
    return seen, trials


NESTED = hp.choice("model", [
    {"kind": "svc", "C": hp.loguniform("C", -3, 3),
     "kernel": hp.choice("kernel", ["rbf", {"degree": hp.quniform("degree", 2, 5, 1)}])},
    {"kind": "knn", "k": hp.randint("k", 1, 30)},
])


def test_a_nested_choice_becomes_conditions_on_its_parent():
    space = CompiledSpace(NESTED).engine_space()
    assert space["model"] == {"type": "categorical", "choices": [0, 1]}
    assert space["C"]["condition"] == {"model": [0]}
    assert space["kernel"]["condition"] == {"model": [0]}
    assert space["degree"]["condition"] == {"kernel": [1]}
    assert space["k"]["condition"] == {"model": [1]}


def test_inactive_parameters_are_absent_from_the_trial_and_empty_in_vals():
    seen, trials = draws(NESTED)
    for args, trial, frozen in zip(seen, trials.trials, trials.study.trials):
        vals = trial["misc"]["vals"]
        active = {label for label, value in vals.items() if value}
        assert active == set(frozen.params)
        if args["kind"] == "knn":
            assert active == {"model", "k"}
        elif args["kernel"] == "rbf":
            assert active == {"model", "C", "kernel"}
        else:
            assert active == {"model", "C", "kernel", "degree"}
        assert trial["misc"]["idxs"] == {label: [trial["tid"]] if value else []
                                         for label, value in vals.items()}
    assert {args["kind"] for args in seen} == {"svc", "knn"}


def test_q_values_lie_on_their_grid_with_hyperopts_rounding():
    space = {"u": hp.quniform("u", 0.5, 10.2, 0.5), "lu": hp.qloguniform("lu", 0, 3, 2),
             "n": hp.qnormal("n", 0, 4, 3), "ln": hp.qlognormal("ln", 0, 1, 0.25)}
    seen, trials = draws(space, n=80)
    for args in seen:
        for label, q in (("u", 0.5), ("lu", 2), ("n", 3), ("ln", 0.25)):
            assert args[label] == round(args[label] / q) * q
    assert all(0.5 <= args["u"] <= 10.0 for args in seen)
    assert all(0 <= args["lu"] <= round(math.exp(3) / 2) * 2 for args in seen)
    assert trials.vals["u"] == [args["u"] for args in seen]


def test_continuous_and_integer_expressions_keep_their_ranges_and_types():
    space = {"u": hp.uniform("u", -2, 3), "lu": hp.loguniform("lu", -2, 1),
             "r1": hp.randint("r1", 5), "r2": hp.randint("r2", 3, 7),
             "ui": hp.uniformint("ui", 1, 4), "n": hp.normal("n", 10, 0.1),
             "ln": hp.lognormal("ln", 0, 0.5), "c": hp.choice("c", [None, "a", 3])}
    seen, trials = draws(space, n=80)
    for args in seen:
        assert -2 <= args["u"] <= 3 and math.exp(-2) <= args["lu"] <= math.exp(1)
        assert args["r1"] in range(5) and args["r2"] in range(3, 7)
        assert isinstance(args["ui"], int) and 1 <= args["ui"] <= 4
        assert 9.4 <= args["n"] <= 10.6 and args["ln"] > 0
        assert args["c"] in (None, "a", 3)
    assert {args["r2"] for args in seen} == {3, 4, 5, 6}
    assert all(isinstance(value, float) for value in trials.vals["ui"])  # as in Hyperopt


def test_normal_distributions_are_truncated_at_six_sigma_with_their_prior():
    space = CompiledSpace({"n": hp.normal("n", 1, 2), "ln": hp.lognormal("ln", 0, 1)})
    normal, lognormal = space.engine_space()["n"], space.engine_space()["ln"]
    assert (normal["low"], normal["high"]) == (-11, 13)
    assert normal["prior"] == {"type": "normal", "mu": 1, "sigma": 2}
    assert lognormal["log"] and lognormal["low"] == pytest.approx(math.exp(-6))


def test_pchoice_draws_each_option_with_its_probability():
    space = hp.pchoice("p", [(0.1, "rare"), (0.9, {"x": hp.uniform("x", 0, 1)})])
    compiled = CompiledSpace(space).engine_space()
    assert compiled["p"] == {"type": "int", "low": 0, "high": 9}
    assert compiled["x"]["condition"] == {"p": list(range(1, 10))}
    seen, trials = draws(space, n=400)
    rare = sum(1 for args in seen if args == "rare")
    assert 20 <= rare <= 65  # 40 expected; seeded, so the count is fixed
    assert set(trials.vals["p"]) == {0, 1}


def test_pchoice_refuses_probabilities_it_cannot_draw_exactly():
    with pytest.raises(ValueError, match="sum to"):
        hp.pchoice("p", [(0.5, 1), (0.4, 2)])
    with pytest.raises(ValueError, match="buckets"):
        hp.pchoice("p", [(math.pi / 4, 1), (1 - math.pi / 4, 2)])


def test_scope_and_arithmetic_apply_to_the_drawn_values():
    space = {"n": scope.int(hp.quniform("n", 10, 100, 10)), "twice": hp.uniform("u", 0, 1) * 2}
    seen, trials = draws(space, n=20)
    for args, u in zip(seen, trials.vals["u"]):
        assert isinstance(args["n"], int) and args["n"] % 10 == 0
        assert args["twice"] == pytest.approx(2 * u)


def test_a_function_defined_in_scope_applies_to_drawn_values():
    @scope.define
    def doubled_plus(value, plus=0):
        return 2 * value + plus

    space = {"y": scope.doubled_plus(hp.randint("r", 5), plus=1), "neg": -hp.uniform("u", 1, 2)}
    seen, trials = draws(space, n=15)
    for args, r, u in zip(seen, trials.vals["r"], trials.vals["u"]):
        assert args == {"y": 2 * r + 1, "neg": -u}


def test_points_at_the_edge_of_a_q_grid_are_accepted_and_others_refused():
    compiled = CompiledSpace({"u": hp.quniform("u", 0.4, 10, 1)})
    assert compiled.engine_params_of({"u": 1.0}) == {"u": 1.0}
    assert compiled.engine_params_of({"u": 0.0}) == {"u": 0.4}  # 0.4 rounds to 0
    for unreachable in (2.5, -1.0, 11.0):
        with pytest.raises(ValueError, match="cannot be drawn"):
            compiled.engine_params_of({"u": unreachable})


def test_a_duplicate_label_is_refused():
    with pytest.raises(exceptions.DuplicateLabel):
        CompiledSpace({"a": hp.uniform("x", 0, 1), "b": hp.uniform("x", 0, 2)})


def test_a_node_shared_by_options_of_one_choice_is_active_under_each():
    x = hp.uniform("x", 0, 1)
    space = CompiledSpace(hp.choice("c", [x, {"y": x}, 3])).engine_space()
    assert space["x"]["condition"] == {"c": [0, 1]}


def test_a_node_shared_by_two_choices_is_refused_naming_both():
    x = hp.uniform("x", 0, 1)
    with pytest.raises(exceptions.BadSearchSpace, match="'a'.*'b'"):
        CompiledSpace([hp.choice("a", [x, 1]), hp.choice("b", [2, x])])


def test_bounds_must_be_numbers():
    with pytest.raises(TypeError, match="one hyperparameter's bound"):
        hp.uniform("x", 0, hp.uniform("h", 1, 2))
    with pytest.raises(TypeError, match="label"):
        hp.uniform(3, 0, 1)


def test_space_eval_takes_a_choice_as_its_index():
    point = {"model": 0, "C": 2.0, "kernel": 1, "degree": 3.0}
    assert space_eval(NESTED, point) == {"kind": "svc", "C": 2.0, "kernel": {"degree": 3.0}}
    assert space_eval(NESTED, {"model": 1, "k": 7}) == {"kind": "knn", "k": 7}
    with pytest.raises(KeyError, match="'k'"):
        space_eval(NESTED, {"model": 1})


def test_sample_draws_from_the_space_reproducibly():
    first = [sample(NESTED, rng=np.random.default_rng(5)) for _ in range(3)]
    again = [sample(NESTED, rng=np.random.default_rng(5)) for _ in range(3)]
    assert first == again
    many = [sample(NESTED, rng=np.random.default_rng(seed)) for seed in range(40)]
    assert {draw["kind"] for draw in many} == {"svc", "knn"}
    for draw in many:
        assert (math.exp(-3) <= draw["C"] <= math.exp(3)) if draw["kind"] == "svc" \
            else draw["k"] in range(1, 30)
    tuple_space = (hp.uniform("a", 0, 1), [hp.randint("b", 2)])
    drawn = sample(tuple_space, rng=np.random.default_rng(1))
    assert isinstance(drawn, tuple) and isinstance(drawn[1], list)
