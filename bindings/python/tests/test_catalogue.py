"""The catalogue of bad input through the Python package (issue 18): one table, one row per
case. A row is a call with bad input (or a call in the wrong state) on a study that already
holds two told trials, and what must come of it: the exception class and a needle its
message holds (naming the argument, parameter, plugin or file), or, for an objective's
outcome, the state and message of the trial it ran. After every row the study must be
intact: its two trials unchanged, and the next ask and tell must work.

The C API's catalogue (tests/capi/catalogue_test.c) covers the engine's own refusals row by
row; this one covers what the package adds (its argument checks, the objective's results
and exceptions, worker processes) and the refusals a Python user meets first."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest

import hpo

FAIL, COMPLETE = hpo.TrialState.FAIL, hpo.TrialState.COMPLETE


class Raises:
    """The row's call raises `error` (a class) with `needle` in its message; {tmp} in the
    needle is the row's temporary folder."""

    def __init__(self, error, needle):
        self.error, self.needle = error, needle


class Ends:
    """The row's call returns; the study's last trial ended `state` with `needle` in its
    message (or, for COMPLETE, `needle` as its value)."""

    def __init__(self, state, needle):
        self.state, self.needle = state, needle


def two_values(trial):
    trial.suggest_float("x", 0, 1)
    return [1.0, 2.0]


def text_value(trial):
    trial.suggest_float("x", 0, 1)
    return "0.5 or so"


def raises_value_error(trial):
    raise ValueError("the objective broke on purpose")


def exits_with_3(trial):
    trial.suggest_float("x", 0, 1)
    os._exit(3)


def calls_sys_exit(trial):
    trial.suggest_float("x", 0, 1)
    sys.exit("the objective quit")


def kills_itself(trial):
    trial.suggest_float("x", 0, 1)
    os.kill(os.getpid(), signal.SIGKILL)


def returns(value):
    def objective(trial):
        trial.suggest_float("x", 0, 1)
        return value
    return objective


def optimize(objective, **kwargs):
    return lambda study, tmp: study.optimize(objective, n_trials=1, **kwargs)


def create(**kwargs):
    kwargs.setdefault("sampler", "random")
    return lambda study, tmp: hpo.create_study(**{key: (value.format(tmp=tmp) if isinstance(value, str) else value)
                                                  for key, value in kwargs.items()})


def on_new_trial(action):
    """Runs action(trial) on a trial asked from the study, then fails the trial if it is
    still running."""
    def run(study, tmp):
        trial = study.ask()
        try:
            action(trial)
        finally:
            try:
                study.tell(trial, state=FAIL)
            except hpo.StateError:
                pass
    return run


def on_told_trial(action):
    def run(study, tmp):
        trial = study.ask()
        study.tell(trial, 1.0)
        action(trial)
    return run


def storage_file(kind, content, under=False):
    """A file of `content` in the row's folder, opened as a `kind` storage (or, under, as the
    folder of one)."""
    def run(study, tmp):
        path = tmp / f"study.{kind}"
        path.write_bytes(content)
        url = f"{'sqlite' if kind == 'db' else 'journal'}:///{path}" + (f"/study.{kind}" if under else "")
        hpo.create_study(sampler="random", storage=url)
    return run


def frozen(path):
    """Makes `path` unwritable even for root (chattr +i), or with chmod for anyone else;
    False when this machine allows neither."""
    if os.geteuid() != 0:
        os.chmod(path, 0o500 if path.is_dir() else 0o400)
        return True
    chattr = shutil.which("chattr")
    return chattr is not None and subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0


def thaw(path):
    if os.geteuid() != 0:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    elif shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def unwritable_folder(study, tmp):
    folder = tmp / "locked"
    folder.mkdir()
    if not frozen(folder):
        pytest.skip("no way to make a folder unwritable here (chattr +i refused)")
    try:
        hpo.create_study(sampler="random", storage=f"sqlite:///{folder}/study.db")
    finally:
        thaw(folder)


def read_only_file(study, tmp):
    path = tmp / "study.db"
    made = hpo.create_study(sampler="random", storage=f"sqlite:///{path}", study_name="frozen", seed=1)
    made.tell(made.ask(), 1.0)
    del made
    if not frozen(path):
        pytest.skip("no way to make a file read-only here (chattr +i refused)")
    try:
        loaded = hpo.load_study("frozen", f"sqlite:///{path}", sampler="random")
        assert len(loaded.trials) == 1  # reading works; writing must fail
        loaded.tell(loaded.ask(), 2.0)
    finally:
        thaw(path)


def locked_database(study, tmp):
    """Another process holds the SQLite database's write lock for longer than the study may
    wait: the ask fails busy, naming the database, and nothing is changed."""
    path = tmp / "study.db"
    # create_study has no storage_timeout (the engine's default is a minute): the study is
    # made from its config, as create_study makes it, with half a second.
    made = hpo.Study(hpo.Engine(), {"name": "busy", "sampler": "random", "seed": 1, "storage_timeout": 0.5,
                                    "storage": f"sqlite:///{path}?timeout=0.1"})
    made.tell(made.ask(), 1.0)
    holder = sqlite3.connect(path, timeout=0, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        made.ask()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        assert [t.state for t in made.trials] == [COMPLETE]
        made.tell(made.ask(), 2.0)  # the lock gone, the study goes on


def opened_twice(study, tmp):
    storage = f"journal:///{tmp}/study.log"
    first = hpo.create_study(sampler="random", storage=storage, study_name="twice", seed=1)
    first.tell(first.ask(), 1.0)
    hpo.create_study(sampler="random", storage=storage, study_name="twice")


def a_plugin_folder_that_is_a_file(study, tmp):
    path = tmp / "notes.txt"
    path.write_text("not a folder of plugins")
    engine = hpo.Engine()
    engine.add_plugin_path(path)
    [refused] = [r for r in engine.plugins()["refused"] if r["file"] == str(path)]
    raise hpo.PluginError(f"{refused['file']}: {refused['reason']}")


def enqueue(params):
    return lambda study, tmp: study.enqueue_trial(params)


CATALOGUE = {
    # -- the package's argument checks: a wrong type is TypeError naming the argument
    "seed of the wrong type": (create(seed="1"), Raises(TypeError, "seed must be an int")),
    "space that is not a dict": (create(space=[("x", {})]), Raises(TypeError, "space must be a dict")),
    "space that cannot be JSON": (create(space={"x": {1, 2}}), Raises(TypeError, "space must be JSON-serializable")),
    "an empty storage URL": (create(storage=""), Raises(hpo.InvalidArgument, "storage must not be empty")),
    "load_if_exists not a bool": (create(load_if_exists="yes"), Raises(TypeError, "load_if_exists must be True")),
    "a grace period of zero": (create(grace_period=0), Raises(hpo.InvalidArgument, "grace_period")),
    "n_trials as text": (lambda study, tmp: study.optimize(returns(1.0), n_trials="10"),
                         Raises(TypeError, "n_trials")),
    "catch that is not an exception class": (optimize(returns(1.0), catch=("ValueError",)),
                                             Raises(TypeError, "catch")),
    "a suggest_float bound of text": (on_new_trial(lambda t: t.suggest_float("lr", "0", 1)),
                                      Raises(TypeError, "low must be a real number")),
    "a parameter name that is not text": (on_new_trial(lambda t: t.suggest_float(3, 0, 1)),
                                          Raises(TypeError, "name must be a str")),
    "values of text told": (lambda study, tmp: study.tell(study.ask(), "fast"),
                            Raises(TypeError, "values must be a number")),
    # -- the engine's refusals of the space, the plugins and their options
    "an unknown key in a parameter": (create(space={"x": {"type": "float", "low": 0, "high": 1, "hi": 2}}),
                                      Raises(hpo.InvalidArgument, "hi")),
    "a condition on no parameter": (create(space={"g": {"type": "float", "low": 0, "high": 1,
                                                         "condition": {"kernel": ["rbf"]}}}),
                                    Raises(hpo.InvalidArgument, "kernel")),
    "log with a low of 0": (on_new_trial(lambda t: t.suggest_float("lr", 0, 1, log=True)),
                            Raises(hpo.InvalidArgument, "lr")),
    "an int range upside down": (on_new_trial(lambda t: t.suggest_int("layers", 5, 1)),
                                 Raises(hpo.InvalidArgument, "layers")),
    "no choices": (on_new_trial(lambda t: t.suggest_categorical("kernel", [])), Raises(hpo.InvalidArgument, "kernel")),
    "a declared float asked as an int": (on_new_trial(lambda t: t.suggest_int("x", 0, 10)),
                                         Raises(hpo.InvalidArgument, "\"x\"")),
    "an enqueued value out of range": (enqueue({"x": 5.0}), Raises(hpo.InvalidArgument, "\"x\"")),
    "an enqueued choice that is none": (enqueue({"kind": "c"}), Raises(hpo.InvalidArgument, "\"kind\"")),
    "an unknown sampler": (create(sampler="bayes"), Raises(hpo.NotFound, "bayes")),
    "an unknown scheduler": (create(scheduler="successive_halving"), Raises(hpo.NotFound, "successive_halving")),
    "an unknown option of tpe": (create(sampler="tpe", sampler_options={"n_ei_candidate": 3}),
                                 Raises(hpo.InvalidArgument, "n_ei_candidate")),
    "a cmaes option of the wrong type": (create(sampler="cmaes", sampler_options={"popsize": "large"}),
                                         Raises(hpo.InvalidArgument, "popsize")),
    "a median option out of range": (create(scheduler="median", scheduler_options={"n_startup_trials": -1}),
                                     Raises(hpo.InvalidArgument, "n_startup_trials")),
    "an unknown objective plugin": (lambda study, tmp: study.optimize_plugin("nosuch", n_trials=1),
                                    Raises(hpo.NotFound, "nosuch")),
    "a storage scheme no plugin serves": (create(storage="redis://localhost/0"), Raises(hpo.NotFound, "redis")),
    "a plugin path that is not a library": (a_plugin_folder_that_is_a_file,
                                            Raises(hpo.PluginError, "{tmp}/notes.txt: cannot be loaded")),
    # -- objective outcomes: the trial ends, the study goes on
    "an objective returning NaN": (optimize(returns(float("nan"))), Ends(FAIL, "NaN")),
    "an objective returning infinity": (optimize(returns(float("inf"))), Ends(COMPLETE, float("inf"))),
    "an objective returning minus infinity": (optimize(returns(float("-inf"))), Ends(COMPLETE, float("-inf"))),
    "an objective returning two values for one objective": (optimize(two_values),
                                                             Ends(FAIL, "returned 2 values for a study of 1")),
    "an objective returning text": (optimize(text_value), Ends(FAIL, "the objective's result must be a number")),
    "an objective raising, caught": (optimize(raises_value_error, catch=ValueError),
                                     Ends(FAIL, "ValueError: the objective broke on purpose")),
    "an objective raising, not caught": (optimize(raises_value_error),
                                         Raises(ValueError, "the objective broke on purpose")),
    "an objective in a process exiting": (optimize(exits_with_3, processes=True), Ends(FAIL, "exited with status 3")),
    "an objective in a process calling sys.exit": (optimize(calls_sys_exit, processes=True),
                                                   Raises(SystemExit, "the objective quit")),
    "an objective in a process killed": (optimize(kills_itself, processes=True), Ends(FAIL, "signal 9 (SIGKILL)")),
    # -- handles used wrongly
    "suggest after tell": (on_told_trial(lambda t: t.suggest_float("y", 0, 1)), Raises(hpo.StateError, "trial")),
    "report after tell": (on_told_trial(lambda t: t.report(0.5, 1)), Raises(hpo.StateError, "trial")),
    "tell twice": (lambda study, tmp: [study.tell(t, 1.0) for t in [study.ask()] * 2],
                   Raises(hpo.StateError, "told already")),
    "tell of a trial never asked": (lambda study, tmp: study.tell(99, 1.0), Raises(hpo.StateError, "trial 99")),
    "two values told to one objective": (lambda study, tmp: study.tell(study.ask(), [1.0, 2.0]),
                                         Raises(hpo.InvalidArgument, "values")),
    # -- storages
    "a storage in a missing folder": (create(storage="sqlite:///{tmp}/missing/study.db"),
                                      Raises(hpo.StorageError, "{tmp}/missing/study.db")),
    "a storage in an unwritable folder": (unwritable_folder, Raises(hpo.StorageError, "{tmp}/locked/study.db")),
    "a read-only database": (read_only_file, Raises(hpo.StorageError, "{tmp}/study.db")),
    "a database that is not one": (storage_file("db", b"SQLite format 2\0" + bytes(range(256)) * 8),
                                   Raises(hpo.StorageError, "{tmp}/study.db")),
    "a journal under a plain file": (storage_file("log", b"a plain file", under=True),
                                     Raises(hpo.StorageError, "{tmp}/study.log/study.log")),
    "a database locked by another process": (locked_database, Raises(hpo.StorageBusy, "{tmp}/study.db")),
    "a stored study created again": (opened_twice, Raises(hpo.AlreadyExists, "\"twice\"")),
}


@pytest.fixture
def kept_study():
    """The study the rows run on: two trials told before the row."""
    study = hpo.create_study(sampler="random", seed=5,
                             space={"x": {"type": "float", "low": 0, "high": 1},
                                    "kind": {"type": "categorical", "choices": ["a", "b"]}})
    for value in (0.5, 0.25):
        study.tell(study.ask(), value)
    return study


def snapshot(trial):
    return (trial.number, trial.state, trial.params, trial.values)


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_catalogue(case, kept_study, tmp_path):
    action, expected = CATALOGUE[case]
    before = [snapshot(t) for t in kept_study.trials]
    if isinstance(expected, Raises):
        with pytest.raises(expected.error) as raised:
            action(kept_study, tmp_path)
        assert expected.needle.format(tmp=tmp_path) in str(raised.value)
    else:
        action(kept_study, tmp_path)
        last = kept_study.trials[-1]
        assert last.state == expected.state, last.message
        if expected.state == COMPLETE:
            assert last.value == expected.needle
        else:
            assert expected.needle in (last.message or "")
    # The study is intact: the trials told before the row unchanged, the next ask works.
    assert [snapshot(t) for t in kept_study.trials[:2]] == before
    n_trials = len(kept_study.trials)
    kept_study.tell(kept_study.ask(), 0.125)
    assert len(kept_study.trials) == n_trials + 1 and kept_study.trials[-1].state == COMPLETE

