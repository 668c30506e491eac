"""Studies kept in a persistent storage are loaded back with their trials."""

import json
import os
import subprocess
import sys
import time

import pytest

import hpo
from conftest import loaded_plugins

# Storage plugins that keep a study in a local file, and the URL of one under a folder.
FILE_STORAGES = {
    "sqlite": "sqlite:///{folder}/studies.db",
    "journal": "journal:///{folder}/studies.log",
}


@pytest.fixture(params=sorted(FILE_STORAGES))
def storage(request, tmp_path):
    if ("storage", request.param) not in loaded_plugins():
        pytest.skip(f"no storage plugin named {request.param!r} was found")
    return FILE_STORAGES[request.param].format(folder=tmp_path)


def objective(trial):
    x = trial.suggest_float("x", -2, 2)
    kind = trial.suggest_categorical("kind", ["a", "b"])
    trial.report(x, 0)
    trial.set_user_attr("kind_upper", kind.upper())
    return x * x + (kind == "b")


def snapshot(study):
    return [(t.number, t.state, t.params, t.values, t.intermediate_values, t.user_attrs)
            for t in study.trials]


def test_a_study_is_loaded_back_from_storage_with_its_trials(storage):
    study = hpo.create_study(study_name="reloaded", storage=storage, sampler="random", seed=9)
    study.optimize(objective, n_trials=6)
    expected = snapshot(study)
    del study

    loaded = hpo.load_study("reloaded", storage, sampler="random")
    assert snapshot(loaded) == expected
    loaded.optimize(objective, n_trials=2)
    assert [t.number for t in loaded.trials] == list(range(8))


def test_load_study_takes_the_directions_from_storage(storage):
    hpo.create_study(study_name="maximized", storage=storage, sampler="random",
                     directions=["maximize", "minimize"])
    loaded = hpo.load_study("maximized", storage, sampler="random")
    assert loaded.directions == [hpo.StudyDirection.MAXIMIZE, hpo.StudyDirection.MINIMIZE]


def test_load_study_of_an_unknown_name_raises_not_found(storage):
    with pytest.raises(hpo.NotFound, match="nowhere"):
        hpo.load_study("nowhere", storage, sampler="random")


def test_load_if_exists_reopens_instead_of_failing(storage):
    hpo.create_study(study_name="twice", storage=storage, sampler="random").optimize(
        objective, n_trials=1)
    again = hpo.create_study(study_name="twice", storage=storage, sampler="random",
                             load_if_exists=True)
    assert len(again.trials) == 1
    with pytest.raises(hpo.AlreadyExists, match="twice"):
        hpo.create_study(study_name="twice", storage=storage, sampler="random")


def test_heartbeat_settings_reach_the_study(storage):
    study = hpo.create_study(study_name="beating", storage=storage, sampler="random",
                             heartbeat_interval=5, grace_period=30.5, retry_failed=True)
    assert study.info["heartbeat"] == {"interval": 5.0, "grace": 30.5, "retry": True}
    loaded = hpo.load_study("beating", storage, sampler="random", heartbeat_interval=2)
    assert loaded.info["heartbeat"]["interval"] == 2.0


def test_heartbeat_settings_left_out_are_left_to_the_engine(storage, monkeypatch):
    from hpo import _lib
    sent = []
    create = _lib.lib().hpo_study_create

    def spy(engine, config, out):
        sent.append(json.loads(config))
        return create(engine, config, out)

    monkeypatch.setattr(_lib.lib(), "hpo_study_create", spy)
    hpo.create_study(study_name="default", storage=storage, sampler="random")
    hpo.create_study(study_name="graceful", storage=storage, sampler="random",
                     heartbeat_interval=4)
    assert "heartbeat" not in sent[0]
    assert sent[1]["heartbeat"] == {"interval": 4.0}  # the engine's own grace applies


def test_a_dead_workers_trial_fails_after_the_grace_period_and_is_retried(storage):
    hpo.create_study(study_name="orphans", storage=storage, sampler="random")
    # A worker asks a trial, then dies without telling it: the trial stays RUNNING.
    code = ("import os, sys, hpo; study = hpo.load_study('orphans', sys.argv[1], "
            "sampler='random', heartbeat_interval=60); "
            "study.ask().suggest_float('x', 0, 1); os._exit(0)")
    package_dir = os.path.dirname(os.path.dirname(hpo.__file__))
    env = dict(os.environ, PYTHONPATH=package_dir)
    subprocess.run([sys.executable, "-c", code, storage], env=env, check=True, timeout=60)
    survivor = hpo.load_study("orphans", storage, sampler="random", heartbeat_interval=0.05,
                              grace_period=0.1, retry_failed=True)
    time.sleep(0.2)  # longer than the grace period since the dead worker's last heartbeat
    assert survivor.trials[0].state == hpo.TrialState.RUNNING  # reading judges nothing
    # A worker about to start a trial judges the silent ones first, then takes the retry.
    trial = survivor.ask()
    failed, retry = survivor.trials
    assert failed.state == hpo.TrialState.FAIL
    assert retry.number == trial.number and retry.state == hpo.TrialState.RUNNING
    assert retry.params == failed.params
    assert retry.system_attrs.get("retry_of") == 0


def test_reading_a_storage_that_does_not_exist_creates_nothing(tmp_path, storage):
    url = storage.replace(str(tmp_path), str(tmp_path / "absent"), 1)
    os.makedirs(tmp_path / "absent")
    with pytest.raises(hpo.NotFound):
        hpo.load_study("nothing", url)
    assert os.listdir(tmp_path / "absent") == []


def test_constraints_and_infinite_values_are_kept_by_the_storage(storage):
    study = hpo.create_study(study_name="constrained", storage=storage, sampler="random", seed=3)
    for value, constraints in [(0.1, [0.5]), (float("inf"), [-1.0]), (0.9, [-float("inf")])]:
        trial = study.ask()
        trial.suggest_float("x", 0, 1)
        trial.set_constraints(constraints)
        study.tell(trial, value)
    loaded = hpo.load_study("constrained", storage, sampler="random")
    assert [t.constraints for t in loaded.trials] == [[0.5], [-1.0], [-float("inf")]]
    assert [t.feasible for t in loaded.trials] == [False, True, True]
    assert loaded.trials[1].value == float("inf")
    assert loaded.best_trial.number == 2
