#!/usr/bin/python3
"""Optuna's rows of the hpo benchmarks, measured in the same run (bench/quality, bench/overhead).

Prints one JSON document on stdout; exits 3 with a one-line reason when Optuna is missing.
The problems and spaces mirror plugins/objectives/benchmarks and bench/overhead exactly.

  peer_optuna.py quality --seeds 10 --checkpoints 50,100,200 --problems branin,mixed
  peer_optuna.py overhead --sizes 100,1000,5000 --asks 20 --spaces float10,mixed10
  peer_optuna.py multiobjective --seeds 10 --n-trials 1000 --problems zdt1,dtlz2
  peer_optuna.py --peer-src /work/shared/peer-src overhead --sampler "optuna cmaes" ...
--peer-src DIR (first) runs Optuna 4.9 with cmaes 0.13.1 from DIR (its peers.py) instead of
the Debian Optuna.
"""
import argparse
import json
import math
import random
import statistics
import sys
import time
import warnings

if len(sys.argv) > 2 and sys.argv[1] == "--peer-src":
    sys.path.insert(0, sys.argv[2])
    import peers
    peers.optuna4()
    del sys.argv[1:3]
try:
    import optuna
except ImportError:
    print("optuna is not installed for /usr/bin/python3 (Debian: python3-optuna)")
    sys.exit(3)

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")


def branin(x1, x2):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
              [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HARTMANN_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
              [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
              [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
              [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(x):
    return -sum(alpha * math.exp(-sum(a * (xj - p) ** 2 for a, xj, p in zip(row, x, prow)))
                for alpha, row, prow in zip(HARTMANN_ALPHA, HARTMANN_A, HARTMANN_P))


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    n = len(x)
    squares = sum(v * v for v in x)
    cosines = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(squares / n)) - math.exp(cosines / n) + 20 + math.e


def box(trial, names, low, high):
    return [trial.suggest_float(name, low, high) for name in names]


def mixed(trial):
    kind = trial.suggest_categorical("kind", ["quadratic", "ackley"])
    lr = trial.suggest_float("lr", 1e-4, 1.0, log=True)
    n = trial.suggest_int("n", 0, 10)
    shared = (math.log10(lr) + 2) ** 2
    if kind == "quadratic":
        x = trial.suggest_float("x", -5, 5)
        return (x - 1.5) ** 2 + 0.5 * (n - 3) ** 2 + 1 + shared
    a = trial.suggest_float("a", -2, 2)
    b = trial.suggest_int("b", -3, 3)
    return ackley([a, b]) + 0.25 * abs(n - 7) + shared


PROBLEMS = {
    "branin": lambda t: branin(t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15)),
    "hartmann6": lambda t: hartmann6(box(t, [f"x{i}" for i in range(6)], 0, 1)),
    "rosenbrock5": lambda t: rosenbrock(box(t, [f"x{i}" for i in range(5)], -5, 10)),
    "ackley10": lambda t: ackley(box(t, [f"x{i}" for i in range(10)], -32.768, 32.768)),
    "mixed": mixed,
}

QUALITY_SAMPLERS = {
    "optuna tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "optuna tpe (multivariate)": lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True),
    "optuna random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "optuna cmaes": lambda seed: optuna.samplers.CmaEsSampler(seed=seed),
    "optuna nsga2": lambda seed: optuna.samplers.NSGAIISampler(seed=seed),
}


def quality(args):
    checkpoints = [int(c) for c in args.checkpoints.split(",")]
    rows = []
    for problem in args.problems.split(","):
        for label, make in QUALITY_SAMPLERS.items():
            if args.samplers and label not in args.samplers.split(","):
                continue
            start = time.perf_counter()
            best = {str(c): [] for c in checkpoints}
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                study = optuna.create_study(sampler=make(seed))
                study.optimize(PROBLEMS[problem], n_trials=checkpoints[-1])
                values = [t.value for t in sorted(study.trials, key=lambda t: t.number)
                          if t.value is not None]
                for c in checkpoints:
                    best[str(c)].append(min(values[:c]))
            rows.append({"sampler": label, "problem": problem, "best": best,
                         "seconds": time.perf_counter() - start})
            print(f"{problem} / {label}: {rows[-1]['seconds']:.1f} s", file=sys.stderr)
    return rows


def zdt(trial, front):
    x = box(trial, [f"x{i}" for i in range(5)], 0, 1)
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    return x[0], g * front(x[0], g)


def dtlz2(trial):
    x = box(trial, [f"x{i}" for i in range(6)], 0, 1)
    g = sum((v - 0.5) ** 2 for v in x[2:])
    a, b = 0.5 * math.pi * x[0], 0.5 * math.pi * x[1]
    return ((1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b),
            (1 + g) * math.sin(a))


# The benchmarks objective's zdt1, zdt2, zdt3 (5-D) and dtlz2 (6-D, 3 objectives).
MULTI_PROBLEMS = {
    "zdt1": (2, lambda t: zdt(t, lambda f, g: 1 - math.sqrt(f / g))),
    "zdt2": (2, lambda t: zdt(t, lambda f, g: 1 - (f / g) ** 2)),
    "zdt3": (2, lambda t: zdt(t, lambda f, g: 1 - math.sqrt(f / g) - f / g * math.sin(10 * math.pi * f))),
    "dtlz2": (3, dtlz2),
}

MULTI_SAMPLERS = {
    "optuna nsga2": lambda seed: optuna.samplers.NSGAIISampler(seed=seed),
    "optuna nsga3": lambda seed: optuna.samplers.NSGAIIISampler(seed=seed),
}


def multiobjective(args):
    rows = []
    for problem in args.problems.split(","):
        n_objectives, objective = MULTI_PROBLEMS[problem]
        for label, make in MULTI_SAMPLERS.items():
            start = time.perf_counter()
            runs = []
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                study = optuna.create_study(directions=["minimize"] * n_objectives, sampler=make(seed))
                study.optimize(objective, n_trials=args.n_trials)
                runs.append([list(t.values) for t in sorted(study.trials, key=lambda t: t.number)
                             if t.values is not None])
            rows.append({"sampler": label, "problem": problem, "values": runs,
                         "seconds": time.perf_counter() - start})
            print(f"{problem} / {label}: {rows[-1]['seconds']:.1f} s", file=sys.stderr)
    return rows


D = optuna.distributions


def overhead_space(name):
    """The spaces of bench/overhead: 10-D float, and 10-D mixed (floats, ints, categoricals)."""
    if name == "float10":
        return {f"x{i}": D.FloatDistribution(-5, 5) for i in range(10)}
    space = {f"f{i}": D.FloatDistribution(-5, 5) for i in range(3)}
    space["f3"] = D.FloatDistribution(1e-3, 10, log=True)
    space.update({f"i{i}": D.IntDistribution(0, 100) for i in range(2)})
    space["i2"] = D.IntDistribution(1, 1000, log=True)
    space.update({f"c{i}": D.CategoricalDistribution(["a", "b", "c", "d", "e"]) for i in range(3)})
    return space


def random_params(space, rng):
    params = {}
    for name, dist in space.items():
        if isinstance(dist, D.CategoricalDistribution):
            params[name] = rng.choice(dist.choices)
        elif isinstance(dist, D.IntDistribution):
            params[name] = (round(math.exp(rng.uniform(math.log(dist.low), math.log(dist.high))))
                            if dist.log else rng.randint(dist.low, dist.high))
        elif dist.log:
            params[name] = math.exp(rng.uniform(math.log(dist.low), math.log(dist.high)))
        else:
            params[name] = rng.uniform(dist.low, dist.high)
    return params


def value_of(params):
    return sum(v * v for v in params.values() if not isinstance(v, str))


def overhead(args):
    rows = []
    for space_name in args.spaces.split(","):
        space = overhead_space(space_name)
        for size in [int(s) for s in args.sizes.split(",")]:
            rng = random.Random(size)
            study = optuna.create_study(sampler=QUALITY_SAMPLERS[args.sampler](1))
            history = [random_params(space, rng) for _ in range(size)]
            study.add_trials([optuna.trial.create_trial(params=p, distributions=space, value=value_of(p))
                              for p in history])
            asks = args.asks if size < 5000 else max(1, args.asks // 4)
            times = []
            for _ in range(asks):
                start = time.thread_time()  # CPU time: a loaded machine does not inflate it
                trial = study.ask(space)
                times.append(time.thread_time() - start)
                study.tell(trial, value_of(trial.params))
            rows.append({"sampler": args.sampler, "space": space_name, "trials": size,
                         "ms_per_ask": 1000 * statistics.median(times), "asks": asks})
            print(f"{space_name} / {size}: {rows[-1]['ms_per_ask']:.2f} ms", file=sys.stderr)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="bench", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--seeds", type=int, default=10)
    q.add_argument("--first-seed", type=int, default=1)
    q.add_argument("--samplers", default="", help="only these labels, comma-separated")
    q.add_argument("--checkpoints", default="50,100,200")
    q.add_argument("--problems", default=",".join(PROBLEMS))
    o = sub.add_parser("overhead")
    o.add_argument("--sizes", default="100,1000,5000")
    o.add_argument("--asks", type=int, default=20)
    o.add_argument("--spaces", default="float10,mixed10")
    o.add_argument("--sampler", default="optuna tpe", choices=list(QUALITY_SAMPLERS))
    m = sub.add_parser("multiobjective")
    m.add_argument("--seeds", type=int, default=10)
    m.add_argument("--first-seed", type=int, default=1)
    m.add_argument("--n-trials", type=int, default=1000)
    m.add_argument("--problems", default=",".join(MULTI_PROBLEMS))
    args = parser.parse_args()
    rows = {"quality": quality, "overhead": overhead, "multiobjective": multiobjective}[args.bench](args)
    json.dump({"version": optuna.__version__, "rows": rows}, sys.stdout)


if __name__ == "__main__":
    main()
