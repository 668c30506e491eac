"""Runs the `hpo` command as a user would and checks its output and exit status.

usage: cli_test.py CASE HPO_BINARY PLUGIN_DIR SOURCE_DIR
CASE is one of the functions marked @case; CTest runs each as its own test.
"""
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

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

    def run(self, *args, hpo=None, env=None, cwd=None, plugin_path_env=None):
        env = dict(os.environ if env is None else env)
        env.pop("HPO_PLUGIN_PATH", None)  # only the plugins of the tree under test
        if plugin_path_env is not None:
            env["HPO_PLUGIN_PATH"] = plugin_path_env
        return subprocess.run([hpo or self.hpo, *args], capture_output=True, text=True, timeout=120, env=env,
                              cwd=cwd)


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
    expect(all(f"  {command} " in result.stdout for command in ("studies", "trials", "best", "delete")),
           "--help lists the storage commands", result)
    result = ctx.run("run", "--help")
    expect_exit(result, 0)
    expect("--n-trials" in result.stdout, "run --help lists its options", result)
    expect("load_if_exists" in result.stdout, "run --help says that --storage resumes the study", result)
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
def plugins_shows_each_plugins_options(ctx):
    result = ctx.run("plugins")
    expect_exit(result, 0)
    expect(re.search(r"^ +shuffle \(boolean, default true\): visit the grid", result.stdout, re.M),
           "grid's options are listed with type, default and description", result)
    expect(re.search(r"^ +candidate_budget \(string, one of per_trial\|per_parameter, default \"per_trial\"\): ",
                     result.stdout, re.M), "an option's choices are listed", result)
    expect(re.search(r"^ +dim \(integer\): dimension of rosenbrock", result.stdout, re.M),
           "an option without a default says none", result)


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
    regret = re.search(r"Known optimum 0\.397887: regret ([0-9.e+-]+)", result.stdout)
    expect(regret is not None and float(regret.group(1)) >= 0,
           "the benchmark's known optimum and the regret are printed", result)
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
def a_number_beyond_a_double_is_malformed_json_with_its_line_and_column(ctx):
    # Found by the study_file fuzz target: nlohmann reports it as out_of_range, which the
    # reader let through without the file's name.
    path = os.path.join(ctx.data, "number_overflow.json")
    result = ctx.run("run", path)
    expect_exit(result, 2)
    expect(f"{path}:2:41: malformed JSON: number overflow parsing '1e999'" in result.stderr,
           "file, line and column of the number", result)


@case
def bad_input_exits_with_status_2_and_says_what(ctx):
    checks = [
        (("run", os.path.join(ctx.data, "no_objective.json")), 'missing key "objective"'),
        (("run", "/no/such/study.json"), "/no/such/study.json: study file not found"),
        (("run", ctx.data), f"{ctx.data}: is a directory"),
        (("run", os.path.join(ctx.studies, "branin.json"), "--n-trials", "many"), "--n-trials"),
        (("run", os.path.join(ctx.studies, "branin.json"), "--trials", "5"), "unknown option '--trials'"),
        (("run",), "expects one study file"),
        (("frobnicate",), "unknown command 'frobnicate'"),
    ]
    for args, message in checks:
        result = ctx.run(*args)
        expect_exit(result, 2)
        expect(message in result.stderr, f"hpo {' '.join(args)} says {message!r}", result)


def write_study_file(folder, file_name, study, objective, optimize=None):
    path = os.path.join(folder, file_name)
    with open(path, "w") as out:
        json.dump({"study": study, "objective": objective, "optimize": optimize or {}}, out)
    return path


@case
def a_study_file_the_engine_refuses_exits_with_status_2_before_the_storage_is_made(ctx):
    branin = {"name": "benchmarks", "options": {"function": "branin"}}
    with tempfile.TemporaryDirectory() as folder:
        storage = f"sqlite:///{folder}/refused.db"
        checks = [
            ({"name": "a", "directions": ["upward"]}, branin, {}, "upward"),
            ({"name": "b", "sampler": {"name": "tpe", "options": {"n_startup_trials": -1}}}, branin, {},
             "n_startup_trials"),
            ({"name": "c"}, {"name": "benchmarks", "options": {"function": "nosuch"}}, {}, "nosuch"),
            ({"name": "d"}, branin, {"n_trial": 5}, "n_trial"),
            ({"name": "e", "space": {"x1": {"type": "float", "low": 3, "high": 1}}}, branin, {}, "x1"),
        ]
        for study, objective, optimize, word in checks:
            path = write_study_file(folder, f"{study['name']}.json", study, objective, optimize)
            result = ctx.run("run", path, "--storage", storage, "--quiet")
            expect_exit(result, 2)
            expect(f"{path}: " in result.stderr and word in result.stderr,
                   f"the refusal names the file and {word!r}", result)
        result = ctx.run("studies", "--storage", storage, "--json")
        expect(result.returncode != 0 or json.loads(result.stdout) == [],
               "no refused file left a study in the storage", result)
        # A valid file whose storage cannot be opened is the engine failing: status 1.
        path = write_study_file(folder, "valid.json", {"name": "f"}, branin, {"n_trials": 3})
        result = ctx.run("run", path, "--storage", f"sqlite:///{folder}/no/such/folder/x.db", "--quiet")
        expect_exit(result, 1)
        expect(f"{path}: " in result.stderr, "a failed run names the file", result)


@case
def a_missing_plugin_folder_is_an_error_on_the_command_line_and_refused_in_the_environment(ctx):
    missing = "/no/such/plugin/folder"
    branin = os.path.join(ctx.studies, "branin.json")
    for args in (("plugins",), ("run", branin, "--n-trials", "2", "--quiet"),
                 ("studies", "--storage", "sqlite:///x.db")):
        result = ctx.run(*args, "--plugin-path", missing)
        expect_exit(result, 2)
        expect(f"--plugin-path {missing}: no such folder or library" in result.stderr,
               f"hpo {args[0]} names the missing folder", result)
    result = ctx.run("plugins", plugin_path_env=f"{missing}:{ctx.plugin_dir}")
    expect_exit(result, 0)
    expect(re.search(rf"^refused:\n(.*\n)*  {re.escape(missing)}\n +.*does not exist", result.stdout, re.M),
           "hpo plugins lists the stale HPO_PLUGIN_PATH folder as refused, with the reason", result)
    result = ctx.run("run", branin, "--n-trials", "2", "--quiet", plugin_path_env=missing)
    expect_exit(result, 0)


def check_a_different_study_is_not_resumed(ctx, first, second, differences, resumable=True):
    """Runs the objective `first` into a storage, then `second` under the same study name:
    refused (status 2) with each of `differences` named, the storage untouched. With
    --resume-anyway it adds to the stored study, unless a parameter has two distributions,
    which the engine refuses."""
    with tempfile.TemporaryDirectory() as folder:
        storage = f"sqlite:///{folder}/study.db"
        study = {"name": "shared", "sampler": "random", "seed": 3}
        first_path = write_study_file(folder, "first.json", study, first, {"n_trials": 4})
        second_path = write_study_file(folder, "second.json", study, second, {"n_trials": 4})
        expect_exit(ctx.run("run", first_path, "--storage", storage, "--quiet"), 0)
        result = ctx.run("run", second_path, "--storage", storage, "--quiet")
        expect_exit(result, 2)
        expect(f"{second_path}: " in result.stderr and 'study "shared" that differs' in result.stderr
               and "--resume-anyway" in result.stderr, "the refusal names the file, the study and the way out",
               result)
        for difference in differences:
            expect(difference in result.stderr, f"the refusal says {difference!r}", result)
        result = ctx.run("studies", "--storage", storage, "--json")
        expect(json.loads(result.stdout)[0]["n_trials"] == 4, "the refused run added no trial", result)
        result = ctx.run("run", first_path, "--storage", storage, "--quiet", "--json")
        expect_exit(result, 0)
        expect(json.loads(result.stdout)["states"] == {"COMPLETE": 8}, "the same file still resumes", result)
        result = ctx.run("run", second_path, "--storage", storage, "--quiet", "--json", "--resume-anyway")
        if resumable:
            expect_exit(result, 0)
            expect(json.loads(result.stdout)["states"] == {"COMPLETE": 12}, "--resume-anyway adds to it", result)
        else:
            expect_exit(result, 2)
            expect('defines parameter "x1" as' in result.stderr and "the space given now has" in result.stderr,
                   "the engine refuses two distributions of one name, the stored one first", result)


@case
def resuming_a_study_of_another_space_is_refused(ctx):
    branin = {"name": "benchmarks", "options": {"function": "branin"}}
    check_a_different_study_is_not_resumed(
        ctx, branin, {"name": "benchmarks", "options": {"function": "sphere", "dim": 1}},
        ['parameter "x0": only in the file\'s space, {"high":5.12,"low":-5.12,"type":"float"}',
         'parameter "x1": only in the stored study\'s space', 'parameter "x2": only in the stored study\'s space'])
    check_a_different_study_is_not_resumed(
        ctx, branin, {"name": "benchmarks", "options": {"function": "sphere", "dim": 2}},
        ['parameter "x1": stored {"high":10.0,"low":-5.0,"type":"float"}, '
         'the file\'s {"high":5.12,"low":-5.12,"type":"float"}'], resumable=False)


@case
def resuming_a_study_of_another_objective_is_refused(ctx):
    # Sphere and Rastrigin in 2 dimensions share their space: only the stored objective
    # tells them apart (the engine keeps it with the study record).
    check_a_different_study_is_not_resumed(
        ctx, {"name": "benchmarks", "options": {"function": "sphere", "dim": 2}},
        {"name": "benchmarks", "options": {"function": "rastrigin", "dim": 2}},
        ['objective: stored benchmarks {"dim":2,"function":"sphere"}, '
         'the file\'s benchmarks {"dim":2,"function":"rastrigin"}'])


@case
def trials_shows_how_long_ago_a_running_trial_sent_its_heartbeat(ctx):
    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "study.db")
        result = ctx.run("run", os.path.join(ctx.studies, "branin.json"), "--storage", f"sqlite:///{database}",
                         "--n-trials", "2", "--quiet")
        expect_exit(result, 0)
        # Trial 1 made RUNNING, as a worker that died in it leaves it, its last heartbeat ten
        # minutes ago; trial 0 stays COMPLETE.
        with sqlite3.connect(database) as db:
            (record,) = db.execute("SELECT record FROM trials WHERE number = 1").fetchone()
            record = json.loads(record)
            heartbeat = time.time() - 600
            record.update(state="RUNNING", values=None, datetime_complete=None, heartbeat=heartbeat)
            db.execute("UPDATE trials SET state = 'RUNNING', heartbeat = ?, record = ? WHERE number = 1",
                       (heartbeat, json.dumps(record)))
        result = ctx.run("trials", "branin", "--storage", f"sqlite:///{database}")
        expect_exit(result, 0)
        expect(re.search(r"^1 +RUNNING \(heartbeat 1[01] min ago\) ", result.stdout, re.M),
               "the running trial shows its heartbeat's age", result)
        expect(re.search(r"^0 +COMPLETE +\S", result.stdout, re.M) and result.stdout.count("heartbeat") == 1,
               "a finished trial shows none", result)


@case
def trials_marks_a_trial_whose_constraints_it_breaks(ctx):
    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "study.db")
        result = ctx.run("run", os.path.join(ctx.studies, "branin.json"), "--storage", f"sqlite:///{database}",
                         "--n-trials", "2", "--quiet")
        expect_exit(result, 0)
        # Constraints as an objective's set_constraints leaves them: trial 0 infeasible.
        with sqlite3.connect(database) as db:
            for number, constraints in ((0, [0.5, -1.0]), (1, [-0.5])):
                (record,) = db.execute("SELECT record FROM trials WHERE number = ?", (number,)).fetchone()
                record = dict(json.loads(record), constraints=constraints)
                db.execute("UPDATE trials SET record = ? WHERE number = ?", (json.dumps(record), number))
        result = ctx.run("trials", "branin", "--storage", f"sqlite:///{database}")
        expect_exit(result, 0)
        expect(re.search(r"^0 +COMPLETE \(infeasible\) ", result.stdout, re.M), "trial 0 is marked", result)
        expect(re.search(r"^1 +COMPLETE +\S", result.stdout, re.M) and result.stdout.count("infeasible") == 1,
               "trial 1, feasible, is not", result)
        result = ctx.run("best", "branin", "--storage", f"sqlite:///{database}", "--json")
        expect_exit(result, 0)
        expect(json.loads(result.stdout)["number"] == 1, "the best trial is the feasible one", result)


def check_stored_study_commands(ctx, storage, cwd):
    """Runs branin twice into `storage` (a URL relative to cwd), then reads it back with
    studies, trials and best, and deletes it."""
    run = ("run", os.path.join(ctx.studies, "branin.json"), "--storage", storage, "--n-trials", "6", "--json",
           "--quiet")
    expect_exit(ctx.run(*run, cwd=cwd), 0)
    result = ctx.run(*run, cwd=cwd)
    expect_exit(result, 0)
    expect(json.loads(result.stdout)["states"] == {"COMPLETE": 12}, "the second run resumed the first: 6 + 6", result)
    best_value = json.loads(result.stdout)["best_trial"]["values"][0]

    result = ctx.run("studies", "--storage", storage, "--json", cwd=cwd)
    expect_exit(result, 0)
    studies = json.loads(result.stdout)
    expect([s["name"] for s in studies] == ["branin"] and studies[0]["n_trials"] == 12
           and studies[0]["directions"] == ["minimize"] and studies[0]["best_value"] == best_value,
           "studies lists branin with its trials and best value", result)
    result = ctx.run("studies", "--storage", storage, cwd=cwd)
    expect_exit(result, 0)
    expect(re.search(rf"^branin +minimize +12 +{re.escape(f'{best_value:.6g}')}$", result.stdout, re.M),
           "the studies table has a row for branin", result)

    result = ctx.run("trials", "branin", "--storage", storage, "--json", cwd=cwd)
    expect_exit(result, 0)
    trials = json.loads(result.stdout)
    expect([t["number"] for t in trials] == list(range(12)) and {t["state"] for t in trials} == {"COMPLETE"},
           "trials --json gives the 12 trials", result)
    result = ctx.run("trials", "branin", "--storage", storage, cwd=cwd)
    expect_exit(result, 0)
    expect("Study branin: 12 trials (12 COMPLETE)" in result.stdout, "the trials are counted by state", result)
    rows = re.findall(r"^(\d+) +COMPLETE +\S+ +\d+\.\d{3} s +x1=\S+ x2=\S+$", result.stdout, re.M)
    expect(rows == [str(n) for n in range(12)], "one row per trial with values, duration and params", result)
    result = ctx.run("trials", "branin", "--storage", storage, "--state", "fail", "--json", cwd=cwd)
    expect_exit(result, 0)
    expect(json.loads(result.stdout) == [], "--state keeps the trials of that state: none failed", result)

    result = ctx.run("best", "branin", "--storage", storage, cwd=cwd)
    expect_exit(result, 0)
    expect("Best trial:\n#" in result.stdout and f"value {best_value:.6g}\n" in result.stdout,
           "best prints the best trial", result)
    result = ctx.run("best", "branin", "--storage", storage, "--json", cwd=cwd)
    expect_exit(result, 0)
    expect(json.loads(result.stdout)["values"] == [best_value], "best --json gives the trial", result)

    result = ctx.run("delete", "branin", "--storage", storage, cwd=cwd)
    expect_exit(result, 0)
    result = ctx.run("studies", "--storage", storage, "--json", cwd=cwd)
    expect(json.loads(result.stdout) == [], "the deleted study is gone", result)
    result = ctx.run("delete", "branin", "--storage", storage, cwd=cwd)
    expect_exit(result, 1)
    expect('"branin"' in result.stderr, "deleting it again names the study", result)


@case
def storage_commands_on_sqlite(ctx):
    with tempfile.TemporaryDirectory() as folder:
        check_stored_study_commands(ctx, "sqlite:///study.db", folder)
        if not os.path.exists(os.path.join(folder, "study.db")):
            raise AssertionError("sqlite:///study.db names a path relative to the working directory")


@case
def run_draws_a_progress_bar_on_a_terminal(ctx):
    import pty
    env = dict(os.environ)
    env.pop("HPO_PLUGIN_PATH", None)
    terminal, child_end = pty.openpty()
    run = subprocess.Popen([ctx.hpo, "run", os.path.join(ctx.studies, "branin.json"), "--n-trials", "15"],
                           stdout=subprocess.PIPE, stderr=child_end, env=env)
    os.close(child_end)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    stdout = run.communicate(timeout=120)[0].decode()
    os.close(terminal)
    text = shown.decode()
    result = subprocess.CompletedProcess(run.args, run.returncode, stdout, text)
    expect_exit(result, 0)
    expect(re.search(r"\r\[#+\] 15/15 trials  \d+:\d\d elapsed  best [-\d.e]+  running 0  failed 0", text),
           "the bar ends full, with the elapsed time, the best value and the counts", result)
    expect("best so far" not in text, "no progress lines on a terminal", result)


@case
def dashboard_serves_every_study_read_only_and_stops_on_ctrl_c(ctx):
    import signal
    import urllib.error
    import urllib.request
    with tempfile.TemporaryDirectory() as folder:
        expect_exit(ctx.run("run", os.path.join(ctx.studies, "branin.json"), "--storage", "sqlite:///s.db",
                            "--n-trials", "5", "--quiet", cwd=folder), 0)
        env = dict(os.environ)
        env.pop("HPO_PLUGIN_PATH", None)
        server = subprocess.Popen([ctx.hpo, "dashboard", "--storage", "sqlite:///s.db", "--port", "0"], cwd=folder,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        banner = server.stdout.readline()
        address = re.search(r"http://(127\.0\.0\.1:\d+)/", banner)
        try:
            if not address:
                raise AssertionError(f"the dashboard names where it listens, on loopback: {banner!r}")
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            base = f"http://{address.group(1)}"
            studies = json.loads(opener.open(base + "/api/studies", timeout=10).read())
            if [(s["name"], s["n_trials"]) for s in studies] != [("branin", 5)]:
                raise AssertionError(f"the storage's studies, with their trial counts: {studies}")
            page = json.loads(opener.open(base + "/api/studies/branin", timeout=10).read())
            if len(page["trials"]) != 5 or page["figures"][0]["kind"] != "history":
                raise AssertionError("the study's page data holds its trials and figures")
            html = opener.open(base + "/studies/branin", timeout=10).read().decode()
            if "hpoPage.render" not in html or "Plotly" not in html:
                raise AssertionError("the study page inlines plotly and draws from the API")
            # As a browser asks for it: sent as it is, not compressed with brotli's slowest
            # setting (seconds for the megabytes of plotly.js, on every load).
            answer = opener.open(urllib.request.Request(base + "/studies/branin",
                                                        headers={"Accept-Encoding": "gzip, deflate, br"}), timeout=10)
            if answer.headers.get("Content-Encoding") or answer.read().decode() != html:
                raise AssertionError(f"the page is sent uncompressed: {dict(answer.headers)}")
            try:
                opener.open(base + "/api/studies/nothing", timeout=10)
                raise AssertionError("an unknown study is not found")
            except urllib.error.HTTPError as error:
                if error.code != 404:
                    raise
        finally:
            server.send_signal(signal.SIGINT)
            out, err = server.communicate(timeout=30)
        result = subprocess.CompletedProcess(server.args, server.returncode, banner + out, err)
        expect(server.returncode == 0 and "Stopped." in out, "Ctrl-C stops the dashboard cleanly", result)


@case
def dashboard_stops_on_ctrl_c_at_once_after_starting_and_with_a_connection_left_open(ctx):
    import http.client
    import signal
    with tempfile.TemporaryDirectory() as folder:
        expect_exit(ctx.run("run", os.path.join(ctx.studies, "branin.json"), "--storage", "sqlite:///s.db",
                            "--n-trials", "3", "--quiet", cwd=folder), 0)
        for keep_open in (False, True):
            server = subprocess.Popen([ctx.hpo, "dashboard", "--storage", "sqlite:///s.db", "--port", "0"],
                                      cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            banner = server.stdout.readline()  # Ctrl-C as soon as it says where it listens
            connection = None
            if keep_open:  # a browser's idle keep-alive connection
                port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", banner).group(1))
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/api/studies")
                connection.getresponse().read()
            started = time.monotonic()
            server.send_signal(signal.SIGINT)
            try:
                out, err = server.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                out, err = server.communicate()
            took = time.monotonic() - started
            if connection is not None:
                connection.close()
            result = subprocess.CompletedProcess(server.args, server.returncode, banner + out, err)
            what = "with a connection left open" if keep_open else "right after it started"
            expect(server.returncode == 0 and "Stopped." in out, f"Ctrl-C {what} stops the dashboard cleanly", result)
            expect(took < 3, f"Ctrl-C {what} stops the dashboard within 3 s, not {took:.1f} s", result)


@case
def report_writes_one_html_file_with_plotly_and_the_studys_figures(ctx):
    with tempfile.TemporaryDirectory() as folder:
        result = ctx.run("run", os.path.join(ctx.studies, "branin.json"), "--storage", "sqlite:///s.db",
                         "--n-trials", "12", "--quiet", cwd=folder)
        expect_exit(result, 0)
        result = ctx.run("report", "branin", "--storage", "sqlite:///s.db", "-o", "report.html", cwd=folder)
        expect_exit(result, 0)
        expect("report.html" in result.stdout and "12 trials" in result.stdout, "report says what it wrote", result)
        with open(os.path.join(folder, "report.html"), encoding="utf-8") as page:
            html = page.read()
        expect("Plotly" in html and "<script src" not in html and "<link" not in html,
               "plotly.js is inlined, no script or style is fetched", result)
        data = json.loads(re.search(r'<script type="application/json" id="hpo-data">(.*?)</script>', html, re.S)
                          .group(1))
        kinds = [figure["kind"] for figure in data["figures"]]
        expect(kinds[:3] == ["history", "importances", "slice"] and "timeline" in kinds and "pareto" not in kinds,
               f"the figures of one objective, not {kinds}", result)
        importances = data["figures"][1]["figure"]["data"][0]
        expect(sorted(importances["y"]) == ["x1", "x2"] and abs(sum(importances["x"]) - 1) < 1e-6,
               "the importances figure has a bar per parameter, shares summing to 1", result)
        history = data["figures"][0]["figure"]["data"]
        best = min(t["values"][0] for t in data["trials"] if t["state"] == "COMPLETE")
        expect(len(history[0]["x"]) == 12 and history[1]["y"][-1] == best,
               "the history holds every trial and ends at the best value", result)
        result = ctx.run("report", "nothing", "--storage", "sqlite:///s.db", "-o", "r.html", cwd=folder)
        expect(result.returncode == 1 and "nothing" in result.stderr, "an unknown study is named", result)
        result = ctx.run("report", "branin", "--storage", "sqlite:///s.db", cwd=folder)
        expect(result.returncode == 2 and "-o FILE" in result.stderr, "the output file is required", result)
        env = dict(os.environ, HPO_PLOTLY_JS=os.path.join(folder, "missing.js"))
        result = ctx.run("report", "branin", "--storage", "sqlite:///s.db", "-o", "r.html", cwd=folder, env=env)
        expect(result.returncode == 1 and "missing.js" in result.stderr, "a missing plotly.js is named", result)


@case
def three_processes_started_at_once_share_one_study_without_repeating_a_configuration(ctx):
    # The first of them creates the stored study; the others must find it whole, the
    # objective's space included, or they take it for another study and refuse to resume.
    # On a journal three starts at once can still find the study half set up (an open race).
    study_file = os.path.join(ctx.studies, "hartmann6.json")
    for storage in ("sqlite:///study.db",):
        with tempfile.TemporaryDirectory() as folder:
            env = dict(os.environ)
            env.pop("HPO_PLUGIN_PATH", None)
            command = [ctx.hpo, "run", study_file, "--storage", storage, "--n-trials", "40", "--quiet"]
            workers = [subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True) for _ in range(3)]
            outcomes = [worker.communicate(timeout=120) + (worker.returncode,) for worker in workers]
            for out, err, status in outcomes:
                if status != 0:
                    raise AssertionError(f"a worker on {storage} exited {status}: {err}")
            listed = ctx.run("trials", "hartmann6", "--storage", storage, "--json", cwd=folder)
            expect_exit(listed, 0)
            trials = json.loads(listed.stdout)
            configurations = {json.dumps(t["params"], sort_keys=True) for t in trials}
            expect(len(trials) == 120 and len(configurations) == 120,
                   f"120 distinct trials on {storage}, not {len(trials)} ({len(configurations)} distinct)",
                   listed)


@case
def four_processes_with_max_trials_run_exactly_the_budget_together(ctx):
    # Each worker would run 1000 trials on its own; the study's budget stops them all at 50.
    # On the journal the first worker creates the study before the others start (the open
    # race above); on sqlite all four start at once.
    study_file = os.path.join(ctx.studies, "hartmann6.json")
    env = dict(os.environ)
    env.pop("HPO_PLUGIN_PATH", None)
    for storage in ("sqlite:///study.db", "journal:///study.log"):
        with tempfile.TemporaryDirectory() as folder:
            command = [ctx.hpo, "run", study_file, "--storage", storage, "--n-trials", "1000", "--max-trials", "50",
                       "--quiet", "--json"]
            if storage.startswith("journal"):
                expect_exit(ctx.run(*command[1:-2], "--n-trials", "1", "--quiet", cwd=folder), 0)
            workers = [subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True) for _ in range(4)]
            outcomes = [worker.communicate(timeout=120) + (worker.returncode,) for worker in workers]
            for out, err, status in outcomes:
                if status != 0:
                    raise AssertionError(f"a worker on {storage} exited {status}: {err}")
                expect_budget = json.loads(out)["study"].get("max_trials") == 50
                if not expect_budget:
                    raise AssertionError(f"a worker on {storage} did not report max_trials 50: {out}")
            listed = ctx.run("trials", "hartmann6", "--storage", storage, "--json", cwd=folder)
            expect_exit(listed, 0)
            trials = json.loads(listed.stdout)
            expect(len(trials) == 50 and all(t["state"] == "COMPLETE" for t in trials),
                   f"50 COMPLETE trials on {storage}, not {len(trials)}", listed)
            # A worker that names another budget is refused, naming both.
            clash = ctx.run("run", study_file, "--storage", storage, "--max-trials", "60", "--quiet", cwd=folder)
            expect(clash.returncode != 0 and "budget of 50 trials" in clash.stderr and "max_trials 60" in clash.stderr,
                   "a different --max-trials on the stored study is refused, naming both", clash)


@case
def storage_commands_on_journal(ctx):
    with tempfile.TemporaryDirectory() as folder:
        check_stored_study_commands(ctx, f"journal:///{folder}/study.log?timeout=5", None)


@case
def importance_ranks_the_parameters_of_a_stored_study(ctx):
    with tempfile.TemporaryDirectory() as folder:
        storage = f"sqlite:///{folder}/zdt1.db?sync=false"
        # One trial only: importances need two.
        result = ctx.run("run", os.path.join(ctx.studies, "zdt1.json"), "--n-trials", "1", "--storage", storage,
                         "--quiet")
        expect_exit(result, 0)
        result = ctx.run("importance", "zdt1", "--storage", storage)
        expect_exit(result, 1)
        expect("at least 2 trials" in result.stderr, "fewer than 2 trials is refused, saying so", result)
        result = ctx.run("run", os.path.join(ctx.studies, "zdt1.json"), "--n-trials", "80", "--storage", storage,
                         "--quiet")
        expect_exit(result, 0)
        # zdt1's first objective is x0 itself; its second depends on every parameter.
        result = ctx.run("importance", "zdt1", "--storage", storage, "--json", "--seed", "3")
        expect_exit(result, 0)
        answer = json.loads(result.stdout)
        expect(answer["seed"] == 3 and len(answer["objectives"]) == 2, "one entry per objective", result)
        first = answer["objectives"][0]["importances"]
        expect(first[0]["param"] == "x0" and first[0]["importance"] > 0.9, "x0 explains objective 0", result)
        for entry in answer["objectives"]:
            shares = [item["importance"] for item in entry["importances"]]
            expect(shares == sorted(shares, reverse=True), "largest first", result)
            expect(abs(sum(shares) - 1) < 1e-9 and len(shares) == 5, "five shares summing to 1", result)
        again = ctx.run("importance", "zdt1", "--storage", storage, "--json", "--seed", "3")
        expect(again.stdout == result.stdout, "the same seed gives the same answer", again)
        # The table, one objective, a subset of the parameters.
        result = ctx.run("importance", "zdt1", "--storage", storage, "--objective", "1", "--params", "x1,x2")
        expect_exit(result, 0)
        expect("objective 1 (minimize): 81 trials" in result.stdout, "the table names the objective", result)
        rows = [line.split() for line in result.stdout.splitlines()[1:]]
        expect(sorted(row[0] for row in rows) == ["x1", "x2"], "only the parameters asked for", result)
        # Mistakes on the command line exit 2, naming what was wrong.
        result = ctx.run("importance", "zdt1", "--storage", storage, "--params", "x0,nope")
        expect_exit(result, 2)
        expect('unknown parameter "nope"' in result.stderr, "an unknown parameter is named", result)
        result = ctx.run("importance", "zdt1", "--storage", storage, "--objective", "2")
        expect_exit(result, 2)
        expect('"objective"' in result.stderr, "an objective the study lacks is named", result)
        result = ctx.run("importance", "--storage", storage)
        expect_exit(result, 2)
        result = ctx.run("importance", "zdt1", "--storage", storage, "--n-trees", "0")
        expect_exit(result, 2)
        result = ctx.run("--help")
        expect("importance NAME --storage URL" in result.stdout, "the usage lists importance", result)


@case
def importance_handles_a_conditional_space(ctx):
    # The mixed benchmark: a categorical branch whose children exist on one side only.
    with tempfile.TemporaryDirectory() as folder:
        storage = f"sqlite:///{folder}/mixed.db?sync=false"
        result = ctx.run("run", os.path.join(ctx.studies, "mixed.json"), "--n-trials", "60", "--storage", storage,
                         "--quiet")
        expect_exit(result, 0)
        study = json.loads(ctx.run("studies", "--storage", storage, "--json").stdout)[0]["name"]
        result = ctx.run("importance", study, "--storage", storage, "--json")
        expect_exit(result, 0)
        answer = json.loads(result.stdout)
        names = {item["param"] for item in answer["objectives"][0]["importances"]}
        expect(names == set(answer["params"]) and len(names) >= 4, "conditional parameters are assessed", result)


@case
def best_of_several_objectives_is_the_pareto_front(ctx):
    with tempfile.TemporaryDirectory() as folder:
        storage = f"sqlite:///{folder}/zdt1.db?sync=false"
        result = ctx.run("run", os.path.join(ctx.studies, "zdt1.json"), "--n-trials", "10", "--storage", storage,
                         "--json", "--quiet")
        expect_exit(result, 0)
        front = {t["number"] for t in json.loads(result.stdout)["best_trials"]}
        result = ctx.run("best", "zdt1", "--storage", storage, "--json")
        expect_exit(result, 0)
        expect({t["number"] for t in json.loads(result.stdout)} == front, "best gives the run's front", result)
        result = ctx.run("best", "zdt1", "--storage", storage)
        expect("Pareto front:" in result.stdout and result.stdout.count("values [") == len(front),
               "best prints every trial of the front", result)
        result = ctx.run("studies", "--storage", storage)
        expect(re.search(rf"^zdt1 +minimize,minimize +10 +{len(front)} on the front$", result.stdout, re.M),
               "studies gives the size of the front", result)


@case
def storage_commands_name_an_unknown_study_and_need_storage(ctx):
    with tempfile.TemporaryDirectory() as folder:
        storage = f"sqlite:///{folder}/empty.db"
        result = ctx.run("studies", "--storage", storage)
        expect_exit(result, 0)
        expect(result.stdout == f"no studies in {storage}\n", "an empty storage says so", result)
        for command in ("trials", "best", "delete"):
            result = ctx.run(command, "nosuch", "--storage", storage)
            expect_exit(result, 1)
            expect('no study named "nosuch"' in result.stderr, f"{command} names the unknown study", result)
        result = ctx.run("studies", "--storage", storage, "--json")
        expect(json.loads(result.stdout) == [], "looking a study up does not create it", result)
    checks = [
        (("studies",), "option --storage URL is required"),
        (("trials", "branin"), "option --storage URL is required"),
        (("best", "branin"), "option --storage URL is required"),
        (("delete", "branin"), "option --storage URL is required"),
        (("trials", "--storage", "sqlite:///x.db"), "expects one study name"),
        (("trials", "branin", "--storage", "sqlite:///x.db", "--state", "done"), "option --state expects"),
    ]
    for args, message in checks:
        result = ctx.run(*args)
        expect_exit(result, 2)
        expect(message in result.stderr, f"hpo {' '.join(args)} says {message!r}", result)


def hpo_env():
    env = dict(os.environ)
    env.pop("HPO_PLUGIN_PATH", None)
    return env


@case
def command_trials_in_process_workers_of_two_hpo_processes_share_one_study(ctx):
    # The command objective run by the process runner (two workers each) in two `hpo run`
    # processes on one SQLite study: every trial completes once, with the value the program
    # printed, its intermediate value, and its output kept in its own folder.
    with tempfile.TemporaryDirectory() as folder:
        study = {
            "study": {"name": "echo", "sampler": "random", "seed": 4,
                      "space": {"x": {"type": "float", "low": 0, "high": 1}}},
            "objective": {"name": "command", "options": {
                "argv": ["sh", "-c", 'echo "hpo: step=0 value=$1"; echo "$1"', "sh", "{x}"]}},
            "optimize": {"n_trials": 10, "runner": {"name": "process", "options": {"n_jobs": 2}}},
        }
        study_file = os.path.join(folder, "echo.json")
        with open(study_file, "w") as out:
            json.dump(study, out)
        command = [ctx.hpo, "run", study_file, "--storage", "sqlite:///study.db", "--quiet"]
        workers = [subprocess.Popen(command, cwd=folder, env=hpo_env(), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            if worker.returncode != 0:
                raise AssertionError(f"hpo run exited {worker.returncode}: {err}")
        listed = ctx.run("trials", "echo", "--storage", "sqlite:///study.db", "--json", cwd=folder)
        trials = json.loads(listed.stdout)
        expect(len(trials) == 20 and all(t["state"] == "COMPLETE" for t in trials), "20 complete trials", listed)
        for trial in trials:
            x = trial["params"]["x"]
            expect(abs(trial["values"][0] - x) < 1e-12 and abs(trial["intermediate_values"]["0"] - x) < 1e-12,
                   "the printed value is the trial's", listed)
            logs = os.path.join(folder, "hpo-trials", f"trial-{trial['number']}")
            with open(os.path.join(logs, "stdout.log")) as kept:
                lines = kept.read().splitlines()
            expect(len(lines) == 2 and float(lines[1]) == x, "the command's stdout is kept per trial", listed)
            expect(os.path.exists(os.path.join(logs, "worker.stderr")), "the worker's stderr is kept", listed)


def child_pids(pid):
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            children.append(int(entry))
    return children


def program_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as comm:
            return comm.read().strip()
    except OSError:
        return None


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_and_expect_gone(run, pids, what):
    # SIGKILL to the hpo run; within 10 s none of pids may still run (those that do are
    # killed here, so that a failure leaves nothing behind).
    run.kill()
    run.wait()
    for _ in range(200):
        if not any(running(pid) for pid in pids):
            return
        time.sleep(0.05)
    left = [pid for pid in pids if running(pid)]
    for pid in left:
        os.kill(pid, 9)
    raise AssertionError(f"{what} {left} outlived the killed hpo run")


@case
def a_killed_hpo_run_takes_its_hung_trial_workers_with_it(ctx):
    with tempfile.TemporaryDirectory() as folder:
        study = {
            "study": {"name": "hung", "sampler": "random", "seed": 1},
            "objective": {"name": "benchmarks", "options": {"function": "branin", "sleep_ms": 600000}},
            "optimize": {"n_trials": 2, "runner": {"name": "process", "options": {"n_jobs": 2}}},
        }
        study_file = os.path.join(folder, "hung.json")
        with open(study_file, "w") as out:
            json.dump(study, out)
        run = subprocess.Popen([ctx.hpo, "run", study_file, "--quiet"], cwd=folder, env=hpo_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers = []
        for _ in range(600):
            # The run's children: its two workers, and the guard that stops them if it dies.
            workers = [pid for pid in child_pids(run.pid) if program_name(pid) != "hpo-child-guard"]
            if len(workers) == 2:
                break
            time.sleep(0.05)
        if len(workers) != 2:
            run.kill()
            raise AssertionError(f"expected two trial workers, found {workers}")
        kill_and_expect_gone(run, workers, "trial workers")


# A trial's program that hangs, deaf to SIGTERM, with a grandchild that hangs too; each writes
# its process id into the trial's folder.
HUNG_PROGRAM = "trap '' TERM; sleep 600 & echo $! > grandchild.pid; echo $$ > child.pid; wait"


def trial_pids(trials_dir, n_trials):
    pids = []
    for number in range(n_trials):
        for name in ("child.pid", "grandchild.pid"):
            try:
                with open(os.path.join(trials_dir, f"trial-{number}", name)) as text:
                    pids.append(int(text.read()))
            except (OSError, ValueError):
                return None
    return pids


def check_killed_run_leaves_no_trial_process(ctx, runner):
    with tempfile.TemporaryDirectory() as folder:
        trials_dir = os.path.join(folder, "trials")
        study = {
            "study": {"name": "hung", "sampler": "random", "seed": 1,
                      "space": {"x": {"type": "float", "low": 0, "high": 1}}},
            "objective": {"name": "command", "options": {
                "argv": ["sh", "-c", HUNG_PROGRAM], "trials_dir": trials_dir}},
            "optimize": {"n_trials": 2, "runner": {"name": runner, "options": {"n_jobs": 2}}},
        }
        study_file = os.path.join(folder, "hung.json")
        with open(study_file, "w") as out:
            json.dump(study, out)
        run = subprocess.Popen([ctx.hpo, "run", study_file, "--quiet"], cwd=folder, env=hpo_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pids = None
        for _ in range(600):
            pids = trial_pids(trials_dir, 2)
            if pids is not None:
                break
            time.sleep(0.05)
        if pids is None:
            run.kill()
            raise AssertionError(f"the {runner} runner's two trials did not start their programs")
        kill_and_expect_gone(run, pids, f"the {runner} runner's trial programs and their children")


@case
def a_killed_hpo_run_takes_its_hung_command_programs_and_their_children_with_it(ctx):
    check_killed_run_leaves_no_trial_process(ctx, "threads")
    check_killed_run_leaves_no_trial_process(ctx, "process")


if __name__ == "__main__":
    name, hpo, plugin_dir, source_dir = sys.argv[1:5]
    CASES[name](Context(hpo, plugin_dir, source_dir))
    print(f"{name}: passed")
