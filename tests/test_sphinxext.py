"""Pages generated from data/ at build time: render functions, the glossary data, a scratch book build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docutils.core import publish_doctree
from docutils.utils import Reporter
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocours import data as meso_data
from mesocours.data import Course, load_collection
from mesocours.numbers import NBSP
from mesocours.sphinxext import render
from mesocours.sphinxext.render import (
    UnknownRecord,
    fr_date,
    fr_duration,
    french_sort_key,
    render_complications,
    render_epidemies,
    render_etudes,
    render_glossaire,
    render_objectifs,
    render_plan,
    render_produits,
    render_textes,
    rst_text,
)

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "book" / "references.bib"
JB = Path(sys.executable).parent / "jupyter-book"

# --------------------------------------------------------------------------
# Fixture data (bib keys are real keys of book/references.bib)
# --------------------------------------------------------------------------
FIXTURE = {
    "chapters.yml": {
        "parts": [
            {"id": "fondements", "title": "Fondements et techniques", "status": "publiee"},
            {"id": "droit", "title": "Droit et responsabilité hors AMM", "status": "a_venir"},
        ],
        "chapters": [
            {"id": "histoire", "part": "fondements", "number": 1, "title": "Histoire, définitions, principes",
             "doc": "notebooks/fondements/01-histoire", "study_time_min": 60, "prerequisites": [],
             "objectives": ["Situer les dates clés."]},
            {"id": "peau", "part": "fondements", "number": 2, "title": "La peau et la profondeur d’injection",
             "doc": "chap/peau", "study_time_min": 75, "prerequisites": ["histoire"],
             "objectives": ["Décrire l’épiderme, le derme et l’hypoderme.", "Calculer une profondeur."]},
            {"id": "materiel", "part": "fondements", "number": 3, "title": "Matériel et asepsie",
             "doc": "chap/materiel", "study_time_min": 45, "prerequisites": ["histoire", "peau"],
             "objectives": ["Choisir une aiguille."]},
        ],
    },
    "glossary/00-general.yml": [
        {"term": "épiderme", "definition": "Couche superficielle de la peau.", "see_also": ["derme"],
         "sources": ["xu2017"]},
        {"term": "derme", "definition": "Couche sous l’épiderme.", "see_also": ["épiderme"]},
        {"term": "Ester", "definition": "Famille d’anesthésiques locaux."},
        {"term": "calibre (G)", "definition": "Diamètre de l’aiguille ; 27G est plus fin que 25G."},
    ],
    "products.yml": [
        {"id": "buflomedil", "name": "Buflomédil", "class": "vasoactif", "family": "vasoactif",
         "presentations": [{"brand": "Fonzylane", "strength": "50 mg/5 mL", "routes": ["IV", "IM"],
                            "marketed": False, "sources": ["afssaps2011buflomedil"]}],
         "amm_routes": ["IV", "IM"], "status": "amm_suspendue",
         "status_note": "AMM suspendue pour toutes les spécialités.",
         "regulatory_events": [{"date": "2011-02-17", "agency": "Afssaps", "change": "suspension",
                                "what": "Suspension des AMM de toutes les spécialités.",
                                "sources": ["afssaps2011buflomedil"]}],
         "sources": ["afssaps2011buflomedil"]},
        {"id": "piroxicam", "name": "Piroxicam", "class": "AINS (oxicam)", "family": "ains",
         "amm_routes": ["IM"], "status": "amm_restreinte", "status_note": "Usage restreint par l’EMA.",
         "regulatory_events": [{"date": "2007-06", "agency": "EMA", "change": "restriction",
                                "what": "Plus d’usage dans les affections de courte durée.",
                                "sources": ["ema2007piroxicam"]}],
         "sources": ["ema2007piroxicam"]},
    ],
    "studies.yml": [
        {"id": "cacchio2009", "label": "Cacchio 2009", "year": 2009, "kind": "essai_randomise",
         "design": "ECR contre mésothérapie placebo", "n": 80, "indication": "tendinopathie calcifiante de l’épaule",
         "comparator": "mésothérapie placebo et ultrasons fictifs", "sham": True,
         "main_result": "Douleur réduite dans le seul groupe actif.",
         "risk_of_bias": {"judgement": "faible", "by": "Inserm 2010", "rationale": "Seule étude jugée acceptable."},
         "direction": "favorable", "sources": ["cacchio2009", "barry2010ther"]},
        {"id": "chen2018", "label": "Chen 2018", "year": 2018, "kind": "essai_non_randomise",
         "design": "groupes selon contre-indication aux AINS", "n": 60, "n_analysed": 50,
         "indication": "gonarthrose", "comparator": "AINS oraux", "sham": False,
         "main_result": "WOMAC meilleur avec la mésothérapie.",
         "risk_of_bias": {"judgement": "eleve", "by": "auteurs du cours", "rationale": "Non randomisé."},
         "direction": "favorable", "sources": ["chen2018"]},
    ],
    "legal_texts.yml": [
        {"id": "decret2011", "reference": "Décret n° 2011-382", "kind": "decret", "jurisdiction": "FR",
         "date": "2011-04-11", "rule": "Interdit la lyse adipocytaire par mélanges mésothérapeutiques.",
         "binds": "tout professionnel", "status": "en vigueur (art. 2 annulé)", "topics": ["esthetique"],
         "sources": ["decret2011382", "ce2012"]},
    ],
    "outbreaks.yml": [
        {"id": "paris2006", "place": "Île-de-France", "country": "France", "start": "2006-10", "end": "2007-01",
         "organisms": ["M. chelonae", "M. frederiksbergense"], "cases": 16, "exposed": 105,
         "setting": "cabinet médical", "cause": "Injecteur rincé à l’eau du robinet.",
         "sources": ["carbonne2010eccmid"]},
    ],
    "complications.yml": [
        {"id": "ecchymose", "label": "Ecchymose", "type": "locale", "frequency": "38,7 % dans un essai",
         "mechanism": "Saignement au point de piqûre.", "prevention": "Compression.", "sources": ["farpour2020"]},
    ],
}


def write_data(folder: Path, overrides: dict | None = None) -> Path:
    content = {**FIXTURE, **(overrides or {})}
    for rel, value in content.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data")


def load_fixture(folder: Path) -> Course:
    names = ["parts", "chapters", "glossary", "products", "studies", "legal_texts", "outbreaks", "complications"]
    return Course(**{n: load_collection(n, folder) for n in names})


@pytest.fixture
def course(data_dir: Path) -> Course:
    return load_fixture(data_dir)


def parse_rst(text: str):
    """Parse plain rST (no Sphinx roles) and return (doctree, system messages of level >= warning)."""
    doc = publish_doctree(text, settings_overrides={"report_level": Reporter.SEVERE_LEVEL + 1,
                                                    "halt_level": Reporter.SEVERE_LEVEL + 1})
    msgs = [m for m in doc.findall(lambda n: n.tagname == "system_message") if m["level"] >= Reporter.WARNING_LEVEL]
    return doc, msgs


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_rst_text_never_breaks_the_page(text):
    """Any free text from data/ becomes one paragraph that shows exactly that text (``*emph*`` aside)."""
    out = rst_text(text)
    assert "\n" not in out
    doc, msgs = parse_rst("Début : " + out)
    assert not msgs, msgs
    expected = " ".join(text.split())
    for m in reversed(render.emphasis_spans(expected)):
        expected = expected[:m.start()] + m.group(1) + expected[m.end():]
    assert " ".join(doc.astext().split()) == " ".join(("Début : " + expected).split())


@pytest.mark.parametrize("text", ["1. premier", "M. chelonae seul", "- tiret", "* étoile", "a_b_ c`d` |x|"])
def test_rst_text_alone_in_a_cell_is_a_paragraph(text):
    doc, msgs = parse_rst(rst_text(text))
    assert not msgs
    assert [n.tagname for n in doc.children] == ["paragraph"]
    assert doc.astext() == text


def test_rst_text_keeps_emphasis():
    doc, _ = parse_rst(rst_text("germe *M. chelonae* isolé"))
    assert [n.astext() for n in doc.findall(lambda n: n.tagname == "emphasis")] == ["M. chelonae"]


def test_french_sort_ignores_accents_and_case():
    words = ["Ester", "épiderme", "derme", "échographie", "excipient", "ECR", "œdème", "biseau", "Être", "oméga"]
    assert sorted(words, key=french_sort_key) == [
        "biseau", "derme", "échographie", "ECR", "épiderme", "Ester", "Être", "excipient", "œdème", "oméga"]


@pytest.mark.parametrize("iso, shown", [("1958", "1958"), ("2007-06", "juin 2007"),
                                         ("2011-02-17", f"17{NBSP}février 2011"), ("2021-07-01", f"1er{NBSP}juillet 2021")])
def test_fr_date(iso, shown):
    assert fr_date(iso) == shown


@pytest.mark.parametrize("minutes, shown", [(45, "45 min"), (60, "1 h"), (75, "1 h 15"), (90, "1 h 30"), (125, "2 h 05")])
def test_fr_duration(minutes, shown):
    assert fr_duration(minutes) == shown.replace(" ", NBSP)


# --------------------------------------------------------------------------
# Objectives box, plan
# --------------------------------------------------------------------------
def test_objectifs_box(course):
    text = render_objectifs(course, "peau", known_docs={"notebooks/fondements/01-histoire"})
    assert text.startswith(".. admonition:: Objectifs d’apprentissage")
    assert "Décrire l’épiderme, le derme et l’hypoderme." in text and "Calculer une profondeur." in text
    assert f"Durée d’étude{NBSP}:** 1{NBSP}h{NBSP}15" in text
    assert ":doc:`1. Histoire, définitions, principes </notebooks/fondements/01-histoire>`" in text


def test_objectifs_prerequisite_not_built_is_plain_text(course):
    text = render_objectifs(course, "materiel", known_docs={"chap/peau"})
    assert ":doc:`2. La peau et la profondeur d’injection </chap/peau>`" in text
    assert "1. Histoire, définitions, principes (à venir)" in text
    assert "</notebooks/fondements/01-histoire>" not in text


def test_objectifs_without_prerequisite_and_unknown_chapter(course):
    assert f"Prérequis{NBSP}:** aucun." in render_objectifs(course, "histoire")
    with pytest.raises(render.UnknownChapter, match="chapitre inconnu « nope »"):
        render_objectifs(course, "nope")


def test_plan_lists_parts_chapters_and_status(course):
    text = render_plan(course, known_docs={"chap/peau"})
    assert "Fondements et techniques (publiée)" in text and "Droit et responsabilité hors AMM (à venir)" in text
    assert f":doc:`2. La peau et la profondeur d’injection </chap/peau>`{NBSP}— publié" in text
    assert f"1. Histoire, définitions, principes{NBSP}— à venir" in text
    assert "Chapitres en préparation." in text  # the part without chapters
    assert text.index("1. Histoire") < text.index("2. La peau") < text.index("3. Matériel")
    assert render_plan(Course()) == "Le plan du cours n’est pas encore disponible.\n"


# --------------------------------------------------------------------------
# Glossary
# --------------------------------------------------------------------------
def glossary_terms(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("   ") and not line.startswith("    ")]


def test_glossaire_sorted_french_with_links_and_sources(course):
    text = render_glossaire(course)
    assert text.startswith(".. glossary::")
    assert glossary_terms(text) == ["calibre (G)", "derme", "épiderme", "Ester"]
    assert ":cite:p:`xu2017`" in text
    assert f"*Voir aussi{NBSP}:* :term:`derme`." in text


def test_glossaire_unknown_see_also_is_plain_and_reported(course):
    term = meso_data.GlossaryTerm(term="biseau", definition="Pan coupé.", see_also=["aiguille", "derme"])
    reported = []
    text = render_glossaire(Course(glossary=[*course.glossary, term]), on_unknown=lambda t, s: reported.append((t, s)))
    assert reported == [("biseau", "aiguille")]
    assert f"*Voir aussi{NBSP}:* aiguille, :term:`derme`." in text


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------
EMPTY = {
    render_produits: "Aucun produit n’est encore décrit dans les données du cours.",
    render_textes: "Aucun texte juridique n’est encore décrit dans les données du cours.",
    render_etudes: "Aucune étude n’est encore décrite dans les données du cours.",
    render_epidemies: "Aucune épidémie n’est encore décrite dans les données du cours.",
    render_complications: "Aucune complication n’est encore décrite dans les données du cours.",
}


@pytest.mark.parametrize("func", list(EMPTY))
def test_empty_collections_render_a_french_sentence(func):
    assert EMPTY[func] in func(Course())
    assert "list-table" not in func(Course())


def test_empty_glossary():
    assert render_glossaire(Course()) == "Le glossaire ne contient encore aucun terme.\n"


def test_produits_table(course):
    text = render_produits(course)
    assert ".. admonition:: Données d’étiquetage, pas des doses\n   :class: caution" in text and "**pas** des recommandations de dose" in text
    assert text.index("Buflomédil") < text.index("Piroxicam")
    assert "AMM suspendue ou retirée" in text and "AMM maintenue, indications restreintes" in text
    assert f"**17{NBSP}février 2011**{NBSP}— Afssaps, suspension" in text
    assert "**juin 2007**" in text
    assert f"Fonzylane 50 mg/5 mL — voies{NBSP}: IV, IM — non commercialisé :cite:p:`afssaps2011buflomedil`" in text
    assert ":cite:p:`ema2007piroxicam`" in text
    # the label max dose is never shown
    assert "mg/j" not in text


def test_textes_table(course):
    text = render_textes(course)
    assert "**Décret n° 2011-382**" in text and "décret, France" in text
    assert f"11{NBSP}avril 2011" in text and "en vigueur (art. 2 annulé)" in text and "tout professionnel" in text
    assert ":cite:p:`decret2011382,ce2012`" in text


def test_etudes_table(course):
    text = render_etudes(course)
    assert text.index("Cacchio 2009") < text.index("Chen 2018")
    assert "60 (50 analysés)" in text
    assert f"**faible** (jugé par{NBSP}: Inserm 2010)" in text and f"**élevé** (jugé par{NBSP}: auteurs du cours)" in text
    assert "essai randomisé" in text and "essai non randomisé" in text
    rows = text.split("   * - ")
    assert "     - oui" in rows[2] and "     - non" in rows[3]  # sham column


def test_etudes_table_options(course):
    from mesocours.data import course as real_course

    text = render_etudes(real_course(), indications=["arthrose"], kinds=["essai_non_randomise"],
                         columns=["etude", "n", "resultat"])
    assert "Chen 2018" in text and "Cacchio 2009" not in text and "Farpour 2020" not in text
    assert "**en faveur de l’intervention**" in text and "Procédure fictive" not in text
    picked = render_etudes(course, ids=["chen2018", "cacchio2009"], columns=["etude", "suivi"])
    assert picked.index("Chen 2018") < picked.index("Cacchio 2009") and "non précisé" in picked
    assert "ne répond à ce choix" in render_etudes(course, kinds=["meta_analyse"])
    for bad in ({"ids": ["inconnue"]}, {"indications": ["nulle_part"]}, {"kinds": ["essai"]}, {"columns": ["x"]}):
        with pytest.raises(UnknownRecord):
            render_etudes(course, **bad)


def test_epidemies_and_complications_tables(course):
    text = render_epidemies(course)
    assert "*M. chelonae*, *M. frederiksbergense*" in text
    assert "16 cas sur 105 personnes exposées" in text and f"octobre 2006{NBSP}– janvier 2007" in text
    text = render_complications(course)
    assert "**Ecchymose**" in text and "38,7 % dans un essai" in text and ":cite:p:`farpour2020`" in text


def test_a_change_in_data_changes_the_page(tmp_path):
    """Render from data files, edit one record, render again: the page follows the data."""
    folder = write_data(tmp_path / "data")
    before = render_produits(load_fixture(folder))
    products = yaml.safe_load((folder / "products.yml").read_text(encoding="utf-8"))
    products[1]["status"] = "amm_suspendue"
    products[1]["regulatory_events"].append({"date": "2030-01-02", "agency": "ANSM", "change": "retrait",
                                             "what": "Retrait fictif pour le test.", "sources": ["ema2007piroxicam"]})
    (folder / "products.yml").write_text(yaml.safe_dump(products, allow_unicode=True), encoding="utf-8")
    after = render_produits(load_fixture(folder))
    assert after != before
    assert "Retrait fictif pour le test." in after and "Retrait fictif" not in before
    assert f"2{NBSP}janvier 2030" in after
    assert after.count("AMM suspendue ou retirée") == before.count("AMM suspendue ou retirée") + 1


# --------------------------------------------------------------------------
# The course's own glossary
# --------------------------------------------------------------------------
REQUIRED_TERMS = [
    "mésothérapie", "nappage", "papule", "point par point", "IED", "IDS", "IDP", "MPS", "mésoperfusion", "épiderme",
    "derme papillaire", "derme réticulaire", "hypoderme", "biseau", "calibre (G)", "AMM", "hors AMM", "RCP", "CPC",
    "AAC", "RTU", "pharmacovigilance", "CRPV", "matériovigilance", "dispositif médical", "marquage CE",
    "mycobactérie atypique", "ester", "amide", "excipient à effet notoire", "ECR", "procédure fictive", "insu",
    "méta-analyse", "Delphi", "biais", "niveau de preuve", "EVA", "WOMAC", "lyse adipocytaire", "mésolift",
    "mésodissolution", "mésodrain", "mésopécie", "LIT",
]


def test_general_glossary_content():
    terms = load_collection("glossary")
    by_term = {t.term: t for t in terms}
    general = yaml.safe_load((ROOT / "data" / "glossary" / "00-general.yml").read_text(encoding="utf-8"))
    assert len(general) >= 60
    assert not [t for t in REQUIRED_TERMS if t not in by_term]
    keys = meso_data.bib_keys()
    for t in terms:
        assert all(s in by_term for s in t.see_also), (t.term, t.see_also)
        assert all(k in keys for k in t.sources), (t.term, t.sources)
    for raw in general:
        d = raw["definition"]
        assert "'" not in d, raw["term"]  # typographic apostrophe
        assert not re.search(r" [:;!?»]|« ", d), raw["term"]  # non-breaking spaces
        assert 1 <= len(re.findall(r"(?<!\b[A-Z])[.!?](?:\s|$)", d)) <= 3, raw["term"]


# --------------------------------------------------------------------------
# Scratch book build
# --------------------------------------------------------------------------
INDEX = """# Accueil

```{plan-du-cours}
```

Voir {term}`épiderme`, {term}`calibre (G)` et la {ref}`bibliographie <bibliographie>`.
"""
CHAPTER = """# La peau

```{objectifs} peau
```

Un fait cité {cite:p}`laurent2007`, et le même ailleurs {cite:p}`xu2017`.
"""


def make_book(folder: Path, data: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "reference").mkdir()
    for page in ["produits", "glossaire", "textes-juridiques", "etudes", "epidemies", "complications"]:
        shutil.copy(ROOT / "book" / "reference" / f"{page}.md", folder / "reference" / f"{page}.md")
    shutil.copy(ROOT / "book" / "bibliographie.md", folder / "bibliographie.md")
    (folder / "index.md").write_text(INDEX, encoding="utf-8")
    (folder / "chap").mkdir()
    # a chapter is a notebook: the directives must work in myst-nb markdown cells too
    title, _, body = CHAPTER.partition("\n\n")
    notebook = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": text} for text in (title, body)],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (folder / "chap" / "peau.ipynb").write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    config = {
        "title": "Essai", "only_build_toc_files": True, "execute": {"execute_notebooks": "off"},
        "bibtex_bibfiles": [str(BIB)],
        "sphinx": {"extra_extensions": ["mesocours.sphinxext"],
                   "config": {"language": "fr", "bibtex_reference_style": "author_year",
                              "bibtex_default_style": "plain",
                              "mesocours_data_dir": str(data)}},
    }
    (folder / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    toc = {"format": "jb-book", "root": "index", "chapters": [
        {"file": "chap/peau"}, *({"file": f"reference/{p}"} for p in
                                 ["produits", "glossaire", "textes-juridiques", "etudes", "epidemies", "complications"]),
        {"file": "bibliographie"}]}
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True), encoding="utf-8")
    return folder


def build(folder: Path) -> str:
    proc = subprocess.run([str(JB), "build", str(folder), "-W", "-n", "--keep-going"],
                          check=False, capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    warnings = [line for line in log.splitlines() if re.search(r"WARNING|ERROR|CRITICAL", line)]
    assert proc.returncode == 0 and not warnings, log[log.find(warnings[0]):][:4000] if warnings else log[-3000:]
    return log


def html(folder: Path, page: str) -> str:
    return (folder / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")


def test_scratch_build(tmp_path):
    """A tiny book with our pages and fixture data builds with zero warnings; editing data rebuilds."""
    data = write_data(tmp_path / "data")
    # the pages' own prose uses terms of the course's glossary
    shutil.copy(ROOT / "data" / "glossary" / "00-general.yml", data / "glossary" / "00-general.yml")
    book = make_book(tmp_path / "book", data)
    build(book)
    index, chap, gloss = html(book, "index"), html(book, "chap/peau"), html(book, "reference/glossaire")
    biblio = html(book, "bibliographie")
    # plan: the chapter in the toc is a link, the others are « à venir »
    assert 'href="chap/peau.html"' in index and "1. Histoire, définitions, principes" in index
    # objectives box, prerequisite not in the toc -> plain text
    assert "Objectifs d’apprentissage" in chap and "(à venir)" in chap
    # glossary terms registered book-wide, French order
    assert 'href="reference/glossaire.html#term-epiderme"' in index
    assert gloss.index('id="term-calibre-G"') < gloss.index('id="term-derme"') < gloss.index('id="term-ester"')
    # citations from every page resolve to the one bibliography
    for page in ["reference/produits", "reference/etudes", "reference/textes-juridiques", "reference/glossaire",
                 "chap/peau"]:
        assert 'href="../bibliographie.html#' in html(book, page), page
    for key_text in ["Laurent", "Cacchio", "buflomédil", "Carbonne"]:
        assert key_text.lower() in biblio.lower(), key_text
    assert "Données d’étiquetage, pas des doses" in html(book, "reference/produits")
    # a change in data rebuilds the page with no other edit
    studies = yaml.safe_load((data / "studies.yml").read_text(encoding="utf-8"))
    studies[0]["main_result"] = "Résultat modifié pour le test."
    (data / "studies.yml").write_text(yaml.safe_dump(studies, allow_unicode=True), encoding="utf-8")
    (data / "glossary" / "90-extra.yml").write_text(
        yaml.safe_dump([{"term": "terme d’essai", "definition": "Ajouté pendant le test."}], allow_unicode=True), encoding="utf-8")
    log = build(book)
    assert "Résultat modifié pour le test." in html(book, "reference/etudes")
    assert "Ajouté pendant le test." in html(book, "reference/glossaire")
    assert "reference/produits" not in log.split("reading sources")[-1].split("looking for now-outdated")[0]


def test_skin_table_follows_the_data():
    from mesocours.data import Course, SkinMeasurement
    from mesocours.sphinxext.render import render_epaisseurs

    m = SkinMeasurement(id="x-cuisse", site="cuisse", site_label="Cuisse", skin_mm=1.55, hypodermis_mm=10.4,
                        method="echographie", method_detail="20 MHz", population="adultes", n=342,
                        sources=["laurent2007"])
    text = render_epaisseurs(Course(skin=[m]))
    assert "1,55" in text and "10,4" in text and "n = 342" in text and ":cite:p:`laurent2007`" in text
    changed = render_epaisseurs(Course(skin=[m.model_copy(update={"skin_mm": 1.6})]))
    assert "1,6" in changed and "1,55" not in changed
    assert "Aucune mesure" in render_epaisseurs(Course())


def _vocabulary_course(**changes):
    from mesocours.data import Technique, TechniqueParameters

    techniques = [Technique(id=t, name=name, family="superficielle", description="d", pattern="points", sources=["sfm_site"])
                  for t, name in [("ied", "Intraépidermique (IED)"), ("ids", "Intradermique superficielle (IDS)")]]
    params = [
        TechniqueParameters(id="sfm-ids", technique="ids", depth_text="moins de 2 mm", reliability="secondaire",
                            sources=["sfm_site"]),
        TechniqueParameters(id="afme-ied", technique="ied", depth_text="dans l’épiderme", reliability="secondaire",
                            sources=["afme2010"]),
    ]
    return Course(techniques=techniques, technique_parameters=changes.get("params", params))


def test_vocabulary_table_cells_come_from_technique_parameters():
    from mesocours.data import TechniqueParameters
    from mesocours.sphinxext.render import UnknownRecord, render_vocabulaire

    cols = [("sfm_site", "SFM"), ("afme2010", "AFME")]
    text = render_vocabulaire(_vocabulary_course(), ["ied", "ids"], cols)
    doc, msgs = parse_rst(text.replace(":cite:p:", ":emphasis:"))
    assert not msgs
    rows = [[c.astext() for c in row.findall(lambda n: n.tagname == "entry")] for row in doc.findall(lambda n: n.tagname == "row")]
    assert rows[0] == ["Technique", "SFM", "AFME"]
    assert rows[1] == ["Intraépidermique (IED)", "—", "dans l’épiderme"]
    assert rows[2] == ["Intradermique superficielle (IDS)", "moins de 2 mm", "—"]
    assert rows[3][0] == "Sources" and "sfm_site" in rows[3][1]
    # a changed record changes the cell, with no other edit
    changed = _vocabulary_course(params=[TechniqueParameters(id="sfm-ids", technique="ids", depth_text="jusqu’à 3 mm",
                                                             reliability="secondaire", sources=["sfm_site"]),
                                         TechniqueParameters(id="afme-ied", technique="ied", depth_text="x",
                                                             reliability="secondaire", sources=["afme2010"])])
    assert "jusqu’à 3 mm" in render_vocabulaire(changed, ["ids"], cols)
    with pytest.raises(UnknownRecord, match="technique inconnue « mps »"):
        render_vocabulaire(_vocabulary_course(), ["mps"], cols)
    with pytest.raises(UnknownRecord, match="ne cite « perrin2008 »"):
        render_vocabulaire(_vocabulary_course(), ["ids"], [("perrin2008", "DIU")])


def test_layer_schema_table_and_validation():
    from pydantic import ValidationError

    from mesocours.data import LayerSchema
    from mesocours.sphinxext.render import UnknownRecord, render_couches

    schema = LayerSchema(id="diu", label="Schéma du DIU", sources=["perrin2008"], layers=[
        {"layer": "epiderme", "depth_mm": {"min": 0.5, "max": 1}, "depth_text": "de 0,5 à 1 mm"},
        {"layer": "hypoderme", "depth_mm": {"min": 4, "max": 10}, "open_ended": True, "depth_text": "au-delà de 4 mm"},
    ])
    text = render_couches(Course(layer_schemas=[schema]), "diu")
    assert "Schéma du DIU" in text and "de 0,5 à 1 mm" in text and "Hypoderme" in text
    assert "ne cite aucune mesure" in text and ":cite:p:`perrin2008`" in text
    with pytest.raises(UnknownRecord, match="schéma de couches inconnu « autre » \\(connus : « diu »\\)"):
        render_couches(Course(layer_schemas=[schema]), "autre")
    with pytest.raises(ValidationError, match="même couche apparaît deux fois"):
        LayerSchema(id="x", label="x", sources=["perrin2008"], layers=[
            {"layer": "epiderme", "depth_text": "a"}, {"layer": "epiderme", "depth_text": "b"}])


def test_diu_schema_in_data_matches_the_chapter_prose():
    """Chapter 2 discusses the DIU schema's numbers in prose: they must agree with the data."""
    schema = meso_data.course().by_id("layer_schemas")["diu2008"]
    depths = {layer.layer: (layer.depth_mm.min, layer.depth_mm.max) for layer in schema.layers}
    assert depths == {"epiderme": (0.5, 1), "derme_superficiel": (0.5, 2), "derme_profond": (2, 4), "hypoderme": (4, 10)}
    chapter = re.sub(r"[\u00a0\u202f]", " ", (ROOT / "notebooks" / "fondements" / "02-peau.ipynb").read_text(encoding="utf-8"))
    assert "{tableau-couches} diu2008" in chapter and "{tableau-vocabulaire}" in chapter
    assert "épiderme de 0,5 à 1 mm" in chapter and "derme profond (réticulaire) de 2 à 4 mm" in chapter


def test_technique_table_follows_the_data():
    """{tableau-techniques}: one row per source, values from the record, « non documenté » where silent."""
    from mesocours.data import Course, Technique, TechniqueParameters
    from mesocours.sphinxext.render import render_techniques

    tech = [Technique(id="papule", name="Papule", family="superficielle", description="d", pattern="points",
                      sources=["amin2006"])]
    rec = TechniqueParameters(id="amin-papule", technique="papule", needle_length_mm={"min": 1.5, "max": 1.5},
                              volume_per_point_ml={"min": 0.01, "max": 0.01}, spacing_mm={"min": 10, "max": 10},
                              reliability="primaire", sources=["amin2006"])
    text = render_techniques(Course(techniques=tech, technique_parameters=[rec]))
    assert "**Papule**" in text and ":cite:p:`amin2006`" in text and "primaire" in text
    assert "0,01\u00a0mL" in text and "1,5\u00a0mm" in text and "10\u00a0mm" in text
    assert text.count("*non documenté*") == 2  # depth and angle
    changed = render_techniques(Course(techniques=tech, technique_parameters=[
        rec.model_copy(update={"angle_deg": rec.spacing_mm.model_copy(update={"min": 90, "max": 90}),
                               "reliability": "faible"})]))
    assert "90°" in changed and "faible" in changed and changed.count("*non documenté*") == 1
    assert "Aucun paramètre" in render_techniques(Course())


@pytest.mark.parametrize("text", ["&*0*", "x#*a*", "*a*&", "%*b*%"])
def test_ascii_punctuation_outside_the_rst_list_opens_no_emphasis(text):
    """docutils accepts only some ASCII characters around inline markup (found by hypothesis: « &*0* »)."""
    doc, msgs = parse_rst("Début : " + rst_text(text))
    assert not msgs and doc.astext() == "Début : " + text


def test_nodes_of_a_temporary_document_are_reattached_to_the_page():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from mesocours.sphinxext import one_document

    settings = get_default_settings(Parser)
    page, other = new_document("page", settings), new_document("tmp", settings)
    para = nodes.paragraph(text="x")
    other += para  # a node made in another document keeps a reference to it
    page += para.deepcopy()
    page.children[0].document = other
    assert one_document(None, page) >= 1
    assert all(getattr(n, "document", page) is page for n in page.findall())
    assert one_document(None, page) == 0
