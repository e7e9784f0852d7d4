"""Mixtures: the teaching rules, label facts and legal texts the mixture calculator warns about.

Each rule says where it comes from (``kind``), what triggers it (``trigger``) and its sources. Products are
read from products.yml (theme ``products``); ``check_links`` checks the product ids and families a trigger names.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, model_validator

from .base import Collection, Sourced, Strict
from .products import Product, ProductStatus

RuleKind = Literal["regle_enseignement", "fait_rcp", "texte_legal", "decision_agence", "convention_cours"]
FAMILIES = set(get_args(Product.model_fields["family"].annotation))
STATUSES = set(get_args(ProductStatus))


class Trigger(Strict):
    """What makes a rule apply to a mixture (read by ``mesocours.models.mixture``).

    ``toujours``: every mixture; ``plus_de_produits``: more than ``n`` products; ``famille``: a product of one
    of ``families``; ``meme_famille``: two products of one family; ``statut``: a product whose status is one of
    ``statuses``; ``produits``: one of ``product_ids``; ``excipient``: a product whose label lists an excipient
    of known effect; ``sans_anesthesique_local``: no local anaesthetic; ``hors_amm``: an off-label ``reason``
    (route of the chosen presentation, indication, mixing). ``min_products``: only in mixtures of at least that
    many products.
    """

    when: Literal["toujours", "plus_de_produits", "famille", "meme_famille", "statut", "produits", "excipient",
                  "sans_anesthesique_local", "hors_amm"]
    n: int | None = Field(default=None, ge=0)
    families: list[str] = []
    statuses: list[str] = []
    product_ids: list[str] = []
    reason: Literal["voie", "indication", "melange"] | None = None
    min_products: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _fields_of_kind(self) -> Trigger:
        needs = {"plus_de_produits": ("n", self.n is not None), "famille": ("families", bool(self.families)),
                 "statut": ("statuses", bool(self.statuses)), "produits": ("product_ids", bool(self.product_ids)),
                 "hors_amm": ("reason", self.reason is not None)}
        if self.when in needs and not needs[self.when][1]:
            raise ValueError(f"le déclencheur « {self.when} » demande le champ « {needs[self.when][0]} »")
        unknown = [f for f in self.families if f not in FAMILIES]
        if unknown:
            raise ValueError(f"famille inconnue {unknown} ; familles possibles : {', '.join(sorted(FAMILIES))}")
        unknown = [s for s in self.statuses if s not in STATUSES]
        if unknown:
            raise ValueError(f"statut inconnu {unknown} ; statuts possibles : {', '.join(sorted(STATUSES))}")
        return self


class MixingRule(Sourced):
    id: str
    kind: RuleKind
    title: str  # short French name shown in the calculator's table
    text: str  # the rule or fact, in our own French
    trigger: Trigger


COLLECTIONS = [Collection("mixing_rules", "mixing_rules.yml", MixingRule)]


def check_links(course, known_keys: set[str]) -> list[str]:
    """Triggers name products of products.yml."""
    problems: list[str] = []
    product_ids = {p.id for p in course.products}
    for rule in course.mixing_rules:
        for pid in rule.trigger.product_ids:
            if pid not in product_ids:
                problems.append(f"mixing_rules.yml, enregistrement « {rule.id} », champ « trigger.product_ids » : "
                                f"produit inconnu « {pid} » (absent de products.yml)")
    return problems
