"""Finished (or recorded) trials as plain Python objects, read from the engine's trial JSON."""

import dataclasses
import datetime
import enum
import math


class TrialState(enum.IntEnum):
    """hpo_trial_state: WAITING (enqueued) -> RUNNING -> COMPLETE | PRUNED | FAIL."""
    WAITING = 0
    RUNNING = 1
    COMPLETE = 2
    PRUNED = 3
    FAIL = 4

    def is_finished(self):
        return self in (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)

    @classmethod
    def parse(cls, value):
        """From the JSON form: the name ("COMPLETE", any case) or the number."""
        return cls[value.upper()] if isinstance(value, str) else cls(value)


class StudyDirection(enum.IntEnum):
    """hpo_direction."""
    MINIMIZE = 0
    MAXIMIZE = 1

    @classmethod
    def parse(cls, value):
        return cls[value.upper()] if isinstance(value, str) else cls(value)


def _parse_time(value):
    """ISO 8601 text or seconds since the epoch; None when the trial has no such time."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    return datetime.datetime.fromisoformat(value)


def _parse_value(value):
    # Strict JSON has no NaN; a value the engine could not write comes back as null.
    return math.nan if value is None else float(value)


@dataclasses.dataclass(frozen=True)
class FrozenTrial:
    """A snapshot of one trial: what hpo_study_trials_json reports for it."""
    number: int
    state: TrialState
    params: dict
    values: list
    intermediate_values: dict
    user_attrs: dict
    system_attrs: dict
    datetime_start: datetime.datetime
    datetime_complete: datetime.datetime
    message: str
    trial_id: int
    constraints: list = None  # feasible when every value is <= 0; None when the trial has none

    @classmethod
    def from_json(cls, record):
        values = record.get("values")
        return cls(
            number=record["number"],
            state=TrialState.parse(record["state"]),
            params=dict(record.get("params") or {}),
            values=None if values is None else [_parse_value(v) for v in values],
            intermediate_values={int(step): _parse_value(value) for step, value in
                                 (record.get("intermediate_values") or {}).items()},
            user_attrs=dict(record.get("user_attrs") or {}),
            system_attrs=dict(record.get("system_attrs") or {}),
            datetime_start=_parse_time(record.get("datetime_start")),
            datetime_complete=_parse_time(record.get("datetime_complete")),
            message=record.get("message") or "",
            trial_id=record["id"],
            constraints=None if record.get("constraints") is None else
            [_parse_value(c) for c in record["constraints"]],
        )

    @property
    def value(self):
        """The one objective value (None unless the trial has values); an error for a trial
        of several objectives, as in Optuna."""
        if self.values is None:
            return None
        if len(self.values) != 1:
            raise RuntimeError(f"trial {self.number} has {len(self.values)} objective values; "
                               f"use .values")
        return self.values[0]

    @property
    def feasible(self):
        """Whether every constraint value is <= 0 (a trial without constraints is feasible)."""
        return all(c <= 0 for c in (self.constraints or ()))

    @property
    def last_step(self):
        return max(self.intermediate_values) if self.intermediate_values else None

    @property
    def duration(self):
        if self.datetime_start is None or self.datetime_complete is None:
            return None
        return self.datetime_complete - self.datetime_start
