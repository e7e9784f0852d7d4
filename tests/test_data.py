"""The course data (data/): it loads, holds what the issue asks for, and bad data is named clearly.

The broken fixtures in tests/fixtures/data_broken/<case>/ are minimal data dirs, each with exactly
one defect; loading one must yield ONE message naming the file, the record and the field.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mesocours.data import DataError, load, load_collection

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "data_broken"

MY_COLLECTIONS = ["products", "studies", "indications", "complications", "outbreaks", "contraindications", "legal_texts"]
MY_FILES = [f"{name}.yml" for name in MY_COLLECTIONS]
# every data file a learner may read, quizzes, exercises and glossaries included: a new file is covered unasked
ALL_DATA_FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.yml"))

REQUIRED_PRODUCTS = {
    "procaine", "lidocaine", "piroxicam", "ketoprofene", "thiocolchicoside", "calcitonine", "etamsylate",
    "buflomedil", "vitamine_c", "vitamines_b", "magnesium", "acide_hyaluronique", "edta", "corticoides",
    "phosphatidylcholine", "deoxycholate",
}
REQUIRED_STUDIES = {
    "inserm2010_ther", "inserm2010_esth", "has2014", "cacchio2009", "costantino2011", "dicesare2011",
    "farpour2020", "chen2018", "tseveendorj2023", "faetani2021", "paolucci2019", "park2008", "amin2006",
    "eldomyati2012", "gajjar2019", "sim2011", "sim2021", "consensus2025",
}
REQUIRED_LEGAL = {
    "csp_l5121_12_1", "csp_l5121_12_1_2", "csp_l1111_2", "csp_l1111_4", "csp_l1151_3", "csp_l4161_1",
    "csp_r5121_161", "csp_r4127_8", "csp_r4127_32", "csp_r4127_39", "csp_r4127_40", "csp_r4127_35",
    "csp_r4127_71", "css_l162_4", "decret_2011_382", "ce_2011_refere", "ce_2012", "loi_be_2013",
}
COMMISSIONED = {
    "src_article_grand_public", "src_blog_sept_verites", "src_fiche_ministere", "src_page_praticien",
    "src_annuaire_belge",
}


@pytest.fixture(scope="module")
def mine() -> dict[str, dict]:
    """My collections, by id (loaded one by one so another helper's half-written file cannot mask them)."""
    return {name: {r.id: r for r in load_collection(name)} for name in MY_COLLECTIONS}


# --------------------------------------------------------------------------
# The real data
# --------------------------------------------------------------------------
def test_the_real_data_loads_with_cross_links_and_bib_keys():
    course = load()
    assert course.products and course.studies and course.legal_texts


def test_every_required_product_is_present(mine):
    assert REQUIRED_PRODUCTS <= set(mine["products"]), REQUIRED_PRODUCTS - set(mine["products"])


def test_every_required_study_is_present(mine):
    assert REQUIRED_STUDIES <= set(mine["studies"]), REQUIRED_STUDIES - set(mine["studies"])


def test_every_required_legal_text_is_present(mine):
    assert REQUIRED_LEGAL <= set(mine["legal_texts"]), REQUIRED_LEGAL - set(mine["legal_texts"])


def test_the_five_commissioned_texts_each_name_at_least_one_indication(mine):
    named = {key for ind in mine["indications"].values() for key in ind.named_in}
    assert named == COMMISSIONED


def test_regulatory_status_of_key_products(mine):
    p = mine["products"]
    assert p["buflomedil"].status == "amm_suspendue"
    assert any(e.date == "2011-02-17" and e.change == "suspension" for e in p["buflomedil"].regulatory_events)
    assert p["phosphatidylcholine"].status == p["deoxycholate"].status == "interdit"
    assert p["piroxicam"].status == p["thiocolchicoside"].status == p["calcitonine"].status == "amm_restreinte"
    assert p["procaine"].chemistry == "ester" and p["lidocaine"].chemistry == "amide"


def test_label_maximum_doses_are_those_of_the_rcp(mine):
    p = mine["products"]
    lido = p["lidocaine"].label_max_dose[0]
    assert (lido.value, lido.unit) == (200, "mg")
    piro = p["piroxicam"].label_max_dose[0]
    assert (piro.value, piro.unit, piro.per) == (20, "mg", "jour")
    thio = p["thiocolchicoside"].label_max_dose[0]
    assert (thio.value, thio.per) == (4, "12 h")


def test_presentation_concentration_matches_its_printed_strength(mine):
    """'50 mg/5 mL' must say 10 mg/mL: a wrong division would mislead every mixture computation."""
    checked = 0
    for prod in mine["products"].values():
        for pres in prod.presentations:
            m = re.match(r"^(\d+(?:,\d+)?) (mg|UI)/(\d+(?:,\d+)?) mL", pres.strength)
            if not m:
                continue
            amount, unit, vol = float(m[1].replace(",", ".")), m[2], float(m[3].replace(",", "."))
            conc = pres.concentration_mg_per_ml if unit == "mg" else pres.concentration_ui_per_ml
            assert conc == pytest.approx(amount / vol), (prod.id, pres.strength)
            if pres.ampoule_volume_ml is not None and vol != 1:
                assert pres.ampoule_volume_ml == pytest.approx(vol), (prod.id, pres.strength)
            checked += 1
    assert checked >= 8


def test_unsourced_products_say_so_instead_of_inventing(mine):
    mag = mine["products"]["magnesium"]
    assert mag.presentations == [] and "aucune" in mag.status_note.lower()


def test_every_study_says_who_judged_its_risk_of_bias(mine):
    for st in mine["studies"].values():
        assert st.risk_of_bias.by.strip() and st.risk_of_bias.rationale.strip(), st.id
        if st.kind in ("essai_randomise", "essai_non_randomise", "serie_de_cas"):
            assert st.n, f"{st.id} : effectif manquant"


def test_no_risk_of_bias_rating_is_lent_to_inserm(mine):
    """Inserm 2010 called Cacchio 2009 « méthodologiquement acceptable » and applied no risk-of-bias tool:
    a rating (faible/modéré/élevé) is the course's own and must say what Inserm actually said."""
    for st in mine["studies"].values():
        if st.risk_of_bias.judgement in ("faible", "modere", "eleve"):
            assert "inserm" not in st.risk_of_bias.by.lower(), st.id
    cacchio = mine["studies"]["cacchio2009"].risk_of_bias
    assert cacchio.by == "auteurs du cours" and "méthodologiquement acceptable" in cacchio.rationale


def test_amin_2006_conclusion_is_the_verified_negative_one(mine):
    assert "aucune différence" in mine["studies"]["amin2006"].main_result.lower()


def test_outbreak_counts_are_coherent(mine):
    france = mine["outbreaks"]["france_2006"]
    assert (france.cases, france.exposed) == (16, 105)
    assert round(100 * france.cases / france.exposed, 1) == 15.2


def test_complications_give_a_frequency_or_say_it_is_not_measured(mine):
    for c in mine["complications"].values():
        assert re.search(r"\d", c.frequency) or "non mesurée" in c.frequency, c.id


@pytest.mark.parametrize("filename", ALL_DATA_FILES)
def test_french_typography_in_the_data(filename):
    """No ASCII apostrophe, and a non-breaking space (never a plain one) before ; : ? ! and inside « »."""
    problems = []

    def walk(node, where):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")
        elif isinstance(node, str):
            if "'" in node:
                problems.append(f"{where} : apostrophe droite")
            if re.search(r" [;:?!»]|« ", node):
                problems.append(f"{where} : espace ordinaire au lieu d’une espace insécable")

    walk(yaml.safe_load((DATA / filename).read_text(encoding="utf-8")), filename)
    assert not problems, problems


# --------------------------------------------------------------------------
# Broken fixtures: one clear message each
# --------------------------------------------------------------------------
CASES = {
    # case: fragments the single message must contain (file, record, field, what is wrong)
    "bad_type": ["products.yml", "« procaine »", "« presentations.0.concentration_mg_per_ml »", "nombre attendu"],
    "missing_field": ["studies.yml", "« essai_test »", "« main_result »", "obligatoire"],
    "unknown_bib_key": ["complications.yml", "« ecchymose »", "« sources »", "« inexistant2099 »"],
    "duplicate_id": ["outbreaks.yml", "« foyer_test »", "« id »", "en double"],
    "malformed_yaml": ["legal_texts.yml", "ligne 6", "YAML illisible"],
    "dangling_study": ["indications.yml", "« arthrose »", "« study_ids »", "« etude_fantome »"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_fixture_yields_one_clear_message(case):
    data_dir = BROKEN / case
    with pytest.raises(DataError) as info:
        load(data_dir=data_dir, bib_path=data_dir / "references.bib")
    problems = info.value.problems
    assert len(problems) == 1, problems
    for fragment in CASES[case]:
        assert fragment in problems[0], (fragment, problems[0])


def test_every_broken_case_has_a_fixture_dir():
    dirs = {p.name for p in BROKEN.iterdir() if p.is_dir() and any(p.glob("*.yml"))}
    assert dirs == set(CASES)


def test_a_broken_fixture_becomes_valid_once_its_defect_is_fixed(tmp_path):
    """Guards against a fixture failing for a reason other than its one defect."""
    case = BROKEN / "bad_type"
    fixed = (case / "products.yml").read_text(encoding="utf-8").replace('"vingt"', "20")
    (tmp_path / "products.yml").write_text(fixed, encoding="utf-8")
    course = load(data_dir=tmp_path, bib_path=case / "references.bib")
    assert course.products[0].presentations[0].concentration_mg_per_ml == 20


def test_the_data_is_read_with_libyaml_when_available():
    """The loader uses libyaml's safe parser (ten times faster) whenever PyYAML was built with it."""
    import yaml

    from mesocours.data import loader

    assert loader.SAFE_LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
