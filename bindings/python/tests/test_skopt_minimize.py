"""hpo.skopt's minimizers and Optimizer: x0/y0, OptimizeResult, use_named_args, callbacks,
reproducibility, dump/load, and what hpo refuses."""

import numpy as np
import pytest

from hpo.skopt import (Optimizer, dummy_minimize, dump, forest_minimize, gp_minimize, load)
from hpo.skopt.callbacks import DeltaYStopper
from hpo.skopt.space import Categorical, Integer, Real
from hpo.skopt.utils import use_named_args

BRANIN_MINIMUM = 0.397887


def branin(x):
    b, c, t = 5.1 / (4 * np.pi ** 2), 5 / np.pi, 1 / (8 * np.pi)
    return float((x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * np.cos(x[0]) + 10)


BRANIN_SPACE = [(-5.0, 10.0), (0.0, 15.0)]
MIXED = [Real(-2, 2, name="x"), Integer(0, 4, name="n"), Categorical(["a", "b"], name="c")]


def mixed_loss(x):
    return x[0] ** 2 + x[1] + (0.5 if x[2] == "b" else 0.0)


def test_gp_minimize_finds_branins_minimum_and_fills_the_result():
    result = gp_minimize(branin, BRANIN_SPACE, n_calls=40, random_state=0)
    assert result.fun - BRANIN_MINIMUM < 0.05
    assert len(result.x_iters) == 40 and result.func_vals.shape == (40,)
    assert result.fun == result.func_vals.min()
    assert result.x == result.x_iters[int(np.argmin(result.func_vals))]
    assert [branin(x) for x in result.x_iters] == list(result.func_vals)
    assert result.space.n_dims == 2 and result.models == []
    assert result.specs["function"] == "base_minimize"
    assert result.specs["args"]["n_calls"] == 40


def test_gp_minimize_with_a_fixed_seed_is_reproducible():
    first = gp_minimize(branin, BRANIN_SPACE, n_calls=20, random_state=3)
    again = gp_minimize(branin, BRANIN_SPACE, n_calls=20, random_state=3)
    other = gp_minimize(branin, BRANIN_SPACE, n_calls=20, random_state=4)
    assert first.x_iters == again.x_iters
    assert first.x_iters != other.x_iters


def test_x0_is_evaluated_first_and_y0_is_told_without_evaluating():
    calls = []

    def loss(x):
        calls.append(list(x))
        return mixed_loss(x)

    x0 = [[1.5, 3, "b"], [0.0, 0, "a"]]
    result = gp_minimize(loss, MIXED, n_calls=12, n_initial_points=3, x0=x0, random_state=1)
    assert calls[:2] == x0 and len(calls) == 12
    assert result.x_iters[:2] == x0 and list(result.func_vals[:2]) == [5.75, 0.0]
    calls.clear()
    result = gp_minimize(loss, MIXED, n_calls=8, n_initial_points=3, x0=x0, y0=[5.75, 0.0],
                         random_state=1)
    assert x0[0] not in calls and len(calls) == 8 and len(result.x_iters) == 10
    assert result.x_iters[:2] == x0 and list(result.func_vals[:2]) == [5.75, 0.0]


def test_a_single_x0_point_and_scalar_y0_are_accepted():
    result = dummy_minimize(mixed_loss, MIXED, n_calls=5, x0=[0.25, 1, "a"], y0=1.0625,
                            random_state=0)
    assert result.x_iters[0] == [0.25, 1, "a"] and result.func_vals[0] == 1.0625


def test_n_calls_must_cover_the_initial_points_as_in_scikit_optimize():
    with pytest.raises(ValueError, match="n_calls"):
        gp_minimize(branin, BRANIN_SPACE, n_calls=5, n_initial_points=10)


def test_use_named_args_passes_values_by_dimension_name():
    @use_named_args(MIXED)
    def loss(x, n, c):
        return x ** 2 + n + (0.5 if c == "b" else 0.0)

    assert loss([1.0, 2, "b"]) == 3.5
    result = forest_minimize(loss, MIXED, n_calls=15, random_state=2)
    assert [loss(x) for x in result.x_iters] == list(result.func_vals)
    with pytest.raises(ValueError, match="named"):
        use_named_args([Real(0, 1)])


def test_every_minimizer_keeps_its_points_in_the_space():
    for minimize in (gp_minimize, forest_minimize, dummy_minimize):
        result = minimize(mixed_loss, MIXED, n_calls=12, random_state=5)
        assert len(result.x_iters) == 12
        for x in result.x_iters:
            assert -2 <= x[0] <= 2 and x[1] in range(5) and x[2] in ("a", "b")
            assert isinstance(x[1], int)


def test_acquisition_options_reach_the_gp_sampler():
    optimizer = Optimizer(BRANIN_SPACE, "GP", n_initial_points=4, acq_func="LCB",
                          acq_func_kwargs={"kappa": 3.0}, initial_point_generator="sobol")
    options = optimizer.study.info["sampler"]["options"]
    assert options["acquisition"] == "lcb" and options["kappa"] == 3.0
    assert options["n_startup_trials"] == 4 and options["initial_design"] == "sobol"
    assert Optimizer(BRANIN_SPACE).study.info["sampler"]["options"]["acquisition"] == "ei"
    # skopt's default xi (0.01 in the objective's units) is hpo's 0 standard deviations.
    options = Optimizer(BRANIN_SPACE, acq_func_kwargs={"xi": 0.01}).study.info["sampler"]
    assert options["options"]["xi"] == 0.0


def test_a_callback_returning_true_stops_the_search():
    seen = []
    result = gp_minimize(branin, BRANIN_SPACE, n_calls=30, random_state=0,
                         callback=[lambda res: seen.append(len(res.x_iters)) or len(seen) == 12])
    assert len(result.x_iters) == 12 and seen == list(range(1, 13))
    result = dummy_minimize(lambda x: 1.0, BRANIN_SPACE, n_calls=30,
                            callback=DeltaYStopper(0.1, n_best=5))
    assert len(result.x_iters) == 5


def test_optimizer_ask_tell_as_in_scikit_optimize():
    optimizer = Optimizer(MIXED, "GP", n_initial_points=3, random_state=7)
    x = optimizer.ask()
    assert optimizer.ask() == x  # asked again before tell: the same point
    result = optimizer.tell(x, mixed_loss(x))
    assert result.x_iters == [x]
    batch = optimizer.ask(n_points=3)
    assert len(batch) == 3 and len({tuple(p) for p in batch}) == 3
    result = optimizer.tell(batch, [mixed_loss(p) for p in batch])
    assert len(result.x_iters) == 4 and len(optimizer.study) == 4
    optimizer.tell([0.0, 0, "a"], 0.0)  # a point it never proposed
    assert optimizer.get_result().x == [0.0, 0, "a"] and len(optimizer.study) == 5
    result = optimizer.run(mixed_loss, n_iter=4)
    assert len(result.func_vals) == 9 and optimizer.yi == list(result.func_vals)
    with pytest.raises(ValueError, match="bounds"):
        optimizer.tell([5.0, 0, "a"], 1.0)


def test_dump_and_load_keep_the_result(tmp_path):
    result = gp_minimize(branin, BRANIN_SPACE, n_calls=12, random_state=0)
    dump(result, tmp_path / "result.pkl")
    loaded = load(tmp_path / "result.pkl")
    assert loaded.x == result.x and loaded.x_iters == result.x_iters
    assert list(loaded.func_vals) == list(result.func_vals) and loaded.space == result.space
    assert loaded.specs["args"]["func"] is branin
    dump(result, tmp_path / "lean.pkl", store_objective=False)
    assert "func" not in load(tmp_path / "lean.pkl").specs["args"]
    assert "func" in result.specs["args"]


def test_what_hpo_cannot_do_is_refused_clearly():
    with pytest.raises(NotImplementedError, match="EIps"):
        gp_minimize(branin, BRANIN_SPACE, acq_func="EIps")
    with pytest.raises(NotImplementedError, match="halton"):
        gp_minimize(branin, BRANIN_SPACE, initial_point_generator="halton")
    with pytest.raises(NotImplementedError, match="units"):
        gp_minimize(branin, BRANIN_SPACE, xi=0.05)
    with pytest.raises(NotImplementedError, match="noise"):
        gp_minimize(branin, BRANIN_SPACE, noise=0.1)
    with pytest.raises(NotImplementedError, match="LCB"):
        forest_minimize(branin, BRANIN_SPACE, acq_func="LCB")
    with pytest.raises(NotImplementedError, match="base_estimator"):
        gp_minimize(branin, BRANIN_SPACE, base_estimator=object())
    with pytest.raises(NotImplementedError, match="cl_mean"):
        Optimizer(BRANIN_SPACE).ask(n_points=2, strategy="cl_mean")


def test_dummy_minimize_evaluates_x0_within_n_calls():
    result = dummy_minimize(mixed_loss, MIXED, n_calls=6, x0=[[0.5, 2, "b"]], random_state=0)
    assert len(result.x_iters) == 6 and result.x_iters[0] == [0.5, 2, "b"]


def test_categories_need_not_be_hashable():
    space = [Categorical([{"depth": 2}, {"depth": 5}], name="config"), Real(0, 1, name="x")]
    optimizer = Optimizer(space, "GP", n_initial_points=2, random_state=0)
    for _ in range(4):
        x = optimizer.ask()
        optimizer.tell(x, x[0]["depth"] + x[1])
    assert len(optimizer.study) == 4 and optimizer.get_result().x[0] in space[0].categories
