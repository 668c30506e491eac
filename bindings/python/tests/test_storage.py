"""Studies kept in a persistent storage are loaded back with their trials."""

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
    with pytest.raises(hpo.HpoError, match="twice"):
        hpo.create_study(study_name="twice", storage=storage, sampler="random")
