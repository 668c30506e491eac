"""Runs the `hpo` command as a user would and checks its output and exit status.

usage: cli_test.py CASE HPO_BINARY PLUGIN_DIR SOURCE_DIR
CASE is one of the functions marked @case; CTest runs each as its own test.
"""
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


class Context:
    def __init__(self, hpo, plugin_dir, source_dir):
        self.hpo = hpo
        self.plugin_dir = plugin_dir
        self.studies = os.path.join(source_dir, "samples", "studies")
        self.data = os.path.join(source_dir, "tests", "cli", "data")

    def run(self, *args, hpo=None, env=None):
        env = dict(os.environ if env is None else env)
        env.pop("HPO_PLUGIN_PATH", None)  # only the plugins of the tree under test
        return subprocess.run([hpo or self.hpo, *args], capture_output=True, text=True, timeout=120, env=env)


def branin(x1, x2):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def expect(condition, what, result):
    if not condition:
        raise AssertionError(f"{what}\n--- exit status {result.returncode}\n--- stdout:\n{result.stdout}"
                             f"\n--- stderr:\n{result.stderr}")


def expect_exit(result, status):
    expect(result.returncode == status, f"expected exit status {status}", result)


@case
def help_and_version(ctx):
    result = ctx.run("--help")
    expect_exit(result, 0)
    expect("usage: hpo <command>" in result.stdout and "plugins" in result.stdout and "run" in result.stdout,
           "--help lists the commands", result)
    result = ctx.run("run", "--help")
    expect_exit(result, 0)
    expect("--n-trials" in result.stdout, "run --help lists its options", result)
    result = ctx.run("--version")
    expect_exit(result, 0)
    expect(result.stdout.startswith("hpo 0.") and "ABI 1." in result.stdout, "--version gives both versions", result)


@case
def plugins_lists_random_and_grid_with_their_files(ctx):
    result = ctx.run("plugins")
    expect_exit(result, 0)
    expect("samplers:" in result.stdout, "plugins are grouped by kind", result)
    for name in ("random", "grid"):
        expect(f"  {name} " in result.stdout and f"libhpo_{name}.so" in result.stdout, f"{name} is listed", result)
    result = ctx.run("plugins", "--json")
    expect_exit(result, 0)
    files = {p["name"]: p["file"] for p in json.loads(result.stdout)["loaded"] if p["kind"] == "sampler"}
    for name in ("random", "grid"):
        expect(files.get(name, "").endswith(f"libhpo_{name}.so"), f"{name} comes from its own file", result)


@case
def a_deleted_plugin_file_makes_its_sampler_unavailable(ctx):
    lib = os.path.dirname(os.path.dirname(ctx.plugin_dir))
    with tempfile.TemporaryDirectory() as prefix:
        # A relocated copy of the build (bin/hpo finds ../lib/libhpo.so, which finds its
        # plugins beside it) without libhpo_grid.so.
        os.makedirs(os.path.join(prefix, "bin"))
        hpo = shutil.copy2(ctx.hpo, os.path.join(prefix, "bin"))
        shutil.copytree(lib, os.path.join(prefix, "lib"), symlinks=True,
                        ignore=lambda folder, names: [n for n in names if n == "libhpo_grid.so"])
        result = ctx.run("plugins", hpo=hpo)
        expect_exit(result, 0)
        expect("libhpo_random.so" in result.stdout and "grid" not in result.stdout, "grid is gone", result)
        result = ctx.run("run", os.path.join(ctx.studies, "branin_grid.json"), hpo=hpo)
        expect_exit(result, 1)
        expect('"grid"' in result.stderr and "branin_grid.json" in result.stderr,
               "the error names the missing sampler and the study file", result)


@case
def run_prints_progress_and_the_best_trial(ctx):
    result = ctx.run("run", os.path.join(ctx.studies, "branin_grid.json"))
    expect_exit(result, 0)
    expect("best so far" in result.stderr, "progress goes to stderr", result)
    expect("Best trial:" in result.stdout and "x1 = " in result.stdout and "x2 = " in result.stdout,
           "the best trial is printed with its parameters", result)
    result = ctx.run("run", os.path.join(ctx.studies, "branin_grid.json"), "--json", "--quiet")
    expect_exit(result, 0)
    expect(result.stderr == "", "--quiet prints no progress", result)
    out = json.loads(result.stdout)
    expect(out["states"] == {"COMPLETE": 49}, "the 7 x 7 grid ran exhaustively, then stopped", result)
    grid = out["study"]["sampler"]["options"]["values"]
    best_on_grid = min(branin(x1, x2) for x1 in grid["x1"] for x2 in grid["x2"])
    expect(math.isclose(out["best_trial"]["values"][0], best_on_grid, rel_tol=1e-9),
           f"the best trial is the grid's best point ({best_on_grid})", result)


@case
def run_flags_override_the_study_file(ctx):
    result = ctx.run("run", os.path.join(ctx.studies, "hartmann6.json"), "--n-trials", "8", "--n-jobs", "2",
                     "--seed", "9", "--json", "--quiet")
    expect_exit(result, 0)
    out = json.loads(result.stdout)
    expect(out["states"] == {"COMPLETE": 8} and out["study"]["seed"] == 9, "n_trials and seed overridden", result)


@case
def run_of_several_objectives_prints_the_pareto_front(ctx):
    result = ctx.run("run", os.path.join(ctx.studies, "zdt1.json"), "--n-trials", "20", "--quiet")
    expect_exit(result, 0)
    expect("Pareto front:" in result.stdout and "values [" in result.stdout, "the front is printed", result)


@case
def malformed_json_is_reported_with_line_and_column(ctx):
    path = os.path.join(ctx.data, "malformed.json")
    result = ctx.run("run", path)
    expect_exit(result, 2)
    expect(f"{path}:3:" in result.stderr and "malformed JSON" in result.stderr, "file, line and column", result)


@case
def bad_input_exits_with_status_2_and_says_what(ctx):
    checks = [
        (("run", os.path.join(ctx.data, "no_objective.json")), 'missing key "objective"'),
        (("run", "/no/such/study.json"), "/no/such/study.json: cannot open"),
        (("run", os.path.join(ctx.studies, "branin.json"), "--n-trials", "many"), "--n-trials"),
        (("run", os.path.join(ctx.studies, "branin.json"), "--trials", "5"), "unknown option '--trials'"),
        (("run",), "expects one study file"),
        (("frobnicate",), "unknown command 'frobnicate'"),
    ]
    for args, message in checks:
        result = ctx.run(*args)
        expect_exit(result, 2)
        expect(message in result.stderr, f"hpo {' '.join(args)} says {message!r}", result)


if __name__ == "__main__":
    name, hpo, plugin_dir, source_dir = sys.argv[1:5]
    CASES[name](Context(hpo, plugin_dir, source_dir))
    print(f"{name}: passed")
