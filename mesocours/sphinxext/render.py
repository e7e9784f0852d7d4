"""Pure functions that turn course data into reStructuredText.

Every ``render_<thing>(course, ...) -> str`` takes a :class:`mesocours.data.Course`
(or the records it needs) and returns rST text, with no Sphinx import: the
directives in :mod:`mesocours.sphinxext.directives` parse that text in place.
Citations are sphinxcontrib-bibtex roles (``:cite:p:`key```), glossary cross
references ``:term:``, chapter links ``:doc:`` with absolute docnames.

Free text coming from data/ goes through :func:`rst_text` so that a stray
``*``, ``|`` or backtick cannot break the page; ``*emphasis*`` written in data
(e.g. ``*M. chelonae*``) is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Sequence
from typing import Any

from mesocours.data import Course, GlossaryTerm
from mesocours.numbers import NBSP, accord, fr, fr_date, fr_mean_sd

NNBSP = "\u202f"

# --------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------
_EMPH_RE = re.compile(r"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])")
_ASCII_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
_LINE_START_RE = re.compile(
    r"^(?:[-+•:>#|.]|\*(?=\s|$)|\d+[.)]\s|[A-Za-z][.)]\s|[ivxlcdmIVXLCDM]+[.)]\s|\(\w+\)\s)"
)


def _escape_plain(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for ch in "`*|_[]<>":
        text = text.replace(ch, "\\" + ch)
    return text.replace("::", ":\\:")  # "::" would announce a literal block


def _may_open(ch: str) -> bool:
    """Whether ``ch`` may precede an inline-markup start-string (docutils rules)."""
    return ch == "" or ch.isspace() or ch in "-:/'\"<([{" or (
        ord(ch) > 127 and unicodedata.category(ch) in ("Ps", "Pi", "Pf", "Pd", "Po"))  # other ASCII: never


def _may_close(ch: str) -> bool:
    """Whether ``ch`` may follow an inline-markup end-string (docutils rules)."""
    return ch == "" or ch.isspace() or ch in "-.,:;!?\\/'\")]}>" or (
        ord(ch) > 127 and unicodedata.category(ch) in ("Pe", "Pi", "Pf", "Pd", "Po"))  # other ASCII: never


def emphasis_spans(s: str) -> list[re.Match]:
    """``*emph*`` spans of ``s`` that rST reads as emphasis."""
    return [m for m in _EMPH_RE.finditer(s)
            if _may_open(s[m.start() - 1: m.start()]) and _may_close(s[m.end(): m.end() + 1])]


def rst_text(text: Any) -> str:
    """One line of inline rST from free text: collapsed whitespace, markup escaped, ``*emph*`` kept.

    Only ASCII whitespace is collapsed: the data's non-breaking spaces (before « : », inside « ») stay.
    """
    s = _ASCII_SPACE_RE.sub(" ", str(text)).strip(" ")
    out: list[str] = []
    pos = 0
    for m in emphasis_spans(s):
        out.append(_escape_plain(s[pos:m.start()]))
        out.append("*" + _escape_plain(m.group(1)) + "*")
        pos = m.end()
    out.append(_escape_plain(s[pos:]))
    res = "".join(out)
    if _LINE_START_RE.match(res):
        res = "\\" + res  # would start a list, a field, a quote... in rST
    return res


def cite(keys: Iterable[str]) -> str:
    """Parenthetical sphinxcontrib-bibtex citation of ``keys`` (empty string if none)."""
    keys = [k for k in dict.fromkeys(keys) if k]
    return f":cite:p:`{','.join(keys)}`" if keys else ""


def _doc_title(text: str) -> str:
    """Text usable as the explicit title or target of a ``:doc:`` / ``:term:`` role."""
    s = " ".join(text.split()).replace("\\", "/").replace("`", "’")
    return s.replace("<", "‹").replace(">", "›")


def french_sort_key(text: str) -> tuple[str, str]:
    """Sort key for French collation at the first level: accents, case, hyphens ignored.

    ``sorted(["épiderme", "Ester", "excipient"], key=french_sort_key)`` ->
    ``["épiderme", "Ester", "excipient"]``; œ/æ sort as oe/ae.
    """
    s = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    base = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    base = re.sub(r"[^\w]+", " ", base.casefold()).strip()
    return base, text


def fr_duration(minutes: int) -> str:
    """Study time as French readers write it: 45 -> ``45 min``, 60 -> ``1 h``, 75 -> ``1 h 15``."""
    h, m = divmod(int(minutes), 60)
    if h == 0:
        return f"{m}{NBSP}min"
    if m == 0:
        return f"{h}{NBSP}h"
    return f"{h}{NBSP}h{NBSP}{m:02d}"


def _indent(text: str, n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def list_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, widths: Sequence[int] | None = None,
               css_class: str = "tableau-donnees", caption: str = "") -> str:
    """An rST ``list-table``; each cell is rST (may contain several lines, e.g. a bullet list)."""
    lines = [f".. list-table:: {caption}".rstrip(), "   :header-rows: 1", f"   :class: {css_class}"]
    if widths:
        lines.append("   :widths: " + " ".join(str(w) for w in widths))
    lines.append("")
    for row in [list(header), *rows]:
        for j, cell in enumerate(row):
            cell = cell if cell and cell.strip() else "—"
            first, *rest = cell.splitlines()
            lines.append(("   * - " if j == 0 else "     - ") + first)
            for r in rest:
                lines.append(("       " + r) if r.strip() else "")
    return "\n".join(lines) + "\n"


def _bullets(items: Sequence[str]) -> str:
    """A bullet list (rST) of already-rendered items; a single item stays a plain paragraph."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return "\n".join(f"- {i}" for i in items)


def _with_cite(text: str, sources: Iterable[str]) -> str:
    c = cite(sources)
    return f"{text} {c}" if c else text


def _empty(sentence: str) -> str:
    return sentence + "\n"


def _caution(title: str, body: str) -> str:
    return f".. admonition:: {title}\n   :class: caution\n\n{_indent(body, 3)}\n"


# --------------------------------------------------------------------------
# Objectives box, course plan
# --------------------------------------------------------------------------
class UnknownChapter(KeyError):
    """The chapter id given to ``objectifs`` is not in data/chapters.yml."""

    def __str__(self) -> str:  # French: shown to authors in the build log
        return f"chapitre inconnu « {self.args[0]} » (absent de data/chapters.yml)"


def _chapter_label(ch: Any) -> str:
    return f"{ch.number}. {ch.title}"


def _chapter_ref(ch: Any, known_docs: Container[str]) -> str:
    """A :doc: link to a chapter when its page exists in this build, plain text otherwise."""
    if ch.doc in known_docs and ch.status == "publie":
        return f":doc:`{_doc_title(_chapter_label(ch))} </{ch.doc}>`"
    return f"{rst_text(_chapter_label(ch))} (à venir)"


def render_objectifs(course: Course, chapter_id: str, known_docs: Container[str] = frozenset()) -> str:
    """The « Objectifs d’apprentissage » box of one chapter (objectives, study time, prerequisites)."""
    chapters = {c.id: c for c in course.chapters}
    if chapter_id not in chapters:
        raise UnknownChapter(chapter_id)
    ch = chapters[chapter_id]
    body = [f"À la fin de ce chapitre, vous saurez{NBSP}:", ""]
    body += [f"- {rst_text(o)}" for o in ch.objectives]
    body += ["", f"**Durée d’étude{NBSP}:** {fr_duration(ch.study_time_min)}", ""]
    if ch.prerequisites:
        refs = [_chapter_ref(chapters[p], known_docs) if p in chapters else rst_text(p) for p in ch.prerequisites]
        body.append(f"**Prérequis{NBSP}:** " + f"{NBSP}; ".join(refs) + ".")
    else:
        body.append(f"**Prérequis{NBSP}:** aucun.")
    return ".. admonition:: Objectifs d’apprentissage\n   :class: objectifs tip\n\n" + _indent("\n".join(body), 3) + "\n"


_PART_STATUS = {"publiee": "publiée", "a_venir": "à venir"}


def render_plan(course: Course, known_docs: Container[str] = frozenset()) -> str:
    """The course plan for the home page: parts, their chapters, status and study time."""
    if not course.parts:
        return _empty("Le plan du cours n’est pas encore disponible.")
    out: list[str] = []
    for i, part in enumerate(course.parts, 1):
        out.append(f".. rubric:: Partie {i}{NBSP}— {rst_text(part.title)} ({_PART_STATUS[part.status]})")
        out.append("")
        chapters = sorted((c for c in course.chapters if c.part == part.id), key=lambda c: c.number)
        if not chapters:
            out.append("Chapitres en préparation.")
            out.append("")
            continue
        for ch in chapters:
            if ch.doc in known_docs and ch.status == "publie":
                item = f":doc:`{_doc_title(_chapter_label(ch))} </{ch.doc}>`{NBSP}— publié"
            else:
                item = f"{rst_text(_chapter_label(ch))}{NBSP}— à venir"
            out.append(f"- {item} ({fr_duration(ch.study_time_min)})")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Glossary
# --------------------------------------------------------------------------
def sorted_terms(terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    return sorted(terms, key=lambda t: french_sort_key(t.term))


def render_glossaire(course: Course, on_unknown: Callable[[str, str], None] | None = None) -> str:
    """A Sphinx ``glossary`` of every term, in French alphabetical order (accents ignored).

    ``see_also`` entries become ``:term:`` links; an entry that is not a term of the glossary
    stays plain text and is reported through ``on_unknown(term, target)``.
    """
    terms = sorted_terms(course.glossary)
    if not terms:
        return _empty("Le glossaire ne contient encore aucun terme.")
    known = {t.term for t in terms}
    lines = [".. glossary::", ""]
    for t in terms:
        lines.append("   " + _escape_plain(" ".join(t.term.split())))
        para = _with_cite(rst_text(t.definition), t.sources)
        lines.append("      " + para)
        if t.see_also:
            refs = []
            for target in t.see_also:
                if target in known:
                    refs.append(f":term:`{_doc_title(target)}`")
                else:
                    refs.append(rst_text(target))
                    if on_unknown:
                        on_unknown(t.term, target)
            lines.append("")
            lines.append(f"      *Voir aussi{NBSP}:* " + ", ".join(refs) + ".")
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Products
# --------------------------------------------------------------------------
PRODUCT_STATUS = {
    "amm": "AMM en vigueur",
    "amm_restreinte": "AMM maintenue, indications restreintes",
    "amm_suspendue": "AMM suspendue ou retirée",
    "dispositif_medical": "dispositif médical (marquage CE), pas un médicament",
    "sans_amm": "sans AMM en France",
    "interdit": "usage interdit",
    "non_verifie": "statut non vérifié (aucun RCP ni aucune décision lus pour ce cours)",
}
EVENT_CHANGE = {
    "retrait": "retrait", "suspension": "suspension", "restriction": "restriction",
    "interdiction": "interdiction", "indication_supprimee": "indication supprimée",
    "mise_en_garde": "mise en garde", "autre": "décision",
}
CAUTION_PRODUCTS = (
    "Ce tableau reproduit des données d’étiquetage (RCP, décisions des agences) avec leurs sources."
    " Ce ne sont **pas** des recommandations de dose, et la présence d’un produit dans ce tableau ne"
    f" signifie pas que son emploi en mésothérapie soit autorisé{NBSP}: comparez la voie employée aux"
    " voies de l’AMM et lisez le statut du produit aujourd’hui."
)
MAX_DOSE_NOTE = (
    "Une dose maximale du RCP est celle de l’acte, du jour ou de l’intervalle qu’il nomme, pour la voie qu’il"
    f" nomme{NBSP}: jamais une dose par point d’injection."
)
CHEMISTRY = {"ester": "ester", "amide": "amide"}


def _presentation(p: Any) -> str:
    parts = [f"{rst_text(p.brand)} {rst_text(p.strength)}", "voies" + NBSP + ": " + ", ".join(rst_text(r) for r in p.routes)]
    if getattr(p, "osmolality", None):
        tonic = ", hypertonique" if getattr(p, "hypertonic", None) else ""
        parts.append(f"osmolalité{NBSP}: {rst_text(p.osmolality)}{tonic}")
    if p.marketed is False:
        parts.append("non commercialisé")
    return _with_cite(" — ".join(parts), p.sources)


def _max_dose(d: Any) -> str:
    text = f"**{fr(d.value, unit=d.unit)}** par {rst_text(d.per)}{NBSP}— {rst_text(d.route)}"
    if d.conditions:
        text += f"{NBSP}; {rst_text(d.conditions)}"
    return _with_cite(text, d.sources)


def _excipient(e: Any) -> str:
    name = f"**{rst_text(e.name)}**" + (f" ({rst_text(e.amount)})" if e.amount else "")
    return _with_cite(f"{name}{NBSP}: {rst_text(e.why_it_matters)}", e.sources)


def _warning(w: Any) -> str:
    head = f"*{rst_text(w.section)}*{NBSP}: " if w.section else ""
    return _with_cite(head + rst_text(w.what), w.sources)


def _event(e: Any) -> str:
    return _with_cite(f"**{fr_date(e.date)}**{NBSP}— {rst_text(e.agency)}, {EVENT_CHANGE[e.change]}{NBSP}: {rst_text(e.what)}",
                      e.sources)


#: column key -> (title, width, cell function); the keys are those of the ``:colonnes:`` option
PRODUCT_COLUMNS: dict[str, tuple[str, int, Callable[[Any], str]]] = {
    "produit": ("Produit", 10, lambda p: f"**{rst_text(p.name)}**"),
    "classe": ("Classe", 10, lambda p: rst_text(p.klass)),
    "chimie": ("Liaison", 6, lambda p: CHEMISTRY.get(p.chemistry, "—") if p.chemistry else "—"),
    "presentations": ("Présentations", 22,
                      lambda p: _bullets([_presentation(x) for x in p.presentations]) or "aucune présentation décrite"),
    "voies": ("Voies de l’AMM", 8, lambda p: ", ".join(rst_text(r) for r in p.amm_routes) or "—"),
    "indications": ("Indications de l’AMM", 18, lambda p: _bullets([rst_text(i) for i in p.amm_indications]) or "—"),
    "dose_max": ("Dose maximale du RCP (et ce dont elle est le maximum)", 18,
                 lambda p: _bullets([_max_dose(d) for d in p.label_max_dose]) or "non donnée ou non relevée"),
    "excipients": ("Excipients à retenir", 18, lambda p: _bullets([_excipient(e) for e in p.excipients]) or "aucun relevé"),
    "allergies": ("Allergies", 16, lambda p: rst_text(p.allergy_notes) if p.allergy_notes else "—"),
    "mises_en_garde": ("Mises en garde", 20, lambda p: _bullets([_warning(w) for w in p.warnings]) or "aucune relevée"),
    "statut": ("Statut aujourd’hui", 18, lambda p: f"**{PRODUCT_STATUS[p.status]}**{NBSP}: {rst_text(p.status_note)}"),
    "evenements": ("Événements réglementaires", 24,
                   lambda p: _bullets([_event(e) for e in sorted(p.regulatory_events, key=lambda e: e.date)]) or "aucun"),
    "sources": ("Sources", 8, lambda p: cite(p.sources)),
}
DEFAULT_PRODUCT_COLUMNS = ("produit", "classe", "presentations", "voies", "statut", "evenements", "sources")


def _choose_products(course: Course, families: Sequence[str] = (), ids: Sequence[str] = ()) -> list[Any]:
    """Products by id (in the order given) or by family (French name order); all of them by default.

    Raises UnknownRecord (French) for an id or a family that no product has.
    """
    by_id = {p.id: p for p in course.products}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UnknownRecord("produit inconnu " + ", ".join(f"« {i} »" for i in unknown) + " (absent de products.yml)")
    known_families = {p.family for p in course.products}
    bad = [f for f in families if f not in known_families]
    if bad:
        raise UnknownRecord("famille sans produit " + ", ".join(f"« {f} »" for f in bad)
                            + f"{NBSP}; familles présentes{NBSP}: " + ", ".join(sorted(known_families)))
    chosen = [by_id[i] for i in dict.fromkeys(ids)]
    if families:
        extra = sorted((p for p in course.products if p.family in families and p.id not in ids),
                       key=lambda p: french_sort_key(p.name))
        chosen += extra
    if not ids and not families:
        chosen = sorted(course.products, key=lambda p: french_sort_key(p.name))
    return chosen


def render_produits(course: Course, families: Sequence[str] = (), ids: Sequence[str] = (),
                    columns: Sequence[str] = (), caution: bool = True) -> str:
    """Product table: by default class, presentations, AMM routes, status today, dated regulatory events, sources.

    ``families`` / ``ids`` select the rows (ids keep their order), ``columns`` the columns (keys of
    :data:`PRODUCT_COLUMNS`). A table with the ``dose_max`` column says what a label maximum is a maximum of.
    ``caution=False`` leaves out the caution box (a page that already shows it once).
    """
    columns = tuple(columns) or DEFAULT_PRODUCT_COLUMNS
    bad = [c for c in columns if c not in PRODUCT_COLUMNS]
    if bad:
        raise UnknownRecord("colonne inconnue " + ", ".join(f"« {c} »" for c in bad)
                            + f"{NBSP}; colonnes possibles{NBSP}: " + ", ".join(PRODUCT_COLUMNS))
    out = [_caution("Données d’étiquetage, pas des doses", CAUTION_PRODUCTS), ""] if caution else []
    if not course.products:
        out.append("Aucun produit n’est encore décrit dans les données du cours.")
        return "\n".join(out) + "\n"
    chosen = _choose_products(course, families, ids)
    if "dose_max" in columns:
        out += [MAX_DOSE_NOTE, ""]
    rows = [[PRODUCT_COLUMNS[c][2](p) for c in columns] for p in chosen]
    out.append(list_table([PRODUCT_COLUMNS[c][0] for c in columns], rows,
                          widths=[PRODUCT_COLUMNS[c][1] for c in columns]))
    return "\n".join(out)


def render_evenements_produits(course: Course, families: Sequence[str] = (), ids: Sequence[str] = ()) -> str:
    """The regulatory events of the chosen products, oldest first: date, product, agency, change, what, sources."""
    if not course.products:
        return _empty("Aucun produit n’est encore décrit dans les données du cours.")
    chosen = _choose_products(course, families, ids)
    events = sorted(((e, p) for p in chosen for e in p.regulatory_events), key=lambda ep: (ep[0].date, ep[1].name))
    if not events:
        return _empty("Aucun événement réglementaire n’est décrit pour ces produits.")
    rows = [[f"**{fr_date(e.date)}**", rst_text(p.name), rst_text(e.agency), EVENT_CHANGE[e.change],
             rst_text(e.what), cite(e.sources)] for e, p in events]
    return list_table(["Date", "Produit", "Autorité", "Décision", "Ce qui a changé", "Sources"], rows,
                      widths=[10, 13, 13, 9, 43, 12])


# --------------------------------------------------------------------------
# Legal texts
# --------------------------------------------------------------------------
LEGAL_KIND = {
    "loi": "loi", "decret": "décret", "arrete": "arrêté", "article_de_code": "article de code",
    "decision_de_justice": "décision de justice", "avis": "avis", "decision_administrative": "décision administrative",
}
JURISDICTION = {"FR": "France", "BE": "Belgique", "UE": "Union européenne"}


LEGAL_TOPICS = {
    "hors_amm": "prescription hors AMM", "information": "information et consentement",
    "responsabilite": "responsabilité", "deontologie": "déontologie", "esthetique": "actes esthétiques",
    "vigilance": "vigilances", "exercice": "exercice de la médecine", "remboursement": "remboursement",
    "produits": "produits de santé",
}
"""The ``topics`` of a legal record, in French (the ``:themes:`` option of ``{tableau-textes}``)."""


def _choose_textes(course: Course, ids: Sequence[str] = (), topics: Sequence[str] = ()) -> list[Any]:
    """Legal texts by id (in the order given), then by topic (date order); all of them by default.

    Raises UnknownRecord (French) for an id no record has or a topic that does not exist.
    """
    by_id = {t.id: t for t in course.legal_texts}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UnknownRecord("texte inconnu " + ", ".join(f"« {i} »" for i in unknown) + " (absent de legal_texts.yml)")
    bad = [t for t in topics if t not in LEGAL_TOPICS]
    if bad:
        raise UnknownRecord("thème inconnu " + ", ".join(f"« {t} »" for t in bad)
                            + f"{NBSP}; thèmes possibles{NBSP}: " + ", ".join(LEGAL_TOPICS))
    chosen = [by_id[i] for i in dict.fromkeys(ids)]
    dated = sorted(course.legal_texts, key=lambda t: (t.date, french_sort_key(t.reference)))
    if topics:
        chosen += [t for t in dated if set(t.topics) & set(topics) and t.id not in ids]
    if not ids and not topics:
        chosen = dated
    return chosen


def render_textes(course: Course, ids: Sequence[str] = (), topics: Sequence[str] = ()) -> str:
    """Legal texts: reference, date, what it requires or forbids, whom it binds, status, sources.

    ``ids`` / ``topics`` select the rows (ids keep their order, then the topics' texts in date order).
    """
    if not course.legal_texts:
        return _empty("Aucun texte juridique n’est encore décrit dans les données du cours.")
    rows = []
    for t in _choose_textes(course, ids, topics):
        rows.append([
            f"**{rst_text(t.reference)}**\n\n{LEGAL_KIND[t.kind]}, {JURISDICTION[t.jurisdiction]}",
            fr_date(t.date),
            rst_text(t.rule),
            rst_text(t.binds),
            rst_text(t.status),
            cite(t.sources),
        ])
    return list_table(["Référence", "Date", "Ce qu’il impose ou interdit", "Qui est tenu", "Statut", "Sources"],
                      rows, widths=[16, 10, 34, 16, 14, 10])


# --------------------------------------------------------------------------
# Studies
# --------------------------------------------------------------------------
STUDY_KIND = {
    "essai_randomise": "essai randomisé", "essai_non_randomise": "essai non randomisé", "etude_pilote": "étude pilote",
    "serie_de_cas": "série de cas", "revue_systematique": "revue systématique", "meta_analyse": "méta-analyse",
    "revue_narrative": "revue narrative", "consensus": "consensus d’experts", "rapport_institutionnel": "rapport institutionnel",
    "investigation_epidemie": "investigation d’épidémie",
}
BIAS = {"faible": "faible", "modere": "modéré", "eleve": "élevé", "non_applicable": "non applicable", "non_evalue": "non évalué"}


def _sham(value: bool | None) -> str:
    return {True: "oui", False: "non", None: "non précisé"}[value]


DIRECTION = {"favorable": "en faveur de l’intervention", "nul": "pas de différence", "defavorable": "en défaveur de l’intervention",
             "mixte": "mixte (selon le critère)"}


def _study_n(s) -> str:
    n = fr(s.n) if s.n else "non précisé"
    if s.n and s.n_analysed and s.n_analysed != s.n:
        n += f" ({fr(s.n_analysed)} analysés)"
    return n


def _study_bias(s) -> str:
    rob = s.risk_of_bias
    return f"**{BIAS[rob.judgement]}** (jugé par{NBSP}: {rst_text(rob.by)}){NBSP}: {rst_text(rob.rationale)}"


def _study_result(s) -> str:
    lead = f"**{DIRECTION[s.direction]}**{NBSP}: " if s.direction else ""
    return lead + rst_text(s.main_result)


STUDY_COLUMNS: dict[str, tuple[str, int, Callable[[Any], str]]] = {
    "etude": ("Étude", 10, lambda s: f"**{rst_text(s.label)}**\n\n{rst_text(s.indication)}"),
    "annee": ("Année", 5, lambda s: str(s.year)),
    "plan": ("Plan", 14, lambda s: f"{STUDY_KIND[s.kind]}{NBSP}: {rst_text(s.design)}"),
    "n": ("n", 5, _study_n),
    "intervention": ("Intervention", 14, lambda s: rst_text(s.intervention) if s.intervention else "non précisée"),
    "comparateur": ("Comparateur", 12, lambda s: rst_text(s.comparator) if s.comparator else "aucun"),
    "fictive": ("Procédure fictive", 6, lambda s: _sham(s.sham)),
    "suivi": ("Suivi", 7, lambda s: rst_text(s.follow_up) if s.follow_up else "non précisé"),
    "resultat": ("Résultat principal", 22, _study_result),
    "limites": ("Limites", 18, lambda s: "\n\n".join(f"- {rst_text(x)}" for x in s.limitations) or "non relevées"),
    "biais": ("Risque de biais", 18, _study_bias),
    "sources": ("Sources", 8, lambda s: cite(s.sources)),
}
"""Columns of ``{tableau-etudes}`` (``:colonnes:``): key -> (header, width, cell)."""
STUDY_DEFAULT_COLUMNS = ("etude", "annee", "plan", "n", "comparateur", "fictive", "resultat", "biais", "sources")


def render_etudes(course: Course, ids: Sequence[str] = (), indications: Sequence[str] = (), kinds: Sequence[str] = (),
                  columns: Sequence[str] = ()) -> str:
    """Studies: label, year, design, n, comparator, sham, main result, risk of bias (and who judged it), sources.

    ``ids`` choose records (kept in that order); ``indications`` (ids of indications.yml) and ``kinds`` (keys of
    ``STUDY_KIND``) add the studies that match both filters given, in year order; none: every study, in year order.
    ``columns`` (keys of :data:`STUDY_COLUMNS`) narrow the table for a chapter's text column.
    """
    columns = tuple(columns) or STUDY_DEFAULT_COLUMNS
    bad = [c for c in columns if c not in STUDY_COLUMNS]
    if bad:
        raise UnknownRecord("colonne inconnue " + ", ".join(f"«{NBSP}{c}{NBSP}»" for c in bad)
                            + f"{NBSP}; colonnes possibles{NBSP}: " + ", ".join(STUDY_COLUMNS))
    if not course.studies:
        return _empty("Aucune étude n’est encore décrite dans les données du cours.")
    by_id = {s.id: s for s in course.studies}
    known_indications = {i.id for i in course.indications}
    for sid in ids:
        if sid not in by_id:
            raise UnknownRecord(f"étude inconnue «{NBSP}{sid}{NBSP}» (absente de studies.yml)")
    for iid in indications:
        if iid not in known_indications:
            raise UnknownRecord(f"indication inconnue «{NBSP}{iid}{NBSP}» (absente de indications.yml)")
    for k in kinds:
        if k not in STUDY_KIND:
            raise UnknownRecord(f"type d’étude inconnu «{NBSP}{k}{NBSP}» ; types possibles{NBSP}: {', '.join(STUDY_KIND)}")
    ordered = sorted(course.studies, key=lambda s: (s.year, french_sort_key(s.label)))
    chosen = [by_id[i] for i in ids]
    if indications or kinds:
        chosen += [s for s in ordered if s not in chosen
                   and (not indications or set(indications) & set(s.indication_ids))
                   and (not kinds or s.kind in kinds)]
    elif not ids:
        chosen = ordered
    if not chosen:
        return _empty("Aucune étude des données du cours ne répond à ce choix.")
    rows = [[STUDY_COLUMNS[k][2](s) for k in columns] for s in chosen]
    return list_table([STUDY_COLUMNS[k][0] for k in columns], rows, widths=[STUDY_COLUMNS[k][1] for k in columns])


# --------------------------------------------------------------------------
# Outbreaks, complications
# --------------------------------------------------------------------------
def _period(start: str, end: str | None) -> str:
    return f"{fr_date(start)}{NBSP}– {fr_date(end)}" if end and end != start else fr_date(start)


def render_epidemies(course: Course) -> str:
    """Documented outbreaks: place, period, organisms, cases / exposed, setting, cause, sources."""
    if not course.outbreaks:
        return _empty("Aucune épidémie n’est encore décrite dans les données du cours.")
    rows = []
    for o in sorted(course.outbreaks, key=lambda o: (o.start, french_sort_key(o.place))):
        from mesocours.plots.outbreaks import CASE_WORDS  # one wording for the figure and the table

        from mesocours.plots.outbreaks import NO_COUNT

        cases = f"{fr(o.cases)} {CASE_WORDS[o.case_kind]}" if o.cases is not None else NO_COUNT[0].upper() + NO_COUNT[1:]
        if o.cases_confirmed is not None:
            cases += f", dont {fr(o.cases_confirmed)} confirmés"
        cases += f" sur {fr(o.exposed)} personnes exposées" if o.exposed else ""
        organisms = ", ".join(f"*{_escape_plain(x.strip('*'))}*" for x in o.organisms)
        rows.append([
            f"**{rst_text(o.place)}** ({rst_text(o.country)})",
            (f"publié en {o.start[:4]} (période non relevée)" if o.dated_by == "publication"
             else _period(o.start, o.end)),
            organisms,
            cases,
            rst_text(o.setting),
            rst_text(o.cause),
            cite(o.sources),
        ])
    return list_table(["Lieu", "Période", "Germes", "Cas", "Contexte", "Cause retenue", "Sources"], rows,
                      widths=[12, 12, 14, 12, 16, 24, 10])


COMPLICATION_TYPE = {
    "infectieuse": "infectieuse", "allergique": "allergique", "locale": "locale", "systemique": "systémique",
    "toxique": "toxique", "cicatricielle": "cicatricielle", "autre": "autre",
}


def _onset_cell(c) -> str:
    if c.onset is None:
        return "non décrit par les sources lues"
    text = rst_text(c.onset.wording)
    if c.onset.approximate:
        text += " (donné en mots par la source)"
    return _with_cite(text, c.onset.sources)


#: column key -> (title, width, cell function); the keys are those of the ``:colonnes:`` option
COMPLICATION_COLUMNS: dict[str, tuple[str, int, Callable[[Any], str]]] = {
    "complication": ("Complication", 13, lambda c: f"**{rst_text(c.label)}**"),
    "type": ("Type", 7, lambda c: COMPLICATION_TYPE[c.type]),
    "frequence": ("Fréquence", 14, lambda c: rst_text(c.frequency)),
    "delai": ("Délai d’apparition", 12, lambda c: _onset_cell(c)),
    "mecanisme": ("Mécanisme", 21, lambda c: rst_text(c.mechanism)),
    "prevention": ("Prévention", 23, lambda c: rst_text(c.prevention)),
    "sources": ("Sources", 10, lambda c: cite(c.sources)),
}


def render_complications(course: Course, ids: Sequence[str] = (), types: Sequence[str] = (),
                         columns: Sequence[str] = ()) -> str:
    """Complications: label, type, frequency as measured (or not), onset, mechanism, prevention, sources.

    ``ids`` choose records (kept in that order), ``types`` add those of the given types (keys of
    ``COMPLICATION_TYPE``, French name order); neither: every complication, in French name order. ``columns``
    (keys of :data:`COMPLICATION_COLUMNS`, in that order) narrow the table for a chapter's text column; none: all.
    """
    columns = tuple(columns) or tuple(COMPLICATION_COLUMNS)
    bad = [c for c in columns if c not in COMPLICATION_COLUMNS]
    if bad:
        raise UnknownRecord("colonne inconnue " + ", ".join(f"«{NBSP}{c}{NBSP}»" for c in bad)
                            + f"{NBSP}; colonnes possibles{NBSP}: " + ", ".join(COMPLICATION_COLUMNS))
    if not course.complications:
        return _empty("Aucune complication n’est encore décrite dans les données du cours.")
    by_id = {c.id: c for c in course.complications}
    for cid in ids:
        if cid not in by_id:
            raise UnknownRecord(f"complication inconnue «{NBSP}{cid}{NBSP}» ; complications possibles{NBSP}: "
                                f"{', '.join(by_id)}")
    for t in types:
        if t not in COMPLICATION_TYPE:
            raise UnknownRecord(f"type de complication inconnu «{NBSP}{t}{NBSP}» ; types possibles{NBSP}: "
                                f"{', '.join(COMPLICATION_TYPE)}")
    ordered = sorted(course.complications, key=lambda c: french_sort_key(c.label))
    if ids or types:
        chosen = [by_id[i] for i in ids]
        chosen += [c for c in ordered if c.type in types and c not in chosen]
    else:
        chosen = ordered
    rows = [[COMPLICATION_COLUMNS[k][2](c) for k in columns] for c in chosen]
    return list_table([COMPLICATION_COLUMNS[k][0] for k in columns], rows,
                      widths=[COMPLICATION_COLUMNS[k][1] for k in columns])


SKIN_METHOD = {"echographie": "échographie", "histologie": "histologie", "irm": "IRM", "autre": "autre"}


def render_epaisseurs(course: Course) -> str:
    """Measured skin thickness: one row per study and site, with method, population and sources."""
    if not course.skin:
        return _empty("Aucune mesure d’épaisseur cutanée n’est encore décrite dans les données du cours.")
    rows = []
    for m in sorted(course.skin, key=lambda m: (french_sort_key(m.site_label), m.id)):
        method = SKIN_METHOD[m.method] + (f" ({rst_text(m.method_detail)})" if m.method_detail else "")
        population = rst_text(m.population) + (f", n = {fr(m.n)}" if m.n else "")
        rows.append([
            f"**{rst_text(m.site_label)}**",
            fr_mean_sd(m.epidermis_mm),
            fr_mean_sd(m.skin_mm, m.skin_sd_mm),
            fr_mean_sd(m.hypodermis_mm, m.hypodermis_sd_mm),
            f"{method} ; {population}",
            cite(m.sources),
        ])
    return list_table(["Site", "Épiderme", "Épiderme + derme", "Hypoderme", "Méthode et population", "Sources"],
                      rows, widths=[15, 10, 12, 11, 37, 15])


class UnknownRecord(ValueError):
    """A directive names a record or a source that the data does not hold."""

    def __str__(self) -> str:  # French: shown to authors in the build log
        return self.args[0]


def render_vocabulaire(course: Course, techniques: Sequence[str], columns: Sequence[tuple[str, str]]) -> str:
    """Technique names against sources: each cell is the depth as that source words it.

    ``columns`` pairs a bib key with the column title. Cells come from technique_parameters.yml,
    so a changed record changes the table; a source silent on a technique shows « — ».
    """
    by_id = course.by_id("techniques")
    for t in techniques:
        if t not in by_id:
            raise UnknownRecord(f"technique inconnue « {t} » (absente de techniques.yml)")
    records = course.technique_parameters
    for key, _ in columns:
        if not any(key in r.sources for r in records):
            raise UnknownRecord(f"aucun enregistrement de technique_parameters.yml ne cite « {key} »")
    rows = []
    for t in techniques:
        row = [f"**{rst_text(by_id[t].name)}**"]
        for key, _ in columns:
            texts = [r.depth_text for r in records if r.technique == t and key in r.sources and r.depth_text]
            row.append("\n\n".join(rst_text(x) for x in texts))
        rows.append(row)
    rows.append(["Sources", *(cite([key]) for key, _ in columns)])
    return list_table(["Technique", *(rst_text(title) for _, title in columns)], rows)


LAYER_LABEL = {
    "epiderme": "Épiderme",
    "derme_superficiel": "Derme superficiel (papillaire)",
    "derme_profond": "Derme profond (réticulaire)",
    "hypoderme": "Hypoderme",
}


def render_couches(course: Course, schema_id: str) -> str:
    """A taught schema of the skin layers: each layer with the depth the source gives it."""
    schemas = course.by_id("layer_schemas")
    if schema_id not in schemas:
        known = ", ".join(f"« {k} »" for k in sorted(schemas)) or "aucun"
        raise UnknownRecord(f"schéma de couches inconnu « {schema_id} » (connus : {known})")
    schema = schemas[schema_id]
    rows = [[f"**{LAYER_LABEL[l.layer]}**", rst_text(l.depth_text)] for l in schema.layers]
    table = list_table(["Couche", "Profondeur annoncée"], rows, widths=[40, 60],
                       caption=rst_text(schema.label))
    basis = ("La source appuie ces profondeurs sur des mesures." if schema.based_on_measurements
             else "La source ne cite aucune mesure à l’appui de ces profondeurs.")
    note = f" {rst_text(schema.note)}" if schema.note else ""
    return table + "\n" + _with_cite(basis + note, schema.sources) + "\n"


def render_structures(course: Course, regions: Sequence[str] = ()) -> str:
    """Structures at risk, region by region: the region's measured skin, then one row per structure.

    Each region opens with the skin thickness measured at its sites (data/skin_thickness.yml), then a
    table: structure, landmark, depth as measured (or why none is given), danger, sources. ``regions``
    restricts and orders the regions (default: all, in data order).
    """
    from mesocours.models.structures import BASIS_LABELS, DANGER_LABELS

    by_id = course.by_id("regions")
    wanted = list(regions) or list(by_id)
    for r in wanted:
        if r not in by_id:
            known = ", ".join(f"« {k} »" for k in by_id) or "aucune"
            raise UnknownRecord(f"région inconnue « {r} » (connues : {known})")
    method = {"echographie": "échographie", "scanner": "scanner", "irm": "IRM", "dissection": "dissection"}
    out: list[str] = []
    for rid in wanted:
        region = by_id[rid]
        skin = [m for m in course.skin if m.site in region.skin_sites and m.skin_mm is not None]
        if skin:
            parts = [f"{rst_text(m.site_label)} {fr_mean_sd(m.skin_mm, m.skin_sd_mm)} {cite(m.sources)}" for m in skin]
            skin_line = f"Épaisseur épiderme + derme mesurée dans la région{NBSP}: " + f"{NBSP}; ".join(parts) + "."
        else:
            skin_line = "Aucune épaisseur épiderme + derme mesurée dans cette région dans les données du cours."
        if region.note:
            skin_line += " " + rst_text(region.note)
        rows = []
        for st in (x for x in course.structures if x.region == rid):
            if st.depths:
                depth = "\n\n".join(
                    f"{fr(d.range_mm.min, 2)}" + ("" if d.range_mm.min == d.range_mm.max else f" à {fr(d.range_mm.max, 2)}")
                    + f"{NBSP}mm ({BASIS_LABELS[d.basis]}, {method[d.method]}"
                    + (f", n = {d.n}" if d.n else "") + f") {cite([d.source])}" for d in st.depths)
            else:
                why = rst_text(st.no_depth_reason)
                depth = f"*Non documentée*{NBSP}: " + why[0].lower() + why[1:]
            danger = (", ".join(DANGER_LABELS[d] for d in st.dangers).capitalize() + ". " + rst_text(st.danger_text)
                      + f"\n\n*Prudence*{NBSP}: " + rst_text(st.avoid))
            rows.append([f"**{rst_text(st.name)}**", rst_text(st.landmark), depth, danger, cite(st.sources)])
        out.append(f"**{rst_text(region.label)}.** {skin_line}\n")
        if rows:
            out.append(list_table(["Structure", "Repère", "Profondeur sous la peau", "Danger et prudence", "Sources"],
                                  rows, widths=[17, 24, 23, 27, 9]))
        else:
            out.append(_empty("Aucune structure à risque n’est décrite pour cette région dans les données du cours."))
    return "\n".join(out)
# --------------------------------------------------------------------------
# Chapter tables: contraindications by source, session calendars, needle gauges, doses of a study
# --------------------------------------------------------------------------
CI_STRENGTH = {"rcp": "RCP du produit", "reglementaire": "texte réglementaire", "consensus": "société savante",
               "avis_de_praticien": "liste de praticiens (faible)"}


def render_contre_indications(course: Course) -> str:
    """Contraindications, strongest source first (RCP, regulation, society, practitioners' lists)."""
    if not course.contraindications:
        return _empty("Aucune contre-indication n’est encore décrite dans les données du cours.")
    order = list(CI_STRENGTH)
    rows = [[f"**{rst_text(c.label)}**", CI_STRENGTH[c.strength], c.kind, rst_text(c.rationale), cite(c.sources)]
            for c in sorted(course.contraindications, key=lambda c: (order.index(c.strength), french_sort_key(c.label)))]
    return list_table(["Situation", "Origine", "Type", "Justification", "Sources"], rows,
                      widths=[26, 12, 8, 40, 14])


RELIABILITY = {"primaire": "primaire (essai)", "secondaire": "secondaire", "faible": "faible"}


def render_calendriers(course: Course) -> str:
    """Session calendars as the sources describe them: phases, number of sessions, last day, volume."""
    from mesocours.models.protocols import schedule  # models may not import sphinxext; the reverse is fine

    if not course.protocols:
        return _empty("Aucun calendrier n’est encore décrit dans les données du cours.")
    rows = []
    for p in course.protocols:
        days = [d for d, _ in schedule(p)]
        phases = " puis ".join(f"{ph.sessions} × tous les {fr(ph.interval_days)}{NBSP}j" for ph in p.phases)
        vol = "non documenté" if p.volume_per_session_ml is None else fr(p.volume_per_session_ml.mid, unit="mL")
        rows.append([f"**{rst_text(p.label)}**", rst_text(p.context), phases, fr(len(days)), fr(days[-1]), vol,
                     RELIABILITY[p.reliability], cite(p.sources)])
    return list_table(["Calendrier", "Contexte", "Phases", "Séances", "Jour de la dernière séance (première séance = jour 0)",
                       "Volume par séance", "Fiabilité", "Sources"], rows,
                      widths=[14, 16, 16, 7, 10, 9, 10, 18])


def render_calibres(course: Course) -> str:
    """Needle gauge and nominal outer diameter (mm), from the cited table."""
    if not course.needle_gauges:
        return _empty("Aucun calibre n’est encore décrit dans les données du cours.")
    rows = [[f"**{g.gauge}{NBSP}G**", fr(g.outer_diameter_mm, digits=3, unit="mm"),
             rst_text(g.note) if g.note else "", cite(g.sources)]
            for g in sorted(course.needle_gauges, key=lambda g: g.gauge)]
    return list_table(["Calibre", "Diamètre extérieur nominal", "Remarque", "Sources"], rows, widths=[14, 22, 44, 20])


def render_sevrage(course: Course) -> str:
    """Minimum washout periods of glucocorticoids before competition: route, substances, days, sources."""
    if not course.washout_periods:
        return _empty("Aucune période de sevrage n’est encore décrite dans les données du cours.")
    rows = [[rst_text(w.route), rst_text(w.substances), f"**{fr(w.days)}{NBSP}jours**", cite(w.sources)]
            for w in course.washout_periods]
    return list_table(["Voie", "Glucocorticoïdes", "Période de sevrage minimale", "Sources"], rows,
                      widths=[30, 36, 16, 18])


def render_doses(course: Course, study_id: str) -> str:
    """What one study reports giving at each session, and the totals over its sessions (not a recommendation)."""
    from mesocours.models.doses import reported_totals

    studies = course.by_id("studies")
    if study_id not in studies:
        raise UnknownRecord(f"étude inconnue « {study_id} » (absente de studies.yml)")
    study = studies[study_id]
    totals = reported_totals(study)
    if not totals:
        raise UnknownRecord(f"l’étude « {study_id} » ne rapporte aucune dose (champ doses_per_session vide)")
    n = len(totals[0].per_session_mg)
    rows = [[f"**{rst_text(t.product)}**", *(fr(a, unit="mg") if a else "—" for a in t.per_session_mg),
             f"**{fr(t.total_mg, unit='mg')}**"] for t in totals]
    notes = [rst_text(d.note) for d in study.doses_per_session if d.note]
    table = list_table(["Produit", *(f"Séance {k}" for k in range(1, n + 1)), "Total rapporté"], rows,
                       caption=rst_text(f"Doses par séance rapportées par {study.label}"))
    basis = "Doses telles que l’article les rapporte ; les totaux sont une addition faite par le cours."
    if notes:
        basis += " " + " ; ".join(notes) + "."
    return table + "\n" + _with_cite(basis, study.sources) + "\n"


# --- pharma-melange: the rules the mixture calculator warns about ---
def render_regles_melange(course: Course) -> str:
    """The teaching rules, label facts and legal texts of data/mixing_rules.yml, with what triggers each."""
    from mesocours.models.mixture import KIND_LABELS, describe_trigger

    if not course.mixing_rules:
        return _empty("Aucune règle de mélange n’est encore décrite dans les données du cours.")
    rows = [[f"**{rst_text(r.title)}**", KIND_LABELS[r.kind], rst_text(describe_trigger(r)), rst_text(r.text),
             cite(r.sources)] for r in course.mixing_rules]
    return list_table(["Règle ou fait", "Nature", "Ce qui la déclenche dans le calculateur", "Ce que dit la source",
                       "Sources"], rows, widths=[14, 11, 20, 40, 15],
                      caption="Règles et faits signalés par le calculateur de mélange")


RELIABILITY_LABEL = {"primaire": "primaire", "secondaire": "secondaire", "faible": "faible ⚠"}
UNDOCUMENTED = "*non documenté*"


def _range(r: Any, unit: str) -> str:
    """A sourced range in French: « 2–4 mm », « jusqu’à 2 mm », « 0,01 mL »; a missing value says so."""
    if r is None:
        return UNDOCUMENTED
    if r.min == r.max:
        text = fr(r.min, 3)
    elif r.min == 0:
        text = f"jusqu’à {fr(r.max, 3)}"
    else:
        text = f"{fr(r.min, 3)}–{fr(r.max, 3)}"
    return text + ("°" if unit == "°" else f"{NBSP}{unit}")


def render_techniques(course: Course) -> str:
    """Technique parameters as each source states them: one row per source and technique.

    Rows follow the order of techniques.yml; a parameter the source does not give reads « non documenté ».
    """
    if not course.technique_parameters:
        return _empty("Aucun paramètre de technique n’est encore décrit dans les données du cours.")
    names = {t.id: t.name for t in course.techniques}
    order = list(names)
    records = sorted(course.technique_parameters,
                     key=lambda p: (order.index(p.technique) if p.technique in order else len(order), p.id))
    rows = []
    for p in records:
        depth = _range(p.depth_mm, "mm") if p.depth_mm else (rst_text(p.depth_text) if p.depth_text else UNDOCUMENTED)
        needle = [_range(p.needle_length_mm, "mm")] if p.needle_length_mm else []
        needle += [rst_text(", ".join(p.needle_gauge))] if p.needle_gauge else []
        rows.append([
            f"**{rst_text(names.get(p.technique, p.technique))}**",
            cite(p.sources),
            RELIABILITY_LABEL[p.reliability],
            depth,
            " ; ".join(needle) or UNDOCUMENTED,
            _range(p.angle_deg, "°"),
            _range(p.volume_per_point_ml, "mL"),
            _range(p.spacing_mm, "mm"),
        ])
    return list_table(["Technique", "Source", "Fiabilité", "Profondeur", "Aiguille", "Angle", "Volume par point",
                       "Espacement"], rows, widths=[13, 14, 9, 20, 14, 8, 10, 12])


# --------------------------------------------------------------------------
# Hypotheses on the mechanism of mesotherapy (pharma-voie)
# --------------------------------------------------------------------------
def render_hypotheses(course: Course) -> str:
    """The hypotheses on how mesotherapy would act, strongest evidence first, each with its status and its test."""
    from mesocours.data.mechanisms import EVIDENCE_LABELS, EVIDENCE_ORDER

    if not course.mechanisms:
        return _empty("Aucune hypothèse n’est encore décrite dans les données du cours.")
    ranked = sorted(course.mechanisms, key=lambda m: EVIDENCE_ORDER.index(m.status))
    rows = []
    for m in ranked:
        who = rst_text(m.author) + (f" ({m.year})" if m.year else "")
        rows.append([f"**{rst_text(m.name)}**\n\n{who}", rst_text(m.claim),
                     f"**{EVIDENCE_LABELS[m.status]}**\n\n" + _with_cite(rst_text(m.evidence), m.sources),
                     rst_text(m.test)])
    table = list_table(["Hypothèse", "Ce qu’elle affirme", "Statut et données", "Ce qui la mettrait à l’épreuve"],
                       rows, widths=[18, 27, 30, 25], caption="Hypothèses sur le mode d’action de la mésothérapie")
    basis = ("Statuts attribués par les auteurs du cours d’après les sources lues, du mieux au moins étayé ; "
             f"«{NBSP}démontré dans un autre domaine{NBSP}» signifie que la preuve existe ailleurs que pour les mélanges de "
             "mésothérapie.")
    return table + "\n" + basis + "\n"


# --------------------------------------------------------------------------
# Care pathway by indication (« Parcours par indication », part « Indications par spécialité »)
# --------------------------------------------------------------------------
PATHWAY_STUDY_COLUMNS = ("etude", "plan", "n", "fictive", "resultat", "biais")
PATHWAY_PRODUCT_COLUMNS = ("produit", "statut", "mises_en_garde")
PATHWAY_CLAIMS = ("Ce que des sources d’enseignement décrivent, rapporté comme une affirmation à examiner et non "
                  f"comme un conseil{NBSP}: aucune dose n’est celle du cours.")


def pathway_product_ids(indication: Any) -> list[str]:
    """The products the teaching sources describe for an indication, in order of first mention."""
    return list(dict.fromkeys(pid for d in indication.described for pid in d.product_ids))


def render_parcours(course: Course, indication_id: str, studies: bool = True) -> str:
    """One indication's care pathway: red flags, first-line care, what teaching sources describe, the studies,
    the described products' status and warnings — every word from data (indications, studies, products).

    ``studies=False`` leaves out the studies table (a chapter that shows it elsewhere).
    """
    by_id = {i.id: i for i in course.indications}
    if indication_id not in by_id:
        raise UnknownRecord(f"indication inconnue «{NBSP}{indication_id}{NBSP}» (absente de indications.yml)")
    ind = by_id[indication_id]
    out = [f".. rubric:: Signes d’alerte{NBSP}: {rst_text(ind.label)}", ""]
    if ind.red_flags:
        out.append(list_table(["Signe", "Ce qu’il change", "Sources"],
                              [[rst_text(r.sign), rst_text(r.action), cite(r.sources)] for r in ind.red_flags],
                              widths=[40, 45, 15]))
    else:
        out.append(_empty("Aucun signe d’alerte n’est encore décrit pour cette indication dans les données du cours."))
    out += [".. rubric:: Prise en charge de première intention", ""]
    if ind.first_line:
        out.append(list_table(["Soin", "Force de la recommandation (ses termes)", "Sources"],
                              [[rst_text(f.care), rst_text(f.strength) if f.strength else "non précisée", cite(f.sources)]
                               for f in ind.first_line], widths=[55, 30, 15]))
    else:
        out.append(_empty("Aucune prise en charge de première intention n’est encore décrite pour cette indication "
                          "dans les données du cours."))
    out += [".. rubric:: Ce que décrivent les sources d’enseignement de la mésothérapie", "", PATHWAY_CLAIMS, ""]
    products = {p.id: p for p in course.products}
    if ind.described:
        rows = []
        for d in ind.described:
            names = ", ".join(rst_text(products[pid].name) for pid in d.product_ids if pid in products) or "—"
            rows.append([rst_text(d.mixture), names, rst_text(d.technique) if d.technique else "non décrite",
                         rst_text(d.schedule) if d.schedule else "non décrit", cite(d.sources)])
        out.append(list_table(["Mélange décrit", "Produits", "Technique", "Rythme", "Source qui le décrit"], rows,
                              widths=[28, 17, 20, 20, 15]))
    else:
        out.append(_empty("Aucune source d’enseignement lue pour le cours ne décrit de mélange pour cette indication."))
    if studies:
        out += [".. rubric:: Les études", "", _with_cite(rst_text(ind.evidence_summary), ind.sources), ""]
        if ind.study_ids or any(indication_id in s.indication_ids for s in course.studies):
            out.append(render_etudes(course, indications=[indication_id], columns=PATHWAY_STUDY_COLUMNS))
    ids = pathway_product_ids(ind)
    if ids:
        out += [".. rubric:: Produits décrits{NBSP}: statut et mises en garde".replace("{NBSP}", NBSP), ""]
        out.append(render_produits(course, ids=ids, columns=PATHWAY_PRODUCT_COLUMNS, caution=False))
    return "\n".join(out) + "\n"


RENDERERS: dict[str, tuple[Callable[[Course], str], tuple[str, ...]]] = {
    "tableau-epaisseurs": (render_epaisseurs, ("skin",)),
    "tableau-techniques": (render_techniques, ("techniques", "technique_parameters")),
    "tableau-textes": (render_textes, ("legal_texts",)),
    "tableau-etudes": (render_etudes, ("studies", "indications")),
    "tableau-epidemies": (render_epidemies, ("outbreaks",)),
    "tableau-complications": (render_complications, ("complications",)),
    "tableau-contre-indications": (render_contre_indications, ("contraindications",)),
    "tableau-calendriers": (render_calendriers, ("protocols",)),
    "tableau-calibres": (render_calibres, ("needle_gauges",)),
    "tableau-sevrage": (render_sevrage, ("washout_periods",)),  # anti-doping
    "tableau-hypotheses": (render_hypotheses, ("mechanisms",)),  # pharma-voie
    "tableau-regles-melange": (render_regles_melange, ("mixing_rules", "products")),  # pharma-melange
}
"""Table directives: name -> (render function, collections it reads)."""


# --------------------------------------------------------------------------
# Decision cases (« Cas décisionnels », data/legal_cases.yml) -- added by droit-cas
# --------------------------------------------------------------------------
CASE_LETTERS = "ABCD"


def _raw_html(markup: str) -> str:
    return f".. raw:: html\n\n   {markup}\n"


def render_cas(course: Course, ids: Sequence[str] = (), links: bool = False) -> str:
    """Decision cases: situation, question and answers shown; the answer folded in a ``<details>`` element.

    ``ids`` choose the cases (kept in that order); none: every case, in the order of the data. The folded part
    gives the right answer with its feedback, why each other answer is wrong, the rule, and for each text its
    reference, the date of the text or of the version read, what the course verified and its sources (all read
    from legal_texts.yml). ``<details>``/``<summary>`` open with the keyboard (Entrée, Espace) and need no script.
    ``links``: the chapter to reread as a link (the book's directive; JupyterLab's form renders no Sphinx role).
    """
    if not course.legal_cases:
        return _empty("Aucun cas décisionnel n’est encore décrit dans les données du cours.")
    by_id = {c.id: c for c in course.legal_cases}
    for cid in ids:
        if cid not in by_id:
            raise UnknownRecord(f"cas inconnu «{NBSP}{cid}{NBSP}» ; cas possibles{NBSP}: {', '.join(by_id)}")
    chosen = [by_id[i] for i in ids] if ids else list(course.legal_cases)
    texts = {t.id: t for t in course.legal_texts}
    titles = {ch.id: f"{ch.number}. {ch.title}" for ch in course.chapters}  # as the book numbers them
    blocks = []
    for n, c in enumerate(chosen, 1):
        right = [CASE_LETTERS[i] for i, ch in enumerate(c.choices) if ch.right]
        lines = [f"**Cas {n}{NBSP}: {rst_text(c.title)}**", "", rst_text(c.situation), "",
                 f"*{rst_text(c.question)}*", ""]
        lines += [f"| **{CASE_LETTERS[i]}.** {rst_text(ch.text)}" for i, ch in enumerate(c.choices)]
        lines += ["", _raw_html(f'<details class="mesocours-cas"><summary>Réponse du cas {n} '
                                f'et règle qui le tranche</summary><div class="mesocours-cas-reponse">'), ""]
        lines += [f"**{accord(len(right), 'Réponse')} {accord(len(right), 'juste')}{NBSP}: "
                  f"{' et '.join(right)}.** "
                  + " ".join(rst_text(ch.feedback) for ch in c.choices if ch.right), ""]
        lines += [f"- **{CASE_LETTERS[i]}**{NBSP}: {rst_text(ch.feedback)}" for i, ch in enumerate(c.choices)
                  if not ch.right]
        lines += ["", f"**La règle{NBSP}:** {rst_text(c.rule)} {cite(c.sources)}", "", "**Les textes**", ""]
        for tid in c.legal_texts:
            t = texts.get(tid)
            if t is None:
                raise UnknownRecord(f"cas «{NBSP}{c.id}{NBSP}»{NBSP}: texte juridique inconnu «{NBSP}{tid}{NBSP}»")
            lines.append(f"- **{rst_text(t.reference)}**, {fr_date(t.date)}{NBSP}; ce que le cours a vérifié{NBSP}: "
                         f"{rst_text(t.status)} {cite(t.sources)}")
        chapter = c.section.split("-")[1]
        title = titles[chapter]
        shown = f":ref:`{title} <{c.section}>`" if links else title  # links: in the book (Sphinx resolves the label)
        lines += ["", f"À relire{NBSP}: chapitre «{NBSP}{shown}{NBSP}».", "",
                  _raw_html("</div></details>"), ""]
        blocks.append("\n".join(lines))
    note = ("Situations fictives écrites pour le cours, qui enseignent le cadre juridique avec ses sources "
            "et ne sont pas un conseil juridique. Cherchez votre réponse avant d’ouvrir la solution.")
    return note + "\n\n" + "\n".join(blocks)
