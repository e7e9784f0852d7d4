"""Carte des preuves: indications × studies, read from data/studies.yml and data/indications.yml (no new fact).

Each study that tests an intervention (trials, series, systematic reviews, meta-analyses: ``PRIMARY_KINDS``) is a
point on the row of every indication it studied: its design group, size, sham control, direction of result and
risk of bias (with who judged it). Institutional reports and consensus documents are counted on the row, not
drawn: they are not evidence of efficacy of their own. Each row also says its *gap*, from every study of the data
whatever the filters: no study at all, no randomised trial, or no sham-controlled trial.
"""

from __future__ import annotations

from dataclasses import dataclass

from mesocours.data import course
from mesocours.data.studies import PRIMARY_KINDS
from mesocours.numbers import NBSP, InputError

#: design groups shown on the map (filter and marker), in reading order: key -> (French label, kinds)
DESIGNS = {
    "essai_fictif": ("essai randomisé contre procédure fictive", ("essai_randomise",)),
    "essai_actif": ("essai randomisé sans procédure fictive", ("essai_randomise",)),
    "non_randomise": ("essai non randomisé ou pilote", ("essai_non_randomise", "etude_pilote")),
    "serie": ("série de cas sans témoin", ("serie_de_cas",)),
    "synthese": ("revue systématique ou méta-analyse", ("revue_systematique", "meta_analyse")),
}
DOMAINS = {
    "rhumatologie": "rhumatologie et rachis", "antalgique": "douleur", "sport": "médecine du sport",
    "vasculaire": "angiologie", "orl": "ORL", "esthetique": "esthétique", "dermatologie": "dermatologie",
    "autre": "autres",
}
BIAS_LABELS = {"faible": "faible", "modere": "modéré", "eleve": "élevé", "non_evalue": "non évalué",
               "non_applicable": "non applicable"}
DIRECTION_SIGNS = {"favorable": "+", "nul": "=", "defavorable": "−", "mixte": "±"}
DIRECTION_LABELS = {"favorable": "en faveur", "nul": "pas de différence", "defavorable": "en défaveur",
                    "mixte": "mixte"}
GAPS = {
    "aucune_etude": "aucune étude",
    "aucun_essai": "aucun essai randomisé",
    "aucun_fictif": "aucun essai contre procédure fictive",
}


def design_of(study) -> str:
    """The design group of a primary study."""
    if study.kind == "essai_randomise":
        return "essai_fictif" if study.sham else "essai_actif"
    for key, (_label, kinds) in DESIGNS.items():
        if study.kind in kinds:
            return key
    raise ValueError(study.kind)  # pragma: no cover - PRIMARY_KINDS are all covered (tested)


@dataclass(frozen=True)
class MapPoint:
    label: str
    year: int
    design: str        # key of DESIGNS
    n: int | None
    sham: bool | None
    direction: str
    bias: str          # key of BIAS_LABELS
    bias_by: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MapRow:
    indication: str    # French label
    domain: str        # key of DOMAINS
    points: tuple[MapPoint, ...]   # after the design filter, oldest first
    gap: str | None    # key of GAPS, from all the studies of the indication
    others: int        # reports and consensus documents naming the indication


@dataclass(frozen=True)
class EvidenceMap:
    domain: str | None
    design: str | None
    rows: tuple[MapRow, ...]

    @property
    def points(self) -> int:
        return sum(len(r.points) for r in self.rows)

    def gaps(self, key: str) -> tuple[str, ...]:
        return tuple(r.indication for r in self.rows if r.gap == key)


def _gap(studies) -> str | None:
    if not studies:
        return "aucune_etude"
    trials = [s for s in studies if s.kind == "essai_randomise"]
    if not trials:
        return "aucun_essai"
    if not any(s.sham for s in trials):
        return "aucun_fictif"
    return None


def row_of(ind, studies, design: str | None = None) -> MapRow:
    """The map row of one indication record: its primary studies as points (narrowed to ``design``), its gap."""
    by_id = {s.id: s for s in studies}
    linked = [by_id[i] for i in ind.study_ids if i in by_id]
    linked += [s for s in studies if ind.id in s.indication_ids and s not in linked]
    primary = [s for s in linked if s.kind in PRIMARY_KINDS]
    points = tuple(
        MapPoint(s.label, s.year, design_of(s), s.n or s.n_analysed, s.sham, s.direction, s.risk_of_bias.judgement,
                 s.risk_of_bias.by, tuple(s.sources))
        for s in sorted(primary, key=lambda s: (s.year, s.label)) if design is None or design_of(s) == design)
    return MapRow(ind.label, ind.domain, points, _gap(primary), len(linked) - len(primary))


def evidence_map(domain: str | None = None, design: str | None = None) -> EvidenceMap:
    """The map, optionally narrowed to one domain (key of DOMAINS) and one design group (key of DESIGNS)."""
    if domain is not None and domain not in DOMAINS:
        raise InputError(f"Domaine inconnu «{NBSP}{domain}{NBSP}».")
    if design is not None and design not in DESIGNS:
        raise InputError(f"Plan d’étude inconnu «{NBSP}{design}{NBSP}».")
    data = course()
    rows = [row_of(ind, data.studies, design) for ind in data.indications if domain is None or ind.domain == domain]
    order = list(DOMAINS)
    rows.sort(key=lambda r: (order.index(r.domain), -len(r.points), r.indication))
    return EvidenceMap(domain, design, tuple(rows))


__all__ = ["BIAS_LABELS", "DESIGNS", "DIRECTION_LABELS", "DIRECTION_SIGNS", "DOMAINS", "GAPS", "EvidenceMap",
           "MapPoint", "MapRow", "design_of", "evidence_map", "row_of"]
