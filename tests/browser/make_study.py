"""Makes the studies the browser tests open, through the Python package, in a storage.

usage: make_study.py KIND STORAGE_URL
KIND: "pruned" (trials report learning curves, some are pruned, a few fail) or "large"
(10,000 trials told at once through ask/tell, some failed, with a conditional parameter).
"""
import math
import random
import sys

import hpo

SPACE = {"x": {"type": "float", "low": -5, "high": 10},
         "y": {"type": "float", "low": 1e-3, "high": 10, "log": True},
         "kind": {"type": "categorical", "choices": ["a", "b"]},
         "z": {"type": "int", "low": 0, "high": 9, "condition": {"kind": ["b"]}}}


def pruned(storage):
    study = hpo.create_study(space=SPACE, sampler="random", scheduler="median", storage=storage,
                             study_name="pruned", seed=3,
                             scheduler_options={"n_startup_trials": 3, "n_warmup_steps": 2})

    def objective(trial):
        x, y = trial.params["x"], trial.params["y"]
        if trial.number % 11 == 5:
            raise ValueError("a failed trial")
        for step in range(10):
            value = (x - 1) ** 2 + math.log(y) ** 2 + 10 / (step + 1)
            trial.report(value, step)
            if trial.should_prune():
                raise hpo.TrialPruned()
        return value

    study.optimize(objective, n_trials=30, catch=(ValueError,))


def large(storage):
    study = hpo.create_study(space=SPACE, sampler="random", storage=storage, study_name="large",
                             seed=4)
    noise = random.Random(4)
    for number in range(10000):
        trial = study.ask()
        if number % 97 == 13:
            study.tell(trial, state=hpo.TrialState.FAIL, message="diverged")
            continue
        x, y = trial.params["x"], trial.params["y"]
        study.tell(trial, (x - 1) ** 2 + math.log(y) ** 2 + noise.random())


if __name__ == "__main__":
    {"pruned": pruned, "large": large}[sys.argv[1]](sys.argv[2])
