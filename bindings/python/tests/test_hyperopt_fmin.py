"""hpo.hyperopt.fmin: Hyperopt's return conventions, objective results, stopping rules,
algorithms and continuing with a Trials."""

import functools
import math

import numpy as np
import pytest

from hpo.hyperopt import (JOB_STATE_DONE, JOB_STATE_ERROR, STATUS_FAIL, STATUS_OK,
                          AllTrialsFailed, Trials, anneal, atpe, fmin, hp, rand, tpe)

SPACE = {"kind": hp.choice("kind", ["low", {"x": hp.uniform("x", -5, 5)}]),
         "n": hp.randint("n", 4)}


def loss_of(args):
    if args["kind"] == "low":
        return 10.0 + args["n"]
    return (args["kind"]["x"] - 1) ** 2 + args["n"]


def rng(seed=1):
    return np.random.default_rng(seed)


def test_fmin_returns_the_best_trials_vals_with_a_choice_as_its_index():
    trials = Trials()
    best = fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=40, trials=trials, rstate=rng())
    assert best == trials.argmin
    assert best["kind"] == 1 and isinstance(best["n"], int) and "x" in best
    best_loss = min(loss for loss in trials.losses())
    assert trials.best_trial["result"]["loss"] == best_loss
    assert loss_of({"kind": {"x": best["x"]}, "n": best["n"]}) == best_loss


def test_return_argmin_false_gives_the_space_evaluated_at_the_best():
    trials = Trials()
    best = fmin(loss_of, SPACE, algo=rand.suggest, max_evals=30, trials=trials, rstate=rng(),
                return_argmin=False)
    argmin = trials.argmin
    assert best == {"kind": {"x": argmin["x"]}, "n": argmin["n"]}


def test_an_inactive_label_is_left_out_of_the_argmin():
    best = fmin(lambda args: 0.0 if args["kind"] == "low" else 1.0, SPACE, algo=rand.suggest,
                max_evals=20, rstate=rng())
    assert best["kind"] == 0 and "x" not in best


def test_dict_results_keep_their_extra_keys_and_fail_status_is_no_best():
    def objective(args):
        if args["n"] == 0:
            return {"status": STATUS_FAIL, "why": "n is 0"}
        return {"loss": float(args["n"]), "status": STATUS_OK, "attachment": {"n": args["n"]}}

    trials = Trials()
    fmin(objective, {"n": hp.randint("n", 3)}, algo=rand.suggest, max_evals=30,
         trials=trials, rstate=rng())
    failed = [t for t in trials.trials if t["result"]["status"] == STATUS_FAIL]
    assert failed and all(t["state"] == JOB_STATE_DONE for t in failed)
    assert all(t["result"]["why"] == "n is 0" for t in failed)
    assert trials.best_trial["result"] == {"loss": 1.0, "status": STATUS_OK,
                                           "attachment": {"n": 1}}
    assert trials.statuses().count(STATUS_FAIL) == len(failed)
    assert [loss is None for loss in trials.losses()] == \
        [status == STATUS_FAIL for status in trials.statuses()]


def test_every_trial_failing_raises_all_trials_failed():
    with pytest.raises(AllTrialsFailed):
        fmin(lambda args: {"status": STATUS_FAIL}, SPACE, algo=rand.suggest, max_evals=3)


def test_a_nan_loss_is_kept_as_hyperopt_keeps_it_and_never_best():
    trials = Trials()
    fmin(lambda args: math.nan if args["n"] == 3 else float(args["n"]), {"n": hp.randint("n", 4)},
         algo=rand.suggest, max_evals=20, trials=trials, rstate=rng())
    nan_trials = [t for t in trials.trials if t["misc"]["vals"]["n"] == [3]]
    assert nan_trials and all(t["result"]["status"] == STATUS_OK
                              and math.isnan(t["result"]["loss"]) for t in nan_trials)
    assert trials.argmin == {"n": 0}


def test_bad_results_are_refused_as_hyperopt_refuses_them():
    for bad, error in (({"loss": 1.0}, "status"), ({"status": STATUS_OK}, "loss"),
                       ("text", "number or a dict")):
        with pytest.raises((TypeError, ValueError), match=error):
            fmin(lambda args, bad=bad: bad, SPACE, algo=rand.suggest, max_evals=2)


def test_an_exception_in_the_objective_is_raised_from_fmin():
    with pytest.raises(ZeroDivisionError):
        fmin(lambda args: 1 / 0, SPACE, algo=rand.suggest, max_evals=5)


def test_catch_eval_exceptions_records_an_error_and_goes_on():
    trials = Trials()
    fmin(lambda args: 1 / args["n"], {"n": hp.randint("n", 3)}, algo=rand.suggest,
         max_evals=20, trials=trials, rstate=rng(), catch_eval_exceptions=True)
    errors = [t for t in trials.trials if t["state"] == JOB_STATE_ERROR]
    assert len(trials) == 20 and errors
    assert all(t["misc"]["vals"]["n"] == [0] and "ZeroDivisionError" in t["misc"]["error"][0]
               for t in errors)


def test_max_evals_counts_the_trials_a_trials_already_holds():
    trials = Trials()
    fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=10, trials=trials, rstate=rng())
    first = trials.losses()
    fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=25, trials=trials, rstate=rng())
    assert len(trials) == 25 and trials.losses()[:10] == first
    assert trials.tids == list(range(25))
    fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=25, trials=trials)
    assert len(trials) == 25


def test_an_in_memory_trials_keeps_its_algorithm_and_space():
    trials = Trials()
    fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=3, trials=trials)
    with pytest.raises(ValueError, match="same algo"):
        fmin(loss_of, SPACE, algo=rand.suggest, max_evals=5, trials=trials)
    with pytest.raises(ValueError, match="another space"):
        fmin(loss_of, {"y": hp.uniform("y", 0, 1)}, algo=tpe.suggest, max_evals=5,
             trials=trials)


def test_the_same_rstate_reproduces_the_search():
    def run(seed):
        trials = Trials()
        fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=30, trials=trials, rstate=rng(seed))
        return trials.vals
    assert run(4) == run(4)
    assert run(4) != run(5)


def test_points_to_evaluate_are_the_first_trials():
    trials = Trials()
    points = [{"kind": 1, "x": 0.5, "n": 2}, {"kind": 0, "n": 1}]
    fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=5, trials=trials, rstate=rng(),
         points_to_evaluate=points)
    assert trials.losses()[:2] == [2.25, 11.0]
    assert trials.trials[0]["misc"]["vals"] == {"kind": [1], "x": [0.5], "n": [2]}
    assert trials.trials[1]["misc"]["vals"] == {"kind": [0], "x": [], "n": [1]}
    with pytest.raises(ValueError, match="index"):
        fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=5, points_to_evaluate=[{"kind": 2}])


def test_loss_threshold_stops_once_a_trial_reaches_it():
    trials = Trials()
    fmin(lambda args: float(args["n"]), {"n": hp.randint("n", 10)}, algo=rand.suggest,
         max_evals=200, trials=trials, rstate=rng(), loss_threshold=0.5)
    assert trials.losses()[-1] == 0.0 and trials.losses().count(0.0) == 1


def test_early_stop_fn_gets_the_trials_and_its_own_state():
    calls = []

    def stop_after_five(trials, count=0):
        calls.append(len(trials))
        return count + 1 >= 5, [count + 1]

    trials = Trials()
    fmin(loss_of, SPACE, algo=rand.suggest, max_evals=100, trials=trials,
         early_stop_fn=stop_after_five)
    assert len(trials) == 5 and calls == [1, 2, 3, 4, 5]


def test_every_algorithm_runs_and_partial_keywords_reach_the_sampler():
    for algo in (tpe.suggest, anneal.suggest, rand.suggest, atpe.suggest,
                 functools.partial(tpe.suggest, n_startup_jobs=5, n_EI_candidates=8),
                 functools.partial(anneal.suggest, shrink_coef=0.2)):
        trials = Trials()
        fmin(loss_of, SPACE, algo=algo, max_evals=12, trials=trials, rstate=rng())
        assert len(trials) == 12
    trials = Trials()
    fmin(loss_of, SPACE, algo=functools.partial(tpe.suggest, n_startup_jobs=5,
                                                n_EI_candidates=8),
         max_evals=1, trials=trials)
    assert trials.study.info["sampler"]["options"] == {
        "n_startup_trials": 5, "n_ei_candidates": 8, "candidate_budget": "per_parameter"}
    trials = Trials()
    fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=1, trials=trials)
    assert trials.study.info["sampler"]["options"] == {"n_startup_trials": 20}


def test_what_hpo_cannot_do_is_refused_clearly():
    with pytest.raises(NotImplementedError, match="gamma"):
        fmin(loss_of, SPACE, algo=functools.partial(tpe.suggest, gamma=0.3), max_evals=2)
    with pytest.raises(TypeError, match="algo"):
        fmin(loss_of, SPACE, algo=lambda *args: None, max_evals=2)
    with pytest.raises(NotImplementedError, match="storage"):
        fmin(loss_of, SPACE, algo=tpe.suggest, max_evals=2, trials_save_file="t.pkl")
    with pytest.raises(NotImplementedError, match="fmin"):
        tpe.suggest([0], None, None, 1)


def test_no_progress_loss_stops_after_so_many_trials_without_a_better_loss():
    from hpo.hyperopt.early_stop import no_progress_loss
    losses = iter([5.0, 4.0, 4.5, 4.2, 3.0, 3.5, 3.9, 3.1, 8.0, 1.0])
    trials = Trials()
    fmin(lambda args: next(losses), {"x": hp.uniform("x", 0, 1)}, algo=rand.suggest,
         max_evals=10, trials=trials, early_stop_fn=no_progress_loss(3))
    assert trials.losses() == [5.0, 4.0, 4.5, 4.2, 3.0, 3.5, 3.9, 3.1]
