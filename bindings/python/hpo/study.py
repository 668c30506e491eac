"""Studies: creating and loading them, ask/tell, enqueueing, and reading trials back."""

import ctypes
import threading
import weakref

from . import _capi, _check, _engine, _lib, _optimize, _progress
from ._errors import StateError
from .frozen import FrozenTrial, StudyDirection, TrialState
from .trial import Trial


def _plugin_choice(name, options, argument):
    name = _check.text(name, argument, optional=True)
    options = _check.json_able(_check.mapping(options, f"{argument}_options", optional=True),
                               f"{argument}_options", optional=True)
    return None if name is None else {"name": name, "options": dict(options or {})}


def _direction(direction, name):
    if isinstance(direction, StudyDirection):
        return direction.name.lower()
    return _check.text(direction, name).lower()


def _directions(direction, directions):
    if direction is not None and directions is not None:
        raise ValueError("give either direction or directions, not both")
    if directions is not None:
        return [_direction(d, f"directions[{index}]")
                for index, d in enumerate(_check.items(directions, "directions"))]
    return [_direction("minimize" if direction is None else direction, "direction")]


def _heartbeat(interval, grace, retry):
    """The engine's "heartbeat" config, with only what the user gave, so that the engine's
    defaults (its own grace, a default heartbeat for persistent storages) stay in force."""
    heartbeat = {
        "interval": _check.seconds(interval, "heartbeat_interval"),
        "grace": _check.seconds(grace, "grace_period"),
        "retry": _check.boolean(retry, "retry_failed", optional=True),
    }
    given = {key: value for key, value in heartbeat.items() if value is not None}
    return given or None


def _study_config(directions, space, sampler, sampler_options, scheduler, scheduler_options,
                  storage, study_name, load_if_exists, seed, heartbeat, max_trials=None):
    config = {
        "directions": directions,
        "sampler": _plugin_choice(sampler, sampler_options, "sampler"),
        "scheduler": _plugin_choice(scheduler, scheduler_options, "scheduler"),
        "space": _check.json_able(_check.mapping(space, "space", optional=True), "space",
                                  optional=True),
        # None means in memory; "" is refused rather than read as None.
        "storage": _check.text(storage, "storage", optional=True),
        "name": _check.text(study_name, "study_name", optional=True),
        "load_if_exists": _check.boolean(load_if_exists, "load_if_exists"),
        "seed": _check.integer(seed, "seed", optional=True),
        "heartbeat": heartbeat,
        "max_trials": _check.integer(max_trials, "max_trials", optional=True),
    }
    # Unset keys are left out so that the engine applies its documented defaults.
    return {key: value for key, value in config.items() if value is not None}


def create_study(space=None, directions=None, direction=None, sampler="tpe",
                 sampler_options=None, scheduler=None, scheduler_options=None, storage=None,
                 study_name=None, load_if_exists=False, seed=None, plugin_paths=None,
                 heartbeat_interval=None, grace_period=None, retry_failed=None, max_trials=None):
    """Creates a study (or loads it when `load_if_exists` and the storage has it).

    space: the declared space in its JSON form ({"x": {"type": "float", "low": 0, ...}}),
        or None for define-by-run only (both may be mixed).
    direction / directions: "minimize" or "maximize", one per objective (default one
        "minimize"); several directions make a multi-objective study.
    sampler: a sampler plugin's name, "tpe" by default; when no such plugin is installed
        the engine's NotFound error names it and the samplers it has (pass
        sampler="random" to do without TPE).
    scheduler: a scheduler plugin's name ("median", "asha", "hyperband") or None.
    storage: a URL ("sqlite:///path.db", "journal:///path.log", ...), or None to keep the
        study in memory; an empty URL is refused.
    seed: makes the sampler's choices reproducible.
    plugin_paths: extra folders to load plugins from (beside HPO_PLUGIN_PATH).
    heartbeat_interval, grace_period, retry_failed: for persistent storages, where several
        processes share a study. Every heartbeat_interval seconds a process marks the trials
        it runs as alive; a RUNNING trial silent for grace_period seconds (by default six
        intervals) is taken for dead and FAILs, and with retry_failed=True a copy of it is
        enqueued to run again. Left as None, the engine's defaults apply: a beat every 10 s
        and a minute's grace on persistent storages.
    max_trials: the study-wide trial budget, kept in the stored study: every process and
        thread working on it together starts no more trials (trials of every state count),
        so ten machines running optimize(n_trials=None) on one storage stop at max_trials
        in total. A process that loads the study and names another budget is refused
        (InvalidArgument); one that names none takes the stored one.
    """
    config = _study_config(_directions(direction, directions), space, sampler,
                           sampler_options, scheduler, scheduler_options, storage, study_name,
                           load_if_exists, seed,
                           _heartbeat(heartbeat_interval, grace_period, retry_failed), max_trials)
    return Study(_engine.engine_for(plugin_paths), config)


def load_study(study_name, storage, sampler=None, sampler_options=None, scheduler=None,
               scheduler_options=None, seed=None, plugin_paths=None, heartbeat_interval=None,
               grace_period=None, retry_failed=None):
    """Opens a study kept in `storage` by name; its directions and space come from there,
    and so do its sampler and scheduler unless named here. A name the storage lacks raises
    NotFound. The heartbeat arguments are create_study's: they hold for the trials this
    process runs."""
    config = _study_config(None, None, sampler, sampler_options, scheduler, scheduler_options,
                           storage, _check.text(study_name, "study_name"), False, seed,
                           _heartbeat(heartbeat_interval, grace_period, retry_failed))
    config["load_only"] = True
    return Study(_engine.engine_for(plugin_paths), config)


class Study:
    """An hpo_study. Safe to use from several threads, as the C API's study is."""

    def __init__(self, engine, config):
        handle = ctypes.c_void_p()
        lib = _lib.lib()
        _capi.check(lib.hpo_study_create(engine.handle, _check.json_text(config, "study config"),
                                         ctypes.byref(handle)))
        self._engine = engine  # the engine must outlive the study
        self._handle = handle
        self._asked = {}  # trial number -> TrialHandle of a trial from ask(), until told
        self._asked_lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _release, lib, handle, self._asked)
        self._info = _capi.call_json(lib.hpo_study_info_json, handle)

    # -- description ------------------------------------------------------------------------

    @property
    def study_name(self):
        return self._info["name"]

    @property
    def directions(self):
        return [StudyDirection.parse(d) for d in self._info["directions"]]

    @property
    def direction(self):
        directions = self.directions
        if len(directions) != 1:
            raise RuntimeError(f"study {self.study_name!r} has {len(directions)} objectives; "
                               f"use .directions")
        return directions[0]

    @property
    def info(self):
        """hpo_study_info_json: name, directions, space, sampler, scheduler, storage, seed."""
        return _capi.call_json(_lib.lib().hpo_study_info_json, self._handle)

    @property
    def system_attrs(self):
        """What plugins record for the whole study (a sampler's shared state), read-only."""
        return dict(self.info.get("system_attrs") or {})

    # -- trials -----------------------------------------------------------------------------

    @property
    def trials(self):
        return self.get_trials()

    def get_trials(self, states=None):
        """Every trial as a FrozenTrial, in order of number; only those in `states` if given."""
        records = _capi.call_json(_lib.lib().hpo_study_trials_json, self._handle)
        trials = [FrozenTrial.from_json(record) for record in records]
        return trials if states is None else [t for t in trials if t.state in tuple(states)]

    def _trial(self, number):
        """One trial as a FrozenTrial (hpo_study_trial_json), without reading the others."""
        return FrozenTrial.from_json(
            _capi.call_json(_lib.lib().hpo_study_trial_json, self._handle, ctypes.c_int64(number)))

    def __len__(self):
        out = ctypes.c_int64()
        _capi.check(_lib.lib().hpo_study_n_trials(self._handle, ctypes.byref(out)))
        return out.value

    @property
    def best_trial(self):
        """The best COMPLETE trial of a single-objective study (NotFound when none): a
        feasible trial (see Trial.set_constraints) before an infeasible one, then by value."""
        record = _capi.call_json(_lib.lib().hpo_study_best_trial_json, self._handle)
        return FrozenTrial.from_json(record)

    @property
    def best_params(self):
        return self.best_trial.params

    @property
    def best_value(self):
        return self.best_trial.value

    @property
    def best_trials(self):
        """The Pareto front of COMPLETE trials (the best trial, for one objective), feasible
        trials first as best_trial ranks them."""
        records = _capi.call_json(_lib.lib().hpo_study_best_trials_json, self._handle)
        return [FrozenTrial.from_json(record) for record in records]

    def trials_dataframe(self):
        """The trials as a pandas DataFrame (pandas must be installed)."""
        from ._dataframe import trials_dataframe
        trials = self.get_trials()  # first, so that the space read next covers their params
        return trials_dataframe(trials, len(self.directions), self.info["space"])

    # -- ask / tell -------------------------------------------------------------------------

    def enqueue_trial(self, params):
        """Fixes the parameters of a coming trial ({name: value}, a categorical's choice
        itself); parameters left out are sampled when it starts."""
        params = _check.mapping(params, "params")
        _capi.check(_lib.lib().hpo_study_enqueue(self._handle, _check.json_text(params, "params")))

    def ask(self, fixed_distributions=None):
        """Starts a trial; `fixed_distributions` ({name: distribution JSON}) are suggested at
        once. Raises StateError when the sampler has nothing left to propose, or the study
        holds its max_trials."""
        fixed_distributions = _check.mapping(fixed_distributions, "fixed_distributions",
                                             optional=True)
        handle = ctypes.c_void_p()
        status = _capi.check(_lib.lib().hpo_study_ask(self._handle, ctypes.byref(handle)))
        if not handle.value:
            budget = self._info.get("max_trials")
            spent = f", or the study holds its budget of {budget} trials (max_trials)" if budget else ""
            raise StateError(f"study {self.study_name!r}: the sampler has nothing left to "
                             f"propose{spent} (status {status})")
        trial = Trial(handle, self)
        with self._asked_lock:
            self._asked[trial.number] = trial._handle
        for name, distribution in (fixed_distributions or {}).items():
            trial.suggest(name, distribution)
        return trial

    def tell(self, trial, values=None, state=None, message=None):
        """Ends a trial from ask() (or its number): COMPLETE with `values` (one number or one
        per objective, as an objective returns them), PRUNED, or FAIL. Unlike Optuna's,
        returns nothing, so that an ask/tell loop pays for no read-back of the record;
        study.trials[number] has it."""
        number = trial.number if isinstance(trial, Trial) else _check.integer(trial, "trial")
        with self._asked_lock:
            asked = self._asked.get(number)
        if asked is None:
            raise StateError(f"trial {number} was not asked from this study or was told already")
        state = _tell_state(values, state)
        values = [] if values is None else _check.numbers_of(values, "values")
        message = _check.text(message, "message", optional=True, allow_empty=True)
        array = (ctypes.c_double * len(values))(*values)
        _capi.check(_lib.lib().hpo_trial_tell(asked.live(number), int(state), array,
                                              len(values), _capi.encode(message)))
        with self._asked_lock:
            self._asked.pop(number, None)
        _lib.lib().hpo_trial_free(asked.close())

    # -- the optimization loop --------------------------------------------------------------

    def optimize(self, objective, n_trials=None, timeout=None, n_jobs=1, callbacks=None,
                 catch=(), trial_timeout=None, processes=False, show_progress_bar=False):
        """Runs `objective(trial)` on new trials until n_trials have run, timeout seconds
        have passed, the sampler is exhausted or stop() is called. `objective` returns a
        number (a NumPy scalar or 0-d array, a one-element tensor: anything float() takes),
        or one per objective as a sequence or 1-d array. trial_timeout: the seconds one
        trial may run before the engine fails it. processes=True runs the objective in
        n_jobs worker processes (it must then be picklable: a top-level function), so a
        CPU-bound objective uses every core and a crash fails its trial alone (see
        _processes). show_progress_bar draws `hpo run`'s bar on stderr as trials end. See
        _optimize.Optimization for how exceptions, pruning, callbacks and n_jobs behave."""
        bar = None
        if _check.boolean(show_progress_bar, "show_progress_bar"):
            bar = _progress.ProgressBar(self, n_trials)
            callbacks = list(callbacks or []) + [bar]
        try:
            _optimize.Optimization(self, objective, callbacks, catch,
                                   _check.boolean(processes, "processes")).run(
                n_trials, timeout, n_jobs, trial_timeout)
        finally:
            if bar is not None:
                bar.close()

    def optimize_plugin(self, objective, options=None, n_trials=None, timeout=None, n_jobs=1,
                        catch=True, trial_timeout=None):
        """Runs an objective plugin (a compiled one, such as "benchmarks") with no Python in
        the loop; its declared space is added to the study's. `catch` False stops the run
        at the first failed trial and raises its error."""
        options = _check.mapping(options, "options", optional=True)
        objective_json = _check.json_text(
            {"name": _check.text(objective, "objective"), "options": dict(options or {})},
            "objective options")
        run_options = _optimize.run_options(n_trials, timeout, n_jobs,
                                            _check.boolean(catch, "catch"), trial_timeout)
        _capi.check(_lib.lib().hpo_study_optimize_plugin(self._handle, objective_json,
                                                         run_options))

    def stop(self):
        """Starts no more trials in a running optimize(); safe from any thread, callbacks
        and objectives included."""
        _capi.check(_lib.lib().hpo_study_stop(self._handle))

    def __repr__(self):
        return f"Study(study_name={self.study_name!r})"


def _release(lib, handle, asked):
    """Frees the handles of trials asked and never told (they stay RUNNING), then the study."""
    for trial_handle in asked.values():
        lib.hpo_trial_free(trial_handle.close())
    lib.hpo_study_free(handle)


def _tell_state(values, state):
    if state is None:
        if values is None:
            raise ValueError("tell needs values, or a state of PRUNED or FAIL")
        return TrialState.COMPLETE
    state = TrialState(state)
    if not state.is_finished():
        raise ValueError(f"tell ends a trial: state must be COMPLETE, PRUNED or FAIL, not "
                         f"{state.name}")
    return state
