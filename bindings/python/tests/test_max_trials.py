"""max_trials: the study-wide trial budget, exact however many threads and processes run."""

import os
import subprocess
import sys

import pytest

import hpo
from conftest import loaded_plugins

BUDGET = 23  # no multiple of the workers: the last trials are raced for

WORKER = """
import sys, hpo
study = hpo.create_study(space={"x": {"type": "float", "low": 0, "high": 1}}, sampler="random",
                         storage=sys.argv[1], study_name="budget", load_if_exists=True,
                         max_trials=int(sys.argv[2]))
study.optimize(lambda trial: trial.suggest_float("x", 0, 1), n_trials=None)
"""


def space():
    return {"x": {"type": "float", "low": 0, "high": 1}}


def test_four_threads_in_memory_stop_at_the_budget():
    study = hpo.create_study(space=space(), sampler="random", max_trials=BUDGET)
    study.optimize(lambda trial: trial.suggest_float("x", 0, 1), n_jobs=4)
    assert len(study.trials) == BUDGET
    assert all(t.state == hpo.TrialState.COMPLETE for t in study.trials)
    with pytest.raises(hpo.StateError, match=f"budget of {BUDGET} trials"):
        study.ask()


@pytest.mark.parametrize("scheme", ["sqlite", "journal"])
def test_four_processes_on_a_storage_stop_at_the_budget_together(scheme, tmp_path):
    if ("storage", scheme) not in loaded_plugins():
        pytest.skip(f"no storage plugin named {scheme!r} was found")
    url = f"{scheme}:///{tmp_path}/budget.{scheme}"
    hpo.create_study(space=space(), sampler="random", storage=url, study_name="budget", max_trials=BUDGET)
    package_dir = os.path.dirname(os.path.dirname(hpo.__file__))
    env = dict(os.environ, PYTHONPATH=package_dir)
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, url, str(BUDGET)], env=env) for _ in range(4)]
    assert [worker.wait(timeout=120) for worker in workers] == [0] * 4
    study = hpo.load_study("budget", storage=url)
    assert len(study.trials) == BUDGET
    assert sorted(t.number for t in study.trials) == list(range(BUDGET))
    # Another budget for the stored study is refused, naming both.
    with pytest.raises(hpo.InvalidArgument, match=f"budget of {BUDGET} trials.*max_trials 99"):
        hpo.create_study(space=space(), sampler="random", storage=url, study_name="budget",
                         load_if_exists=True, max_trials=99)


@pytest.mark.parametrize("bad", [0, -3])
def test_a_budget_that_is_not_positive_is_refused(bad):
    with pytest.raises(hpo.InvalidArgument, match="max_trials"):
        hpo.create_study(space=space(), max_trials=bad)


def test_a_budget_that_is_not_an_int_is_refused():
    with pytest.raises(TypeError, match="max_trials"):
        hpo.create_study(space=space(), max_trials=2.5)
