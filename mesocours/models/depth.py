"""Needle geometry and skin layers: which layer does a needle tip reach?

``needle_depth_mm(4, 30)`` -> 2.0; ``layer_at("visage_pommette", 2.0).name`` -> ``"hypoderme"``.
Layer thicknesses come from ``data/skin_thickness.yml`` (measured values only). Where the
epidermis was not measured at a site, the Xu 2017 all-site mean is used and the profile's
``notes`` say so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from mesocours.data import BIB_PATH, SkinMeasurement, load_collection
from mesocours.numbers import NBSP, Field, InputError, fr, fr_mean_sd

NEEDLE_LENGTH = Field("la longueur d’aiguille", "mm", feminine=True, minimum=0, strict_min=True, maximum=100)
ANGLE = Field("l’angle avec la peau", "°", minimum=0, maximum=90)
FRACTION = Field("la fraction insérée", None, feminine=True, minimum=0, maximum=1)
DEPTH = Field("la profondeur", "mm", feminine=True, minimum=0)

LAYER_LABELS = {
    "epiderme": "épiderme",
    "derme": "derme",
    "hypoderme": "hypoderme",
    "au_dela": "au-delà de l’hypoderme (fascia, muscle)",
}

# Epidermis fallback: record id of the Xu 2017 meta-analysis mean (all sites pooled).
EPIDERMIS_FALLBACK_ID = "xu2017-tous-sites"

# Classic mesotherapy sites with no verified value in data/ (reported, never guessed).
UNMEASURED_SITES: dict[str, tuple[str, str, list[str]]] = {
    "lombaire": (
        "Région lombaire",
        "Seul le tissu sous-cutané y a été trouvé, mesuré en IRM ; aucune épaisseur épiderme + derme lombaire "
        "n’a pu être vérifiée. Micheels et al. l’ont mesurée à l’échographie, mais leurs valeurs n’ont pas pu être lues.",
        ["okan2020", "micheels_jccd"],
    ),
    "creux_poplite": ("Creux poplité", "Mesuré à l’échographie par Micheels et al., mais les valeurs n’ont pas pu être lues.", ["micheels_jccd"]),
    "cuir_chevelu": (
        "Cuir chevelu",
        "Seule l’épaisseur de l’épiderme y a été trouvée ; aucune épaisseur épiderme + derme vérifiée. "
        "Le front voisin a, lui, un profil mesuré.",
        ["oltulu2022"],
    ),
}


@dataclass(frozen=True)
class SiteProfile:
    site: str
    label: str
    epidermis_mm: float
    dermis_mm: float
    hypodermis_mm: Optional[float]
    sources: list[str]
    notes: list[str]

    @property
    def skin_mm(self) -> float:
        """Epidermis + dermis."""
        return self.epidermis_mm + self.dermis_mm


@dataclass(frozen=True)
class Layer:
    name: str  # "epiderme" | "derme" | "hypoderme" | "au_dela"
    label: str  # French, for learners
    profile: SiteProfile


@lru_cache(maxsize=1)
def _records() -> tuple[SkinMeasurement, ...]:
    return tuple(load_collection("skin"))


METHOD_LABELS = {"echographie": "échographie", "histologie": "histologie", "irm": "IRM", "autre": "autre méthode"}


_SUPERSCRIPTS = {"o": "°", "e": "ᵉ", "er": "ᵉʳ", "re": "ʳᵉ"}
_LATEX_CMD = re.compile(r"\\(textsuperscript|textsubscript|emph|textit|textbf)\{([^{}]*)\}")


def plain_bib_text(text: str) -> str:
    """Bib field text for a plain-text label: the few LaTeX commands the .bib allows become characters
    (« n\\textsuperscript{o} » -> « n° », « 20\\textsuperscript{e} » -> « 20ᵉ »), braces go."""
    text = _LATEX_CMD.sub(lambda m: _SUPERSCRIPTS.get(m[2], m[2]) if m[1] == "textsuperscript" else m[2], text)
    return text.replace("{", "").replace("}", "")


@lru_cache(maxsize=1)
def _bib_text() -> str:
    return BIB_PATH.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def short_citation(key: str) -> str:
    """« Gibney 2010 » from a bib key (first author's surname + year); the key itself if not found."""
    m = re.search(r"^@\w+\s*\{\s*" + re.escape(key) + r"\s*,(.*?)^\}", _bib_text(), flags=re.M | re.S)
    if not m:
        return key
    body = m.group(1)
    author = re.search(r"^\s*author\s*=\s*\{(.*?)\},?\s*$", body, flags=re.M)
    year = re.search(r"^\s*year\s*=\s*\{?(\d{4})", body, flags=re.M)
    if author:
        names = [plain_bib_text(a.strip()).split(",")[0].strip() for a in author.group(1).split(" and ")]
        name = names[0]
        others = f" et {names[1]}" if len(names) == 2 and names[1] != "others" else (" et al." if len(names) > 1 else "")
    else:
        title = re.search(r"^\s*title\s*=\s*\{(.*?)\},?\s*$", body, flags=re.M)
        name, others = (plain_bib_text(title.group(1)) if title else key), ""
    return f"{name}{others} {year.group(1)}" if year else f"{name}{others}"


def _cite(rec: SkinMeasurement) -> str:
    return " ; ".join(short_citation(k) for k in rec.sources)


def _build(site: str) -> Optional[SiteProfile]:
    recs = [r for r in _records() if r.site == site]
    skin_recs = [r for r in recs if r.skin_mm is not None]
    if not skin_recs:
        return None
    # Prefer a record that gives skin and hypodermis together (same population, coherent pair).
    paired = [r for r in skin_recs if r.hypodermis_mm is not None]
    main = paired[0] if paired else skin_recs[0]
    notes: list[str] = []
    sources: list[str] = list(main.sources)
    notes.append(
        f"Épiderme + derme : {fr(main.skin_mm, 2, 'mm')} ({_cite(main)}, {METHOD_LABELS[main.method]}, "
        f"{main.population}{f', n = {main.n}' if main.n else ''})."
    )
    hypo = main.hypodermis_mm
    if hypo is None:
        other_hypo = [r for r in recs if r.hypodermis_mm is not None and r is not main]
        if other_hypo:
            hypo = other_hypo[0].hypodermis_mm
            sources += [k for k in other_hypo[0].sources if k not in sources]
            notes.append(f"Hypoderme : {fr(hypo, 2, 'mm')} ({_cite(other_hypo[0])}).")
        else:
            notes.append("Hypoderme : épaisseur non mesurée à ce site dans les sources retenues.")
    else:
        notes.append(f"Hypoderme : {fr(hypo, 2, 'mm')} ({_cite(main)}).")
    epi_recs = [r for r in recs if r.epidermis_mm is not None]
    if epi_recs:
        epi = epi_recs[0].epidermis_mm
        sources += [k for k in epi_recs[0].sources if k not in sources]
        notes.append(f"Épiderme : {fr(epi * 1000, 0, 'µm')} ({_cite(epi_recs[0])}, {METHOD_LABELS[epi_recs[0].method]}).")
    else:
        fallback = next(r for r in _records() if r.id == EPIDERMIS_FALLBACK_ID)
        epi = fallback.epidermis_mm
        sources += [k for k in fallback.sources if k not in sources]
        notes.append(
            f"Épiderme non mesuré à ce site : moyenne tous sites de la méta-analyse "
            f"{_cite(fallback)} ({fr(epi * 1000, 0, 'µm')})."
        )
    for other in skin_recs:
        if other is not main:
            sources += [k for k in other.sources if k not in sources]
            notes.append(
                f"Autre mesure à ce site : {fr(other.skin_mm, 2, 'mm')} ({_cite(other)}, {other.population})."
            )
    return SiteProfile(
        site=site, label=main.site_label, epidermis_mm=epi, dermis_mm=main.skin_mm - epi,
        hypodermis_mm=hypo, sources=sources, notes=notes,
    )


@lru_cache(maxsize=1)
def _profiles() -> dict[str, SiteProfile]:
    out: dict[str, SiteProfile] = {}
    for rec in _records():
        if rec.site not in out:
            prof = _build(rec.site)
            if prof is not None:
                out[rec.site] = prof
    return out


def sites() -> list[tuple[str, str]]:
    """(site id, French label) of every site with a usable layer profile, in data order."""
    return [(p.site, p.label) for p in _profiles().values()]


def partial_measurements(site: str) -> list[str]:
    """French lines for the values measured at a site that has no full profile (read from data, never typed)."""
    lines = []
    for r in _records():
        if r.site != site or r.skin_mm is not None:
            continue
        parts = []
        if r.epidermis_mm is not None:
            parts.append(f"épiderme {fr(r.epidermis_mm * 1000, 0, 'µm')}")
        if r.hypodermis_mm is not None:
            parts.append(f"hypoderme {fr_mean_sd(r.hypodermis_mm, r.hypodermis_sd_mm)}")
        lines.append(f"{r.site_label} : {', '.join(parts)} ({_cite(r)}, {METHOD_LABELS[r.method]}"
                     f"{f', n = {r.n}' if r.n else ''}).")
    return lines


def site_profile(site: str) -> SiteProfile:
    """The measured layer profile of a site; InputError for an unknown or unmeasured site."""
    if not isinstance(site, str):
        raise InputError("Le site doit être choisi dans la liste des sites mesurés.")
    profiles = _profiles()
    if site in profiles:
        return profiles[site]
    if site in UNMEASURED_SITES:
        label, why, _ = UNMEASURED_SITES[site]
        found = " ".join(partial_measurements(site))
        raise InputError(f"{label}{NBSP}: pas de profil de peau disponible. {why}"
                         + (f" Mesures trouvées{NBSP}: {found}" if found else ""))
    choices = ", ".join(f"« {s} »" for s in profiles)
    raise InputError(f"Site inconnu « {site} »{NBSP}: choisissez parmi {choices}.")


def needle_depth_mm(length_mm: object, angle_deg: object, inserted_fraction: object = 1.0) -> float:
    """Vertical depth of the needle tip: length × inserted fraction × sin(angle)."""
    length = NEEDLE_LENGTH.parse(length_mm)
    angle = ANGLE.parse(angle_deg)
    frac = FRACTION.parse(inserted_fraction)
    return length * frac * math.sin(math.radians(angle))


def layer_at(site: str, depth_mm: object) -> Layer:
    """The layer a tip at ``depth_mm`` (vertical, from the skin surface) lies in."""
    profile = site_profile(site)
    depth = DEPTH.parse(depth_mm)
    if depth <= profile.epidermis_mm:
        name = "epiderme"
    elif depth <= profile.skin_mm:
        name = "derme"
    elif profile.hypodermis_mm is None or depth <= profile.skin_mm + profile.hypodermis_mm:
        name = "hypoderme"
    else:
        name = "au_dela"
    label = LAYER_LABELS[name]
    if name == "hypoderme" and profile.hypodermis_mm is None:
        label = "hypoderme (ou plus profond : épaisseur de l’hypoderme non mesurée à ce site)"
    return Layer(name=name, label=label, profile=profile)
