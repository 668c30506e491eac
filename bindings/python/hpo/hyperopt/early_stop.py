"""hyperopt.early_stop: stopping rules to pass to fmin(early_stop_fn=...)."""


def no_progress_loss(iteration_stop_count=20, percent_increase=0.0):
    """Stops once iteration_stop_count trials in a row have not brought the loss below the
    best so far less percent_increase percent of it (Hyperopt's rule: the first trial sets
    the best and counts as one without progress)."""
    def stop_fn(trials, best_loss=None, iteration_no_progress=0):
        new_loss = trials.trials[-1]["result"]["loss"]
        if best_loss is None:
            return False, [new_loss, iteration_no_progress + 1]
        if new_loss < best_loss - abs(best_loss * percent_increase / 100.0):
            best_loss, iteration_no_progress = new_loss, 0
        else:
            iteration_no_progress += 1
        return iteration_no_progress >= iteration_stop_count, [best_loss, iteration_no_progress]
    return stop_fn
