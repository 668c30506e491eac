"""hpo.importance: Optuna's get_param_importances and FanovaImportanceEvaluator over the
engine's fANOVA."""

import math

import pytest

import hpo
from hpo.importance import FanovaImportanceEvaluator, get_param_importances, param_importances_json


def additive(trial):
    x = trial.suggest_float("x", 0, 1)
    y = trial.suggest_float("y", 0, 1)
    trial.suggest_float("z", 0, 1)
    return 10 * x + y


@pytest.fixture
def additive_study(random_study):
    study = random_study()
    study.optimize(additive, n_trials=150)
    return study


def test_importances_are_ordered_largest_first_and_sum_to_one(additive_study):
    importances = get_param_importances(additive_study)
    assert list(importances) == ["x", "y", "z"]
    assert importances["x"] > 0.9
    assert math.isclose(sum(importances.values()), 1.0)
    raw = get_param_importances(additive_study, normalize=False)
    assert list(raw) == ["x", "y", "z"] and raw["x"] < 1.0


def test_a_seed_makes_them_reproducible_and_params_choose_a_subset(additive_study):
    evaluator = FanovaImportanceEvaluator(n_trees=16, max_depth=8, seed=3)
    first = get_param_importances(additive_study, evaluator=evaluator)
    assert get_param_importances(additive_study, evaluator=FanovaImportanceEvaluator(n_trees=16, max_depth=8,
                                                                                     seed=3)) == first
    subset = get_param_importances(additive_study, params=["y", "z"])
    assert list(subset) == ["y", "z"]  # fitted on y and z alone: x is noise to them
    assert get_param_importances(additive_study, params=[]) == {}


def test_a_target_replaces_the_objective_and_is_needed_for_several_objectives(random_study):
    study = random_study(directions=["minimize", "minimize"])

    def two(trial):
        x, y = trial.suggest_float("x", 0, 1), trial.suggest_float("y", 0, 1)
        return x, 3 * y

    study.optimize(two, n_trials=120)
    with pytest.raises(ValueError, match="target"):
        get_param_importances(study)
    assert next(iter(get_param_importances(study, target=lambda t: t.values[0]))) == "x"
    assert next(iter(get_param_importances(study, target=lambda t: t.values[1]))) == "y"
    answer = param_importances_json(study)
    assert [entry["objective"] for entry in answer["objectives"]] == [0, 1]
    assert answer["objectives"][1]["importances"][0]["param"] == "y"


def test_categorical_and_conditional_parameters(random_study):
    study = random_study()

    def objective(trial):
        kind = trial.suggest_categorical("kind", ["flat", "steep"])
        if kind == "steep":
            return 20 * trial.suggest_float("slope", 0, 1)
        return 1.0 + 0.01 * trial.suggest_float("noise", 0, 1)

    study.optimize(objective, n_trials=200)
    importances = get_param_importances(study)
    assert set(importances) == {"kind", "slope", "noise"}
    assert importances["noise"] < 0.05
    assert max(importances, key=importances.get) in ("kind", "slope")


def test_a_study_filled_by_four_threads(random_study):
    study = random_study()
    study.optimize(additive, n_trials=120, n_jobs=4)
    assert next(iter(get_param_importances(study))) == "x"


def test_mistakes_raise_with_the_field_named(additive_study, random_study):
    with pytest.raises(hpo.InvalidArgument, match='unknown parameter "w"'):
        get_param_importances(additive_study, params=["x", "w"])
    with pytest.raises(hpo.InvalidArgument, match='"n_trees"'):
        param_importances_json(additive_study, {"n_trees": 0})
    with pytest.raises(ValueError):
        FanovaImportanceEvaluator(n_trees=0)
    with pytest.raises(TypeError):
        get_param_importances(additive_study, evaluator=object())
    lonely = random_study()
    lonely.optimize(additive, n_trials=1)
    with pytest.raises(ValueError, match="at least 2 trials"):
        get_param_importances(lonely)
