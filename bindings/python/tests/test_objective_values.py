"""What an objective (or tell) may give as its values: numbers of any kind float() takes,
one per objective; anything else fails the trial saying what it was."""

import math

import pytest

import hpo

COMPLETE, FAIL = hpo.TrialState.COMPLETE, hpo.TrialState.FAIL


class OneElementTensor:
    """Stands for a torch tensor of one element: a number only through __float__."""

    def __init__(self, value):
        self.value = value

    def __float__(self):
        return float(self.value)


def run(study, answers):
    answers = list(answers)
    feed = iter(answers)
    study.optimize(lambda trial: next(feed), n_trials=len(answers))
    return study.trials


def test_numpy_scalars_and_0d_arrays_are_numbers(random_study):
    numpy = pytest.importorskip("numpy")
    answers = [numpy.array(1.5), numpy.float32(2.5), numpy.int64(3), numpy.float64(4.5),
               numpy.array(5, dtype=numpy.int8), OneElementTensor(6.5)]
    trials = run(random_study(), answers)
    assert [t.state for t in trials] == [COMPLETE] * len(answers)
    assert [t.value for t in trials] == [1.5, 2.5, 3.0, 4.5, 5.0, 6.5]


def test_several_objectives_come_as_a_sequence_or_a_1d_array():
    numpy = pytest.importorskip("numpy")
    study = hpo.create_study(sampler="random", directions=["minimize", "maximize"])
    answers = [numpy.array([1.0, 2.0]), (numpy.float32(3), numpy.array(4.0)),
               [OneElementTensor(5), 6], numpy.array([[7.0, 8.0]])]
    trials = run(study, answers)
    assert [t.values for t in trials[:3]] == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    assert trials[3].state == FAIL and "a 2-d ndarray" in trials[3].message


def test_strings_and_non_numbers_fail_the_trial_saying_what_came_back(random_study):
    answers = ["1.0", b"1", None, True, {"loss": 1.0}, object()]
    trials = run(random_study(), answers)
    assert [t.state for t in trials] == [FAIL] * len(answers)
    messages = [t.message for t in trials]
    assert all("the objective's result" in m and "must be a number" in m for m in messages)
    assert "str '1.0'" in messages[0] and "NoneType" in messages[2] and "bool" in messages[3]
    assert "dict" in messages[4]


def test_a_sequence_with_a_non_number_names_its_position():
    study = hpo.create_study(sampler="random", directions=["minimize", "minimize"])
    [trial] = run(study, [(1.0, "2")])
    assert trial.state == FAIL
    assert "the objective's result[1] must be a number, not str '2'" in trial.message


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_an_infinite_value_reaches_the_engine_unchanged(random_study, monkeypatch, value):
    # What the objective returns is written into the engine's array as it is ...
    from hpo import _optimize
    written = []
    original = _optimize.Optimization._run_objective

    def spy(self, trial, out_values, n_values):
        status = original(self, trial, out_values, n_values)
        written.append(out_values[0])
        return status

    monkeypatch.setattr(_optimize.Optimization, "_run_objective", spy)
    study = random_study()
    study.optimize(lambda trial: value, n_trials=1)
    assert written == [value]
    # ... and tell hands it over alike; the engine keeps such a trial COMPLETE (only NaN
    # fails one), with its value.
    study.tell(study.ask(), value)
    assert [(t.state, t.value) for t in study.trials] == [(COMPLETE, value)] * 2
