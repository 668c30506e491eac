"""The catalogue of bad input to the `hpo` command and its study files (issue 18): one table,
one row per case. A row writes a study file (or other files), runs `hpo` with arguments, and
says what must come of it: the exit status, and needles the output holds (naming the file,
the key, the plugin or the library). Rows that run trials say what state the last one ended
in and why. After every row the study kept in kept.db beside the table (two trials run
before any row) must be intact: those trials unchanged, and one more run of it must add a
trial.

usage: catalogue_test.py HPO_BINARY PLUGIN_DIR SOURCE_DIR REGISTRY_PLUGIN_DIR CRASH_PLUGIN_DIR

In arguments, files and needles: {tmp} is the row's folder, {file} its study file, {kept}
the kept study's storage URL, {reg} the registry test's broken libraries, {crash} the
libraries that crash while loading, {plugins} the build's plugin folder.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

BRANIN = {"name": "benchmarks", "options": {"function": "branin"}}
KEPT_STUDY = {"name": "kept", "sampler": "random", "seed": 7}


def study_file(study=None, objective=None, optimize=None, **extra):
    content = {"study": dict(KEPT_STUDY, **(study or {})), "objective": objective or BRANIN,
               "optimize": optimize or {"n_trials": 2}}
    content.update(extra)
    return json.dumps(content)


def command(argv, runner=None):
    """A study of its own (not the kept one) running the command objective on one trial."""
    optimize = {"n_trials": 1}
    if runner:
        optimize["runner"] = {"name": runner, "options": {"n_jobs": 1}}
    return json.dumps({"study": {"name": "outcome", "sampler": "random", "seed": 1,
                                 "space": {"x": {"type": "float", "low": 0, "high": 1}}},
                       "objective": {"name": "command", "options": {"argv": argv}}, "optimize": optimize})


RUN = ["run", "{file}", "--storage", "{kept}", "--quiet"]
OWN = ["run", "{file}", "--storage", "sqlite:///{tmp}/own.db", "--quiet"]
CRASHING = ["libcrash_constructor_segv.so", "libcrash_constructor_exit.so", "libcrash_query_abort.so"]

# name: dict(file=study file text or bytes, args=hpo's arguments, status=exit status,
#            needles=[text in stderr or stdout], trial=(state, text in its message): the last
#            trial of the row's own study "outcome" in own.db, setup=f(folder) before the run,
#            text_only: what hpo prints must be valid UTF-8 whatever bytes the file holds)
CATALOGUE = {
    # -- the study file as JSON
    "a study file cut short": dict(file=study_file()[:-9], args=RUN, status=2,
                                   needles=["{file}:1:", "malformed JSON"]),
    "an empty study file": dict(file="", args=RUN, status=2, needles=["{file}"]),
    "a study file of an array": dict(file="[]", args=RUN, status=2, needles=["{file}: the study file must hold a JSON object"]),
    "a study file that is not text": dict(file=b"\x7fELF\x02\x01\x01\x00\xff\xfe", args=RUN, status=2, text_only=True,
                                          needles=["{file}:1:1: malformed JSON"]),
    "a study file not UTF-8 inside a string": dict(file=study_file(study={"name": "kXX"}).encode().replace(b"kXX", b"k\xff"),
                                                  args=RUN, status=2, text_only=True,
                                                  needles=["{file}:1:22: malformed JSON", "last read: '\"k\\xff'"]),
    "an unknown top-level key": dict(file=study_file(optimise={"n_trials": 3}), args=RUN, status=2,
                                     needles=["{file}: unknown key \"optimise\""]),
    # nlohmann keeps the last of two equal keys; hpo.h refuses them, and so must the file.
    "a key given twice": dict(file='{"study": {"name": "other"}, "study": {"name": "kept"}, "objective": '
                                   + json.dumps(BRANIN) + ', "optimize": {"n_trials": 1}}', args=RUN, status=2,
                              needles=["{file}: duplicate key \"study\" at line 1, column "]),
    "a key given twice in a plugin's options": dict(
        file=study_file(study={"sampler": "tpe"}).replace('"sampler": "tpe"', '"sampler": {"name": "tpe", '
                                                          '"options": {"seed": 1, "seed": 2}}'),
        args=RUN, status=2, needles=["{file}: duplicate key \"seed\""]),
    "an objective of the wrong type": dict(file=json.dumps({"study": KEPT_STUDY, "objective": "branin"}), args=RUN,
                                           status=2, needles=["{file}: \"objective\" must be a JSON object"]),
    "an objective without a name": dict(file=study_file(objective={"options": {"function": "branin"}}), args=RUN,
                                        status=2, needles=["{file}: \"objective\" needs a \"name\""]),
    "n_trials as text": dict(file=study_file(optimize={"n_trials": "ten"}), args=RUN, status=2,
                             needles=["{file}: ", "n_trials"]),
    "a seed as text": dict(file=study_file(study={"seed": "7"}), args=RUN, status=2, needles=["{file}: ", "seed"]),
    "a study key the engine does not know": dict(file=study_file(study={"sampler_options": {}}), args=RUN, status=2,
                                                 needles=["{file}: ", "sampler_options"]),
    # -- ranges and conditions in the file's space
    "log with a low of 0": dict(file=study_file(study={"space": {"lr": {"type": "float", "low": 0, "high": 1,
                                                                        "log": True}}}),
                                args=RUN, status=2, needles=["{file}: ", "\"lr\""]),
    "a condition on a choice that is none": dict(
        file=study_file(study={"space": {"k": {"type": "categorical", "choices": ["a", "b"]},
                                         "g": {"type": "float", "low": 0, "high": 1, "condition": {"k": ["z"]}}}}),
        args=RUN, status=2, needles=["{file}: ", "\"z\""]),
    # -- plugin names and options
    # A plugin that is not there fails the run (status 1, as a_deleted_plugin_file_... has it).
    "an unknown scheduler": dict(file=study_file(study={"scheduler": "patience"}), args=RUN, status=1,
                                 needles=["{file}: ", "\"patience\""]),
    "an unknown runner": dict(file=study_file(optimize={"n_trials": 1, "runner": {"name": "slurm"}}), args=RUN,
                              status=1, needles=["{file}: ", "\"slurm\""]),
    "a process runner option of the wrong type": dict(
        file=study_file(optimize={"n_trials": 1, "runner": {"name": "process", "options": {"n_jobs": "all"}}}),
        args=RUN, status=2, needles=["{file}: ", "n_jobs"]),
    "a command objective without argv": dict(file=study_file(objective={"name": "command", "options": {}}),
                                             args=RUN, status=2, needles=["{file}: ", "argv"]),
    "an unknown storage scheme": dict(file=study_file(), args=["run", "{file}", "--storage", "ftp://host/x", "--quiet"],
                                      status=1, needles=["{file}: ", "no storage plugin named \"ftp\""]),
    # -- objective outcomes: the trial fails with the reason, the run goes on
    "a command printing no number": dict(file=command(["sh", "-c", "echo ready"]), args=OWN, status=1,
                                         trial=("FAIL", "\"sh\" printed no result line")),
    "a command printing nan": dict(file=command(["sh", "-c", "echo nan"]), args=OWN, status=1, trial=("FAIL", "NaN")),
    "a command exiting 3 in a process worker": dict(file=command(["sh", "-c", "echo 1; exit 3"], runner="process"),
                                                    args=OWN, status=1, trial=("FAIL", "status 3")),
    "a command crashing in a process worker": dict(file=command(["sh", "-c", "kill -SEGV $$"], runner="process"),
                                                   args=OWN, status=1, trial=("FAIL", "SIGSEGV")),
    "a command that cannot be started": dict(file=command(["/no/such/program", "{x}"]), args=OWN, status=1,
                                             trial=("FAIL", "/no/such/program")),
    # -- storages
    "a storage in a missing folder": dict(file=study_file(),
                                          args=["run", "{file}", "--storage", "sqlite:///{tmp}/no/such/s.db", "--quiet"],
                                          status=1, needles=["{file}: ", "{tmp}/no/such/s.db"]),
    "a storage file that is not a database": dict(
        setup=lambda folder: open(os.path.join(folder, "junk.db"), "wb").write(b"junk" * 100), file=study_file(),
        args=["run", "{file}", "--storage", "sqlite:///{tmp}/junk.db", "--quiet"], status=1,
        needles=["{tmp}/junk.db"]),
    "a storage that is a folder": dict(file=study_file(), args=["run", "{file}", "--storage", "journal:///{tmp}",
                                                                "--quiet"], status=1, needles=["{tmp}"]),
    "listing a storage that is not a database": dict(
        setup=lambda folder: open(os.path.join(folder, "junk.db"), "wb").write(b"junk" * 100),
        args=["studies", "--storage", "sqlite:///{tmp}/junk.db"], status=1, needles=["{tmp}/junk.db"]),
    # -- the command line
    "--n-jobs 0": dict(file=study_file(), args=RUN + ["--n-jobs", "0"], status=2, needles=["--n-jobs expects an integer of at least 1"]),
    "--seed -1": dict(file=study_file(), args=RUN + ["--seed", "-1"], status=2, needles=["seed"]),
    # -- plugin libraries
    "libraries that crash while loading": dict(args=["plugins", "--plugin-path", "{crash}"], status=0,
                                               needles=["  random "] + [f"  {{crash}}/{name}\n    loading it in a probe "
                                                                        "process failed" for name in CRASHING]),
    "a crashing library named in HPO_PLUGIN_PATH": dict(args=["plugins", "--json"], env={"HPO_PLUGIN_PATH": "{crash}"},
                                                        status=0, needles=[f"{{crash}}/{name}" for name in CRASHING]),
    "a library of another ABI": dict(args=["plugins", "--plugin-path", "{reg}/libabi_two.so"], status=0,
                                     needles=["  {reg}/libabi_two.so\n", "ABI"]),
    "a library without the entry symbol": dict(args=["plugins", "--plugin-path", "{reg}/libno_entry.so"], status=0,
                                               needles=["  {reg}/libno_entry.so\n    no hpo_plugin_query symbol"]),
    "two libraries of one plugin name": dict(args=["plugins", "--plugin-path", "{reg}/libgood.so", "--plugin-path",
                                                   "{reg}/libgood_twin.so"], status=0,
                                             needles=["  {reg}/libgood_twin.so\n", "already provided by {reg}/libgood.so"]),
    "a file that is not a library": dict(setup=lambda folder: open(os.path.join(folder, "libnotes.so"), "w").write("x"),
                                         args=["plugins", "--plugin-path", "{tmp}/libnotes.so"], status=0,
                                         needles=["  {tmp}/libnotes.so\n    cannot be loaded"]),
}


class Table:
    def __init__(self, hpo, plugin_dir, registry_dir, crash_dir, folder):
        self.hpo, self.folder = hpo, folder
        self.names = {"kept": f"sqlite:///{folder}/kept.db", "reg": registry_dir, "crash": crash_dir,
                      "plugins": plugin_dir}
        self.kept_file = os.path.join(folder, "kept.json")
        with open(self.kept_file, "w") as out:
            out.write(study_file(optimize={"n_trials": 1}))

    def run(self, args, env=None):
        """hpo's result; one that runs past a minute is killed and reported as exit status
        -9, with what it printed."""
        environment = dict(os.environ)
        environment.pop("HPO_PLUGIN_PATH", None)  # only the plugins of the tree under test
        environment.update(env or {})
        try:
            # In the table's folder: command objectives keep their trials' output there.
            return subprocess.run([self.hpo, *args], capture_output=True, text=True, errors="replace", timeout=60,
                                  env=environment, cwd=self.folder)
        except subprocess.TimeoutExpired as expired:
            def text(output):
                return output.decode(errors="replace") if isinstance(output, bytes) else output or ""
            return subprocess.CompletedProcess(expired.cmd, -9, text(expired.stdout),
                                               text(expired.stderr) + "\n(killed after 60 s)")

    def kept_trials(self):
        listed = self.run(["trials", "kept", "--storage", self.names["kept"], "--json"])
        if listed.returncode != 0:
            raise AssertionError(f"the kept study cannot be listed: {listed.stderr}")
        return json.loads(listed.stdout)

    def own_last_trial(self, folder):
        listed = self.run(["trials", "outcome", "--storage", f"sqlite:///{folder}/own.db", "--json"])
        return json.loads(listed.stdout)[-1] if listed.returncode == 0 else None


def fill(text, names):
    for key, value in names.items():
        text = text.replace("{" + key + "}", value)
    return text


def run_row(table, name, row, failures):
    folder = tempfile.mkdtemp(dir=table.folder)
    names = dict(table.names, tmp=folder, file=os.path.join(folder, "study.json"))
    if "setup" in row:
        row["setup"](folder)
    if "file" in row:
        content = row["file"]
        with open(names["file"], "wb") as out:
            out.write(content if isinstance(content, bytes) else content.encode())
    before = table.kept_trials()
    result = table.run([fill(arg, names) for arg in row["args"]],
                       env={key: fill(value, names) for key, value in row.get("env", {}).items()})
    output = result.stdout + result.stderr
    problems = []
    if result.returncode != row["status"]:
        problems.append(f"exit status {result.returncode}, expected {row['status']}")
    if row.get("text_only") and "\ufffd" in output:
        problems.append("the output is not valid UTF-8")
    problems += [f"no {fill(n, names)!r} in the output" for n in row.get("needles", []) if fill(n, names) not in output]
    if "trial" in row:
        state, why = row["trial"]
        last = table.own_last_trial(folder)
        if last is None or last["state"] != state or why not in (last.get("message") or ""):
            problems.append(f"the last trial is {last}, expected {state} with {why!r} in its message")
    after = table.kept_trials()
    if after[:2] != before[:2]:
        problems.append("the kept study's first trials changed")
    resumed = table.run(["run", table.kept_file, "--storage", table.names["kept"], "--quiet"])
    if resumed.returncode != 0 or len(table.kept_trials()) != len(after) + 1:
        problems.append(f"the kept study no longer runs: {resumed.stderr}")
    if problems:
        failures.append(f"{name}:\n  " + "\n  ".join(problems) + f"\n--- stdout:\n{result.stdout}\n--- stderr:\n"
                        f"{result.stderr}")
    shutil.rmtree(folder, ignore_errors=True)


def main():
    hpo, plugin_dir, _source_dir, registry_dir, crash_dir = sys.argv[1:6]
    with tempfile.TemporaryDirectory() as folder:
        table = Table(hpo, plugin_dir, registry_dir, crash_dir, folder)
        first = table.run(["run", table.kept_file, "--storage", table.names["kept"], "--n-trials", "2", "--quiet"])
        if first.returncode != 0 or len(table.kept_trials()) != 2:
            raise AssertionError(f"the kept study could not be made: {first.stderr}")
        failures = []
        for name, row in CATALOGUE.items():
            print(f"case: {name}", flush=True)
            run_row(table, name, row, failures)
    print(f"{len(CATALOGUE)} cases, {len(failures)} failed")
    if failures:
        print("\n\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
