"""What training loops do does not stop a study: parallel workers get their own parameters,
a range changed mid-study fails one trial, a reopened study keeps its sampler."""

import time

import pytest

import hpo
from conftest import loaded_plugins


def test_parallel_workers_never_share_a_configuration_and_match_a_sequential_run():
    def objective(trial):
        x = trial.suggest_float("x", 0, 1)
        time.sleep(0.002)
        return x

    runs = {}
    for n_jobs in (1, 4):
        study = hpo.create_study(sampler="random", seed=5)
        study.optimize(objective, n_trials=200, n_jobs=n_jobs)
        runs[n_jobs] = {t.number: t.params["x"] for t in study.trials}
    assert len(set(runs[4].values())) == 200
    assert runs[1] == runs[4]


def test_a_changed_range_fails_its_trial_alone_even_without_catch():
    calls = []

    def objective(trial):
        calls.append(trial.number)
        high = 2.0 if trial.number == 1 else 1.0
        return trial.suggest_float("x", 0, high)

    study = hpo.create_study(sampler="random", seed=3)
    study.optimize(objective, n_trials=4)
    states = [t.state for t in study.trials]
    assert states == [hpo.TrialState.COMPLETE, hpo.TrialState.FAIL,
                      hpo.TrialState.COMPLETE, hpo.TrialState.COMPLETE]
    message = study.trials[1].message
    assert '"high":1' in message and '"high":2' in message


@pytest.mark.skipif(("sampler", "gp") not in loaded_plugins() or ("storage", "sqlite") not in
                    loaded_plugins(), reason="needs the gp sampler and sqlite storage")
def test_a_reopened_study_goes_on_with_the_sampler_it_was_made_with(tmp_path):
    storage = f"sqlite:///{tmp_path}/gp.db"
    space = {"x": {"type": "float", "low": 0, "high": 1}}
    hpo.create_study(space=space, sampler="gp", storage=storage, study_name="s")
    assert hpo.load_study("s", storage).info["sampler"]["name"] == "gp"
    assert hpo.load_study("s", storage, sampler="random").info["sampler"]["name"] == "random"


WORKER = """
import sys, hpo
study = hpo.create_study(study_name="shared", storage=sys.argv[1], sampler="tpe",
                         load_if_exists=True, seed=1)
study.optimize(lambda t: (t.suggest_float("x", -5, 5) - 1) ** 2 + t.suggest_int("n", 1, 9),
               n_trials=20, n_jobs=4)
"""


@pytest.mark.parametrize("scheme", ["sqlite", "journal"])
def test_three_processes_of_four_threads_keep_every_trials_parameters(tmp_path, scheme):
    import os
    import subprocess
    import sys
    if ("storage", scheme) not in loaded_plugins():
        pytest.skip(f"no storage plugin named {scheme!r}")
    storage = f"{scheme}:///{tmp_path}/shared.{scheme}"
    hpo.create_study(study_name="shared", storage=storage, sampler="tpe", seed=1)
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(hpo.__file__)))
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, storage], env=env) for _ in range(3)]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0, 0]
    trials = hpo.load_study("shared", storage).trials
    assert len(trials) == 60
    assert all(t.state == hpo.TrialState.COMPLETE and set(t.params) == {"x", "n"} for t in trials)
