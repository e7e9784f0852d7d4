"""Pourquoi les études sans témoin trompent: the same simulated patients in a before/after series and in a
sham-controlled trial. A thin view over :mod:`mesocours.models.uncontrolled`; its conventions are shown with it."""

from __future__ import annotations

import html

from mesocours.models.uncontrolled import BETWEEN_SD, POPULATION_MEAN, Simulation, simulate
from mesocours.numbers import NBSP, fr
from mesocours.plots.uncontrolled import UncontrolledView, uncontrolled_figure
from mesocours.widgets.common import View, scenario, text_field

#: named scenarios shown statically in the book: (effect, placebo, threshold, noise, screened, seed)
SIMULATION_SCENARIOS = {
    "effet-nul": ("0", "10", "60", "12", "2000", "1"),
    "effet-nul-sans-placebo": ("0", "0", "60", "12", "2000", "1"),
    "effet-vrai-10-mm": ("10", "10", "60", "12", "2000", "1"),
}
CONVENTION = (f"Simulation, pas des données{NBSP}: douleur vraie tirée d’une loi normale (moyenne "
              f"{fr(POPULATION_MEAN, 0)} mm, écart-type {fr(BETWEEN_SD, 0)} mm), chaque mesure ajoute une erreur d’un jour "
              "à l’autre indépendante, on inclut un patient quand sa mesure atteint le seuil et cette mesure sert de "
              "valeur initiale. L’essai répartit au hasard les mêmes patients inclus en deux bras égaux. La même graine "
              "redonne les mêmes patients.")


def _pm(e) -> str:
    return f"{fr(e.mean, 1)} mm (IC 95 %{NBSP}: {fr(e.low, 1)} à {fr(e.high, 1)})"


def result_html(s: Simulation) -> str:
    series = (f"Série avant/après{NBSP}: amélioration moyenne de {_pm(s.before_after)}, dont environ "
              f"{fr(s.regression, 1)} mm attendus de la seule régression vers la moyenne et {fr(s.placebo, 1)} mm de "
              f"réponse placebo, pour un effet vrai de {fr(s.effect, 1)} mm.")
    trial = (f"Essai contre procédure fictive, mêmes patients{NBSP}: différence entre les bras de {_pm(s.difference)}.")
    return f"<p>{html.escape(series)}</p><p>{html.escape(trial)}</p>"


def alt_text(s: Simulation) -> str:
    return (f"Deux graphiques côte à côte. À gauche, la série avant/après{NBSP}: la douleur moyenne passe de "
            f"{fr(s.baseline.mean, 1)} à {fr(s.follow_up.mean, 1)} mm. À droite, l’essai contre procédure fictive{NBSP}: "
            f"amélioration de {fr(s.active_change.mean, 1)} mm avec le traitement et de {fr(s.sham_change.mean, 1)} mm "
            f"avec la procédure fictive, soit une différence de {fr(s.difference.mean, 1)} mm, pour un effet vrai de "
            f"{fr(s.effect, 1)} mm.")


class UncontrolledStudy(View):
    BENCH = (("threshold", ["50", "60", "70"]), ("effect", ["0", "5", "10"]), ("seed", ["1", "2", "3"]))

    def __init__(self, effect: str = "0", placebo: str = "10", threshold: str = "60", noise: str = "12",
                 screened: str = "2000", seed: str = "1"):
        self.effect = text_field("Effet vrai du traitement (mm)", effect, "0 : le traitement ne fait rien")
        self.placebo = text_field("Réponse placebo (mm)", placebo, "par exemple 10")
        self.threshold = text_field("Seuil d’inclusion (EVA, mm)", threshold, "par exemple 60")
        self.noise = text_field("Variabilité d’un jour à l’autre (mm)", noise, "par exemple 12")
        self.screened = text_field("Patients examinés", screened, "par exemple 2000")
        self.seed = text_field("Graine du tirage", seed, "un entier, par exemple 1")
        self._view = UncontrolledView()
        super().__init__([self.effect, self.placebo, self.threshold, self.noise, self.screened, self.seed])
        self.update()

    def compute(self):
        s = simulate(self.effect.value, self.placebo.value, self.threshold.value, self.noise.value,
                     self.screened.value, self.seed.value)
        return self._view.png(s), alt_text(s), result_html(s), f"<p><small>{html.escape(CONVENTION)}</small></p>"


def etude_sans_temoin(**kwargs) -> UncontrolledStudy:
    """The live widget. Keyword arguments: effect, placebo, threshold, noise, screened, seed (as typed)."""
    return UncontrolledStudy(**kwargs)


def simulation_scenario(name: str):
    """The figure of a named scenario (static in the book)."""
    return uncontrolled_figure(simulate(*scenario(name, SIMULATION_SCENARIOS)))


def simulation_summary(name: str) -> str:
    """The result sentence of a named scenario, as plain text (for a notebook's static output)."""
    s = simulate(*scenario(name, SIMULATION_SCENARIOS))
    return html.unescape(result_html(s).replace("</p><p>", " ").replace("<p>", "").replace("</p>", ""))


__all__ = ["SIMULATION_SCENARIOS", "UncontrolledStudy", "etude_sans_temoin", "simulation_scenario",
           "simulation_summary"]
