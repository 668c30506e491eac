"""Constraint values on trials (Optuna's constraints_func, set by the objective), how best
trials and fronts rank them, and the devices a trial was given."""

import math

import pytest

import hpo


def constrained(trial):
    x = trial.suggest_float("x", -2, 2)
    trial.set_constraints([x - 1.0])  # feasible when x <= 1
    return -x  # best at x = 2, which is infeasible


def test_the_best_trial_is_the_best_feasible_one(random_study):
    study = random_study()
    study.optimize(constrained, n_trials=30)
    assert all(t.constraints == [pytest.approx(t.params["x"] - 1.0)] for t in study.trials)
    best = study.best_trial
    assert best.feasible and best.params["x"] <= 1.0
    feasible = [t for t in study.trials if t.feasible]
    assert best.value == min(t.value for t in feasible)
    assert any(t.value < best.value for t in study.trials)  # a better value was infeasible


def test_the_front_holds_feasible_trials_when_there_are_any(random_study):
    study = random_study(directions=["minimize", "minimize"])

    def two(trial):
        x = trial.suggest_float("x", 0, 1)
        trial.set_constraints([0.5 - x])  # feasible when x >= 0.5
        return x, 1 - x

    study.optimize(two, n_trials=20)
    front = study.best_trials
    assert front and all(t.feasible for t in front)
    assert len(front) == sum(t.feasible for t in study.trials)  # x and 1 - x trade off


def test_constraints_are_checked(random_study):
    trial = random_study().ask()
    with pytest.raises(hpo.InvalidArgument, match="constraint 0 of trial 0 is NaN"):
        trial.set_constraints([math.nan])
    with pytest.raises(TypeError, match=r"constraints\[1\]"):
        trial.set_constraints([0.0, "high"])
    trial.set_constraints([])
    assert trial.devices == [] and trial.device is None


def test_a_study_without_constraints_reads_none(random_study):
    study = random_study()
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    assert study.trials[0].constraints is None and study.trials[0].feasible
    assert study.system_attrs == {}
