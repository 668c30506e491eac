"""Define-by-run suggestions, a declared (conditional) space, enqueued and fixed values."""

import math

import hpo


def test_suggestions_lie_in_their_domains_and_are_recorded(random_study):
    study = random_study()
    choices = ["adam", 0.5, None, [1, 2], {"depth": 3}]
    seen = []

    def objective(trial):
        lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
        dropout = trial.suggest_float("dropout", 0.0, 0.5, step=0.1)
        units = trial.suggest_int("units", 16, 256, log=True)
        layers = trial.suggest_int("layers", 1, 9, step=2)
        choice = trial.suggest_categorical("choice", choices)
        assert 1e-5 <= lr <= 1e-1
        assert math.isclose(dropout * 10, round(dropout * 10), abs_tol=1e-9)
        assert isinstance(units, int) and 16 <= units <= 256
        assert layers in (1, 3, 5, 7, 9)
        assert any(choice is c for c in choices)  # the caller's object itself
        assert trial.suggest_float("lr", 1e-5, 1e-1, log=True) == lr  # chosen once
        assert trial.params == {"lr": lr, "dropout": dropout, "units": units,
                                "layers": layers, "choice": choice}
        seen.append(trial.params)
        return lr

    study.optimize(objective, n_trials=20)
    assert [t.params for t in study.trials] == seen
    assert len({repr(p["choice"]) for p in seen}) > 1


def test_a_declared_space_is_chosen_at_ask_with_conditions():
    space = {
        "kernel": {"type": "categorical", "choices": ["rbf", "linear"]},
        "gamma": {"type": "float", "low": 1e-4, "high": 10.0, "log": True,
                  "condition": {"kernel": ["rbf"]}},
        "C": {"type": "float", "low": 0.1, "high": 100.0},
    }
    study = hpo.create_study(space=space, sampler="random", seed=5)
    for _ in range(20):
        trial = study.ask()
        params = trial.params  # chosen before the objective asks for anything
        assert 0.1 <= params["C"] <= 100.0
        assert ("gamma" in params) == (params["kernel"] == "rbf")
        gamma = trial.suggest("gamma", space["gamma"])
        assert gamma == params.get("gamma")  # None when the condition leaves it inactive
        study.tell(trial, params["C"])
    assert {t.params["kernel"] for t in study.trials} == {"rbf", "linear"}


def test_enqueued_trials_come_first_with_their_values(random_study):
    study = random_study()
    study.enqueue_trial({"x": 0.25, "kind": "b"})
    study.enqueue_trial({"kind": "a"})

    def objective(trial):
        return trial.suggest_float("x", 0, 1) + len(trial.suggest_categorical("kind", ["a", "b"]))

    study.optimize(objective, n_trials=3)
    first, second, _ = study.trials
    assert first.params == {"x": 0.25, "kind": "b"}
    assert second.params["kind"] == "a" and 0 <= second.params["x"] <= 1


def test_ask_can_fix_distributions_up_front(random_study):
    study = random_study()
    trial = study.ask({"depth": {"type": "int", "low": 2, "high": 4},
                       "loss": {"type": "categorical", "choices": ["l1", "l2"]}})
    assert set(trial.params) == {"depth", "loss"}
    assert trial.params["depth"] in (2, 3, 4) and trial.params["loss"] in ("l1", "l2")
    study.tell(trial, 1.0)
    assert study.trials[0].state == hpo.TrialState.COMPLETE


def test_the_same_seed_gives_the_same_trials():
    def params_of(seed):
        study = hpo.create_study(sampler="random", seed=seed)
        study.optimize(lambda t: t.suggest_float("x", -1, 1) + t.suggest_int("n", 0, 100),
                       n_trials=5)
        return [t.params for t in study.trials]

    assert params_of(3) == params_of(3)
    assert params_of(3) != params_of(4)
