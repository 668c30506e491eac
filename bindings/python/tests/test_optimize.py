"""Study.optimize: failures and `catch`, pruning by exception, callbacks, stop, n_jobs."""

import json
import os
import subprocess
import sys
import threading
import time

import pytest

import hpo
from conftest import require_plugin

FAIL, COMPLETE, PRUNED = hpo.TrialState.FAIL, hpo.TrialState.COMPLETE, hpo.TrialState.PRUNED


def objective_failing_on(numbers, error=ValueError):
    def objective(trial):
        x = trial.suggest_float("x", 0, 1)
        if trial.number in numbers:
            raise error(f"trial {trial.number} went wrong")
        return x
    return objective


def test_an_uncaught_exception_fails_the_trial_then_leaves_optimize(random_study):
    study = random_study()
    with pytest.raises(ValueError, match="trial 2 went wrong"):
        study.optimize(objective_failing_on({2}), n_trials=10)
    assert [t.state for t in study.trials] == [COMPLETE, COMPLETE, FAIL]
    assert study.trials[2].message == "ValueError: trial 2 went wrong"


def test_caught_exceptions_fail_their_trials_and_the_study_goes_on(random_study):
    study = random_study()
    study.optimize(objective_failing_on({1, 3}, KeyError), n_trials=5,
                   catch=(KeyError, ZeroDivisionError))
    assert [t.state for t in study.trials] == [COMPLETE, FAIL, COMPLETE, FAIL, COMPLETE]
    assert "KeyError" in study.trials[1].message and "trial 1" in study.trials[1].message
    with pytest.raises(KeyError):  # a type outside `catch` still leaves optimize
        study.optimize(objective_failing_on({5}, KeyError), n_trials=5, catch=ValueError)


def test_returning_something_other_than_values_fails_only_that_trial(random_study):
    study = hpo.create_study(sampler="random", directions=["minimize", "minimize"])
    answers = iter([(1.0, 2.0), "text", (1.0,), (float("nan"), 1.0), [3.0, 4.0]])
    study.optimize(lambda trial: next(answers), n_trials=5)
    assert [t.state for t in study.trials] == [COMPLETE, FAIL, FAIL, FAIL, COMPLETE]
    assert "'text'" in study.trials[1].message
    assert "1 values for a study of 2 objectives" in study.trials[2].message
    assert study.trials[4].values == [3.0, 4.0]


def test_trial_pruned_ends_the_trial_pruned_keeping_its_last_value(random_study):
    study = random_study()

    def objective(trial):
        for step in range(3):
            trial.report(10.0 - step, step)
        if trial.number % 2:
            raise hpo.TrialPruned()
        return 1.0

    study.optimize(objective, n_trials=4)
    assert [t.state for t in study.trials] == [COMPLETE, PRUNED, COMPLETE, PRUNED]
    assert study.trials[1].intermediate_values == {0: 10.0, 1: 9.0, 2: 8.0}


def test_callbacks_see_every_finished_trial_once_in_order(random_study):
    study = random_study()
    seen = []
    study.optimize(objective_failing_on({1}), n_trials=4, catch=(ValueError,),
                   callbacks=[lambda s, t: seen.append((s is study, t.number, t.state))])
    assert seen == [(True, 0, COMPLETE), (True, 1, FAIL), (True, 2, COMPLETE),
                    (True, 3, COMPLETE)]


def test_stop_from_a_callback_ends_the_run_early(random_study):
    study = random_study()

    def stop_after_two(s, trial):
        if trial.number == 1:
            s.stop()

    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=50, callbacks=[stop_after_two])
    # The trial already started when the callback ran may finish: see hpo._optimize.
    assert 2 <= len(study.trials) <= 3


def test_a_raising_callback_leaves_optimize(random_study):
    study = random_study()

    def fragile(s, trial):
        raise RuntimeError("callback broke")

    with pytest.raises(RuntimeError, match="callback broke"):
        study.optimize(lambda t: 1.0, n_trials=10, callbacks=[fragile])
    assert len(study.trials) < 10


def test_no_trial_starts_after_the_timeout(random_study):
    study = random_study()
    # The first trial outlasts the timeout, so it is the only one.
    study.optimize(lambda t: time.sleep(0.3) or 1.0, timeout=0.2)
    assert len(study.trials) == 1


def test_parallel_jobs_evaluate_all_trials_concurrently(random_study):
    study = random_study()
    both_running = threading.Barrier(2, timeout=10)
    threads = set()
    lock = threading.Lock()

    def objective(trial):
        x = trial.suggest_float("x", -1, 1)
        with lock:
            threads.add(threading.get_ident())
        if trial.number < 2:
            both_running.wait()  # only passes when two objectives run at the same time
        time.sleep(0.001)
        trial.report(x, 0)
        return x * x

    study.optimize(objective, n_trials=40, n_jobs=2)
    trials = study.trials
    assert len(trials) == 40 and all(t.state == COMPLETE for t in trials)
    assert sorted(t.number for t in trials) == list(range(40))
    assert all(t.values == [t.params["x"] * t.params["x"]] for t in trials)
    assert len(threads) == 2


def test_parallel_jobs_propagate_an_uncaught_exception(random_study):
    study = random_study()
    with pytest.raises(ValueError, match="went wrong"):
        study.optimize(objective_failing_on({5}), n_trials=200, n_jobs=2)
    assert len(study.trials) < 200
    assert study.trials[5].state == FAIL


def test_the_process_exits_cleanly_after_parallel_jobs():
    # The engine is freed at exit while the thread runner's workers may still be alive.
    code = ("import hpo; study = hpo.create_study(sampler='random', seed=1); "
            "study.optimize(lambda trial: 1.0, n_trials=4, n_jobs=2)")
    package_dir = os.path.dirname(os.path.dirname(hpo.__file__))
    env = dict(os.environ, PYTHONPATH=package_dir)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def test_keyboard_interrupt_is_never_caught(random_study):
    study = random_study()

    def interrupted(trial):
        raise KeyboardInterrupt()

    with pytest.raises(KeyboardInterrupt):
        study.optimize(interrupted, n_trials=5, catch=(Exception,))
    assert [t.state for t in study.trials] == [FAIL]


def test_an_objective_plugin_runs_without_python_in_the_loop():
    require_plugin("objective", "benchmarks")
    study = hpo.create_study(sampler="random", seed=8)
    study.optimize_plugin("benchmarks", {"function": "branin"}, n_trials=30, n_jobs=2)
    assert len(study.trials) == 30
    assert set(study.best_params) == {"x1", "x2"}
    assert study.best_value >= 0.397  # Branin's minimum is 0.397887
    with pytest.raises(hpo.HpoError, match="nonexistent"):
        study.optimize_plugin("benchmarks", {"function": "nonexistent"}, n_trials=1)


def test_a_trial_timeout_is_handed_to_the_engine(random_study):
    from hpo import _optimize
    options = json.loads(_optimize.run_options(5, None, 2, True, trial_timeout=1.5))
    assert options == {"n_trials": 5, "n_jobs": 2, "catch": True, "trial_timeout": 1.5}
    assert "trial_timeout" not in json.loads(_optimize.run_options(5, None, 1, True, None))
    # The engine takes the key; trials well within their time complete as ever.
    study = random_study()
    study.optimize(lambda trial: 1.0, n_trials=3, trial_timeout=60)
    assert [t.state for t in study.trials] == [COMPLETE] * 3


def test_show_progress_bar_draws_the_bar_on_stderr(capsys):
    study = hpo.create_study(sampler="random", seed=5)

    def objective(trial):
        if trial.number == 2:
            raise ValueError("a failed trial")
        return trial.suggest_float("x", 0, 1)

    study.optimize(objective, n_trials=6, catch=(ValueError,), show_progress_bar=True)
    err = capsys.readouterr().err
    last = err.rstrip("\n").split("\r")[-1]
    assert last.startswith("[" + "#" * 24 + "] 6/6 trials  0:0")
    assert f"best {study.best_value:.6g}" in last and "running 0  failed 1" in last
    assert err.count("\r") == 6 and err.endswith("\n")
    study.optimize(objective, n_trials=1)
    assert capsys.readouterr().err == ""  # no bar unless asked for
