"""Combien de patients ? Difference to detect, SD, alpha, power -> patients per group, with the data's trials on the
curve. A thin view over :mod:`mesocours.models.sample_size`."""

from __future__ import annotations

import html

from mesocours.models.depth import short_citation
from mesocours.models.sample_size import SampleSize, detectable_difference, power_of, sample_size, trials
from mesocours.numbers import NBSP, fr
from mesocours.plots.sample_size import SampleSizeView, sample_size_figure
from mesocours.widgets.common import View, scenario, text_field

#: named scenarios shown statically in the book: (difference mm, SD mm, alpha %, power %)
SAMPLE_SIZE_SCENARIOS = {
    "eva-10-mm": ("10", "20", "5", "80"),
    "eva-20-mm": ("20", "20", "5", "80"),
    "eva-10-mm-puissance-90": ("10", "20", "5", "90"),
}
CONVENTION = (f"Formule de l’approximation normale, deux groupes parallèles de même taille, test bilatéral{NBSP}; "
              "les perdus de vue ne sont pas comptés. Chaque essai des données est placé à la moitié de son effectif "
              "(deux groupes supposés égaux) et à la différence que cet effectif permet de détecter avec l’écart-type, "
              "l’alpha et la puissance choisis.")


def result_html(r: SampleSize) -> str:
    text = (f"Pour détecter {fr(r.delta, 1)} mm avec un écart-type de {fr(r.sd, 1)} mm (taille d’effet "
            f"{fr(r.effect_size, 2)}), α = {fr(100 * r.alpha, 1)} % et une puissance de {fr(100 * r.power, 1)} %, il "
            f"faut {r.n} patients analysés par groupe, soit {r.total} au total ({r.t_n} par groupe avec la correction "
            "pour le test t)")
    return f"<p>{html.escape(text)}.</p>"


def caption_html(r: SampleSize) -> str:
    items = []
    for t in trials():
        d = detectable_difference(t.per_group, r.sd, r.alpha, r.power)
        pw = power_of(t.per_group, r.delta, r.sd, r.alpha)
        items.append(f"<li><small>{html.escape(t.label)} ({t.n} patients){NBSP}: différence détectable ≈ {fr(d, 0)} mm"
                     f"{NBSP}; puissance pour {fr(r.delta, 1)} mm ≈ {fr(100 * pw, 0)} % "
                     f"({html.escape(short_citation(t.sources[0]))})</small></li>")
    return f"<p><small>{html.escape(CONVENTION)}</small></p><ul>{''.join(items)}</ul>"


def alt_text(r: SampleSize) -> str:
    return (f"Courbe de l’effectif par groupe selon la différence à détecter, pour un écart-type de {fr(r.sd, 1)} mm, "
            f"α = {fr(100 * r.alpha, 1)} % et une puissance de {fr(100 * r.power, 1)} %{NBSP}: {r.n} patients par groupe "
            f"pour {fr(r.delta, 1)} mm{NBSP}; les essais des données sont placés sur la courbe par leur effectif.")


class SampleSizeExplorer(View):
    BENCH = (("delta", ["5", "10", "15", "20"]), ("power", ["80", "90"]), ("sd", ["15", "20", "25"]))

    def __init__(self, delta: str = "10", sd: str = "20", alpha: str = "5", power: str = "80"):
        self.delta = text_field("Différence à détecter (mm)", delta, "par exemple 10")
        self.sd = text_field("Écart-type (mm)", sd, "par exemple 20")
        self.alpha = text_field("Risque alpha bilatéral (%)", alpha, "par exemple 5")
        self.power = text_field("Puissance (%)", power, "par exemple 80")
        self._view = SampleSizeView()
        super().__init__([self.delta, self.sd, self.alpha, self.power])
        self.update()

    def compute(self):
        r = sample_size(self.delta.value, self.sd.value, self.alpha.value, self.power.value)
        return self._view.png(r), alt_text(r), result_html(r), caption_html(r)


def combien_de_patients(**kwargs) -> SampleSizeExplorer:
    """The live widget. Keyword arguments: delta, sd (mm), alpha, power (%), as typed."""
    return SampleSizeExplorer(**kwargs)


def sample_size_scenario(name: str):
    """The figure of a named scenario (static in the book)."""
    return sample_size_figure(sample_size(*scenario(name, SAMPLE_SIZE_SCENARIOS)))


__all__ = ["SAMPLE_SIZE_SCENARIOS", "SampleSizeExplorer", "combien_de_patients", "sample_size_scenario"]
