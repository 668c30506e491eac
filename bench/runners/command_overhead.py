"""Overhead of the command objective: N trials of a program that exits at once, run by
`hpo run`, beside shell loops running the same program N times in the same run.

Two shell loops: the bare one (the cost of starting a process, which no runner can beat), and
one that also keeps what hpo keeps of each run (a folder, the parameters as a file, stdout and
stderr as files), because on some disks creating those four costs more than the process does.
Each is timed with the trial folders on each file system given (default: the system's
temporary folder, and /dev/shm where it is a tmpfs), since that cost belongs to the disk.

usage: command_overhead.py HPO_BINARY [--trials N] [--repeats R] [--folders DIR...] [--out FILE.json]
The target: hpo within 1.2x of the bare shell loop. Each figure is the median of R repeats,
the runs of a repeat interleaved so that a drifting machine slows all of them alike.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

PROGRAM = "/bin/echo"  # exits at once, printing the trial's result


def timed(argv, **kwargs):
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{argv[0]} failed: {result.stderr}")
    return elapsed


def bare_loop(n, _folder):
    return timed(["sh", "-c", f'i=0; while [ $i -lt {n} ]; do {PROGRAM} 0.5 >/dev/null; i=$((i+1)); done'])


def keeping_loop(n, folder):
    # The folders come from one mkdir (mkdir is no shell builtin: one per run would time a
    # second process start); the files from the shell's own redirections.
    return timed(["sh", "-c", f'cd "{folder}" && seq -f "run-%g" 0 {n - 1} | xargs mkdir && '
                              f'i=0; while [ $i -lt {n} ]; do d="run-$i"; '
                              f'echo \'{{"x": 0.5}}\' >"$d/params.json"; '
                              f'{PROGRAM} 0.5 >"$d/stdout.log" 2>"$d/stderr.log"; i=$((i+1)); done'])


def hpo_study(hpo, n, folder, n_jobs):
    study = {
        "study": {"name": "overhead", "sampler": "random", "seed": 1,
                  "space": {"x": {"type": "float", "low": 0, "high": 1}}},
        "objective": {"name": "command", "options": {"argv": [PROGRAM, "{x}"],
                                                     "trials_dir": os.path.join(folder, "trials")}},
        "optimize": {"n_trials": n, "n_jobs": n_jobs},
    }
    path = os.path.join(folder, "overhead.json")
    with open(path, "w") as out:
        json.dump(study, out)
    env = dict(os.environ)
    env.pop("HPO_PLUGIN_PATH", None)
    return timed([hpo, "run", path, "--quiet", "--json"], env=env)


def default_folders():
    folders = [tempfile.gettempdir()]
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        folders.append("/dev/shm")
    return folders


def file_system(folder):
    """The type of the file system that holds folder, as df names it."""
    result = subprocess.run(["df", "--output=fstype", folder], capture_output=True, text=True)
    lines = result.stdout.split()
    return lines[-1] if result.returncode == 0 and len(lines) > 1 else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hpo")
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--folders", nargs="+", default=default_folders())
    parser.add_argument("--out")
    args = parser.parse_args()
    runs = {"shell_loop_s": bare_loop, "shell_loop_keeping_files_s": keeping_loop,
            "hpo_1_job_s": lambda n, folder: hpo_study(args.hpo, n, folder, 1),
            "hpo_2_jobs_s": lambda n, folder: hpo_study(args.hpo, n, folder, 2)}
    figures = {"trials": args.trials, "repeats": args.repeats, "folders": {}}
    print(f"{args.trials} runs of {PROGRAM}, median of {args.repeats}:")
    for root in args.folders:
        times = {name: [] for name in runs}
        for _ in range(args.repeats):
            for name, run in runs.items():
                with tempfile.TemporaryDirectory(dir=root) as folder:
                    times[name].append(run(args.trials, folder))
        medians = {name: statistics.median(values) for name, values in times.items()}
        shell, keeping = medians["shell_loop_s"], medians["shell_loop_keeping_files_s"]
        print(f"  trial folders in {root} ({file_system(root)}):")
        print(f"    shell loop                         {shell:7.3f} s")
        print(f"    shell loop keeping folder and logs {keeping:7.3f} s   {keeping / shell:5.2f}x the shell loop")
        for label, key, remark in (("1 job ", "hpo_1_job_s", " (target <= 1.2x)"), ("2 jobs", "hpo_2_jobs_s", "")):
            value = medians[key]
            print(f"    hpo run, {label}                    {value:7.3f} s   "
                  f"{value / shell:5.2f}x the shell loop{remark}, {value / keeping:5.2f}x the one keeping files")
        figures["folders"][root] = {"file_system": file_system(root), "each_repeat_s": times, **medians,
                                    "ratio_1_job": medians["hpo_1_job_s"] / shell,
                                    "ratio_2_jobs": medians["hpo_2_jobs_s"] / shell}
    if args.out:
        with open(args.out, "w") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
