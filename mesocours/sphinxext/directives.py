"""Sphinx directives that render course pages from data/ at build time.

Each directive loads the collections it needs from the data folder (config value
``mesocours_data_dir``, default ``mesocours.data.DATA_DIR``), calls a pure
``render_*`` function of :mod:`mesocours.sphinxext.render`, parses the rST it
returns in place, and records every data file it read with
``env.note_dependency`` so that editing data/ rebuilds the page.

Pages are MyST (``.md``, ``.ipynb``): there ``state.nested_parse`` parses
Markdown, so the rST is wrapped in an ``{eval-rst}`` fence; in an ``.rst``
page it is parsed directly.  Either way a generated ``glossary`` registers its
terms book-wide and ``:cite:p:`` roles resolve to the one bibliography.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from mesocours import data as meso_data
from mesocours.sphinxext import render

logger = logging.getLogger(__name__)


def data_dir(env: Any) -> Path:
    """The data folder for this build (``mesocours_data_dir``, relative to the conf dir)."""
    configured = getattr(env.config, "mesocours_data_dir", None)
    if not configured:
        return meso_data.DATA_DIR
    p = Path(configured)
    return p if p.is_absolute() else Path(env.app.confdir) / p


def collection_files(name: str, folder: Path) -> tuple[str, ...]:
    """The files a collection is read from right now (absolute paths, sorted)."""
    coll = meso_data.COLLECTIONS[name]
    return tuple(str(p) for p in meso_data._files(folder, coll.path))


def load_course(env: Any, names: tuple[str, ...]) -> meso_data.Course:
    """A Course holding only ``names`` (other collections stay empty); records the dependencies.

    Each file read is an ``env.note_dependency`` (an edit rebuilds the page); the list of files is
    kept too, so that a file that appears or disappears (a new glossary part, products.yml created
    later) also rebuilds the page (see :func:`outdated_by_new_files`).
    """
    folder = data_dir(env)
    loaded = {}
    watched = _watched(env).setdefault(env.docname, {})
    for name in names:
        files = collection_files(name, folder)
        for path in files:
            env.note_dependency(path)
        watched[(str(folder), name)] = files
        loaded[name] = meso_data.load_collection(name, folder)
    return meso_data.Course(**loaded)


def _watched(env: Any) -> dict[str, dict[tuple[str, str], tuple[str, ...]]]:
    if not hasattr(env, "mesocours_watched"):
        env.mesocours_watched = {}
    return env.mesocours_watched


def note_linked_docs(env: Any, candidates: list[str]) -> None:
    """Remember which chapter pages existed when this page was read (links vs. plain « à venir »)."""
    present = tuple(d for d in candidates if d in env.found_docs)
    _watched(env).setdefault(env.docname, {})[("docs", "")] = (tuple(candidates), present)


def outdated_by_new_files(app, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: pages whose collections gained or lost a file, or whose linked
    chapter pages appeared or disappeared, since they were read."""
    out = []
    for docname, watched in _watched(env).items():
        if docname in removed:
            continue
        for (folder, name), files in watched.items():
            if folder == "docs":
                candidates, present = files
                now = tuple(d for d in candidates if d in env.found_docs)
                if now != present:
                    out.append(docname)
                    break
            elif collection_files(name, Path(folder)) != files:
                out.append(docname)
                break
    return out


def purge_doc(app, env, docname) -> None:
    _watched(env).pop(docname, None)


def merge_info(app, env, docnames, other) -> None:
    theirs = getattr(other, "mesocours_watched", {})
    for docname in docnames:
        if docname in theirs:
            _watched(env)[docname] = theirs[docname]


def _is_myst(state: Any) -> bool:
    try:
        from myst_parser.mocking import MockState
    except ImportError:  # pragma: no cover - myst is always there under Jupyter Book
        return False
    return isinstance(state, MockState)


class DataDirective(SphinxDirective):
    """Base: subclasses implement ``rst()``; this parses it and reports data errors in French."""

    has_content = False
    collections: tuple[str, ...] = ()

    def rst(self, course: meso_data.Course) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        try:
            course = load_course(self.env, self.collections)
            text = self.rst(course)
        except meso_data.DataError as err:
            raise self.error(f"{self.name} : {err}") from None
        except (render.UnknownChapter, render.UnknownRecord) as err:
            raise self.error(f"{self.name} : {err}") from None
        return self.parse(text)

    def parse(self, text: str) -> list[nodes.Node]:
        if _is_myst(self.state):
            text = "``````{eval-rst}\n" + text + "\n``````"
        source = self.get_source_info()[0]
        block = StringList(text.splitlines(), source=source)
        holder = nodes.Element()
        self.state.nested_parse(block, self.content_offset, holder)
        return holder.children


class ObjectifsDirective(DataDirective):
    """``{objectifs} <chapter-id>``: the learning-objectives box of a chapter."""

    required_arguments = 1
    collections = ("chapters",)

    def rst(self, course):
        note_linked_docs(self.env, [c.doc for c in course.chapters])
        return render.render_objectifs(course, self.arguments[0].strip(), self.env.found_docs)


class PlanDirective(DataDirective):
    """``{plan-du-cours}``: parts and chapters with their status (home page)."""

    collections = ("parts", "chapters")

    def rst(self, course):
        note_linked_docs(self.env, [c.doc for c in course.chapters])
        return render.render_plan(course, self.env.found_docs)


class GlossaireDirective(DataDirective):
    """``{glossaire}``: a Sphinx glossary of every term in data/glossary/*.yml."""

    collections = ("glossary",)

    def rst(self, course):
        def unknown(term: str, target: str) -> None:
            logger.warning(
                f"glossaire : « {term} » renvoie (see_also) à « {target} », absent du glossaire",
                location=self.get_location(), type="mesocours", subtype="glossaire",
            )

        return render.render_glossaire(course, on_unknown=unknown)


def _columns(text: str) -> list[tuple[str, str]]:
    """``"key=Title, key2=Title 2"`` -> [(key, title), ...]; a bare key is its own title."""
    cols = []
    for part in text.split(","):
        if part.strip():
            key, _, title = part.partition("=")
            cols.append((key.strip(), title.strip() or key.strip()))
    return cols


class VocabulaireDirective(DataDirective):
    """``{tableau-vocabulaire}``: techniques (rows) against sources (columns), depths as worded.

    Options: ``:techniques: ied ids idp`` and ``:sources: sfm_site=SFM, afme2010=AFME``.
    """

    collections = ("techniques", "technique_parameters")
    option_spec = {"techniques": directives.unchanged_required, "sources": directives.unchanged_required}

    def rst(self, course):
        techniques = self.options.get("techniques", "").split()
        columns = _columns(self.options.get("sources", ""))
        if not techniques or not columns:
            raise self.error(f"{self.name} : les options « techniques » et « sources » sont obligatoires")
        return render.render_vocabulaire(course, techniques, columns)


class CouchesDirective(DataDirective):
    """``{tableau-couches} <schema-id>``: a taught schema of the skin layers (data/layer_schemas.yml)."""

    required_arguments = 1
    collections = ("layer_schemas",)

    def rst(self, course):
        return render.render_couches(course, self.arguments[0].strip())


class StructuresDirective(DataDirective):
    """``{tableau-structures}``: structures at risk region by region (option ``:regions: visage cou``)."""

    collections = ("regions", "structures", "skin")
    option_spec = {"regions": directives.unchanged}

    def rst(self, course):
        return render.render_structures(course, self.options.get("regions", "").split())


class DosesDirective(DataDirective):
    """``{tableau-doses} <study-id>``: the doses a study reports per session, and their totals."""

    required_arguments = 1
    collections = ("studies",)

    def rst(self, course):
        return render.render_doses(course, self.arguments[0].strip())


class ProduitsDirective(DataDirective):
    """``{tableau-produits}``: products, all of them by default.

    Options: ``:familles: anesthesique_local ains`` and/or ``:produits: procaine lidocaine`` choose the rows
    (products named keep their order, then the families' in French name order); ``:colonnes: produit, voies,
    dose_max`` chooses the columns (keys of ``render.PRODUCT_COLUMNS``; default: the reference page's);
    ``:avertissement: non`` leaves out the caution box (shown once per page is enough).
    """

    collections = ("products",)
    option_spec = {"familles": directives.unchanged, "produits": directives.unchanged,
                   "colonnes": directives.unchanged, "avertissement": directives.unchanged}

    def rst(self, course):
        columns = [c.strip() for c in self.options.get("colonnes", "").replace(",", " ").split() if c.strip()]
        flag = self.options.get("avertissement", "oui").strip().lower() or "oui"
        if flag not in ("oui", "non"):
            raise render.UnknownRecord(f"option « avertissement » : « oui » ou « non » attendu, pas « {flag} »")
        return render.render_produits(course, families=self.options.get("familles", "").split(),
                                      ids=self.options.get("produits", "").split(), columns=columns,
                                      caution=flag == "oui")


class EvenementsProduitsDirective(DataDirective):
    """``{tableau-evenements-produits}``: the products' regulatory events, oldest first.

    Options ``:familles:`` and ``:produits:`` as for ``{tableau-produits}``.
    """

    collections = ("products",)
    option_spec = {"familles": directives.unchanged, "produits": directives.unchanged}

    def rst(self, course):
        return render.render_evenements_produits(course, families=self.options.get("familles", "").split(),
                                                 ids=self.options.get("produits", "").split())


class TextesDirective(DataDirective):
    """``{tableau-textes}``: legal texts, all of them by default, oldest first.

    Options: ``:textes: csp_l1111_2 csp_l1111_4`` (kept in that order) and/or ``:themes: hors_amm information``
    (keys of ``render.LEGAL_TOPICS``; those texts in date order) choose the rows.
    """

    collections = ("legal_texts",)
    option_spec = {"textes": directives.unchanged, "themes": directives.unchanged}

    def rst(self, course):
        return render.render_textes(course, ids=self.options.get("textes", "").split(),
                                    topics=self.options.get("themes", "").split())


class ComplicationsDirective(DataDirective):
    """``{tableau-complications}``: complications, all of them by default (French name order).

    Options: ``:complications: malaise_vagal allergie_anaphylaxie`` (kept in that order) and/or
    ``:types: locale allergique`` (keys of ``render.COMPLICATION_TYPE``; those records in name order) choose the rows;
    ``:colonnes: complication, frequence, delai`` (keys of ``render.COMPLICATION_COLUMNS``) the columns (default: all).
    """

    collections = ("complications",)
    option_spec = {"complications": directives.unchanged, "types": directives.unchanged,
                   "colonnes": directives.unchanged}

    def rst(self, course):
        columns = [c.strip() for c in self.options.get("colonnes", "").replace(",", " ").split() if c.strip()]
        return render.render_complications(course, ids=self.options.get("complications", "").split(),
                                           types=self.options.get("types", "").split(), columns=columns)


class EtudesDirective(DataDirective):
    """``{tableau-etudes}``: studies, all of them by default (year order).

    Options: ``:etudes: cacchio2009 farpour2020`` (kept in that order), ``:indications: lombalgie arthrose`` and
    ``:types: essai_randomise serie_de_cas`` (keys of ``render.STUDY_KIND``; both filters apply together) choose the
    rows; ``:colonnes: etude, n, fictive, resultat, biais`` (keys of ``render.STUDY_COLUMNS``) the columns.
    """

    collections = ("studies", "indications")
    option_spec = {"etudes": directives.unchanged, "indications": directives.unchanged, "types": directives.unchanged,
                   "colonnes": directives.unchanged}

    def rst(self, course):
        columns = [c.strip() for c in self.options.get("colonnes", "").replace(",", " ").split() if c.strip()]
        return render.render_etudes(course, ids=self.options.get("etudes", "").split(),
                                    indications=self.options.get("indications", "").split(),
                                    kinds=self.options.get("types", "").split(), columns=columns)


class ParcoursDirective(DataDirective):
    """``{tableau-parcours} <indication-id>``: one indication's care pathway (red flags, first-line care, what
    teaching sources describe, studies, products' status and warnings). Option ``:etudes: non`` leaves out the
    studies table (a chapter that shows it elsewhere)."""

    required_arguments = 1
    collections = ("indications", "studies", "products")
    option_spec = {"etudes": lambda v: directives.choice(v, ("oui", "non"))}

    def rst(self, course):
        return render.render_parcours(course, self.arguments[0].strip(),
                                      studies=self.options.get("etudes", "oui") == "oui")


class CasDecisionnelsDirective(DataDirective):
    """``{cas-decisionnels}``: decision cases of data/legal_cases.yml, each answer folded (``<details>``).

    Option ``:cas: lyse-graisse abces-groupes`` chooses the cases (kept in that order); none: all of them.
    """

    collections = ("legal_texts", "legal_cases", "chapters")
    option_spec = {"cas": directives.unchanged}

    def rst(self, course):
        return render.render_cas(course, ids=self.options.get("cas", "").split(), links=True)


def _table_directive(name: str) -> type[DataDirective]:
    func, colls = render.RENDERERS[name]
    cls = type(
        func.__name__.replace("render_", "").title() + "Directive",
        (DataDirective,),
        {"collections": colls, "rst": lambda self, course: func(course), "__doc__": func.__doc__},
    )
    return cls


DIRECTIVES: dict[str, type[DataDirective]] = {
    "objectifs": ObjectifsDirective,
    "plan-du-cours": PlanDirective,
    "glossaire": GlossaireDirective,
    "tableau-vocabulaire": VocabulaireDirective,
    "tableau-couches": CouchesDirective,
    "tableau-structures": StructuresDirective,
    "tableau-doses": DosesDirective,
    "tableau-produits": ProduitsDirective,
    "tableau-evenements-produits": EvenementsProduitsDirective,
    **{name: _table_directive(name) for name in render.RENDERERS},
    "tableau-textes": TextesDirective,
    "tableau-complications": ComplicationsDirective,
    "tableau-etudes": EtudesDirective,
    "tableau-parcours": ParcoursDirective,
    "cas-decisionnels": CasDecisionnelsDirective,
}

