"""hpo.skopt.space: dimensions read as scikit-optimize reads them, and the hpo parameters
they become."""

import numpy as np
import pytest

from hpo.skopt.space import Categorical, Integer, Real, Space, check_dimension


def test_tuples_and_lists_become_dimensions_as_in_scikit_optimize():
    assert check_dimension((1, 5)) == Integer(1, 5)
    assert check_dimension((1.0, 5)) == Real(1.0, 5)
    assert check_dimension((1e-3, 1.0, "log-uniform")) == Real(1e-3, 1.0, "log-uniform")
    assert check_dimension((1, 100, "log-uniform")) == Integer(1, 100, "log-uniform")
    assert check_dimension(["a", "b"]) == Categorical(["a", "b"])
    assert check_dimension((1, 2, 3)) == Categorical([1, 2, 3])
    assert check_dimension(("x",)) == Categorical(["x"])
    with pytest.raises(ValueError, match="list or tuple"):
        check_dimension(3)


def test_each_dimension_is_the_hpo_parameter_of_the_same_distribution():
    space = Space([Real(0, 1, name="a"), Real(1e-4, 1, prior="log-uniform", name="lr"),
                   Integer(2, 9), Integer(1, 1024, prior="log-uniform"),
                   Categorical([None, "x", 3])])
    assert space.engine_space() == {
        "a": {"type": "float", "low": 0, "high": 1},
        "lr": {"type": "float", "low": 1e-4, "high": 1, "log": True},
        "X_2": {"type": "int", "low": 2, "high": 9},
        "X_3": {"type": "int", "low": 1, "high": 1024, "log": True},
        "X_4": {"type": "categorical", "choices": [0, 1, 2]},
    }
    assert space.dimension_names == ["a", "lr", None, None, None]
    assert space.point_of({"a": 0.5, "lr": 0.1, "X_2": 3, "X_3": 8, "X_4": 1}) == \
        [0.5, 0.1, 3, 8, "x"]
    assert space.engine_params_of([0.5, 0.1, 3, 8, 3])["X_4"] == 2


def test_bad_dimensions_are_refused_with_what_is_wrong():
    with pytest.raises(ValueError, match="less than"):
        Real(2, 1)
    with pytest.raises(ValueError, match="low > 0"):
        Real(0, 1, prior="log-uniform")
    with pytest.raises(ValueError, match="prior"):
        Integer(0, 3, prior="normal")
    with pytest.raises(NotImplementedError, match="prior"):
        Categorical(["a", "b"], prior=[0.2, 0.8])
    with pytest.raises(ValueError, match="unique"):
        Space([Real(0, 1, name="x"), Real(0, 1, name="x")])
    with pytest.raises(ValueError, match="categories"):
        Space([Categorical(["a"])]).engine_params_of(["b"])
    with pytest.raises(ValueError, match="bounds"):
        Space([Real(0, 1)]).engine_params_of([2.0])


def test_rvs_draws_within_each_dimension():
    space = Space([Real(1e-3, 1, "log-uniform"), Integer(0, 3), Categorical("abc")])
    points = space.rvs(200, random_state=np.random.RandomState(0))
    assert all(point in space for point in points)
    assert {point[1] for point in points} == {0, 1, 2, 3}
    assert points == space.rvs(200, random_state=np.random.RandomState(0))
