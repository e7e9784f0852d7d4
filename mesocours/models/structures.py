"""Which superficial structures lie within reach of a needle, at a site or in a region?

``structures_within_reach("front", 4, 90)`` lists the structures of the face (the region the
forehead belongs to) with, for each one, whether a needle of 4 mm pushed in entirely at 90° reaches
its documented depth, and why.

Conventions (stated to learners in the chapter):

* **Vertical reach** = inserted length × sin(angle with the skin), as in :mod:`mesocours.models.depth`;
  the skin is taken as flat and not pressed down, the needle as straight.
* A structure's documented depth is the **shallowest** of its published ranges (several sources may
  disagree: the course keeps the lowest bound of all, by caution).
* ``"atteinte"``: the reach is at least the *upper* bound of that range (the tip goes deeper than the
  structure in the measured subjects, if it is right above it); ``"a_portee"``: the reach lies inside
  the range (deep enough for part of the subjects); ``"hors_portee"``: the reach stays above the
  *lower* bound; ``"non_documentee"``: no measured depth was read, so nothing can be excluded.
* The comparison is vertical only: it says nothing about whether the needle is *over* the structure,
  which the landmark decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional

from mesocours.data import BIB_PATH, BodyRegion, StructureAtRisk, StructureDepth, load_collection
from mesocours.models.depth import needle_depth_mm, short_citation
from mesocours.numbers import InputError, fr

Status = Literal["atteinte", "a_portee", "hors_portee", "non_documentee"]

STATUS_LABELS: dict[str, str] = {
    "atteinte": "atteinte : la pointe descend plus bas que la profondeur mesurée",
    "a_portee": "à portée : la pointe atteint la plage de profondeur mesurée",
    "hors_portee": "hors de portée de la profondeur mesurée",
    "non_documentee": "profondeur non documentée : rien ne permet de l’exclure",
}

STATUS_SHORT: dict[str, str] = {
    "atteinte": "atteinte", "a_portee": "à portée", "hors_portee": "hors de portée",
    "non_documentee": "profondeur non documentée, ne peut pas être exclue",
}

BASIS_LABELS: dict[str, str] = {
    "moyenne_ecart_type": "moyenne ± 1 écart type",
    "etendue_observee": "plus petite et plus grande valeur mesurées",
    "moyenne_seule": "moyenne seule",
    "moyennes_de_groupes": "plus basse et plus haute des moyennes de groupes",
    "mediane": "médiane seule",
    "intervalle_confiance_moyenne": "intervalle de confiance à 95 % d’une moyenne",
}

KIND_LABELS: dict[str, str] = {
    "artere": "artère", "veine": "veine", "nerf": "nerf", "plevre": "plèvre", "canal": "canal",
    "foramen": "foramen",
}

DANGER_LABELS: dict[str, str] = {
    "injection_intravasculaire": "injection intravasculaire",
    "lesion_nerveuse": "lésion nerveuse",
    "pneumothorax": "pneumothorax",
    "hematome": "hématome",
    "lesion_canal": "plaie d’un canal",
}

_ORDER = {"atteinte": 0, "a_portee": 1, "non_documentee": 2, "hors_portee": 3}


@dataclass(frozen=True)
class StructureReach:
    """One structure's verdict for one gesture, with the reason in French."""

    structure: StructureAtRisk
    status: Status
    reach_mm: float
    depth: Optional[StructureDepth]  # the shallowest documented range (None: no depth read)
    reason: str

    @property
    def within_reach(self) -> Optional[bool]:
        """True if reached or within range, False if out of reach, None if no depth is documented."""
        if self.status == "non_documentee":
            return None
        return self.status in ("atteinte", "a_portee")

    @property
    def sources(self) -> list[str]:
        return list(self.structure.sources)


@lru_cache(maxsize=1)
def _regions() -> tuple[BodyRegion, ...]:
    return tuple(load_collection("regions"))


@lru_cache(maxsize=1)
def _structures() -> tuple[StructureAtRisk, ...]:
    return tuple(load_collection("structures"))


def regions() -> list[tuple[str, str]]:
    """(region id, French label) of every region, in data order."""
    return [(r.id, r.label) for r in _regions()]


def regions_for(where: object) -> list[BodyRegion]:
    """The regions named by ``where``: a region id, or a skin-thickness site linked to regions.

    A known skin site that no region lists gives ``[]``; anything else raises a French InputError.
    """
    if not isinstance(where, str) or not where.strip():
        raise InputError("Choisissez une région ou un site anatomique dans la liste.")
    key = where.strip()
    by_id = {r.id: r for r in _regions()}
    if key in by_id:
        return [by_id[key]]
    linked = [r for r in _regions() if key in r.skin_sites]
    if linked:
        return linked
    from mesocours.models.depth import UNMEASURED_SITES, sites

    if key in {s for s, _ in sites()} or key in UNMEASURED_SITES:
        return []
    choices = ", ".join(f"« {r.id} »" for r in _regions())
    raise InputError(f"Région ou site inconnu « {key} » : choisissez une région parmi {choices}, "
                     "ou un site de la liste des épaisseurs mesurées.")


def shallowest(structure: StructureAtRisk) -> Optional[StructureDepth]:
    """The published range with the lowest lower bound (caution when sources disagree)."""
    if not structure.depths:
        return None
    return min(structure.depths, key=lambda d: (d.range_mm.min, d.range_mm.max))


@lru_cache(maxsize=None)
def cite_label(key: str) -> str:
    """« Cotofana et al. 2020 »; for an entry without author, its ``shorttitle`` (journal and year)."""
    text = BIB_PATH.read_text(encoding="utf-8")
    m = re.search(r"^@\w+\s*\{\s*" + re.escape(key) + r"\s*,(.*?)^\}", text, flags=re.M | re.S)
    if m and not re.search(r"^\s*author\s*=", m.group(1), flags=re.M):
        short = re.search(r"^\s*shorttitle\s*=\s*\{(.*?)\},?\s*$", m.group(1), flags=re.M)
        if short:
            return short.group(1)
    return short_citation(key)


def _range_text(d: StructureDepth) -> str:
    r = d.range_mm
    span = fr(r.min, 2, "mm") if r.min == r.max else f"{fr(r.min, 2)} à {fr(r.max, 2, 'mm')}"
    return f"{span} ({BASIS_LABELS[d.basis]}, {cite_label(d.source)})"


def assess(structure: StructureAtRisk, reach_mm: float) -> StructureReach:
    """The verdict for one structure and one vertical reach (mm), with its French reason."""
    reach = fr(reach_mm, 2, "mm")
    d = shallowest(structure)
    if d is None:
        why = structure.no_depth_reason.rstrip(".")
        reason = (f"Pointe à {reach} de profondeur ; aucune profondeur mesurée n’est disponible pour cette "
                  f"structure ({why[0].lower() + why[1:]}). Elle ne peut donc pas être exclue ; seul le repère "
                  f"guide le geste.")
        return StructureReach(structure, "non_documentee", reach_mm, None, reason)
    low, high = d.range_mm.min, d.range_mm.max
    if reach_mm >= high:
        status: Status = "atteinte"
        reason = f"Pointe à {reach}, au-delà de la profondeur documentée : {_range_text(d)}."
    elif reach_mm >= low:
        status = "a_portee"
        reason = f"Pointe à {reach}, dans la plage de profondeur documentée : {_range_text(d)}."
    else:
        status = "hors_portee"
        reason = (f"Pointe à {reach}, moins profonde que la borne basse de la profondeur documentée : "
                  f"{_range_text(d)}.")
        if d.basis in ("moyenne_ecart_type", "moyenne_seule", "moyennes_de_groupes", "mediane",
                       "intervalle_confiance_moyenne"):
            reason += (" Cette borne n’est pas la plus faible valeur individuelle : chez certains sujets, la "
                       "structure est plus superficielle encore.")
    if len(structure.depths) > 1:
        reason += " Les sources ne concordent pas : le cours retient la plage la moins profonde."
    return StructureReach(structure, status, reach_mm, d, reason)


def structures_within_reach(where: object, length_mm: object, angle_deg: object) -> list[StructureReach]:
    """Every structure of the region(s) of ``where`` with its verdict for this needle and angle.

    ``length_mm`` is the inserted length (mm, > 0, at most 100), ``angle_deg`` the angle with the skin
    (0 to 90°); bad input raises the models' French :class:`~mesocours.numbers.InputError`.
    Reached structures come first, then those within range, undocumented, out of reach; ties by depth.
    """
    found = regions_for(where)
    reach = needle_depth_mm(length_mm, angle_deg)
    ids = {r.id for r in found}
    out = [assess(s, reach) for s in _structures() if s.region in ids]
    out.sort(key=lambda r: (_ORDER[r.status], r.depth.range_mm.min if r.depth else 0.0, r.structure.id))
    return out


def summary(results: list[StructureReach]) -> str:
    """One French sentence counting the verdicts (for a widget's status line)."""
    if not results:
        return "Aucune structure à risque n’est décrite pour ce site dans les données du cours."
    counts = {k: sum(r.status == k for r in results) for k in _ORDER}
    parts = []
    if counts["atteinte"] + counts["a_portee"]:
        parts.append(f"{counts['atteinte'] + counts['a_portee']} à portée")
    if counts["non_documentee"]:
        parts.append(f"{counts['non_documentee']} sans profondeur mesurée")
    if counts["hors_portee"]:
        parts.append(f"{counts['hors_portee']} hors de portée")
    return "Structures à risque de la région : " + ", ".join(parts) + "."


def report(where: object, length_mm: object, angle_deg: object) -> str:
    """A French text for a worked example: the reach, then one line per structure with its verdict.

    ``print(report("front", 4, 90))`` starts with « Aiguille de 4 mm enfoncée à 90° : portée verticale 4 mm. »
    """
    results = structures_within_reach(where, length_mm, angle_deg)
    reach = needle_depth_mm(length_mm, angle_deg)
    head = (f"Aiguille de {fr(float(str(length_mm).replace(',', '.')), 1, 'mm')} enfoncée à "
            f"{fr(float(str(angle_deg).replace(',', '.')), 0)}° : portée verticale {fr(reach, 2, 'mm')}.")
    if not results:
        return head + "\n" + summary(results)
    lines = [head]
    for r in results:
        depth = "" if r.depth is None else f" ; profondeur documentée {_range_text(r.depth)}"
        lines.append(f"- {r.structure.name} : {STATUS_SHORT[r.status]}{depth}.")
    return "\n".join(lines)
