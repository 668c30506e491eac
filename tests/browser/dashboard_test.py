"""Serves a storage of two studies with `hpo dashboard` and checks it in headless Chromium.

usage: dashboard_test.py HPO_BINARY SOURCE_DIR ARTIFACT_DIR
The list of studies names both with their trial counts; each study's page draws every chart
with all the points its figure holds and logs nothing to the console; trials that another
process adds while a page is open appear on it (table, charts) within a few refreshes; a
screenshot of that page is kept in ARTIFACT_DIR/dashboard.png. Then Ctrl-C (SIGINT), with the
page still open, must stop the dashboard promptly with exit status 0. Exits 77 (skipped)
when no chromium is installed.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

from chromium import Browser, check, chromium, run, study_maker_env

SINGLE_KINDS = {"history", "slice", "contour", "parallel", "edf", "timeline"}
PRUNED_KINDS = {"history", "slice", "contour", "intermediate", "timeline"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def history_drawn(page, n):
    """Whether the history chart has drawn n trials (every one of branin's completes)."""
    return any(key.endswith(" history") and result.get("expected") == n and result.get("drawn") == n
               for key, result in page.charts.items())


STARTED = time.monotonic()


def step(what):
    """Says how far the test got, and when (the log of a slow or failed run)."""
    print(f"[{time.monotonic() - STARTED:6.1f} s] {what}", flush=True)


def main():
    hpo, source, artifacts = sys.argv[1:4]
    chromium()  # skips now when there is none
    os.makedirs(artifacts, exist_ok=True)
    branin = os.path.join(source, "samples", "studies", "branin.json")
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as work:
        storage = f"sqlite:///{work}/studies.db"
        run(hpo, "run", branin, "--storage", storage, "--n-trials", "30", "--quiet")
        run(sys.executable, os.path.join(os.path.dirname(__file__), "make_study.py"), "pruned", storage,
            env=study_maker_env())
        step("two studies made")
        port = free_port()
        dashboard = subprocess.Popen([hpo, "dashboard", "--storage", storage, "--port", str(port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            serving = dashboard.stdout.readline()
            assert f"http://127.0.0.1:{port}/" in serving, f"the dashboard said {serving!r}: {dashboard.stderr.read()}"
            base = f"http://127.0.0.1:{port}"
            with Browser(artifacts) as browser:
                step("dashboard and browser started")
                listing = browser.open(base + "/")
                assert listing.error is None, listing.error
                links = browser.evaluate("[...document.querySelectorAll('a')].map((a) => a.textContent)")
                assert sorted(links) == ["branin (30 trials)", "pruned (30 trials)"], links

                step("the list of studies checked")
                page = browser.open(base + "/studies/pruned")
                check(page, browser.console, PRUNED_KINDS, 30)
                assert page.points("intermediate") > 30, page.charts

                step("the pruned study's page checked")
                page = browser.open(base + "/studies/branin")
                page = browser.wait_for(lambda p: history_drawn(p, 30), 30, "branin's 30 trials")
                check(page, browser.console, SINGLE_KINDS, 30)

                step("branin's page checked")
                # Another process adds trials while the page is open: the page shows them.
                run(hpo, "run", branin, "--storage", storage, "--n-trials", "12", "--quiet")
                page = browser.wait_for(lambda p: p.rows == 42 and history_drawn(p, 42), 30,
                                        "the 12 trials added by another process")
                check(page, browser.console, SINGLE_KINDS, 42)
                step("the 12 trials added by another process shown")
                print("screenshot:", browser.screenshot("dashboard"))

                # Ctrl-C with the page open (its keep-alive connection and next poll pending).
                stopped_at = time.monotonic()
                dashboard.send_signal(signal.SIGINT)
                status = dashboard.wait(timeout=20)
                took = time.monotonic() - stopped_at
                out, err = dashboard.communicate()
                assert status == 0, f"the dashboard exited {status} on SIGINT: {out} {err}"
                assert took < 5, f"the dashboard took {took:.1f} s to stop"
                assert "Stopped." in out, out
                print(f"stopped in {took:.2f} s with status 0")
        finally:
            if dashboard.poll() is None:
                dashboard.kill()
                dashboard.wait()


if __name__ == "__main__":
    main()
