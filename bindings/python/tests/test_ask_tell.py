"""Ask and tell, multi-objective Pareto fronts, the trial records and the data frame."""

import datetime
import gc
import math

import pytest

import hpo


def test_ask_and_tell_record_each_outcome(random_study):
    study = random_study(direction="maximize")
    outcomes = [(3.0, None), (None, hpo.TrialState.PRUNED), (None, hpo.TrialState.FAIL),
                (5.0, None), (math.nan, None)]
    for value, state in outcomes:
        trial = study.ask()
        trial.suggest_float("x", 0, 1)
        trial.set_user_attr("note", {"value": value if value == value else "nan"})
        study.tell(trial.number if state else trial, value, state=state,
                   message="gave up" if state == hpo.TrialState.FAIL else None)
    states = [t.state for t in study.trials]
    assert states == [hpo.TrialState.COMPLETE, hpo.TrialState.PRUNED, hpo.TrialState.FAIL,
                      hpo.TrialState.COMPLETE, hpo.TrialState.FAIL]  # NaN fails a trial
    assert study.trials[2].message == "gave up"
    assert study.trials[0].user_attrs == {"note": {"value": 3.0}}
    assert study.direction == hpo.StudyDirection.MAXIMIZE
    assert study.best_value == 5.0 and study.best_trial.number == 3
    assert study.best_params == study.trials[3].params
    assert len(study) == 5


def test_a_trial_record_carries_times_and_values(random_study):
    study = random_study()
    trial = study.ask()
    trial.report(0.5, 3)
    study.tell(trial, 0.25)
    [frozen] = study.trials
    assert frozen.number == trial.number and frozen.value == 0.25
    assert frozen.intermediate_values == {3: 0.5}
    assert frozen.datetime_start <= frozen.datetime_complete
    assert frozen.duration >= datetime.timedelta(0)
    assert frozen.datetime_complete.tzinfo is not None


def test_a_waiting_trial_is_listed_until_asked(random_study):
    study = random_study()
    study.enqueue_trial({"x": 0.5})
    assert [t.state for t in study.trials] == [hpo.TrialState.WAITING]
    assert study.ask().suggest_float("x", 0, 1) == 0.5
    assert [t.state for t in study.trials] == [hpo.TrialState.RUNNING]


def test_the_pareto_front_holds_the_non_dominated_trials():
    study = hpo.create_study(sampler="random", directions=["minimize", "maximize"])
    points = [(1.0, 1.0), (2.0, 3.0), (3.0, 3.0), (0.5, 0.5), (2.0, 2.0), (4.0, 5.0)]
    for point in points:
        study.tell(study.ask(), list(point))
    front = sorted(tuple(t.values) for t in study.best_trials)
    assert front == [(0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (4.0, 5.0)]
    assert study.directions == [hpo.StudyDirection.MINIMIZE, hpo.StudyDirection.MAXIMIZE]
    with pytest.raises(RuntimeError, match="2 objective values"):
        study.trials[0].value


def test_optimize_runs_a_two_objective_study():
    study = hpo.create_study(sampler="random", seed=4, directions=["minimize", "minimize"])

    def objective(trial):
        x = trial.suggest_float("x", 0, 1)
        return x, (1 - x) ** 2

    study.optimize(objective, n_trials=20)
    # With one parameter moving both objectives in opposite ways, every trial is optimal.
    assert len(study.best_trials) == 20


def test_trials_dataframe_has_one_row_per_trial(random_study):
    pandas = pytest.importorskip("pandas")
    study = random_study()

    def objective(trial):
        trial.set_user_attr("seen", True)
        return trial.suggest_int("n", 0, 5)

    study.optimize(objective, n_trials=4)
    frame = study.trials_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["number"]) == [0, 1, 2, 3]
    assert list(frame["params_n"]) == [t.params["n"] for t in study.trials]
    assert list(frame["state"]) == ["COMPLETE"] * 4
    assert {"value", "datetime_start", "duration", "user_attrs_seen"} <= set(frame.columns)


def test_a_study_dropped_with_untold_trials_is_freed_with_them(random_study):
    study = random_study()
    trial = study.ask()
    trial.suggest_float("x", 0, 1)
    released = study._finalizer
    del study
    assert released.alive and trial.study.trials[0].params["x"] == trial.params["x"]
    del trial  # the trial kept its study alive; now both go, the trial's handle first
    gc.collect()
    assert not released.alive


def test_trials_dataframe_keeps_int_parameters_integers_when_some_are_inactive(random_study):
    pandas = pytest.importorskip("pandas")
    study = random_study()
    study.enqueue_trial({"layers": 1})
    study.enqueue_trial({"layers": 2})

    def objective(trial):
        layers = trial.suggest_int("layers", 1, 2)
        if layers == 2:
            trial.suggest_int("width", 8, 8)
            trial.suggest_float("dropout", 0.5, 0.5)
        return float(layers)

    study.optimize(objective, n_trials=2)
    frame = study.trials_dataframe()
    assert str(frame["params_layers"].dtype) == "Int64"
    assert str(frame["params_width"].dtype) == "Int64"
    assert frame["params_width"].tolist() == [pandas.NA, 8]
    assert str(frame["params_dropout"].dtype) == "float64"  # floats keep NaN for inactive
    assert pandas.isna(frame["params_dropout"][0])


def test_trials_dataframe_of_a_study_without_trials_is_empty(random_study):
    pytest.importorskip("pandas")
    assert random_study().trials_dataframe().empty
