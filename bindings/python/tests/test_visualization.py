"""hpo.visualization: Optuna's plot functions over the engine's figures; each test checks the
data a figure holds."""
import math

import pytest

import hpo

go = pytest.importorskip("plotly.graph_objects")
from hpo import visualization as vis  # noqa: E402


def branin(trial):
    x1 = trial.suggest_float("x1", -5, 10)
    x2 = trial.suggest_float("x2", 0, 15)
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


@pytest.fixture
def study():
    s = hpo.create_study(sampler="random", seed=1)
    s.optimize(branin, n_trials=20)
    return s


def test_history_holds_every_value_and_the_best_so_far(study):
    figure = vis.plot_optimization_history(study)
    assert isinstance(figure, go.Figure)
    values = [t.value for t in study.trials]
    assert list(figure.data[0].y) == values
    assert figure.data[1].y[-1] == min(values)
    assert list(figure.data[1].y) == sorted(figure.data[1].y, reverse=True)


def test_history_of_several_studies_names_each(study):
    other = hpo.create_study(sampler="random", seed=2, study_name="other")
    other.optimize(branin, n_trials=5)
    figure = vis.plot_optimization_history([study, other])
    assert len(figure.data) == 4 and figure.data[2].name.startswith("other: ")


def test_slice_has_a_panel_per_parameter(study):
    figure = vis.plot_slice(study, params=["x2"])
    assert len(figure.data) == 1
    assert list(figure.data[0].x) == [t.params["x2"] for t in study.trials]
    assert list(figure.data[0].marker.color) == [t.number for t in study.trials]


def test_contour_parallel_and_edf_hold_the_trials(study):
    contour = vis.plot_contour(study, params=["x1", "x2"])
    assert contour.data[0].type == "contour" and len(contour.data[1].x) == 20
    parallel = vis.plot_parallel_coordinate(study, target_name="loss")
    assert parallel.data[0].dimensions[0].label == "loss"
    assert len(parallel.data[0].dimensions[0].values) == 20
    edf = vis.plot_edf(study)
    assert list(edf.data[0].x) == sorted(t.value for t in study.trials)
    assert edf.data[0].y[-1] == 1.0


def test_intermediate_values_and_timeline():
    s = hpo.create_study(sampler="random", seed=3)

    def objective(trial):
        x = trial.suggest_float("x", 0, 1)
        for step in range(3):
            trial.report(x * step, step)
        return x

    s.optimize(objective, n_trials=4)
    curves = vis.plot_intermediate_values(s)
    assert len(curves.data) == 4 and list(curves.data[0].x) == [0, 1, 2]
    timeline = vis.plot_timeline(s)
    assert sum(len(trace.x) for trace in timeline.data) == 4


def test_pareto_front_of_two_objectives():
    s = hpo.create_study(directions=["minimize", "minimize"], sampler="random", seed=4)
    s.optimize(lambda t: (t.suggest_float("x", 0, 1), 1 - t.suggest_float("x", 0, 1) ** 2), n_trials=10)
    figure = vis.plot_pareto_front(s, target_names=["a", "b"])
    front = {t.number for t in s.best_trials}
    assert {int(n) for n in figure.data[1].text} == front
    assert figure.layout.xaxis.title.text == "a"
    only_front = vis.plot_pareto_front(s, include_dominated_trials=False)
    assert len(only_front.data) == 1


def test_bad_requests_are_refused(study):
    with pytest.raises(TypeError, match="objective's index"):
        vis.plot_edf(study, target=lambda t: t.value)
    with pytest.raises(hpo.InvalidArgument, match="no parameter 'nope'"):
        vis.plot_slice(study, params=["nope"])
    with pytest.raises(hpo.InvalidArgument, match="several objectives"):
        vis.plot_pareto_front(study)


def test_param_importances_are_the_engines_fanova_most_important_on_top():
    def only_x_matters(trial):
        x, y = trial.suggest_float("x", -1, 1), trial.suggest_float("y", -1, 1)
        return x * x + 0 * y
    s = hpo.create_study(sampler="random", seed=3)
    s.optimize(only_x_matters, n_trials=40)
    figure = vis.plot_param_importances(s)
    importances = hpo.importance.get_param_importances(s)
    bars = figure.data[0]
    assert bars.orientation == "h"
    assert list(bars.y) == list(reversed(list(importances)))  # plotly draws the first at the bottom
    assert bars.y[-1] == "x" and bars.x[-1] > 0.9
    assert list(bars.x) == pytest.approx([importances[name] for name in bars.y], abs=1e-9)


def test_param_importances_of_two_objectives_has_a_group_each_and_takes_a_target():
    s = hpo.create_study(directions=["minimize", "minimize"], sampler="random", seed=4)
    s.optimize(lambda t: (t.suggest_float("x", 0, 1), t.suggest_float("y", 0, 1)), n_trials=30)
    figure = vis.plot_param_importances(s)
    assert len(figure.data) == 2
    assert figure.data[0].y[-1] == "x" and figure.data[1].y[-1] == "y"
    by_target = vis.plot_param_importances(s, target=lambda t: t.values[1], target_name="second")
    assert by_target.data[0].name == "second" and by_target.data[0].y[-1] == "y"
