"""Overhead of the command objective: N trials of a program that exits at once, run by
`hpo run`, beside a shell loop running the same program N times in the same run (the cost
of starting a process, which no runner can beat).

usage: command_overhead.py HPO_BINARY [--trials N] [--repeats R] [--out FILE.json]
The target: hpo within 1.2x of the shell loop. Each figure is the median of R repeats.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

PROGRAM = "/bin/echo"  # exits at once, printing the trial's result


def shell_loop(n):
    start = time.perf_counter()
    subprocess.run(["sh", "-c", f'i=0; while [ $i -lt {n} ]; do {PROGRAM} 0.5 >/dev/null; i=$((i+1)); done'],
                   check=True)
    return time.perf_counter() - start


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
    start = time.perf_counter()
    result = subprocess.run([hpo, "run", path, "--quiet", "--json"], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"hpo run failed: {result.stderr}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hpo")
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out")
    args = parser.parse_args()
    figures = {"trials": args.trials, "shell_loop_s": [], "hpo_1_job_s": [], "hpo_2_jobs_s": []}
    for _ in range(args.repeats):
        figures["shell_loop_s"].append(shell_loop(args.trials))
        for jobs, key in ((1, "hpo_1_job_s"), (2, "hpo_2_jobs_s")):
            with tempfile.TemporaryDirectory() as folder:
                figures[key].append(hpo_study(args.hpo, args.trials, folder, jobs))
    shell = statistics.median(figures["shell_loop_s"])
    one = statistics.median(figures["hpo_1_job_s"])
    two = statistics.median(figures["hpo_2_jobs_s"])
    print(f"{args.trials} runs of {PROGRAM} (median of {args.repeats}):")
    print(f"  shell loop            {shell:7.3f} s")
    print(f"  hpo run, 1 job        {one:7.3f} s   {one / shell:5.2f}x the shell loop (target <= 1.2x)")
    print(f"  hpo run, 2 jobs       {two:7.3f} s   {two / shell:5.2f}x the shell loop")
    figures.update({"ratio_1_job": one / shell, "ratio_2_jobs": two / shell})
    if args.out:
        with open(args.out, "w") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
