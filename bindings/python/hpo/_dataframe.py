"""Study.trials_dataframe: one row per trial, Optuna's column names."""


def _row(trial, n_objectives):
    row = {
        "number": trial.number,
        "datetime_start": trial.datetime_start,
        "datetime_complete": trial.datetime_complete,
        "duration": trial.duration,
        "state": trial.state.name,
    }
    values = trial.values or [None] * n_objectives
    if n_objectives == 1:
        row["value"] = values[0]
    else:
        row.update({f"values_{index}": value for index, value in enumerate(values)})
    row.update({f"params_{name}": value for name, value in trial.params.items()})
    row.update({f"user_attrs_{key}": value for key, value in trial.user_attrs.items()})
    return row


def trials_dataframe(trials, n_objectives, space):
    """`space` is the study's ({name: {"type": ...}}, from hpo_study_info_json): an int
    parameter's column is pandas' nullable "Int64", so that trials where the parameter was
    inactive hold <NA> and the others stay integers (a plain column would turn to float)."""
    try:
        import pandas
    except ImportError:
        raise ImportError("Study.trials_dataframe needs pandas "
                          "(Debian: apt install python3-pandas)") from None
    frame = pandas.DataFrame([_row(trial, n_objectives) for trial in trials])
    int_columns = {f"params_{name}": "Int64" for name, distribution in space.items()
                   if distribution.get("type") == "int"}
    return frame.astype({column: dtype for column, dtype in int_columns.items()
                         if column in frame.columns})
