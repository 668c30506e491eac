"""Errors from the engine arrive as exceptions of the right class with the engine's message."""

import pytest

import hpo
from conftest import loaded_plugins


def test_an_impossible_range_in_a_declared_space_names_the_parameter():
    with pytest.raises(hpo.InvalidArgument, match="learning_rate") as raised:
        hpo.create_study(sampler="random",
                         space={"learning_rate": {"type": "float", "low": 1.0, "high": 0.1}})
    assert raised.value.status == hpo.Status.EINVAL


def test_an_unknown_sampler_is_not_found_and_named():
    with pytest.raises(hpo.NotFound, match="no_such_sampler"):
        hpo.create_study(sampler="no_such_sampler")


def test_an_unknown_sampler_option_is_named():
    with pytest.raises(hpo.HpoError, match="bogus"):
        hpo.create_study(sampler="random", sampler_options={"bogus": 1})


def test_an_unknown_direction_is_refused():
    with pytest.raises(hpo.InvalidArgument, match="sideways"):
        hpo.create_study(sampler="random", direction="sideways")


def test_direction_and_directions_together_are_refused():
    with pytest.raises(ValueError, match="either direction or directions"):
        hpo.create_study(sampler="random", direction="minimize", directions=["maximize"])


def test_bad_suggestions_name_the_parameter(random_study):
    trial = random_study().ask()
    with pytest.raises(hpo.InvalidArgument, match="rate"):
        trial.suggest_float("rate", 0.0, 1.0, log=True)
    trial.suggest_float("width", 0.0, 1.0)
    with pytest.raises(hpo.InvalidArgument, match="width"):
        trial.suggest_int("width", 0, 10)


def test_best_trial_of_an_empty_study_is_not_found(random_study):
    with pytest.raises(hpo.NotFound):
        random_study().best_trial


def test_best_trial_of_a_multi_objective_study_is_refused():
    study = hpo.create_study(sampler="random", directions=["minimize", "maximize"])
    with pytest.raises(hpo.InvalidArgument):
        study.best_trial


def test_a_trial_is_closed_once_its_objective_has_returned(random_study):
    kept = []
    random_study().optimize(lambda trial: kept.append(trial) or 0.0, n_trials=1)
    with pytest.raises(hpo.StateError, match="trial 0 has finished"):
        kept[0].suggest_float("x", 0, 1)


def test_telling_a_trial_twice_is_a_state_error(random_study):
    study = random_study()
    trial = study.ask()
    study.tell(trial, 1.0)
    with pytest.raises(hpo.StateError, match="told already"):
        study.tell(trial, 2.0)
    with pytest.raises(ValueError, match="needs values"):
        study.tell(study.ask())


def test_bad_optimize_options_are_refused_naming_the_option(random_study):
    study = random_study()
    for options, name in ((dict(n_jobs=0), "n_jobs"), (dict(n_trials=-1), "n_trials"),
                          (dict(timeout=-1.0), "timeout")):
        with pytest.raises(hpo.InvalidArgument, match=name):
            study.optimize(lambda trial: 1.0, **options)
    assert study.trials == []


def test_a_missing_plugin_folder_is_named():
    with pytest.raises(hpo.NotFound, match="/nonexistent/plugins"):
        hpo.create_study(sampler="random", plugin_paths=["/nonexistent/plugins"])


def test_a_file_that_is_not_a_plugin_is_listed_as_refused_with_the_reason(tmp_path):
    engine = hpo.Engine()
    not_a_plugin = tmp_path / "libhpo_fake.so"
    not_a_plugin.write_text("not a shared library")
    engine.add_plugin_path(not_a_plugin)
    [refused] = [r for r in engine.plugins()["refused"] if r["file"] == str(not_a_plugin)]
    assert "cannot be loaded" in refused["reason"]


def test_the_default_sampler_is_tpe_or_an_error_naming_it():
    if ("sampler", "tpe") in loaded_plugins():
        assert hpo.create_study().info["sampler"]["name"] == "tpe"
    else:
        with pytest.raises(hpo.NotFound, match="tpe"):
            hpo.create_study()
