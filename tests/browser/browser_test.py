"""Opens `hpo report` pages in headless Chromium and checks what it drew.

usage: browser_test.py CASE HPO_BINARY SOURCE_DIR ARTIFACT_DIR
CASE: single (Branin, TPE), multi (ZDT1, two objectives), pruned (learning curves, pruned
and failed trials), large (10,000 trials). Each page must draw every chart with all the
points its figure holds, show no error and log nothing to the console; a screenshot of it is
kept in ARTIFACT_DIR. Exits 77 (skipped) when no chromium is installed.
"""
import os
import sys
import tempfile

from chromium import browse, check, run, study_maker_env


def main():
    case, hpo, source, artifacts = sys.argv[1:5]
    os.makedirs(artifacts, exist_ok=True)
    # On tmpfs where there is one: a storage there commits without waiting for a disk, so the
    # 10,000-trial study is made in seconds rather than minutes.
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as work:
        storage = f"sqlite:///{work}/studies.db"
        env = study_maker_env()
        studies = os.path.join(source, "samples", "studies")
        if case == "single":
            run(hpo, "run", os.path.join(studies, "branin.json"), "--storage", storage, "--n-trials", "40", "--quiet")
            name, n, kinds = "branin", 40, {"history", "slice", "contour", "parallel", "edf", "timeline"}
        elif case == "multi":
            run(hpo, "run", os.path.join(studies, "zdt1.json"), "--storage", storage, "--n-trials", "60", "--quiet")
            name, n, kinds = "zdt1", 60, {"history", "pareto", "slice", "parallel", "edf", "timeline"}
        else:
            run(sys.executable, os.path.join(os.path.dirname(__file__), "make_study.py"), case, storage, env=env)
            name, n = case, 30 if case == "pruned" else 10000
            kinds = {"history", "slice", "contour", "intermediate", "timeline"}
        report = os.path.join(work, name + ".html")
        run(hpo, "report", name, "--storage", storage, "-o", report)
        page, console = browse(report, artifacts, case)
        check(page, console, kinds, n)
        if case == "pruned":
            intermediate = [r for k, r in page.charts.items() if k.endswith("intermediate")]
            assert intermediate and intermediate[0]["drawn"] > 30, f"learning curves: {intermediate}"


if __name__ == "__main__":
    main()
