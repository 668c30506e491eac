#!/usr/bin/python3
"""Parameter importances: hpo's fANOVA (hpo_study_param_importances, in C++) beside Optuna's
FanovaImportanceEvaluator on the very same trials, in the same run.

For each problem of the benchmarks objective plugin, hpo's random sampler fills a study;
its trials (parameters and values) are then added to an Optuna study, and both evaluators
assess them with the same forest size (64 trees, depth 64) and seed. Printed side by side:
each one's top-3 parameters, whether they agree, and the time each takes. Optuna runs in a
process of its own (one Optuna per process: 4.9 from the peer sources, 3.1 from Debian).
Targets (issue 16): the same top-3 on the bench problems, and hpo at least 10x faster at
1,000 trials.

usage: importance.py [--trials N] [--seeds N] [--problems a,b] [--peer-src DIR] [--no-peer]
                     [--optuna3] [--noise] [--smoke] [--out FILE.json]
A top-3 lists the parameters of share >= 1% (below it the order is noise). --noise also runs
each evaluator with a second seed on the same trials: how often one agrees with itself is
the yardstick for how often two may agree where importances are close.
Run with PYTHONPATH=bindings/python, HPO_LIBRARY=build/release/lib/libhpo.so and
HPO_PLUGIN_PATH=build/release/lib/hpo/plugins.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Where peers.py is: $HPO_PEER_SRC, else beside the repository (../shared/peer-src), else
# /work/shared/peer-src.
DEFAULT_PEER_SRC = next(
    (path for path in (os.environ.get("HPO_PEER_SRC"),
                       os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "peer-src")),
                       "/work/shared/peer-src")
     if path and os.path.exists(os.path.join(path, "peers.py"))),
    os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "peer-src")))

# name -> (benchmarks plugin options, the parameters both assess: None for every one). The
# mixed problem's conditional children are left out: Optuna assesses them only on the trials
# that have them all, hpo on every trial ("inactive" as a value), so they are not comparable.
PROBLEMS = {
    "branin": ({"function": "branin"}, None),
    "hartmann6": ({"function": "hartmann6"}, None),
    "rosenbrock5": ({"function": "rosenbrock", "dim": 5}, None),
    "levy5": ({"function": "levy", "dim": 5}, None),
    "zdt1": ({"function": "zdt1", "dim": 5}, None),
    "mixed": ({"function": "mixed"}, ["kind", "lr", "n"]),
}


def fill(name, n_trials, seed):
    """A study of n_trials random trials of a problem: the study, its space, the first
    objective's trials as {"params", "value"}, and the parameters to assess."""
    import hpo
    options, params = PROBLEMS[name]
    n_objectives = 2 if options["function"].startswith("zdt") else 1
    study = hpo.create_study(sampler="random", seed=seed, directions=["minimize"] * n_objectives)
    study.optimize_plugin("benchmarks", options, n_trials=n_trials)
    space = study.info["space"]
    trials = [{"params": t.params, "value": t.values[0]} for t in study.trials if t.values]
    return study, space, trials, params


def hpo_importances(study, params, seed, n_trees, max_depth):
    from hpo.importance import FanovaImportanceEvaluator, get_param_importances
    evaluator = FanovaImportanceEvaluator(n_trees=n_trees, max_depth=max_depth, seed=seed)
    target = (lambda t: t.values[0]) if len(study.directions) > 1 else None
    start = time.perf_counter()
    result = get_param_importances(study, evaluator=evaluator, params=params, target=target)
    return dict(result), time.perf_counter() - start


def engine_seconds(study, params, seed, n_trees, max_depth):
    """The C call alone (hpo_study_param_importances), without Python's part of the call."""
    from hpo.importance import param_importances_json
    options = {"seed": seed, "n_trees": n_trees, "max_depth": max_depth, "objective": 0}
    if params is not None:
        options["params"] = params
    start = time.perf_counter()
    param_importances_json(study, options)
    return time.perf_counter() - start


# ---- the peer, in its own process ------------------------------------------------------------

def peer_main(args):
    if args.peer == "optuna4":
        sys.path.insert(0, args.peer_src)
        import peers
        optuna = peers.optuna4()
    else:
        import optuna
    import warnings
    warnings.filterwarnings("ignore")
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution

    def distribution(spec):
        if spec["type"] == "categorical":
            return CategoricalDistribution(spec["choices"])
        if spec["type"] == "int":
            return IntDistribution(spec["low"], spec["high"], log=spec.get("log", False),
                                   step=spec.get("step", 1) or 1)
        return FloatDistribution(spec["low"], spec["high"], log=spec.get("log", False), step=spec.get("step"))

    with open(args.trials_file) as f:
        jobs = json.load(f)
    out = []
    for job in jobs:
        if job.get("same_encoding"):
            job = same_encoding(job)
        distributions = {name: distribution(spec) for name, spec in job["space"].items()}
        study = optuna.create_study()
        study.add_trials([
            optuna.trial.create_trial(params=t["params"],
                                      distributions={k: distributions[k] for k in t["params"]},
                                      value=t["value"])
            for t in job["trials"]])
        answers = []
        for seed in job["seeds"]:
            evaluator = optuna.importance.FanovaImportanceEvaluator(n_trees=job["n_trees"],
                                                                    max_depth=job["max_depth"], seed=seed)
            start = time.perf_counter()
            result = optuna.importance.get_param_importances(study, evaluator=evaluator, params=job["params"])
            answers.append({"importances": dict(result), "seconds": time.perf_counter() - start})
        out.append({**answers[0], "other_seed": answers[1]["importances"] if len(answers) > 1 else None})
    print(json.dumps({"version": optuna.__version__, "results": out}))
    return 0


def same_encoding(job):
    """The job with its parameters as hpo encodes them: a log parameter as its log (a float
    over the logs of its bounds), a categorical of two choices as its index (an int 0..1,
    whose one split is the categorical split). What is left then differs only in the code."""
    import math
    space, trials = {}, [dict(t, params=dict(t["params"])) for t in job["trials"]]
    for name, spec in job["space"].items():
        if spec.get("log"):
            space[name] = {"type": "float", "low": math.log(spec["low"]), "high": math.log(spec["high"])}
            for t in trials:
                if name in t["params"]:
                    t["params"][name] = math.log(t["params"][name])
        elif spec["type"] == "categorical" and len(spec["choices"]) == 2:
            space[name] = {"type": "int", "low": 0, "high": 1}
            for t in trials:
                if name in t["params"]:
                    t["params"][name] = spec["choices"].index(t["params"][name])
        else:
            space[name] = spec
    return dict(job, space=space, trials=trials)


def run_peer(which, jobs, peer_src):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(jobs, f)
        path = f.name
    try:
        command = [sys.executable, os.path.abspath(__file__), "--peer", which, "--trials-file", path,
                   "--peer-src", peer_src]
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            return None, (done.stderr.strip().splitlines() or ["failed"])[-1]
        return json.loads(done.stdout), None
    finally:
        os.unlink(path)


# Parameters below this share explain nothing to speak of: their order among themselves is
# noise (zdt1's first objective is x0 alone: the four others all get about 0).
FLOOR = 0.01


def top(importances, k=3):
    ranked = sorted(importances, key=lambda name: -importances[name])
    return [name for name in ranked if importances[name] >= FLOOR][:k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--problems", default=",".join(PROBLEMS))
    parser.add_argument("--n-trees", type=int, default=64)
    parser.add_argument("--max-depth", type=int, default=64)
    parser.add_argument("--peer-src", default=DEFAULT_PEER_SRC)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--optuna3", action="store_true", help="also Debian's Optuna 3.1")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks that it runs")
    parser.add_argument("--same-encoding", action="store_true",
                        help="feed Optuna log parameters as their logs and 2-choice categoricals as 0/1 ints")
    parser.add_argument("--noise", action="store_true",
                        help="also each evaluator with another seed: how often it agrees with itself")
    parser.add_argument("--out")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--trials-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        return peer_main(args)
    if args.smoke:
        args.trials, args.seeds, args.n_trees, args.problems = 60, 1, 8, "branin,mixed"

    cases = []
    for name in args.problems.split(","):
        for seed in range(args.seeds):
            study, space, trials, params = fill(name, args.trials, seed + 1)
            importances, seconds = hpo_importances(study, params, seed, args.n_trees, args.max_depth)
            engine = engine_seconds(study, params, seed, args.n_trees, args.max_depth)
            other = hpo_importances(study, params, seed + 1000, args.n_trees, args.max_depth)[0] if args.noise else None
            cases.append({"problem": name, "seed": seed, "space": space, "trials": trials, "params": params,
                          "hpo": {"importances": importances, "seconds": seconds, "engine_seconds": engine,
                                  "other_seed": other}})
    peers = []
    if not args.no_peer:
        peers.append(("optuna4", "Optuna 4.9"))
        if args.optuna3:
            peers.append(("optuna3", "Optuna 3.1 (Debian)"))
    notes = []
    for which, label in peers:
        if which == "optuna4" and not os.path.exists(os.path.join(args.peer_src, "peers.py")):
            notes.append(f"{label}: skipped, no peers.py in {args.peer_src}")
            continue
        jobs = [{"space": c["space"], "trials": c["trials"], "params": c["params"],
                 "seeds": [c["seed"], c["seed"] + 1000] if args.noise else [c["seed"]],
                 "n_trees": args.n_trees, "max_depth": args.max_depth, "same_encoding": args.same_encoding}
                for c in cases]
        answer, error = run_peer(which, jobs, args.peer_src)
        if answer is None:
            notes.append(f"{label}: skipped ({error})")
            continue
        for case, result in zip(cases, answer["results"]):
            case[which] = result
        notes.append(f"{label}: optuna {answer['version']}")

    print(f"fANOVA importances, {args.trials} random trials, {args.n_trees} trees of depth {args.max_depth}; "
          "same trials and seed for both")
    header = f"{'problem':<12} {'seed':>4}  {'hpo top-3':<24} "
    for which, label in peers:
        header += f"{label.split(' (')[0] + ' top-3':<24} {'same':<5} "
    header += f"{'hpo s':>8} "
    for which, label in peers:
        header += f"{label.split(' (')[0] + ' s':>13} {'x faster':>8} "
    print(header)
    summary = {which: {"same_top3": 0, "same_set": 0, "cases": 0, "self": 0, "max_diff": 0.0} for which, _ in peers}
    hpo_self = 0
    for case in cases:
        ours = top(case["hpo"]["importances"])
        line = f"{case['problem']:<12} {case['seed']:>4}  {','.join(ours):<24} "
        for which, _ in peers:
            if which not in case:
                line += f"{'-':<24} {'-':<5} "
                continue
            theirs = top(case[which]["importances"])
            same = ours == theirs
            case[which]["same_top3"] = same
            summary[which]["cases"] += 1
            summary[which]["same_top3"] += same
            summary[which]["same_set"] += set(ours) == set(theirs)
            summary[which]["max_diff"] = max(summary[which]["max_diff"], max(
                abs(case["hpo"]["importances"][k] - case[which]["importances"][k]) for k in case[which]["importances"]))
            if case[which].get("other_seed"):
                summary[which]["self"] += top(case[which]["other_seed"]) == theirs
            line += f"{','.join(theirs):<24} {'yes' if same else 'NO':<5} "
        if case["hpo"].get("other_seed"):
            hpo_self += top(case["hpo"]["other_seed"]) == ours
        line += f"{case['hpo']['seconds']:>8.4f} "
        for which, _ in peers:
            if which in case:
                line += f"{case[which]['seconds']:>13.3f} {case[which]['seconds'] / case['hpo']['seconds']:>8.0f} "
        print(line)
    for which, label in peers:
        s = summary[which]
        if s["cases"]:
            speedups = [c[which]["seconds"] / c["hpo"]["seconds"] for c in cases if which in c]
            print(f"{label}: same top-3 (in order) in {s['same_top3']}/{s['cases']}, same top-3 set in "
                  f"{s['same_set']}/{s['cases']}, largest difference of an importance {s['max_diff']:.3f}; "
                  f"hpo {min(speedups):.0f}x to {max(speedups):.0f}x faster")
            if args.noise:
                print(f"  with another seed on the same trials, {label} keeps its own top-3 in {s['self']}/{s['cases']}"
                      f" and hpo in {hpo_self}/{len(cases)}")
    for note in notes:
        print("note:", note)
    if args.out:
        for case in cases:
            del case["trials"]
        with open(args.out, "w") as f:
            json.dump({"trials": args.trials, "n_trees": args.n_trees, "cases": cases, "notes": notes}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
