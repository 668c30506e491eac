"""hpo.hyperopt.Trials over a storage: results that survive a restart, and one search shared
by several processes (Hyperopt's MongoTrials)."""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from hpo.hyperopt import STATUS_OK, Trials, fmin, hp, rand, tpe

PACKAGE_ROOT = str(pathlib.Path(__file__).resolve().parents[1])

# One script, run by the test process and by other processes alike.
SCRIPT = """
import sys
from hpo.hyperopt import STATUS_OK, Trials, fmin, hp, tpe
space = {"x": hp.uniform("x", -3, 3), "c": hp.choice("c", ["a", {"y": hp.quniform("y", 0, 8, 2)}])}
def objective(args):
    y = 0 if args["c"] == "a" else args["c"]["y"]
    return {"loss": args["x"] ** 2 + y, "status": STATUS_OK, "worker": sys.argv[2]}
trials = Trials(storage=sys.argv[1], exp_key="shared")
fmin(objective, space, algo=tpe.suggest, max_evals=int(sys.argv[3]), trials=trials)
"""


def run_script(storage, worker, max_evals):
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-c", SCRIPT, storage, worker, str(max_evals)],
                            env=env)


def test_results_survive_a_restart_from_sqlite(tmp_path):
    storage = f"sqlite:///{tmp_path / 'search.db'}"
    assert run_script(storage, "first", 15).wait() == 0
    trials = Trials(storage=storage, exp_key="shared")  # this process never ran it
    assert len(trials) == 15 and trials.tids == list(range(15))
    assert all(result["status"] == STATUS_OK and result["worker"] == "first"
               for result in trials.results)
    best = trials.best_trial
    assert best["result"]["loss"] == min(trials.losses())
    vals = best["misc"]["vals"]
    assert set(trials.argmin) == {label for label, value in vals.items() if value}
    for trial in trials.trials:  # values as the objective saw them, on quniform's grid
        assert all(y % 2 == 0 for y in trial["misc"]["vals"]["y"])
    before = trials.results
    assert run_script(storage, "second", 20).wait() == 0
    again = Trials(storage=storage, exp_key="shared")
    assert len(again) == 20 and again.results[:15] == before
    assert len(trials) == 20  # a Trials reads the study: it sees the other process's trials


@pytest.mark.parametrize("scheme, file", [("sqlite", "search.db"), ("journal", "search.log")])
def test_a_search_continues_in_a_new_trials_on_the_same_storage(tmp_path, scheme, file):
    storage = f"{scheme}:///{tmp_path / file}"
    space = {"x": hp.uniform("x", -1, 1)}
    first = Trials(storage=storage)
    fmin(lambda args: args["x"] ** 2, space, algo=tpe.suggest, max_evals=8, trials=first,
         rstate=np.random.default_rng(2))
    second = Trials(storage=storage)
    assert second.losses() == first.losses()
    best = fmin(lambda args: args["x"] ** 2, space, algo=rand.suggest, max_evals=12,
                trials=second)
    assert len(second) == 12 and best == second.argmin


def test_several_processes_share_one_search(tmp_path):
    storage = f"sqlite:///{tmp_path / 'shared.db'}"
    workers = [run_script(storage, name, 30) for name in ("w1", "w2", "w3")]
    assert [worker.wait() for worker in workers] == [0, 0, 0]
    trials = Trials(storage=storage, exp_key="shared")
    # Each stops once the study holds 30 trials; those already running elsewhere still end.
    assert 30 <= len(trials) <= 32
    assert trials.tids == list(range(len(trials)))
    assert {result["worker"] for result in trials.results} <= {"w1", "w2", "w3"}


def test_a_persistent_trials_refuses_results_it_cannot_store(tmp_path):
    trials = Trials(storage=f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(TypeError, match="'model'"):
        fmin(lambda args: {"loss": 1.0, "status": STATUS_OK, "model": object()},
             {"x": hp.uniform("x", 0, 1)}, algo=rand.suggest, max_evals=2, trials=trials)


def test_an_in_memory_trials_keeps_any_result_object():
    model = object()
    trials = Trials()
    fmin(lambda args: {"loss": 1.0, "status": STATUS_OK, "model": model},
         {"x": hp.uniform("x", 0, 1)}, algo=rand.suggest, max_evals=2, trials=trials)
    assert all(result["model"] is model for result in trials.results)


def test_a_trials_says_how_to_keep_it_instead_of_pickling():
    import pickle
    with pytest.raises(TypeError, match="storage"):
        pickle.dumps(Trials())
