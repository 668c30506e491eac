"""Study.optimize(..., processes=True): the objective runs in worker processes.

The engine's n_jobs threads share a pool of worker processes, one per trial in flight, each
started fresh by multiprocessing's "spawn" (a new interpreter: never a fork() of the
threaded engine) and kept for the next trial; a worker holds the objective (so it must be
picklable: a function defined at a module's top level).
For each trial the thread sends the worker a start message and the worker calls the
objective with a stand-in trial whose every method call (suggest_*, report, should_prune,
set_user_attr, ...) and attribute read travels back over the pipe to the real trial in the
parent, so the engine, its sampler and its scheduler see nothing different. The GIL is the
worker's own: CPU-bound objectives use every core.

A worker that dies (a segfault in native code, os._exit, the OOM killer) fails its trial
alone with how it died ("worker killed by signal 11 (SIGSEGV)"); the next trial of that
trial that needs one gets a fresh worker.

Messages, parent -> worker: ("trial", number) | ("answer", ok, value) | ("stop",);
worker -> parent: ("call", name, args, kwargs) | ("get", name) | ("return", value) |
("raise", exception or its text) | ("pruned",).
"""

import inspect
import multiprocessing
import pickle
import signal
import threading

from ._errors import TrialPruned
from .trial import Trial

_SPAWN = multiprocessing.get_context("spawn")


class WorkerCrashed(RuntimeError):
    """A worker process died while it ran a trial; fails that trial alone."""


class RemoteError(RuntimeError):
    """An exception of the objective that could not be sent back as it was."""


class _RemoteTrial:
    """The worker's stand-in for the parent's Trial."""

    def __init__(self, connection, number):
        self._connection = connection
        self.number = number

    def _ask(self, message):
        self._connection.send(message)
        _, ok, value = self._connection.recv()
        if not ok:
            raise value
        return value

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        # A method of Trial is called in one round trip; anything else (a property, an unknown
        # name, whose AttributeError comes back) is read from the real trial.
        if callable(inspect.getattr_static(Trial, name, None)):
            return lambda *args, **kwargs: self._ask(("call", name, args, kwargs))
        return self._ask(("get", name))


def _sendable(error):
    try:
        pickle.dumps(error)
        return error
    except Exception:
        return RemoteError(f"{type(error).__name__}: {error}")


def _worker_main(connection, objective):
    while True:
        message = connection.recv()
        if message[0] == "stop":
            return
        trial = _RemoteTrial(connection, message[1])
        try:
            result = objective(trial)
        except TrialPruned:
            connection.send(("pruned",))
        except BaseException as error:
            connection.send(("raise", _sendable(error)))
        else:
            connection.send(("return", result))


def _describe_exit(code):
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
            return f"worker killed by signal {-code} ({name})"
        except ValueError:
            return f"worker killed by signal {-code}"
    return f"worker exited with status {code}"


class ProcessObjective:
    """Called as the objective in the engine's threads; runs the real one in a worker."""

    def __init__(self, objective):
        try:
            pickle.dumps(objective)
        except Exception as error:
            raise TypeError("processes=True runs the objective in other processes, so it must be "
                            "picklable (a function defined at a module's top level, not a lambda "
                            f"or a nested function): {error}") from None
        self._objective = objective
        self._idle = []      # workers between trials
        self._workers = []   # every worker started, to stop them at the end
        self._lock = threading.Lock()

    def _take_worker(self):
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker[0].is_alive():
                    return worker
        parent_end, child_end = _SPAWN.Pipe()
        process = _SPAWN.Process(target=_worker_main, args=(child_end, self._objective), daemon=True)
        process.start()
        child_end.close()
        with self._lock:
            self._workers.append((process, parent_end))
        return process, parent_end

    def __call__(self, trial):
        process, connection = self._take_worker()
        try:
            connection.send(("trial", trial.number))
            while True:
                message = connection.recv()
                if message[0] in ("return", "pruned", "raise"):
                    break
                connection.send(self._answer(trial, message))
        except (EOFError, OSError):
            process.join()
            raise WorkerCrashed(_describe_exit(process.exitcode)) from None
        with self._lock:
            self._idle.append((process, connection))
        if message[0] == "pruned":
            raise TrialPruned()
        if message[0] == "raise":
            raise message[1]
        return message[1]

    @staticmethod
    def _answer(trial, message):
        try:
            if message[0] == "get":
                return ("answer", True, getattr(trial, message[1]))
            _, name, args, kwargs = message
            return ("answer", True, getattr(trial, name)(*args, **kwargs))
        except BaseException as error:
            return ("answer", False, _sendable(error))

    def close(self):
        """Stops every worker this run started."""
        with self._lock:
            workers, self._workers = self._workers, []
        # All are told first, so that they wind down at once rather than one after another.
        for process, connection in workers:
            try:
                connection.send(("stop",))
            except OSError:
                pass
        for process, connection in workers:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
            connection.close()
