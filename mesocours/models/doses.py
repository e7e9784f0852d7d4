"""Doses a study reports giving (``Study.doses_per_session``): per-product totals over the sessions.

These are arithmetic on what a source reports, never a recommendation: the course gives no dose of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from mesocours.data import Study


@dataclass(frozen=True)
class ProductTotal:
    product: str
    per_session_mg: tuple[float, ...]  # amount at sessions 1..n (0 when the product was not given)
    total_mg: float
    sessions_given: int


def reported_totals(study: Study) -> list[ProductTotal]:
    """One row per product, in the order the study record first names it; empty when no dose is recorded."""
    if not study.doses_per_session:
        return []
    n = max(max(d.sessions) for d in study.doses_per_session)
    order: list[str] = []
    amounts: dict[str, list[float]] = {}
    for d in study.doses_per_session:
        if d.product not in amounts:
            order.append(d.product)
            amounts[d.product] = [0.0] * n
        for s in d.sessions:
            if amounts[d.product][s - 1]:
                raise ValueError(f"{study.id} : deux doses de {d.product} à la séance {s}")
            amounts[d.product][s - 1] = d.amount_mg
    return [ProductTotal(p, tuple(amounts[p]), sum(amounts[p]), sum(1 for a in amounts[p] if a > 0))
            for p in order]
