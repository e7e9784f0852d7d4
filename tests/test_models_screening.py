"""Dépistage avant séance: every contraindication of the data applies exactly when its rule says so."""

import pytest

from mesocours.data import course
from mesocours.models.screening import MAX_PRODUCTS_SFM, parse_term, questions, screen
from mesocours.numbers import InputError

CIS = course().contraindications
ASKED = {q.id for qs in questions().values() for q in qs}


def _ids(result):
    return {f.contraindication.id for f in result.findings}


def _profile(ci):
    """A profile and a mixture that meet the record's own rule (its first trigger, its products)."""
    answers = [t for t in ci.triggers if t in ASKED][:1]
    products = list(ci.product_ids[:1]) or ["lidocaine"]
    if "plus_de_trois_produits" in ci.triggers:
        products = [p.id for p in course().products if p.status == "amm"][: MAX_PRODUCTS_SFM + 1]
    term = ci.min_term_weeks + 1 if ci.min_term_weeks else ci.max_term_weeks - 1 if ci.max_term_weeks else None
    return answers, products, term


@pytest.mark.parametrize("ci", CIS, ids=lambda c: c.id)
def test_each_contraindication_applies_when_its_rule_is_met(ci):
    answers, products, term = _profile(ci)
    found = [f for f in screen(answers, products, term).findings if f.contraindication.id == ci.id]
    assert found and found[0].to_check is None
    if ci.product_ids:
        assert {p.id for p in found[0].products} <= set(ci.product_ids)
    else:
        assert found[0].products == ()


@pytest.mark.parametrize("ci", [c for c in CIS if c.triggers and c.product_ids], ids=lambda c: c.id)
def test_without_its_answer_it_does_not_apply(ci):
    _, products, _ = _profile(ci)
    assert ci.id not in _ids(screen([], products))


@pytest.mark.parametrize("ci", [c for c in CIS if c.product_ids], ids=lambda c: c.id)
def test_without_its_products_it_does_not_apply(ci):
    answers, _, term = _profile(ci)
    others = [p.id for p in course().products if p.id not in ci.product_ids][:1]
    assert ci.id not in _ids(screen(answers, others, term))


def test_term_threshold_and_missing_term():
    rule = next(c for c in CIS if c.min_term_weeks)
    pid = rule.product_ids[0]
    assert rule.id not in _ids(screen(["grossesse"], [pid], rule.min_term_weeks - 1))
    assert rule.id in _ids(screen(["grossesse"], [pid], rule.min_term_weeks))
    pending = [f for f in screen(["grossesse"], [pid]).findings if f.contraindication.id == rule.id]
    assert pending and "terme non saisi" in pending[0].to_check
    assert screen(["grossesse"], [pid]).pending(pid) == sum(1 for c in CIS if pid in c.product_ids and (c.min_term_weeks or c.max_term_weeks))


def test_a_rule_before_a_term_stops_at_that_term():
    rule = next(c for c in CIS if c.max_term_weeks)
    pid = rule.product_ids[0]
    assert rule.id in _ids(screen(["grossesse"], [pid], rule.max_term_weeks - 0.5))
    assert rule.id not in _ids(screen(["grossesse"], [pid], rule.max_term_weeks))
    pending = [f for f in screen(["grossesse"], [pid]).findings if f.contraindication.id == rule.id]
    assert pending and "avant" in pending[0].to_check


def test_more_than_three_products_is_derived_not_asked():
    ids = [p.id for p in course().products if p.status == "amm"]
    assert "melange_plus_de_trois" not in _ids(screen([], ids[:MAX_PRODUCTS_SFM]))
    assert "melange_plus_de_trois" in _ids(screen([], ids[: MAX_PRODUCTS_SFM + 1]))
    with pytest.raises(InputError, match="Réponse inconnue"):
        screen(["plus_de_trois_produits"], ["lidocaine"])


def test_banned_and_suspended_products_are_reported():
    result = screen([], ["phosphatidylcholine", "buflomedil", "lidocaine"])
    assert {p.id for p in result.stopped} == {"phosphatidylcholine", "buflomedil"}


@pytest.mark.parametrize("answers, products, term, message", [
    ([], [], None, "au moins un produit"),
    (["inconnue"], ["lidocaine"], None, "Réponse inconnue"),
    ([], ["inconnu"], None, "Produit inconnu"),
    ([], ["lidocaine"], 20, "ne se saisit que"),
    (["grossesse"], ["lidocaine"], -3, "strictement supérieur"),
    (["grossesse"], ["lidocaine"], 80, "au plus"),
])
def test_bad_input_is_a_french_message(answers, products, term, message):
    with pytest.raises(InputError, match=message):
        screen(answers, products, term)


def test_parse_term():
    assert parse_term("") is None and parse_term("  ") is None
    assert parse_term("26,5") == 26.5
    with pytest.raises(InputError):
        parse_term("vingt")


def test_every_question_is_used_and_every_record_names_questions():
    used = {t for c in CIS for t in c.triggers}
    assert {q.id for q in course().screening} <= used, "une question que rien ne déclenche"
