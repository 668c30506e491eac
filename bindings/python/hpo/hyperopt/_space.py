"""A Hyperopt search space (nested dicts, lists and tuples of hp.* expressions) compiled into
hpo's declared space, and evaluated back into the object the objective receives.

A choice among sub-spaces is hpo's conditional space: every hyperparameter reached through
option i of choice c gets the condition {c: [i]} (its parent alone: the engine makes a child
of an inactive parent inactive too). A hyperparameter shared by several options is active
under all of them; one shared by options of two different choices would need a condition on
two parents, which hpo cannot express, and is refused.
"""

from . import exceptions
from ._hyperparameter import Hyperparameter
from .pyll.base import Apply


def _children(node):
    if isinstance(node, dict):
        return list(node.values())
    if isinstance(node, (list, tuple)):
        return list(node)
    if isinstance(node, (Apply, Hyperparameter)):
        return node.children()
    return []


class CompiledSpace:
    """The hyperparameters of a space, parents before children, and their hpo parameters."""

    def __init__(self, space):
        self.space = space
        self.params = {}      # label -> Hyperparameter, in the order they are reached
        self.conditions = {}  # label -> None (always active) or (parent label, [values])
        self._walk(space, None)

    def _walk(self, node, condition):
        if isinstance(node, Hyperparameter):
            if not self._register(node, condition):
                return
            for index, option in enumerate(node.options or []):
                self._walk(option, (node.label, node.option_values(index)))
            return
        for child in _children(node):
            self._walk(child, condition)

    def _register(self, node, condition):
        """Records where `node` is active; False when nothing new was learnt (already seen
        with that condition), so its sub-spaces are not walked again."""
        label = node.label
        known = self.params.get(label)
        if known is None:
            self.params[label] = node
            self.conditions[label] = condition
            return True
        if known is not node:
            raise exceptions.DuplicateLabel(label)
        old = self.conditions[label]
        if old is None or old == condition:
            return False
        if condition is None:
            self.conditions[label] = None
        elif old[0] != condition[0]:
            raise exceptions.BadSearchSpace(
                f"hyperparameter {label!r} is reached through both {old[0]!r} and "
                f"{condition[0]!r}: hpo conditions a parameter on one parent only; give each "
                f"place its own label")
        else:
            self.conditions[label] = (old[0], sorted(set(old[1]) | set(condition[1])))
        return True

    def engine_space(self):
        """hpo's declared space (JSON form)."""
        space = {}
        for label, node in self.params.items():
            spec = node.engine_spec()
            condition = self.conditions[label]
            if condition is not None:
                spec["condition"] = {condition[0]: condition[1]}
            space[label] = spec
        return space

    def vals_of(self, engine_params):
        """Hyperopt's "vals" ({label: [value] or []}) from a trial's hpo parameters."""
        return {label: [node.decode(engine_params[label])] if label in engine_params else []
                for label, node in self.params.items()}

    def engine_params_of(self, point):
        """A point in "vals" form ({label: value}, choices as indices, inactive labels left
        out) as hpo parameters to enqueue."""
        unknown = sorted(set(point) - set(self.params))
        if unknown:
            raise KeyError(f"points_to_evaluate names labels the space does not have: {unknown}")
        return {label: self.params[label].encode(value) for label, value in point.items()}


def evaluate(space, value_of):
    """The object the objective receives: `space` with each hyperparameter replaced by
    value_of(hyperparameter) (its "vals" value), a choice by its chosen option evaluated in
    turn, and every Apply computed."""
    def walk(node):
        if isinstance(node, Hyperparameter):
            chosen = value_of(node)
            if node.dist in ("choice", "pchoice"):
                return walk(node.options[chosen])
            return node.value(chosen)
        if isinstance(node, Apply):
            return node.fn(*[walk(arg) for arg in node.args],
                           **{key: walk(arg) for key, arg in node.kwargs.items()})
        if isinstance(node, dict):
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, tuple):
            return tuple(walk(item) for item in node)
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node
    return walk(space)


def space_eval(space, hp_assignment):
    """Hyperopt's space_eval: the space evaluated at an assignment {label: value} in "vals"
    form, as fmin returns it (a choice's index, not its option)."""
    def value_of(node):
        if node.label not in hp_assignment:
            raise KeyError(f"space_eval: the assignment has no value for {node.label!r}, "
                           f"which is active there")
        value = hp_assignment[node.label]
        return value[0] if isinstance(value, (list, tuple)) and len(value) == 1 else value
    return evaluate(space, value_of)
