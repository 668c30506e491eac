"""Opens `hpo report` pages in headless Chromium and checks what it drew.

usage: browser_test.py CASE HPO_BINARY SOURCE_DIR ARTIFACT_DIR
CASE: single (Branin, TPE), multi (ZDT1, two objectives), pruned (learning curves, pruned
and failed trials), large (10,000 trials). Each page must draw every chart with all the
points its figure holds, show no error and log nothing to the console; a screenshot of it is
kept in ARTIFACT_DIR. Exits 77 (skipped) when no chromium is installed.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    print("skipped: no chromium on PATH (scripts/setup installs Debian's chromium)")
    sys.exit(77)


def run(*args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{args[0]} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


class Page(html.parser.HTMLParser):
    """What the drawn page holds: each chart's data-check, the page's state, any error shown."""

    def __init__(self):
        super().__init__()
        self.charts, self.rendered, self.error, self.rows = {}, False, None, 0
        self._in_error = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "page":
            self.rendered = attrs.get("data-rendered") == "true"
        if "data-check" in attrs:
            self.charts[attrs["id"] + " " + attrs.get("data-kind", "")] = json.loads(attrs["data-check"])
        if attrs.get("id") == "page-error":
            self._in_error = True
        if tag == "tr" and attrs.get("class"):
            self.rows += 1

    def handle_data(self, data):
        if self._in_error:
            self.error = (self.error or "") + data

    def handle_endtag(self, tag):
        self._in_error = False


def browse(report, artifacts, name):
    browser = chromium()
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
             "--enable-unsafe-swiftshader", "--window-size=1280,2400", "--virtual-time-budget=10000",
             "--enable-logging=stderr", "--v=0"]
    with tempfile.TemporaryDirectory() as profile:
        url = "file://" + os.path.abspath(report)
        dom = run(browser, *flags, f"--user-data-dir={profile}", "--dump-dom",
                  f"--screenshot={os.path.join(artifacts, name + '.png')}", url)
    # Warnings and errors the page logged, uncaught exceptions among them; the browser's own
    # informational lines (the software GL driver's notes) are not the page's.
    console = [line for line in dom.stderr.splitlines() if ":ERROR:CONSOLE" in line or ":WARNING:CONSOLE" in line]
    page = Page()
    page.feed(dom.stdout)
    return page, console


def check(page, console, expect_kinds, n_trials):
    assert not console, "the page logged to the console:\n" + "\n".join(console)
    assert page.error is None, f"the page shows an error: {page.error}"
    assert page.rendered, "the page never finished drawing"
    kinds = {key.split(" ")[1] for key in page.charts}
    assert expect_kinds <= kinds, f"charts missing: {expect_kinds - kinds}"
    for key, result in page.charts.items():
        if "note" in result:
            continue
        assert result["traces"] == result["wanted"], f"{key}: drew {result['traces']} of {result['wanted']} traces"
        assert result["drawn"] == result["expected"], f"{key}: drew {result['drawn']} of {result['expected']} points"
    assert page.rows == n_trials, f"the table has {page.rows} rows for {n_trials} trials"
    drawn = sum(result.get("drawn", 0) for result in page.charts.values())
    print(f"{len(page.charts)} charts, {drawn} points and bars drawn, {page.rows} trials in the table")


def main():
    case, hpo, source, artifacts = sys.argv[1:5]
    os.makedirs(artifacts, exist_ok=True)
    # On tmpfs where there is one: a storage there commits without waiting for a disk, so the
    # 10,000-trial study is made in seconds rather than minutes.
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as work:
        storage = f"sqlite:///{work}/studies.db"
        # HPO_STUDY_MAKER_X=value sets X for the Python study maker alone (a sanitized build's
        # LD_PRELOAD, which Chromium must not inherit).
        env = dict(os.environ)
        prefix = "HPO_STUDY_MAKER_"
        env.update({k[len(prefix):]: v for k, v in os.environ.items() if k.startswith(prefix)})
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
