"""Headless Chromium for the browser tests: finding it, opening a page once (--dump-dom) or
holding one open (the DevTools protocol over a pipe, no driver needed), and reading back what
a study page drew (each chart's data-check, the table's rows, any error shown).
"""
import base64
import fcntl
import html.parser
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

# Software GL (SwiftShader) so that plotly's WebGL-free charts draw alike everywhere; a tall
# window so that every chart of a page is laid out, and drawn, at once.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
         "--enable-unsafe-swiftshader", "--window-size=1280,2400"]


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


def study_maker_env():
    """The environment of the Python study maker (make_study.py): HPO_STUDY_MAKER_X=value sets
    X for it alone (a sanitized build's LD_PRELOAD, which Chromium must not inherit)."""
    env = dict(os.environ)
    prefix = "HPO_STUDY_MAKER_"
    env.update({k[len(prefix):]: v for k, v in os.environ.items() if k.startswith(prefix)})
    return env


class Page(html.parser.HTMLParser):
    """What the drawn page holds: each chart's data-check, the page's state, any error shown."""

    def __init__(self, dom=None):
        super().__init__()
        self.charts, self.rendered, self.error, self.rows = {}, False, None, 0
        self._in_error = False
        if dom is not None:
            self.feed(dom)

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

    def points(self, kind):
        """The points and bars drawn by the charts of that kind."""
        return sum(r.get("drawn", 0) for k, r in self.charts.items() if k.split(" ")[1] == kind)


def browse(report, artifacts, name):
    """Opens a file once, as `chromium --dump-dom` does: the page after its scripts ran (10 s
    of virtual time), what it logged to the console, and a screenshot in ARTIFACTS/NAME.png."""
    flags = FLAGS + ["--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0"]
    with tempfile.TemporaryDirectory() as profile:
        url = "file://" + os.path.abspath(report)
        dom = run(chromium(), *flags, f"--user-data-dir={profile}", "--dump-dom",
                  f"--screenshot={os.path.join(artifacts, name + '.png')}", url)
    # Warnings and errors the page logged, uncaught exceptions among them; the browser's own
    # informational lines (the software GL driver's notes) are not the page's.
    console = [line for line in dom.stderr.splitlines() if ":ERROR:CONSOLE" in line or ":WARNING:CONSOLE" in line]
    return Page(dom.stdout), console


def check(page, console, expect_kinds, n_trials):
    """Nothing logged or shown as an error, every chart drawn with as many traces and points
    as its figure holds, the kinds expected among them, a table row per trial."""
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


def _out_of_the_way(fd):
    """The same pipe end on a descriptor from 10 up (this one closed), so that putting the
    two ends on 3 and 4 in the child cannot overwrite either."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Browser:
    """One headless Chromium holding one tab open, driven over the DevTools protocol on a pipe
    (--remote-debugging-pipe: JSON messages ended by a NUL byte, on the browser's fds 3 and
    4). What the page logs (console warnings and errors, uncaught exceptions, failed loads)
    is gathered in `console` as it happens."""

    def __init__(self, artifacts):
        self.artifacts = artifacts
        self.console = []
        self._profile = tempfile.TemporaryDirectory()
        to_browser, self._send_end = os.pipe()
        self._receive_end, from_browser = os.pipe()
        to_browser, from_browser = (_out_of_the_way(fd) for fd in (to_browser, from_browser))

        def plumb():  # in the child, before exec: the ends where Chromium looks for them
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        # close_fds=False keeps 3 and 4 open; those Python opens close on exec (PEP 446).
        self._process = subprocess.Popen(
            [chromium(), *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={self._profile.name}", "about:blank"],
            preexec_fn=plumb, close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._next_id = 0
        self._replies = {}
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self._receive_end, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self._dispatch(json.loads(message))
        with self._lock:  # the browser went away: whoever waits is told
            for reply in self._replies.values():
                reply.put({"error": {"message": "the browser closed its pipe"}})

    def _dispatch(self, message):
        if "id" in message:
            with self._lock:
                reply = self._replies.pop(message["id"], None)
            if reply is not None:
                reply.put(message)
            return
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            texts = [a.get("value", a.get("description", "")) for a in params.get("args", [])]
            self.console.append(f"console.{params['type']}: " + " ".join(str(t) for t in texts))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.console.append("uncaught: " + details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            entry = params["entry"]
            if entry.get("source") == "rendering" and "GL Driver Message" in entry.get("text", ""):
                return  # the software GL driver's performance notes: the browser's, not the page's
            self.console.append(f"{entry['level']} ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}")

    def _call(self, method, params=None, session=None, timeout=60):
        reply = queue.Queue()
        with self._lock:
            self._next_id += 1
            message = {"id": self._next_id, "method": method, "params": params or {}}
            self._replies[self._next_id] = reply
        if session:
            message["sessionId"] = session
        os.write(self._send_end, json.dumps(message).encode() + b"\0")
        answer = reply.get(timeout=timeout)
        if "error" in answer:
            raise AssertionError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def call(self, method, params=None, timeout=60):
        """A DevTools command to the tab; its result."""
        return self._call(method, params, self._session, timeout)

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page (a promise awaited)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url, timeout=60):
        """Loads url and waits until its page says it finished drawing."""
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while True:  # until the new document has loaded: the one before may still be there
            try:
                if self.evaluate("location.href + ' ' + document.readyState") == url + " complete":
                    break
            except AssertionError:  # no page to evaluate in, between two documents
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout} s for {url} to load")
            time.sleep(0.1)
        return self.wait_for(lambda page: page.rendered or page.error is not None, timeout, f"{url} to be drawn")

    def page(self):
        """The page as it is drawn now: its #page and any error shown (not the whole DOM, whose
        inlined plotly.js alone is megabytes)."""
        return Page(self.evaluate("['page-error', 'page'].map((id) => document.getElementById(id))"
                                  ".map((node) => node ? node.outerHTML : '').join('')"))

    def wait_for(self, condition, timeout, what):
        """Reads the page until condition(page) holds; the page then."""
        deadline = time.monotonic() + timeout
        while True:
            page = self.page()
            if condition(page):
                return page
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout} s for {what}; the page has {page.rows} table rows, "
                                     f"charts {page.charts}, error {page.error}")
            time.sleep(0.25)

    def screenshot(self, name):
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path = os.path.join(self.artifacts, name + ".png")
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))
        return path

    def close(self):
        try:
            self._call("Browser.close", timeout=10)
        except (AssertionError, queue.Empty):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._send_end)
        self._reader.join(timeout=5)
        os.close(self._receive_end)
        self._profile.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
