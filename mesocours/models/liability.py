"""Liability after a complication: the three paths (civil, criminal, disciplinary) and who pays.

Pure data and logic, no figure: ``mesocours.plots.liability`` draws :data:`PATHS`; the chapter
« Information, consentement, responsabilité » and its exercises call :func:`who_pays`.
Every step names the text it comes from; the texts and their status are records of
``data/legal_texts.yml`` (the chapter shows them through the ``tableau-textes`` directive).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LiabilityPath:
    key: str
    title: str  # « Voie civile »
    purpose: str  # what the patient seeks
    forum: str  # who judges
    steps: tuple[str, ...]  # what the judge looks for, each with its text


PATHS: tuple[LiabilityPath, ...] = (
    LiabilityPath(
        key="civile",
        title="Voie civile",
        purpose="être indemnisé",
        forum="tribunal judiciaire (exercice libéral) ; conciliation possible devant la CCI",
        steps=(
            "faute prouvée (technique, asepsie, information) : L.1142-1 I",
            "payée par l’assureur du médecin : L.1142-2",
            "défaut d’un produit de santé : son producteur ou fournisseur",
        ),
    ),
    LiabilityPath(
        key="penale",
        title="Voie pénale",
        purpose="faire punir une infraction",
        forum="tribunal correctionnel (plainte, parquet)",
        steps=(
            "blessures involontaires : art. 222-19 et 222-20 du code pénal",
            "faute caractérisée si la causalité est indirecte : art. 121-3",
            "peine personnelle ; la victime peut s’y porter partie civile",
        ),
    ),
    LiabilityPath(
        key="disciplinaire",
        title="Voie disciplinaire",
        purpose="faire sanctionner un manquement à la déontologie",
        forum="chambre disciplinaire de l’Ordre, puis chambre nationale, puis Conseil d’État",
        steps=(
            "manquement au code de déontologie : R.4127-8, -32, -35, -39, -40, -69, -70",
            "avertissement, blâme, interdiction temporaire, radiation : L.4124-6",
            "preuve selon les règles ordinaires (CE, 16 juillet 2025)",
        ),
    ),
)


@dataclass(frozen=True)
class WhoPays:
    payers: tuple[str, ...]  # who compensates, in French
    texts: tuple[str, ...]  # the articles the answer rests on
    oniam: bool  # does national solidarity (ONIAM) step in?

    def sentence(self) -> str:
        """The answer as one French sentence, with its articles."""
        who = "\u00a0; ".join(self.payers)
        label = "article" if len(self.texts) == 1 else "articles"
        return f"Qui indemnise\u00a0? {who[0].upper()}{who[1:]} ({label} {', '.join(self.texts)} du Code de la santé publique)."


def who_pays(*, aesthetic: bool, fault: bool, product_defect: bool = False) -> WhoPays:
    """Who compensates the damage of a complication of a mesotherapy session (civil path only).

    ``aesthetic``: the act has no preventive, diagnostic, therapeutic or reconstructive purpose;
    ``fault``: a fault of the physician is proven; ``product_defect``: a health product was defective.
    Without fault nor defect, national solidarity may pay for an act of care if the damage is
    abnormal and reaches the decree's severity threshold (L.1142-1 II, not checked here), never for a
    purely aesthetic act (L.1142-3-1), whose victim keeps only conciliation before the CCI.
    """
    payers: list[str] = []
    texts: list[str] = []
    if fault:
        payers.append("le médecin, par son assureur de responsabilité civile professionnelle")
        texts += ["L.1142-1 I", "L.1142-2"]
    if product_defect:
        payers.append("le producteur ou le fournisseur du produit de santé défectueux")
        texts.append("L.1142-1 I")
    if payers:
        return WhoPays(tuple(payers), tuple(dict.fromkeys(texts)), oniam=False)
    if aesthetic:
        return WhoPays((("personne au titre de la solidarité nationale\u00a0: le patient garde le dommage, "
                        "et seule une conciliation devant la CCI reste ouverte"),),
                       ("L.1142-3-1",), oniam=False)
    return WhoPays(("l’ONIAM, au titre de la solidarité nationale, si le dommage est anormal et atteint le seuil de gravité",),
                   ("L.1142-1 II",), oniam=True)
