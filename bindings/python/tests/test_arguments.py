"""Arguments of the wrong type raise TypeError, and unusable values InvalidArgument (a
ValueError), naming the argument, before anything reaches the engine."""

import pathlib

import pytest

import hpo


def objective(trial):
    return trial.suggest_float("x", 0, 1)


@pytest.mark.parametrize("options, message", [
    (dict(n_trials=2.7), "n_trials must be an int or None, not float 2.7"),
    (dict(n_trials="5"), "n_trials must be an int or None, not str '5'"),
    (dict(n_trials=True), "n_trials must be an int or None, not bool True"),
    (dict(n_jobs=2.0), "n_jobs must be an int, not float"),
    (dict(n_jobs=None), "n_jobs must be an int, not NoneType"),
    (dict(timeout="60"), "timeout must be a real number or None, not str"),
    (dict(timeout=True), "timeout must be a real number or None, not bool"),
    (dict(trial_timeout=[1]), "trial_timeout must be a real number or None"),
    (dict(callbacks=print), "callbacks must be a list or None"),
    (dict(callbacks=[None]), r"callbacks\[0\] must be callable"),
    (dict(catch="ValueError"), "catch must be an exception class or a tuple of them"),
    (dict(catch=(ValueError, int)), "catch must be an exception class or a tuple of them"),
])
def test_optimize_refuses_arguments_of_the_wrong_type(random_study, options, message):
    study = random_study()
    options.setdefault("n_trials", 1)  # bounds the run, should the argument be taken
    with pytest.raises(TypeError, match=message):
        study.optimize(objective, **options)
    assert len(study) == 0


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan"), float("inf")])
def test_a_timeout_must_be_a_positive_finite_number_of_seconds(random_study, timeout):
    for name in ("timeout", "trial_timeout"):
        with pytest.raises(hpo.InvalidArgument, match=f"{name} must be a positive number"):
            random_study().optimize(objective, n_trials=1, **{name: timeout})


def test_optimize_takes_numpy_integers_and_any_real_timeout(random_study):
    numpy = pytest.importorskip("numpy")
    study = random_study()
    study.optimize(objective, n_trials=numpy.int64(3), timeout=numpy.float32(60), n_jobs=1)
    assert len(study) == 3


def test_an_objective_must_be_callable(random_study):
    with pytest.raises(TypeError, match="objective must be callable"):
        random_study().optimize("objective", n_trials=1)


@pytest.mark.parametrize("arguments, error, message", [
    (dict(storage=""), hpo.InvalidArgument, "storage must not be empty"),
    (dict(storage=pathlib.Path("x.db")), TypeError, "storage must be a str or None"),
    (dict(study_name=3), TypeError, "study_name must be a str or None, not int 3"),
    (dict(direction=1), TypeError, "direction must be a str"),
    (dict(directions="minimize"), TypeError, "directions must be a list"),
    (dict(directions=["minimize", None]), TypeError, r"directions\[1\] must be a str"),
    (dict(sampler=7), TypeError, "sampler must be a str or None"),
    (dict(sampler_options=[("seed", 1)]), TypeError, "sampler_options must be a dict"),
    (dict(scheduler_options={"n": object()}), TypeError,
     "scheduler_options must be JSON-serializable"),
    (dict(space=[]), TypeError, "space must be a dict or None"),
    (dict(space={"x": {"type": "float", "low": float("nan"), "high": 1}}),
     hpo.InvalidArgument, "space cannot be written as JSON"),
    (dict(seed=1.5), TypeError, "seed must be an int or None, not float 1.5"),
    (dict(seed=False), TypeError, "seed must be an int or None, not bool"),
    (dict(load_if_exists=1), TypeError, "load_if_exists must be True or False, not int 1"),
    (dict(plugin_paths="/opt/plugins"), TypeError, "plugin_paths must be a list"),
    (dict(plugin_paths=[3]), TypeError, r"plugin_paths\[0\] must be a path"),
    (dict(heartbeat_interval="10"), TypeError, "heartbeat_interval must be a real number"),
    (dict(heartbeat_interval=0), hpo.InvalidArgument, "heartbeat_interval must be a positive"),
    (dict(grace_period=-5), hpo.InvalidArgument, "grace_period must be a positive"),
    (dict(retry_failed="yes"), TypeError, "retry_failed must be True or False"),
])
def test_create_study_names_the_argument_it_refuses(arguments, error, message):
    arguments.setdefault("sampler", "random")
    with pytest.raises(error, match=message):
        hpo.create_study(**arguments)


def test_an_empty_storage_is_refused_rather_than_read_as_memory():
    with pytest.raises(ValueError, match="storage must not be empty"):
        hpo.create_study(sampler="random", storage="")
    assert hpo.create_study(sampler="random", storage=None).info["storage"] == "memory:"


@pytest.mark.parametrize("arguments, message", [
    (dict(study_name=None, storage="memory:"), "study_name must be a str, not NoneType"),
    (dict(study_name="s", storage=b"sqlite:///x.db"), "storage must be a str or None"),
    (dict(study_name="s", storage="memory:", seed="1"), "seed must be an int or None"),
    (dict(study_name="s", storage="memory:", retry_failed=0), "retry_failed must be True"),
])
def test_load_study_names_the_argument_it_refuses(arguments, message):
    with pytest.raises(TypeError, match=message):
        hpo.load_study(sampler="random", **arguments)


@pytest.mark.parametrize("call, error, message", [
    (lambda t: t.suggest_float(1, 0, 1), TypeError, "name must be a str, not int 1"),
    (lambda t: t.suggest_float("", 0, 1), hpo.InvalidArgument, "name must not be empty"),
    (lambda t: t.suggest_float("x", "0", 1), TypeError, "low must be a real number"),
    (lambda t: t.suggest_float("x", 0, None), TypeError, "high must be a real number"),
    (lambda t: t.suggest_float("x", 0, 1, step="0.1"), TypeError, "step must be a real"),
    (lambda t: t.suggest_float("x", 1, 2, log="yes"), TypeError, "log must be True or False"),
    (lambda t: t.suggest_int("n", 0.5, 3), TypeError, "low must be an int, not float 0.5"),
    (lambda t: t.suggest_int("n", 0, 2 ** 70), hpo.InvalidArgument, "high must fit in 64"),
    (lambda t: t.suggest_int("n", 0, 9, step=1.0), TypeError, "step must be an int"),
    (lambda t: t.suggest_int("n", 1, 9, log=1), TypeError, "log must be True or False"),
    (lambda t: t.suggest_categorical(None, [1]), TypeError, "name must be a str"),
    (lambda t: t.suggest_categorical("c", "abc"), TypeError, "choices must be a list"),
    (lambda t: t.suggest_categorical("c", [object()]), TypeError,
     "choices must be JSON-serializable"),
    (lambda t: t.suggest("d", [1, 2]), TypeError, "distribution must be a dict"),
    (lambda t: t.report("0.5", 0), TypeError, "value must be a number, not str '0.5'"),
    (lambda t: t.report(0.5, 1.0), TypeError, "step must be an int, not float"),
    (lambda t: t.report(0.5, None), TypeError, "step must be an int, not NoneType"),
    (lambda t: t.set_user_attr(1, "v"), TypeError, "key must be a str, not int 1"),
    (lambda t: t.set_user_attr("k", {1, 2}), TypeError,
     "user attr 'k' must be JSON-serializable"),
    (lambda t: t.set_user_attr("k", float("inf")), hpo.InvalidArgument,
     "user attr 'k' cannot be written as JSON"),
])
def test_trial_methods_name_the_argument_they_refuse(random_study, call, error, message):
    study = random_study()
    trial = study.ask()
    with pytest.raises(error, match=message):
        call(trial)
    study.tell(trial, 1.0)  # the refused call left the trial usable
    assert study.trials[0].state == hpo.TrialState.COMPLETE


def test_study_methods_name_the_argument_they_refuse(random_study):
    study = random_study()
    with pytest.raises(TypeError, match="params must be a dict, not list"):
        study.enqueue_trial([("x", 1)])
    with pytest.raises(TypeError, match="params must have str keys, not int 1"):
        study.enqueue_trial({1: 0.5})
    with pytest.raises(TypeError, match="fixed_distributions must be a dict or None"):
        study.ask([{"type": "int", "low": 0, "high": 1}])
    trial = study.ask()
    with pytest.raises(TypeError, match="trial must be an int, not str '0'"):
        study.tell("0", 1.0)
    with pytest.raises(TypeError, match="values must be a number or a sequence of numbers"):
        study.tell(trial, "1.0")
    with pytest.raises(TypeError, match=r"values\[1\] must be a number, not NoneType"):
        study.tell(trial, [1.0, None])
    with pytest.raises(TypeError, match="message must be a str or None"):
        study.tell(trial, state=hpo.TrialState.FAIL, message=RuntimeError("why"))
    study.tell(trial, state=hpo.TrialState.FAIL, message="")
    with pytest.raises(TypeError, match="objective must be a str"):
        study.optimize_plugin(None, n_trials=1)
    with pytest.raises(TypeError, match="catch must be True or False"):
        study.optimize_plugin("benchmarks", catch=(ValueError,))
    with pytest.raises(TypeError, match="options must be a dict or None"):
        study.optimize_plugin("benchmarks", options="branin")


def test_plugin_paths_take_path_objects_but_not_other_types(tmp_path):
    engine = hpo.Engine(plugin_paths=[tmp_path])
    with pytest.raises(TypeError, match="path must be a path"):
        engine.add_plugin_path(None)
