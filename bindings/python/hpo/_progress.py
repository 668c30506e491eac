"""optimize(..., show_progress_bar=True): the bar `hpo run` draws on a terminal, as a trial
callback: trials done of the budget, elapsed time, time left, best value (or the Pareto
front's size), running and failed counts, redrawn in place on stderr after each trial."""

import sys
import time


def _clock(seconds):
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class ProgressBar:
    WIDTH = 24

    def __init__(self, study, n_trials, stream=None):
        self._stream = sys.stderr if stream is None else stream
        self._budget = n_trials or 0
        self._first = len(study.trials)  # a resumed study's earlier trials are not this run's
        self._start = time.monotonic()

    def __call__(self, study, _trial):
        states = [t.state.name for t in study.trials[self._first:]]
        done = sum(state in ("COMPLETE", "PRUNED", "FAIL") for state in states)
        elapsed = time.monotonic() - self._start
        if self._budget:
            filled = self.WIDTH * min(done, self._budget) // self._budget
            line = (f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {done}/{self._budget} trials  "
                    f"{_clock(elapsed)} elapsed")
            if 0 < done < self._budget:
                line += f", {_clock(elapsed / done * (self._budget - done))} left"
        else:
            line = f"{done} trials  {_clock(elapsed)} elapsed"
        if len(study.directions) > 1:
            line += f"  front {len(study.best_trials)}"
        elif any(t.state.name == "COMPLETE" for t in study.trials):
            line += f"  best {study.best_value:.6g}"
        line += f"  running {states.count('RUNNING')}  failed {states.count('FAIL')}"
        self._stream.write(f"\r{line}\x1b[K")
        self._stream.flush()

    def close(self):
        self._stream.write("\n")
        self._stream.flush()
