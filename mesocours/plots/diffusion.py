"""The diffusion model's figure: amount in the local tissue (top) and in the plasma (bottom) over time.

Amounts are drawn as a percentage of the dose: the model is linear, so the shapes do not depend on
the dose (the title and the peak labels give the milligrams), and the axes stay put when the dose changes.

The intradermal depot is drawn as a solid line with round markers, the comparator (IM or IV bolus)
as a dashed line with square markers: the two differ by line style, marker and legend, not by
colour alone (Okabe–Ito colours). The peak of each plasma curve is marked and labelled.

:class:`DiffusionView` keeps one :class:`~mesocours.plots.style.LiveFigure`: the curves, the peak
markers and the title move; axes, ticks, legend and labels are cached under a key made of the
snapped axis limits and the comparator.
"""

from __future__ import annotations

from mesocours.models.diffusion import ROUTES, Simulation
from mesocours.numbers import NBSP, fr
from mesocours.plots.style import NICE_COARSE, LiveFigure, french_axes, new_figure, nice_ceil, series_style

MARK_EVERY = 20  # one marker every 20 grid points (the grid has 241)
_ID_STYLE, _CMP_STYLE = series_style(0), series_style(1)
NOTICE = f"Modèle pédagogique, paramètres illustratifs{NBSP}: pas une étude pharmacocinétique"


def _style(route: str) -> dict:
    st = _ID_STYLE if route == "id" else _CMP_STYLE
    return {"color": st["color"], "ls": "-" if route == "id" else "--", "marker": "o" if route == "id" else "s"}


class DiffusionView:
    """``png(sim)`` redraws the two panels for a :class:`~mesocours.models.diffusion.Simulation`."""

    def __init__(self, live: bool = True):
        self.fig = new_figure(7.4, 5.6)
        self.live = LiveFigure(self.fig, cache_size=12) if live else None
        self.ax_local = self.fig.add_subplot(2, 1, 1)
        self.ax_plasma = self.fig.add_subplot(2, 1, 2, sharex=self.ax_local)
        self.lines = {}
        for name, ax in (("local", self.ax_local), ("plasma", self.ax_plasma)):
            for slot in ("id", "cmp"):
                st = _style("id" if slot == "id" else "iv")
                (line,) = ax.plot([], [], lw=1.8, color=st["color"], ls=st["ls"], marker=st["marker"], ms=4,
                                  markevery=MARK_EVERY)
                self.lines[name, slot] = line
        self.peaks = {slot: self.ax_plasma.plot([], [], ls="", marker="v", ms=9, color=_style(
            "id" if slot == "id" else "iv")["color"], markeredgecolor="black", zorder=5)[0] for slot in ("id", "cmp")}
        self.peak_text = {slot: self.ax_plasma.annotate("", (0, 0), xytext=(6, 6), textcoords="offset points",
                                                        fontsize=8) for slot in ("id", "cmp")}
        self.ax_local.set_ylabel("tissu local (% de la dose)")
        self.ax_plasma.set_ylabel("plasma (% de la dose)")
        self.ax_plasma.set_xlabel("heures après l’injection")
        self.fig.text(0.01, 0.005, NOTICE, fontsize=8, style="italic", ha="left", va="bottom")
        self.title = self.ax_local.set_title(" ", fontsize=10, loc="left")
        for ax in (self.ax_local, self.ax_plasma):
            french_axes(ax, 1, nbins=5)
            ax.grid(True, color="#e5e5e5", lw=0.6)
        self.legend = None
        self.comparator = None
        self.fig.subplots_adjust(left=0.12, right=0.97, top=0.93, bottom=0.13, hspace=0.3)
        if self.live is not None:
            self.live.dynamic(*self.lines.values(), *self.peaks.values(), *self.peak_text.values(), self.title)

    def _legend(self, comparator: str) -> None:
        if comparator == self.comparator:
            return
        for slot, route in (("id", "id"), ("cmp", comparator)):
            st = _style(route)
            for name in ("local", "plasma"):
                self.lines[name, slot].set_label(ROUTES[route] if name == "local" else "_")
                self.lines[name, slot].set_color(st["color"])
            self.peaks[slot].set_color(st["color"])
        if self.legend is not None:
            self.legend.remove()
        self.legend = self.ax_local.legend(loc="upper right", fontsize=8, frameon=True, framealpha=0.9,
                                           edgecolor="none")
        self.comparator = comparator

    def draw(self, sim: Simulation) -> tuple:
        """Set every artist for this simulation; return the key of the static part."""
        comparator = next(r for r in sim.amounts if r != "id")
        self._legend(comparator)
        scale = 100 / sim.dose_mg
        top_local = min(100.0, nice_ceil(max(float(sim.curve(r, "local").max()) for r in sim.amounts) * scale * 1.1,
                                         NICE_COARSE))
        top_plasma = min(115.0, nice_ceil(max(float(sim.curve(r, "plasma").max()) for r in sim.amounts) * scale
                                          * 1.15, NICE_COARSE))
        right = nice_ceil(sim.hours)
        self.title.set_text(f"Même dose ({fr(sim.dose_mg, 1)}{NBSP}mg) : dépôt intradermique contre "
                            f"{'bolus IV' if comparator == 'iv' else 'injection IM'}")
        self.ax_local.set_xlim(0, right)
        self.ax_local.set_ylim(0, top_local)
        self.ax_plasma.set_ylim(0, top_plasma)
        for slot, route in (("id", "id"), ("cmp", comparator)):
            for name in ("local", "plasma"):
                self.lines[name, slot].set_data(sim.times, sim.curve(route, name) * scale)
            s = sim.summaries[route]
            self.peaks[slot].set_data([s.t_peak_plasma_h], [s.peak_plasma_mg * scale])
            label = self.peak_text[slot]
            label.xy = (s.t_peak_plasma_h, s.peak_plasma_mg * scale)
            label.set_text(f"pic {fr(s.peak_plasma_mg, 1)}{NBSP}mg à {fr(s.t_peak_plasma_h, 1)}{NBSP}h")
        return (right, top_local, top_plasma, comparator)

    def png(self, sim: Simulation) -> bytes:
        return self.live.png(self.draw(sim))


def diffusion_figure(sim: Simulation):
    """A static figure (book scenarios)."""
    view = DiffusionView(live=False)
    view.draw(sim)
    return view.fig
