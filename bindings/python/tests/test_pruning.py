"""Pruning through a scheduler plugin: report, should_prune, TrialPruned."""

import math

import pytest

import hpo
from conftest import require_plugin


def learning_curve(trial):
    """A curve that levels off at the trial's `quality`: bad trials stay high throughout."""
    quality = trial.suggest_float("quality", 0.0, 1.0)
    for step in range(10):
        trial.report(quality + 1.0 / (step + 1), step)
        if trial.should_prune():
            raise hpo.TrialPruned()
    return quality


def test_the_median_scheduler_prunes_trials_worse_than_the_median():
    require_plugin("scheduler", "median")
    study = hpo.create_study(sampler="random", seed=2, scheduler="median",
                             scheduler_options={"n_startup_trials": 3})
    study.optimize(learning_curve, n_trials=30)
    states = [t.state for t in study.trials]
    pruned = [t for t in study.trials if t.state == hpo.TrialState.PRUNED]
    complete = [t for t in study.trials if t.state == hpo.TrialState.COMPLETE]
    assert states[:3] == [hpo.TrialState.COMPLETE] * 3  # no pruning during start-up
    assert pruned and complete
    # Every pruned trial stopped before the last step, on a value worse than the best.
    assert all(t.last_step < 9 for t in pruned)
    best = min(t.value for t in complete)
    assert all(t.params["quality"] > best for t in pruned)
    assert all(t.value == t.intermediate_values[t.last_step] for t in pruned)


def test_without_a_scheduler_nothing_is_pruned(random_study):
    study = random_study()
    study.optimize(learning_curve, n_trials=10)
    assert all(t.state == hpo.TrialState.COMPLETE for t in study.trials)
    assert all(len(t.intermediate_values) == 10 for t in study.trials)


def test_an_unknown_scheduler_option_is_named():
    require_plugin("scheduler", "median")
    with pytest.raises(hpo.HpoError, match="patience"):
        hpo.create_study(sampler="random", scheduler="median",
                         scheduler_options={"patience": 3})


def test_a_nan_report_is_recorded_not_refused(random_study):
    # The binding hands NaN to the engine as it is; the engine records it (a scheduler
    # counts it as the worst value) and the trial goes on.
    study = random_study()
    trial = study.ask()
    trial.report(0.5, 0)
    trial.report(float("nan"), 1)
    assert trial.should_prune() is False
    study.tell(trial, 1.0)
    [frozen] = study.trials
    assert frozen.state == hpo.TrialState.COMPLETE
    assert frozen.intermediate_values[0] == 0.5 and math.isnan(frozen.intermediate_values[1])


def test_a_nan_report_counts_as_the_worst_value_for_the_scheduler():
    require_plugin("scheduler", "median")
    study = hpo.create_study(sampler="random", seed=3, scheduler="median",
                             scheduler_options={"n_startup_trials": 1})

    def diverging(trial):
        x = trial.suggest_float("x", 0, 1)
        for step in range(3):
            trial.report(float("nan") if trial.number == 1 else x, step)
            if trial.should_prune():
                raise hpo.TrialPruned()
        return x

    study.optimize(diverging, n_trials=2)
    assert [t.state for t in study.trials] == [hpo.TrialState.COMPLETE, hpo.TrialState.PRUNED]
    assert study.trials[1].last_step == 0
