"""Study.optimize(..., processes=True): the objective in worker processes, its trial calls
relayed to the parent, a crash failing its trial alone."""

import ctypes
import os

import pytest

import hpo

FAIL, COMPLETE, PRUNED = hpo.TrialState.FAIL, hpo.TrialState.COMPLETE, hpo.TrialState.PRUNED


# The objectives are at the top level: a worker process unpickles them by name.
def quadratic(trial):
    x = trial.suggest_float("x", -2, 2)
    kind = trial.suggest_categorical("kind", ["a", "b"])
    trial.report(x * x, 0)
    trial.set_user_attr("pid", os.getpid())
    trial.set_user_attr("number", trial.number)
    trial.set_user_attr("params", trial.params)  # a property, read from the parent's trial
    return x * x + (1 if kind == "b" else 0)


def crashes_on_trial_1(trial):
    x = trial.suggest_float("x", 0, 1)
    if trial.number == 1:
        ctypes.string_at(0)  # a segfault in native code
    return x


def raises_on_trial_2(trial):
    x = trial.suggest_float("x", 0, 1)
    if trial.number == 2:
        raise KeyError("trial 2 went wrong")
    return x


def prunes_odd_trials(trial):
    x = trial.suggest_float("x", 0, 1)
    if trial.number % 2:
        raise hpo.TrialPruned()
    return x


def test_trials_run_in_worker_processes_and_their_calls_reach_the_study(random_study):
    study = random_study()
    study.optimize(quadratic, n_trials=8, n_jobs=2, processes=True)
    trials = study.trials
    assert [t.state for t in trials] == [COMPLETE] * 8
    pids = {t.user_attrs["pid"] for t in trials}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2  # one worker per job, reused
    for t in trials:
        assert t.user_attrs["number"] == t.number
        assert t.user_attrs["params"] == t.params
        assert t.intermediate_values == {0: pytest.approx(t.params["x"] ** 2)}
        assert t.value == pytest.approx(t.params["x"] ** 2 + (t.params["kind"] == "b"))


def test_a_segfault_fails_its_trial_alone(random_study, monkeypatch):
    if "asan" in os.environ.get("LD_PRELOAD", ""):
        # A sanitized worker would catch its own SIGSEGV and exit 1; let the signal kill it.
        monkeypatch.setenv("ASAN_OPTIONS", os.environ.get("ASAN_OPTIONS", "") + ":handle_segv=0")
    study = random_study()
    study.optimize(crashes_on_trial_1, n_trials=6, n_jobs=2, processes=True)
    states = [t.state for t in study.trials]
    assert states.count(FAIL) == 1 and states.count(COMPLETE) == 5
    assert "worker killed by signal 11 (SIGSEGV)" in study.trials[1].message


def test_exceptions_and_pruning_behave_as_in_threads(random_study):
    study = random_study()
    with pytest.raises(KeyError, match="trial 2 went wrong"):
        study.optimize(raises_on_trial_2, n_trials=6, processes=True)
    assert study.trials[2].state == FAIL and "KeyError" in study.trials[2].message
    caught = random_study()
    caught.optimize(raises_on_trial_2, n_trials=4, processes=True, catch=KeyError)
    assert [t.state for t in caught.trials] == [COMPLETE, COMPLETE, FAIL, COMPLETE]
    pruned = random_study()
    pruned.optimize(prunes_odd_trials, n_trials=4, n_jobs=2, processes=True)
    assert [t.state for t in pruned.trials] == [COMPLETE, PRUNED, COMPLETE, PRUNED]


def test_an_objective_that_cannot_be_pickled_is_refused(random_study):
    with pytest.raises(TypeError, match="must be picklable"):
        random_study().optimize(lambda trial: 0.0, n_trials=1, processes=True)
