"""Mixture calculator model: real presentations of data/products.yml, warnings from data/mixing_rules.yml."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mesocours.data import DataError, load_collection
from mesocours.data.mixtures import MixingRule
from mesocours.models.mixture import (
    choices,
    final_concentration,
    mg_per_ml_to_percent,
    mix,
    percent_to_mg_per_ml,
    rules,
)
from mesocours.numbers import InputError

PROCAINE_2 = "procaine#1"  # Lavoisier 20 mg/mL, 5 mL
KETO = "ketoprofene#0"  # 50 mg/mL
LIDO_1 = "lidocaine#1"  # Mésocaïne 1 %, 10 mg/mL


def rule_ids(result) -> set[str]:
    return {w.rule.id for w in result.warnings}


def test_two_products_real_numbers():
    r = mix([PROCAINE_2, KETO], "2 ; 2", "0,1", "20", "4")
    proc, keto = r.components
    assert r.total_volume_ml == pytest.approx(4)
    assert proc.final == pytest.approx(10)  # 20 mg/mL diluted in twice its volume
    assert proc.final_percent == pytest.approx(1)
    assert keto.final == pytest.approx(25)
    assert keto.per_point == pytest.approx(2.5)  # 25 mg/mL × 0,1 mL
    assert keto.per_session == pytest.approx(50)
    assert keto.per_protocol == pytest.approx(200)
    # procaine: 600 mg per act (label); 20 points × 0,1 mL × 10 mg/mL = 20 mg
    (pm,) = proc.comparisons
    assert pm.compared and pm.share == pytest.approx(20 / 600)
    assert "par acte" in pm.what and "600" in pm.what
    # ketoprofen: two daily maxima (200 and 300 mg/j), each compared with one session
    assert [round(m.share, 4) for m in keto.comparisons] == [0.25, round(50 / 300, 4)]
    assert all("par jour" in m.what for m in keto.comparisons)


def test_warnings_of_a_two_product_mixture():
    ids = rule_ids(mix([PROCAINE_2, KETO], "2 ; 2", "0,1", "20", "4"))
    assert {"allergie_ester", "excipient_notoire", "rcp_incompatibilites", "preparation_pharmacie",
            "hors_amm_voie", "hors_amm_indication", "hors_amm_melange", "asepsie_flacons"} <= ids
    assert not ids & {"sfm_trois_produits", "sfm_corticoides", "lipolyse_interdite", "meme_famille",
                      "sans_anesthesique", "hypertonique"}


def test_route_warning_names_only_products_without_the_intradermal_route():
    r = mix([PROCAINE_2, KETO], "2 ; 2", "0,1", "20", "4")
    (route,) = [w for w in r.warnings if w.rule.id == "hors_amm_voie"]
    assert route.products == ("Kétoprofène injectable",)  # procaine's label lists the intradermal route


def test_four_products_corticoid_thiocolchicoside():
    r = mix([LIDO_1, KETO, "thiocolchicoside#0", "corticoides"], "2 ; 2 ; 2 ; 1", "0,1", "30", "5")
    ids = rule_ids(r)
    assert {"sfm_trois_produits", "sfm_corticoides", "thiocolchicoside_seringue"} <= ids
    cortico = r.components[-1]
    assert cortico.final is None and cortico.per_session is None  # no documented concentration
    thio = r.components[2]
    (m,) = thio.comparisons
    assert m.compared and "par 12 heures" in m.what


def test_one_product_alone():
    r = mix(["thiocolchicoside#0"], "2", "0,1", "10", "1")
    ids = rule_ids(r)
    assert "thiocolchicoside_seringue" not in ids  # only in a mixture
    assert not ids & {"hors_amm_melange", "preparation_pharmacie", "rcp_incompatibilites"}
    assert "sans_anesthesique" in ids
    assert r.components[0].final == pytest.approx(2)  # undiluted


def test_banned_and_suspended_and_same_family():
    banned = mix(["phosphatidylcholine", "deoxycholate"], "5 ; 5", "0,2", "50", "4")
    (w,) = [w for w in banned.warnings if w.rule.id == "lipolyse_interdite"]
    assert set(w.products) == {"Phosphatidylcholine", "Déoxycholate de sodium"}
    assert "ansm2021lipolytiques" in w.sources  # the products' own regulatory decisions are added
    assert "amm_suspendue" in rule_ids(mix(["buflomedil", LIDO_1], "1 ; 1", "0,1", "10", "1"))
    same = mix([PROCAINE_2, LIDO_1], "5 ; 5", "0,2", "40", "3")
    assert "meme_famille" in rule_ids(same)
    assert "meme_famille" not in rule_ids(mix([PROCAINE_2, KETO], "1 ; 1", "0,1", "1", "1"))


def test_hypertonic_flag():
    assert "hypertonique" in rule_ids(mix(["magnesium", LIDO_1], "1 ; 1", "0,1", "10", "1"))


def test_maximum_in_another_unit_or_period_is_not_compared():
    from mesocours.data import LabelMaxDose
    from mesocours.models.mixture import comparison

    per_injection = LabelMaxDose(value=100, unit="mg", per="injection", route="IM", sources=["bdpm_ketoprofene"])
    c = comparison(per_injection, 50, "mg")
    assert not c.compared and c.share is None and "injection" in c.why_not
    c = comparison(LabelMaxDose(value=100, unit="UI", per="jour", route="SC", sources=["rcp_calsyn"]), 50, "mg")
    assert not c.compared and "unités" in c.why_not


def test_injected_volume_beyond_the_preparation_is_said():
    assert mix([KETO], "1", "0,1", "20", "1").syringes_needed
    assert not mix([KETO], "2", "0,1", "20", "1").syringes_needed


@pytest.mark.parametrize("args", [
    ([], "2", "0,1", "10", "1"),
    ([KETO], "0", "0,1", "10", "1"),
    ([KETO], "-1", "0,1", "10", "1"),
    ([KETO], "abc", "0,1", "10", "1"),
    ([KETO], "5000", "0,1", "10", "1"),
    ([KETO], "2 ; 2", "0,1", "10", "1"),
    ([KETO, PROCAINE_2], "2", "0,1", "10", "1"),
    ([KETO], "2", "0", "10", "1"),
    ([KETO], "2", "10", "10", "1"),
    ([KETO], "2", "0,1", "2,5", "1"),
    ([KETO], "2", "0,1", "0", "1"),
    ([KETO], "2", "0,1", "10", "-3"),
    ([KETO], "2", "0,1", "10", "trois"),
    (["inconnu"], "2", "0,1", "10", "1"),
    ([KETO, KETO], "1 ; 1", "0,1", "10", "1"),
])
def test_bad_input_is_a_french_message(args):
    with pytest.raises(InputError) as err:
        mix(*args)
    msg = str(err.value)
    assert (msg[0].isupper() or msg[0] == "«") and msg.rstrip().endswith(".") and "Traceback" not in msg


def test_message_names_the_quantity():
    with pytest.raises(InputError, match="Le volume par point doit être strictement supérieur à 0"):
        mix([KETO], "2", "0", "10", "1")
    with pytest.raises(InputError, match="un volume par produit"):
        mix([KETO, PROCAINE_2], "2", "0,1", "10", "1")


# ---------------------------------------------------------------- properties
MG_KEYS = [k for k, c in choices().items() if c.stock[1] == "mg"]
volumes = st.floats(min_value=0.01, max_value=20, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(MG_KEYS), min_size=1, max_size=4, unique=True), st.data())
def test_concentrations_scale_with_dilution(keys, data):
    vols = data.draw(st.lists(volumes, min_size=len(keys), max_size=len(keys)))
    r = mix(keys, vols, 0.1, 1, 1)
    total = sum(vols)
    assert r.total_volume_ml == pytest.approx(total)
    for c, v in zip(r.components, vols):
        assert c.final == pytest.approx(c.stock * v / total)
        assert c.final <= c.stock * (1 + 1e-12)  # mixing never concentrates
        # the amount of each product is conserved: C_final × V_total = C_stock × V
        assert c.final * total == pytest.approx(c.stock * v)
    # doubling every volume changes nothing in the concentrations
    r2 = mix(keys, [2 * v for v in vols], 0.1, 1, 1)
    for a, b in zip(r.components, r2.components):
        assert a.final == pytest.approx(b.final)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(MG_KEYS), volumes, st.floats(0.01, 1), st.integers(1, 5), st.integers(1, 200),
       st.integers(1, 20))
def test_doses_scale_linearly(key, vol, vpp, factor, points, sessions):
    base = mix([key, "lidocaine#0" if key != "lidocaine#0" else KETO], [vol, 1.0], vpp, points, sessions)
    c = base.components[0]
    assert c.per_point == pytest.approx(c.final * vpp)
    assert c.per_session == pytest.approx(c.per_point * points)
    assert c.per_protocol == pytest.approx(c.per_session * sessions)
    scaled_vpp = min(2.0, vpp * factor)
    more = mix([key, base.components[1].choice.key], [vol, 1.0], scaled_vpp, points, sessions)
    assert more.components[0].per_point == pytest.approx(c.per_point * scaled_vpp / vpp)
    for m1, m2 in zip(c.comparisons, more.components[0].comparisons):
        if m1.compared:
            assert m2.share == pytest.approx(m1.share * scaled_vpp / vpp)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_mg_per_ml_percent_round_trip(x):
    assert percent_to_mg_per_ml(mg_per_ml_to_percent(x)) == pytest.approx(x)
    assert mg_per_ml_to_percent(percent_to_mg_per_ml(x)) == pytest.approx(x)


def test_percent_reference_values():
    assert mg_per_ml_to_percent(20) == pytest.approx(2)  # procaine « 2 % » is 20 mg/mL on its label
    assert percent_to_mg_per_ml(0.5) == pytest.approx(5)  # Mésocaïne 0,5 % = 25 mg/5 mL


def test_final_concentration_refuses_empty_volume():
    with pytest.raises(InputError):
        final_concentration(10, 1, 0)


# ---------------------------------------------------------------- data
def test_every_rule_has_a_trigger_the_model_reads_and_sources():
    assert len(rules()) >= 15
    kinds = {r.kind for r in rules()}
    assert {"regle_enseignement", "fait_rcp", "texte_legal"} <= kinds


def test_schema_rejects_incomplete_or_unknown_triggers(tmp_path):
    for bad in ({"when": "plus_de_produits"}, {"when": "famille", "families": ["inconnue"]},
                {"when": "statut", "statuses": ["retire"]}, {"when": "produits"}, {"when": "hors_amm"}):
        with pytest.raises(ValidationError):
            MixingRule.model_validate({"id": "x", "kind": "fait_rcp", "title": "t", "text": "t", "trigger": bad,
                                       "sources": ["has2014"]})
    (tmp_path / "mixing_rules.yml").write_text(
        "- id: x\n  kind: fait_rcp\n  title: t\n  text: t\n  trigger: {when: plus_de_produits}\n  sources: [has2014]\n",
        encoding="utf-8")
    with pytest.raises(DataError, match="demande le champ « n »"):
        load_collection("mixing_rules", tmp_path)


def test_check_links_names_unknown_products():
    from types import SimpleNamespace

    from mesocours.data.mixtures import check_links

    rule = MixingRule.model_validate({"id": "x", "kind": "fait_rcp", "title": "t", "text": "t",
                                      "trigger": {"when": "produits", "product_ids": ["licorne"]},
                                      "sources": ["has2014"]})
    problems = check_links(SimpleNamespace(products=[], mixing_rules=[rule]), set())
    assert problems and "licorne" in problems[0]
