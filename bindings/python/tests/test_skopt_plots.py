"""hpo.skopt.plots: what each plot draws, read back from the matplotlib artists."""

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

from hpo.skopt import dummy_minimize, gp_minimize  # noqa: E402
from hpo.skopt.plots import plot_convergence, plot_evaluations, plot_objective  # noqa: E402
from hpo.skopt.space import Categorical, Integer, Real  # noqa: E402

SPACE = [Real(-2, 2, name="x"), Integer(0, 4, name="n"), Categorical(["a", "b"], name="c")]


def loss(point):
    return (point[0] - 1) ** 2 + 0.5 * point[1] + (1.0 if point[2] == "b" else 0.0)


@pytest.fixture(scope="module")
def result():
    return gp_minimize(loss, SPACE, n_calls=20, n_initial_points=8, random_state=0)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_convergence_draws_the_running_minimum(result):
    ax = plot_convergence(("gp", result), true_minimum=0.0)
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == list(range(1, 21))
    assert list(line.get_ydata()) == list(np.minimum.accumulate(result.func_vals))
    assert ax.get_legend() is not None


def test_plot_convergence_averages_a_list_of_results():
    runs = [dummy_minimize(loss, SPACE, n_calls=6, random_state=seed) for seed in range(3)]
    ax = plot_convergence(runs)
    mean = ax.get_lines()[-1].get_ydata()
    expected = np.mean([np.minimum.accumulate(r.func_vals) for r in runs], axis=0)
    assert np.allclose(mean, expected) and len(ax.get_lines()) == 4


def test_plot_evaluations_shows_every_sample_and_the_best(result):
    axes = plot_evaluations(result)
    assert axes.shape == (3, 3)
    samples, best = axes[1, 0].collections
    xy = samples.get_offsets()
    assert list(xy[:, 0]) == [x[0] for x in result.x_iters]
    assert list(xy[:, 1]) == [x[1] for x in result.x_iters]
    assert list(best.get_offsets()[0]) == [result.x[0], result.x[1]]
    categories = axes[2, 0].collections[0].get_offsets()[:, 1]
    assert list(categories) == [["a", "b"].index(x[2]) for x in result.x_iters]
    assert sum(patch.get_height() for patch in axes[0, 0].patches) == 20


def test_plot_objective_draws_partial_dependence_that_follows_the_objective(result):
    axes = plot_objective(result, n_points=10, n_samples=50)
    assert axes.shape == (3, 3)
    x_line = axes[0, 0].get_lines()[0]
    xs, ys = np.asarray(x_line.get_xdata()), np.asarray(x_line.get_ydata())
    assert xs.min() == -2 and xs.max() == 2
    assert abs(xs[int(np.argmin(ys))] - 1) <= 1.0  # the objective's valley is at x = 1
    n_line = axes[1, 1].get_lines()[0]
    assert list(n_line.get_xdata()) == [0, 1, 2, 3, 4]
    assert n_line.get_ydata()[-1] > n_line.get_ydata()[0]  # loss grows with n
    assert len(axes[1, 0].collections) > 2  # contours, then the samples and the best


def test_plot_objective_refuses_what_it_cannot_draw(result):
    with pytest.raises(NotImplementedError, match="expected_minimum"):
        plot_objective(result, minimum="expected_minimum")


def test_the_plots_are_hpo_visualization_matplotlibs():
    from hpo.visualization import matplotlib as mvis
    assert (plot_convergence, plot_evaluations, plot_objective) == \
        (mvis.plot_convergence, mvis.plot_evaluations, mvis.plot_objective)


def test_plot_evaluations_labels_categories_and_unnamed_dimensions():
    result = dummy_minimize(lambda p: p[0], [Real(0, 1), Categorical(["lo", "hi"])], n_calls=6,
                            random_state=1)
    axes = plot_evaluations(result)
    assert axes[1, 0].get_ylabel() == "$X_{1}$" and axes[1, 0].get_xlabel() == "$X_{0}$"
    assert [label.get_text() for label in axes[1, 0].get_yticklabels()] == ["lo", "hi"]
