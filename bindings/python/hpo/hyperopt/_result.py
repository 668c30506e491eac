"""What an objective returned, read as Hyperopt reads it, and the JSON-able copy a trial
keeps of it."""

import json
import math
import numbers

import numpy as np

from . import base, exceptions


def read(result):
    """(loss or None, the result dict) from a number or a dict with "status" and "loss"."""
    if isinstance(result, (numbers.Real, np.number)) and not isinstance(result, bool):
        loss = float(result)
        return loss, {"loss": loss, "status": base.STATUS_OK}
    if not isinstance(result, dict):
        raise TypeError(f"the objective must return a number or a dict with \"loss\" and "
                        f"\"status\", not {type(result).__name__} {result!r}")
    result = dict(result)
    if result.get("status") not in base.STATUS_STRINGS:
        raise exceptions.InvalidResultStatus(result)
    if result["status"] != base.STATUS_OK:
        return None, result
    try:
        result["loss"] = float(result["loss"])
    except (TypeError, KeyError, ValueError):
        raise exceptions.InvalidLoss(result) from None
    return result["loss"], result


def _plain(value):
    """NumPy scalars and arrays as Python numbers and lists; NaN and infinities as None
    (strict JSON has no form for them)."""
    if isinstance(value, np.generic):
        value = value.item()
    elif isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def storable(result, persistent):
    """The part of `result` a trial's user attribute can hold. In memory, keys JSON cannot
    carry are kept by the Trials in this process only; in a persistent storage they would
    be lost for other processes, so they are refused."""
    kept = {}
    for key, value in result.items():
        value = _plain(value)
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError):
            if persistent:
                raise TypeError(f"the objective's result key {key!r} holds "
                                f"{type(value).__name__}, which a persistent Trials cannot "
                                f"store (its results are JSON); return JSON values or use "
                                f"an in-memory Trials()") from None
            continue
        kept[str(key)] = value
    return kept
