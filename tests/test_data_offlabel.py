"""data/offlabel_duties.yml: every record is sourced, names what exists, and each duty rests on legal texts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mesocours.data import DataError, course, load
from mesocours.data.base import BIB_PATH, DATA_DIR

ROOT = Path(__file__).resolve().parent.parent


def test_the_checklist_data_loads_with_its_links():
    c = course()
    assert c.offlabel_routes and c.label_readings and c.offlabel_duties and len(c.offlabel_reasons) == 3


def test_every_duty_rests_on_legal_texts_and_sources():
    c = course()
    texts = {t.id for t in c.legal_texts}
    for d in c.offlabel_duties:
        assert d.sources and d.legal_texts and set(d.legal_texts) <= texts, d.id


def test_the_duties_the_issue_names_are_there():
    named = {t for d in course().offlabel_duties for t in d.legal_texts}
    assert {"csp_l5121_12_1_2", "csp_l5121_12_1", "csp_l1111_2", "css_l162_4", "decret_2011_382",
            "ansm_2021_lipolytiques", "decret_2024_490"} <= named


def test_the_mention_is_quoted_word_for_word_from_its_legal_text():
    c = course()
    texts = {t.id: t for t in c.legal_texts}
    mentions = [d for d in c.offlabel_duties if d.mention]
    assert [d.mention for d in mentions] == ["Prescription hors autorisation de mise sur le marché"]
    assert mentions[0].mention in texts["csp_l5121_12_1_2"].rule


def test_readings_name_real_products_and_targets():
    c = course()
    products = {p.id for p in c.products}
    for r in c.label_readings:
        assert r.product in products and r.sources


def _copy_data(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


@pytest.mark.parametrize("edit, words", [
    (lambda y: y["duties"][0].update(legal_texts=["csp_l9999_9"]), "texte inconnu « csp_l9999_9 »"),
    (lambda y: y["readings"][0].update(product="aspirine"), "produit inconnu « aspirine »"),
    (lambda y: y["readings"][1].update(target="grippe"), "cible inconnue « grippe »"),
    (lambda y: y["routes"][0].update(label_wordings=["intradermale"]), "« intradermale » ne figure"),
    (lambda y: next(d for d in y["duties"] if d.get("mention")).update(mention="Hors AMM"), "ne figure mot pour mot"),
])
def test_a_broken_link_is_named(tmp_path, edit, words):
    data_dir = _copy_data(tmp_path)
    path = data_dir / "offlabel_duties.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(data_dir=data_dir, bib_path=BIB_PATH)
    assert any(words in p for p in info.value.problems), info.value.problems
