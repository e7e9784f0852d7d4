"""Pure computations: no ipywidgets, no matplotlib.

Every model rejects invalid input with one exception type, :class:`InputError` (a ``ValueError``;
``InvalidInput`` is the same class), whose message is a French sentence to show the learner as is.
Quantities a learner types are described by :class:`~mesocours.numbers.Field` (label with its
gender and number, unit, bounds), so the message agrees with the quantity it names.
"""

from mesocours.numbers import Field, InputError

InvalidInput = InputError

__all__ = ["Field", "InputError", "InvalidInput"]
