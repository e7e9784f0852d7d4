"""Pure computations: no ipywidgets, no matplotlib. Bad input raises InputError (French)."""

from mesocours.numbers import InputError

__all__ = ["InputError"]
