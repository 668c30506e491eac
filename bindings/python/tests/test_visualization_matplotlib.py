"""hpo.visualization.matplotlib: Optuna's plot functions (and scikit-optimize's three) on
matplotlib Axes, drawn from the engine's figures; each test reads back what the artists hold
(the x and y of lines and scatter collections, bars, contour levels) and compares it with
the study's trials."""
import inspect
import math

import numpy as np
import pytest

import hpo

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402

from hpo import visualization as vis  # noqa: E402
from hpo.visualization import matplotlib as mvis  # noqa: E402

SPACE = {"x": {"type": "float", "low": -5, "high": 10},
         "y": {"type": "float", "low": 1e-3, "high": 10, "log": True},
         "kind": {"type": "categorical", "choices": ["a", "b"]},
         "z": {"type": "int", "low": 0, "high": 9, "condition": {"kind": ["b"]}}}


def loss(params):
    return (params["x"] - 1) ** 2 + math.log(params["y"]) ** 2 + params.get("z", 0)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def single():
    """Single objective, a conditional parameter (z, active when kind is "b"), a failed trial."""
    study = hpo.create_study(space=SPACE, sampler="random", seed=5)
    for number in range(25):
        trial = study.ask()
        if number == 7:
            study.tell(trial, state=hpo.TrialState.FAIL)
        else:
            study.tell(trial, loss(trial.params))
    return study


@pytest.fixture(scope="module")
def multi():
    study = hpo.create_study(space={"x": {"type": "float", "low": 0, "high": 1}}, sampler="random", seed=6,
                             directions=["minimize", "minimize", "maximize"])
    for _ in range(15):
        trial = study.ask()
        x = trial.params["x"]
        study.tell(trial, [x, (1 - x) ** 2, x * (1 - x)])
    return study


@pytest.fixture(scope="module")
def pruned():
    study = hpo.create_study(space=SPACE, sampler="random", scheduler="median", seed=3,
                             scheduler_options={"n_startup_trials": 3, "n_warmup_steps": 2})

    def objective(trial):
        value = None
        for step in range(6):
            value = loss(trial.params) + 10 / (step + 1)
            trial.report(value, step)
            if trial.should_prune():
                raise hpo.TrialPruned()
        return value

    study.optimize(objective, n_trials=15)
    return study


def completed(study):
    return [t for t in study.trials if t.state == hpo.TrialState.COMPLETE]


def scatters(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def test_every_function_takes_the_plotly_versions_arguments():
    for name in vis.__all__:
        if name == "figure_json":
            continue
        assert inspect.signature(getattr(mvis, name)) == inspect.signature(getattr(vis, name)), name
    assert {"plot_convergence", "plot_evaluations", "plot_objective"} <= set(mvis.__all__)


def test_history_draws_each_value_and_the_best_so_far(single):
    ax = mvis.plot_optimization_history(single)
    assert isinstance(ax, matplotlib.axes.Axes)
    trials = completed(single)
    points = scatters(ax)[0].get_offsets()
    assert [tuple(p) for p in points] == [(t.number, t.value) for t in trials]
    best = ax.get_lines()[0]
    assert best.get_drawstyle() == "steps-post"
    steps, so_far = [], math.inf  # the best value's steps, then on to the last trial
    for t in trials:
        if t.value < so_far:
            so_far = t.value
            steps.append((t.number, so_far))
    steps.append((trials[-1].number, so_far))
    assert list(zip(best.get_xdata(), best.get_ydata())) == steps
    assert ax.get_xlabel() == "Trial" and ax.get_title() == "Optimization history"


def test_history_of_an_objective_and_of_several_studies(multi, single):
    ax = mvis.plot_optimization_history(multi, target=2, target_name="width")
    assert list(scatters(ax)[0].get_offsets()[:, 1]) == [t.values[2] for t in completed(multi)]
    assert ax.get_lines()[0].get_ydata()[-1] == max(t.values[2] for t in completed(multi))  # maximized
    assert ax.get_ylabel() == "width"
    both = mvis.plot_optimization_history([single, multi])
    assert len(scatters(both)) == 2 and len(both.get_lines()) == 2
    assert [text.get_text() for text in both.get_legend().get_texts()][0].startswith(single.study_name + ": ")


def test_slice_has_a_panel_per_parameter_with_the_trials_where_it_is_active(single):
    axes = mvis.plot_slice(single)
    assert len(axes) == 4
    trials = completed(single)
    for ax, name in zip(axes, ["x", "y", "kind", "z"]):
        active = [t for t in trials if name in t.params]
        points = scatters(ax)[0]
        assert list(points.get_offsets()[:, 1]) == [t.value for t in active]
        assert list(points.get_array()) == [t.number for t in active]  # coloured by trial number
        if name == "kind":
            assert list(points.get_offsets()[:, 0]) == [["a", "b"].index(t.params[name]) for t in active]
            assert [label.get_text() for label in ax.get_xticklabels()] == ["a", "b"]
        else:
            assert list(points.get_offsets()[:, 0]) == [t.params[name] for t in active]
    assert axes[1].get_xscale() == "log"
    assert 0 < len(scatters(axes[3])[0].get_offsets()) < len(trials)  # z: only where kind is "b"
    one = mvis.plot_slice(single, params=["x"], target_name="loss")
    assert isinstance(one, matplotlib.axes.Axes) and one.get_ylabel() == "loss"


def test_contour_draws_the_trials_over_filled_contours_of_their_values(single):
    ax = mvis.plot_contour(single, params=["x", "y"])
    trials = completed(single)
    points = scatters(ax)[-1].get_offsets()
    assert [tuple(p) for p in points] == [(t.params["x"], t.params["y"]) for t in trials]
    contours = [c for c in ax.collections if c not in scatters(ax)[-1:]]
    assert contours, "no filled contours"
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "x" and ax.get_ylabel() == "y"
    categorical = mvis.plot_contour(single, params=["kind", "x"])
    assert set(scatters(categorical)[-1].get_offsets()[:, 0]) == {0.0, 1.0}


def test_contour_fills_its_gaps_leaving_the_trials_cells_alone():
    from hpo.visualization.matplotlib._draw import fill_gaps
    z = np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, np.nan], [7.0, np.nan, 9.0]])
    filled = fill_gaps(z.copy())
    assert not np.isnan(filled).any()
    assert filled[0, 0] == 1 and filled[2, 2] == 9 and filled[0, 2] == 3
    assert 1 < filled[1, 1] < 9


def test_parallel_coordinates_draw_a_line_per_trial_with_every_parameter(single):
    ax = mvis.plot_parallel_coordinate(single, target_name="loss")
    lines = [c for c in ax.collections if isinstance(c, LineCollection)][0]
    whole = [t for t in completed(single) if all(name in t.params for name in SPACE)]
    segments = lines.get_segments()
    assert len(segments) == len(whole)
    values = np.array([t.value for t in whole])
    scaled = (values - values.min()) / (values.max() - values.min())
    assert np.allclose([s[0][1] for s in segments], scaled)  # the objective's axis
    xs = np.array([t.params["x"] for t in whole])
    assert np.allclose([s[1][1] for s in segments], (xs - xs.min()) / (xs.max() - xs.min()))
    assert list(lines.get_array()) == list(values)  # coloured by the objective
    assert [label.get_text() for label in ax.get_xticklabels()] == ["loss", "x", "y", "kind", "z"]


def test_intermediate_values_draw_each_learning_curve_pruned_in_red(pruned):
    ax = mvis.plot_intermediate_values(pruned)
    reporting = [t for t in pruned.trials if t.intermediate_values]
    lines = ax.get_lines()
    assert len(lines) == len(reporting)
    for line, trial in zip(lines, reporting):
        steps = sorted(trial.intermediate_values)
        assert list(line.get_xdata()) == steps
        assert list(line.get_ydata()) == [trial.intermediate_values[s] for s in steps]
        if trial.state == hpo.TrialState.PRUNED:
            assert line.get_color() == "#d62728" and line.get_linestyle() == ":"
    assert any(t.state == hpo.TrialState.PRUNED for t in reporting)
    legend = {text.get_text() for text in ax.get_legend().get_texts()}
    assert legend == {t.state.name for t in reporting}


def test_pareto_front_of_two_and_of_three_objectives(multi):
    front = {t.number for t in multi.best_trials}
    ax = mvis.plot_pareto_front(multi, axis_order=[0, 1], target_names=["x", "gap"])
    dominated, best = scatters(ax)
    assert sorted(tuple(p) for p in best.get_offsets()) == sorted(
        (t.values[0], t.values[1]) for t in completed(multi) if t.number in front)
    assert len(dominated.get_offsets()) + len(best.get_offsets()) == len(completed(multi))
    assert ax.get_xlabel() == "x" and ax.get_ylabel() == "gap"
    only_front = mvis.plot_pareto_front(multi, axis_order=[0, 1], include_dominated_trials=False)
    assert len(scatters(only_front)) == 1
    cube = mvis.plot_pareto_front(multi)
    assert cube.name == "3d"
    xs, ys, zs = scatters(cube)[1]._offsets3d
    assert sorted(zip(xs, ys, zs)) == sorted(tuple(t.values) for t in completed(multi) if t.number in front)


def test_edf_is_the_share_of_values_at_most_x(single):
    ax = mvis.plot_edf(single)
    line = ax.get_lines()[0]
    values = sorted(t.value for t in completed(single))
    assert list(line.get_xdata()) == values
    assert np.allclose(line.get_ydata(), np.arange(1, len(values) + 1) / len(values))
    assert ax.get_ylim() == (0, 1.02)


def test_timeline_has_a_bar_per_trial_as_long_as_it_ran(pruned):
    from matplotlib import dates
    ax = mvis.plot_timeline(pruned)
    bars = ax.patches
    assert len(bars) == len(pruned.trials)
    starts = sorted(dates.date2num(t.datetime_start.replace(tzinfo=None)) for t in pruned.trials)
    assert np.allclose(sorted(bar.get_x() for bar in bars), starts, atol=2e-8)  # a millisecond
    lengths = sorted((t.datetime_complete - t.datetime_start).total_seconds() for t in pruned.trials)
    assert np.allclose(sorted(bar.get_width() * 86400 for bar in bars), lengths, atol=2e-3)
    assert {text.get_text() for text in ax.get_legend().get_texts()} == {"COMPLETE", "PRUNED"}


def test_param_importances_are_the_engines_most_important_on_top(single):
    ax = mvis.plot_param_importances(single)
    importances = hpo.importance.get_param_importances(single)
    shown = [label.get_text() for label in ax.get_yticklabels()]
    assert shown == list(reversed(list(importances)))
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == pytest.approx([importances[name] for name in shown], abs=1e-9)


def test_param_importances_of_several_objectives_has_a_group_each(multi):
    ax = mvis.plot_param_importances(multi)
    assert len(ax.patches) == 3  # one parameter, three objectives
    assert ax.get_legend() is not None


def test_convergence_of_a_study_is_the_best_value_after_each_trial(single, multi):
    ax = mvis.plot_convergence(single)
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == list(range(1, len(single.trials) + 1))
    so_far, expected = math.inf, []
    for t in single.trials:  # the failed trial keeps the best value before it
        so_far = min(so_far, t.value) if t.state == hpo.TrialState.COMPLETE else so_far
        expected.append(so_far)
    assert list(line.get_ydata()) == expected
    _, ax = plt.subplots()  # as scikit-optimize's, it draws on the current Axes unless given one
    both = mvis.plot_convergence(("single", single), ("multi", multi), ax=ax)
    assert both is ax and len(both.get_lines()) == 2
    assert [text.get_text() for text in both.get_legend().get_texts()] == ["single", "multi"]


def test_evaluations_of_a_conditional_study_pair_the_trials_where_both_are_active(single):
    axes = mvis.plot_evaluations(single)
    assert axes.shape == (4, 4)
    trials = completed(single)
    samples, best = scatters(axes[3, 2])  # z against kind: the trials with z
    with_z = [t for t in trials if "z" in t.params]
    assert [tuple(p) for p in samples.get_offsets()] == [(1.0, t.params["z"]) for t in with_z]
    assert list(samples.get_array()) == [t.number for t in with_z]
    best_trial = single.best_trial
    xy = scatters(axes[1, 0])[1].get_offsets()
    assert [tuple(p) for p in xy] == [(best_trial.params["x"], best_trial.params["y"])]
    assert sum(bar.get_height() for bar in axes[0, 0].patches) == len(trials)
    assert sum(bar.get_height() for bar in axes[3, 3].patches) == len(with_z)
    picked = mvis.plot_evaluations(single, plot_dims=["y", "x"], dimensions=["x", "log y", "kind", "z"])
    assert picked.shape == (2, 2) and picked[1, 0].get_xlabel() == "log y"


def test_objective_of_a_study_fits_the_trials_with_every_parameter(single):
    axes = mvis.plot_objective(single, n_points=8, n_samples=30, plot_dims=["x", "kind"])
    assert axes.shape == (2, 2)
    whole = [t for t in completed(single) if all(name in t.params for name in SPACE)]
    points = scatters(axes[1, 0])[-2].get_offsets()
    assert [tuple(p) for p in points] == [(t.params["x"], ["a", "b"].index(t.params["kind"])) for t in whole]
    curve = axes[0, 0].get_lines()[0]
    assert min(curve.get_xdata()) == -5 and max(curve.get_xdata()) == 10  # the declared bounds


def test_refusals_are_the_plotly_versions(single, multi):
    with pytest.raises(hpo.InvalidArgument, match="no parameter 'nope'"):
        mvis.plot_slice(single, params=["nope"])
    with pytest.raises(hpo.InvalidArgument, match="no parameter 'nope'"):
        mvis.plot_contour(single, params=["x", "nope"])
    with pytest.raises(hpo.InvalidArgument, match="several objectives"):
        mvis.plot_pareto_front(single)
    with pytest.raises(TypeError, match="objective's index"):
        mvis.plot_edf(single, target=lambda t: t.value)
    with pytest.raises(hpo.InvalidArgument, match="option 'objective'"):
        mvis.plot_optimization_history(single, target=1)
    with pytest.raises(ValueError, match="one objective"):
        mvis.plot_objective(multi)
    with pytest.raises(ValueError, match="no dimension named 'nope'"):
        mvis.plot_evaluations(single, plot_dims=["nope"])
    with pytest.raises(TypeError, match="hpo Study or a scikit-optimize result"):
        mvis.plot_evaluations([1, 2])
