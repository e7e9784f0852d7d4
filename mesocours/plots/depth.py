"""Cross-section of a site's measured skin layers with the needle drawn at its angle.

:class:`DepthSection` draws one section on an axes and can move its needle without rebuilding the
axes: the layers, labels and ticks depend only on (site, shown depth, shown width), snapped to
round numbers, so a live widget redraws just the needle, its tip, the depth line and two texts.
"""

from __future__ import annotations

import math
from typing import Optional

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mesocours.models.depth import SiteProfile, layer_at, needle_depth_mm
from mesocours.numbers import NBSP, fr
from mesocours.plots.style import ACCENT, LAYER_COLOURS, LiveFigure, french_axes, new_figure, nice_ceil

BAND_LABELS = {"epiderme": "épiderme", "derme": "derme", "hypoderme": "hypoderme", "au_dela": "fascia, muscle"}
# a non-colour cue for each layer: the deeper, the denser the hatch (labels name them too)
BAND_HATCHES = {"epiderme": None, "derme": None, "hypoderme": "..", "au_dela": "xx"}
TEXT_COLOUR = "#3b2a22"
EDGE_COLOUR = "#8c6d5f"


def section_extent(profile: SiteProfile, length_mm: float) -> tuple[float, float]:
    """(bottom, width) of the section shown, in mm, snapped to round numbers.

    They depend on the site and the needle length only: the whole needle fits at any angle and
    inserted fraction, so moving those redraws the needle over the same cached layers and axes.
    """
    skin = profile.skin_mm
    hypo = profile.hypodermis_mm
    reach = length_mm  # deepest tip: the whole needle at 90°
    shown_hypo = hypo if hypo is not None else max(2.0, reach - skin + 1.0)
    bottom = max(reach * 1.25, skin + min(shown_hypo, max(3.0, reach * 1.25 - skin)), skin * 1.6)
    width = max(length_mm * 1.6 + 2.0, 6.0)
    return nice_ceil(bottom), nice_ceil(width + 1.0)


class DepthSection:
    """One cross-section on ``ax``; ``live`` registers the moving artists with a LiveFigure."""

    def __init__(self, ax, live: Optional[LiveFigure] = None):
        self.ax = ax
        self.live = live
        self._static: list = []
        self._key = None
        self.needle, = ax.plot([], [], color=ACCENT, lw=2.2, solid_capstyle="round", zorder=4)
        self.outside, = ax.plot([], [], color=ACCENT, lw=2.2, alpha=0.35, zorder=4)
        self.tip, = ax.plot([], [], marker="o", color=ACCENT, ms=6, ls="", zorder=5)
        self.level = ax.axhline(0, color=ACCENT, lw=0.8, ls="--", zorder=3)
        self.depth_text = ax.text(0, 0, "", va="bottom", ha="left", fontsize=8.5, color=ACCENT,
                                  fontweight="bold", zorder=5)
        self.title = ax.set_title(" ", fontsize=10, y=1.0)
        ax.set_xlabel("distance horizontale (mm)")
        ax.set_ylabel("profondeur sous la surface (mm)")
        french_axes(ax, 1, nbins=6)
        if live is not None:
            live.dynamic(self.needle, self.outside, self.tip, self.level, self.depth_text, self.title)

    def _build_static(self, key) -> None:
        """Layers, their labels and the axis limits: a function of ``key`` alone."""
        if key == self._key:
            return
        site, epidermis, skin, hypo, bottom, width = key
        for a in self._static:
            a.remove()
        self._static = []
        ax = self.ax
        x0 = -1.0
        bands = [("epiderme", 0.0, epidermis), ("derme", epidermis, skin)]
        if hypo is None:
            bands.append(("hypoderme", skin, bottom))
        else:
            bands.append(("hypoderme", skin, min(skin + hypo, bottom)))
            if skin + hypo < bottom:
                bands.append(("au_dela", skin + hypo, bottom))
        for name, top, bot in bands:
            unmeasured = name == "hypoderme" and hypo is None
            hatch = "//" if unmeasured else BAND_HATCHES[name]
            self._static.append(ax.add_patch(Rectangle(
                (x0, top), width, bot - top, facecolor=LAYER_COLOURS[name], edgecolor=EDGE_COLOUR if hatch else "none",
                hatch=hatch, lw=0, zorder=1)))
            if name != "epiderme":
                text = BAND_LABELS[name] + (" (épaisseur non mesurée)" if unmeasured else "")
                self._static.append(ax.text(x0 + width - 0.2, top + 0.03 * bottom, text, ha="right", va="top",
                                            fontsize=8, color=TEXT_COLOUR, zorder=2,
                                            bbox={"facecolor": "white", "alpha": 0.6, "lw": 0, "pad": 1}))
        self._static.append(ax.annotate(
            "épiderme", xy=(x0 + width - 0.2, epidermis / 2), xytext=(x0 + width - 0.2, -0.08 * bottom),
            ha="right", va="bottom", fontsize=8, color=TEXT_COLOUR,
            arrowprops={"arrowstyle": "-", "color": EDGE_COLOUR, "lw": 0.6}))
        ax.set_xlim(x0, x0 + width)
        ax.set_ylim(bottom, -0.15 * bottom)
        self._key = key

    def draw(self, profile: SiteProfile, length_mm: float, angle_deg: float, fraction: float,
             title: Optional[str] = None) -> tuple[float, tuple]:
        """Show the needle; return (depth reached in mm, key of the static part)."""
        depth = needle_depth_mm(length_mm, angle_deg, fraction)
        layer = layer_at(profile.site, depth)
        rad = math.radians(angle_deg)
        inserted = length_mm * fraction
        horiz = inserted * math.cos(rad)
        bottom, width = section_extent(profile, length_mm)
        key = (profile.site, profile.epidermis_mm, profile.skin_mm, profile.hypodermis_mm, bottom, width)
        self._build_static(key)
        self.needle.set_data([0, horiz], [0, depth])
        outside = length_mm * (1 - fraction)
        self.outside.set_data([0, -outside * math.cos(rad)], [0, -outside * math.sin(rad)])
        self.outside.set_visible(fraction < 1)
        self.tip.set_data([horiz], [depth])
        self.level.set_ydata([depth, depth])
        short = "hypoderme ou plus profond" if (layer.name == "hypoderme" and profile.hypodermis_mm is None) else layer.label
        if layer.name == "au_dela":
            short = "au-delà de l’hypoderme"
        self.depth_text.set_position((-1.0 + 0.2, depth))
        self.depth_text.set_text(f"{fr(depth, 2)}{NBSP}mm{NBSP}: {short}")
        self.title.set_text(title or profile.label)
        return depth, key


def draw_section(ax, profile: SiteProfile, length_mm: float, angle_deg: float, fraction: float,
                 title: Optional[str] = None) -> float:
    """Draw one static cross-section on ``ax``; return the depth reached (mm)."""
    return DepthSection(ax).draw(profile, length_mm, angle_deg, fraction, title)[0]


def needle_title(profile: SiteProfile, length_mm: float, angle_deg: float) -> str:
    return f"{profile.label}{NBSP}: aiguille de {fr(length_mm, 1)}{NBSP}mm à {fr(angle_deg, 0)}°"


class DepthView:
    """The depth explorer's figure, kept between updates: ``png(profile, length, angle, fraction)``."""

    def __init__(self):
        self.fig = new_figure(6.4, 3.8)
        self.live = LiveFigure(self.fig, cache_size=8)
        ax = self.fig.add_subplot(1, 1, 1)
        self.section = DepthSection(ax, self.live)
        self.fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.9)

    def png(self, profile: SiteProfile, length_mm: float, angle_deg: float, fraction: float) -> bytes:
        _, key = self.section.draw(profile, length_mm, angle_deg, fraction,
                                   title=needle_title(profile, length_mm, angle_deg))
        return self.live.png(key)


def depth_figure(profile: SiteProfile, length_mm: float, angle_deg: float, fraction: float) -> Figure:
    fig = new_figure(6.4, 3.8)
    ax = fig.add_subplot(1, 1, 1)
    draw_section(ax, profile, length_mm, angle_deg, fraction, title=needle_title(profile, length_mm, angle_deg))
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.9)
    return fig


def depth_comparison(panels: list[tuple[SiteProfile, float, float, float, str]], suptitle: str) -> Figure:
    fig = new_figure(4.2 * len(panels), 3.9)
    for i, (profile, length, angle, frac, title) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), i + 1)
        draw_section(ax, profile, length, angle, frac, title=title)
    fig.suptitle(suptitle, fontsize=11)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.86, wspace=0.3)
    return fig
