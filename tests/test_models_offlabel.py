"""Check-list hors AMM: one test per rule of mesocours.models.offlabel, with the products of the data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mesocours.data import LabelReading
from mesocours.models.offlabel import KIND_ORDER, checklist, data, default_route
from mesocours.numbers import InputError


def by_id(result):
    return {c.product.id: c for c in result.products}


def duty_ids(result):
    return [line.duty.id for line in result.duties]


def text_ids(result):
    return {t.id for line in result.duties for t in line.texts}


# --- rule 1: regime from the status -------------------------------------------------------------------
@pytest.mark.parametrize("pid, regime", [
    ("procaine", "hors_amm"), ("piroxicam", "hors_amm"),  # amm, amm_restreinte: off-label as soon as a reason applies
    ("acide_hyaluronique", "dispositif_medical"), ("vitamine_c", "non_verifie"),
    ("phosphatidylcholine", "interdit"), ("buflomedil", "amm_suspendue"),
])
def test_rule1_regime_follows_the_status_of_the_data(pid, regime):
    assert by_id(checklist([pid], "tendinopathie"))[pid].regime == regime


def test_rule1_a_labelled_product_without_any_reason_is_conforme():
    d = data()
    covered = LabelReading(id="t", product="piroxicam", aspect="indication", target="arthrose", verdict="couvert",
                           note="Lecture de test.", sources=["bdpm_piroxicam_teva"])
    d2 = replace(d, readings=d.readings + (covered,))
    result = checklist(["piroxicam"], "arthrose", "intramusculaire", d=d2)
    check = by_id(result)["piroxicam"]
    assert check.regime == "conforme" and check.reasons == ()
    assert "mention_hors_amm" not in duty_ids(result) and "consentement" in duty_ids(result)


# --- rule 2: route -----------------------------------------------------------------------------------
def test_rule2_default_route_is_intradermal():
    assert default_route() == "intradermique"
    assert checklist(["procaine"], "tendinopathie").route.id == "intradermique"


def test_rule2_route_named_by_the_label_is_covered():
    route = by_id(checklist(["procaine"], "tendinopathie"))["procaine"].route
    assert route.verdict == "couvert" and not route.is_reason


def test_rule2_route_absent_from_the_label_is_a_reason():
    check = by_id(checklist(["piroxicam"], "tendinopathie"))["piroxicam"]
    assert check.route.verdict == "non_couvert" and "voie" in check.reasons
    assert "intramusculaire" in check.route.note


def test_rule2_every_wording_of_a_route_counts():
    """« intramusculaire stricte » (kétoprofène) is the intramuscular route of the data."""
    for pid in ("ketoprofene", "thiocolchicoside", "piroxicam"):
        assert by_id(checklist([pid], "lombalgie", "intramusculaire"))[pid].route.verdict == "couvert"


def test_rule2_a_reading_overrides_the_plain_rule():
    route = by_id(checklist(["lidocaine"], "tendinopathie"))["lidocaine"].route
    assert route.verdict == "indetermine" and route.from_reading and route.is_reason
    assert "bdpm_mesocaine" in route.sources


def test_rule2_no_label_route_in_the_data_is_not_taken_as_covered():
    route = by_id(checklist(["corticoides"], "tendinopathie"))["corticoides"].route
    assert route.verdict == "non_renseigne" and route.is_reason


# --- rule 3: indication -----------------------------------------------------------------------------
def test_rule3_indication_is_not_covered_by_default():
    ind = by_id(checklist(["procaine"], "tendinopathie"))["procaine"].indication
    assert ind.verdict == "non_couvert" and not ind.from_reading and "règle par défaut" in ind.note


def test_rule3_a_reading_can_say_partial():
    ind = by_id(checklist(["ketoprofene"], "lombalgie", "intramusculaire"))["ketoprofene"].indication
    assert ind.verdict == "partiel" and ind.from_reading and ind.is_reason
    assert "lombalgies aiguës" in ind.note


# --- rule 4: mixture ----------------------------------------------------------------------------------
def test_rule4_a_single_product_has_no_mixture_reason():
    check = by_id(checklist(["procaine"], "tendinopathie"))["procaine"]
    assert check.mixture is None and "melange" not in check.reasons


def test_rule4_a_mixture_is_a_reason_for_every_labelled_product():
    result = checklist(["procaine", "piroxicam"], "tendinopathie")
    assert result.is_mixture
    for check in result.products:
        assert "melange" in check.reasons
    assert by_id(result)["procaine"].reasons == ("indication", "melange")
    assert by_id(result)["piroxicam"].reasons == ("voie", "indication", "melange")


def test_rule4_a_label_that_forbids_the_same_syringe_is_quoted():
    mix = by_id(checklist(["procaine", "thiocolchicoside"], "lombalgie"))["thiocolchicoside"].mixture
    assert mix.from_reading and "même seringue" in mix.note and "ansm_rcp_miorel_2011" in mix.sources


def test_rule4_a_device_in_a_mixture_gets_no_offlabel_reason():
    check = by_id(checklist(["procaine", "acide_hyaluronique"], "qualite_peau"))["acide_hyaluronique"]
    assert check.reasons == () and check.mixture is None


# --- rule 5: reasons and the off-label duties ---------------------------------------------------------
def test_rule5_offlabel_duties_with_their_articles_and_the_exact_mention():
    result = checklist(["procaine", "piroxicam"], "tendinopathie")
    assert {"csp_l5121_12_1_2", "csp_l5121_12_1", "csp_l1111_2", "csp_l1111_4", "css_l162_4"} <= text_ids(result)
    assert result.mentions == ("Prescription hors autorisation de mise sur le marché",)
    assert {r.id for r in result.reasons} == {"voie", "indication", "melange"}
    assert "preparation_melange" in duty_ids(result)  # a mixture: who prepares it
    assert "preparation_melange" not in duty_ids(checklist(["procaine"], "tendinopathie"))


# --- rule 6: a banned or suspended product stops the check-list ------------------------------------
def test_rule6_a_banned_product_stops_with_the_texts_that_ban_it():
    result = checklist(["procaine", "phosphatidylcholine"], "graisse_localisee")
    assert result.stopped
    assert duty_ids(result) == ["arret_interdit"]
    assert {"decret_2011_382", "ce_2012", "ansm_2021_lipolytiques"} <= text_ids(result)
    assert result.mentions == () and result.record_items == ()


def test_rule6_a_suspended_product_stops_too():
    result = checklist(["buflomedil"], "insuffisance_veineuse")
    assert result.stopped and duty_ids(result) == ["arret_suspendu"]
    assert "afssaps_2011_buflomedil" in text_ids(result)


# --- rule 7: the other regimes get their own duties, not the off-label ones --------------------------
def test_rule7_a_medical_device_gets_its_own_rules():
    result = checklist(["acide_hyaluronique"], "vieillissement_cutane")
    ids = duty_ids(result)
    assert not result.stopped and result.mentions == ()
    assert {"dm_pas_hors_amm", "dm_fourniture_ha", "dm_materiovigilance"} <= set(ids)
    assert "mention_hors_amm" not in ids and "condition_alternative" not in ids
    assert {"decret_2024_490", "csp_l5212_2"} <= text_ids(result)


def test_rule7_a_product_without_amm_gets_its_own_rules():
    d = data()
    product = d.products["phosphatidylcholine"].model_copy(update={"status": "sans_amm"})
    d2 = replace(d, products={**d.products, "phosphatidylcholine": product})
    result = checklist(["phosphatidylcholine"], "cellulite", d=d2)
    ids = duty_ids(result)
    assert not result.stopped and "sans_amm_hors_cadre" in ids and "mention_hors_amm" not in ids
    assert "ansm_2021_lipolytiques" in text_ids(result)


def test_rule7_an_unverified_status_is_not_asserted():
    result = checklist(["vitamine_c"], "qualite_peau")
    ids = duty_ids(result)
    assert "statut_non_verifie" in ids and "mention_hors_amm" not in ids
    line = next(x for x in result.duties if x.duty.id == "statut_non_verifie")
    assert "n’affirme" in line.duty.text


def test_rule7_family_restricted_duties_and_order():
    result = checklist(["acide_hyaluronique"], "vieillissement_cutane")
    kinds = [x.duty.kind for x in result.duties]
    assert kinds == sorted(kinds, key=KIND_ORDER.index)
    line = next(x for x in result.duties if x.duty.id == "dm_fourniture_ha")
    assert line.products == ("Acide hyaluronique non réticulé",)


def test_rule7_a_mixture_of_regimes_lists_each_duty_once_with_its_products():
    result = checklist(["procaine", "acide_hyaluronique"], "qualite_peau")
    ids = duty_ids(result)
    assert len(ids) == len(set(ids))
    consent = next(x for x in result.duties if x.duty.id == "consentement")
    assert set(consent.products) == {"Procaïne (chlorhydrate)", "Acide hyaluronique non réticulé"}
    assert "mention_hors_amm" in ids and "dm_fourniture_ha" in ids


# --- invalid input: a French message -----------------------------------------------------------------
@pytest.mark.parametrize("args, words", [
    (([], "tendinopathie"), "au moins un produit"),
    ((["aspirine"], "tendinopathie"), "Produit inconnu"),
    ((["procaine"], "grippe"), "Indication inconnue"),
    ((["procaine"], "tendinopathie", "orale"), "Voie inconnue"),
])
def test_invalid_input_raises_a_french_input_error(args, words):
    with pytest.raises(InputError, match=words):
        checklist(*args)
