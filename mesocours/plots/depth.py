"""Cross-section of a site's measured skin layers with the needle drawn at its angle."""

from __future__ import annotations

import math
from typing import Optional

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mesocours.models.depth import SiteProfile, layer_at, needle_depth_mm
from mesocours.numbers import fr
from mesocours.plots.style import ACCENT, LAYER_COLOURS, french_axes, new_figure


def draw_section(ax, profile: SiteProfile, length_mm: float, angle_deg: float, fraction: float,
                 title: Optional[str] = None) -> float:
    """Draw one cross-section on ``ax``; return the depth reached (mm)."""
    depth = needle_depth_mm(length_mm, angle_deg, fraction)
    layer = layer_at(profile.site, depth)
    inserted = length_mm * fraction
    horiz = inserted * math.cos(math.radians(angle_deg))
    skin = profile.skin_mm
    hypo = profile.hypodermis_mm
    shown_hypo = hypo if hypo is not None else max(2.0, depth - skin + 1.0)
    bottom = max(depth * 1.25, skin + min(shown_hypo, max(3.0, depth * 1.25 - skin)), skin * 1.6)
    width = max(horiz * 1.6 + 2.0, 6.0)
    x0 = -1.0
    bands = [("epiderme", 0.0, profile.epidermis_mm), ("derme", profile.epidermis_mm, skin)]
    if hypo is None:
        bands.append(("hypoderme", skin, bottom))
    else:
        bands.append(("hypoderme", skin, min(skin + hypo, bottom)))
        if skin + hypo < bottom:
            bands.append(("au_dela", skin + hypo, bottom))
    labels = {"epiderme": "épiderme", "derme": "derme", "hypoderme": "hypoderme",
              "au_dela": "fascia, muscle"}
    for name, top, bot in bands:
        hatch = "//" if (name == "hypoderme" and hypo is None) else None
        ax.add_patch(Rectangle((x0, top), width, bot - top, facecolor=LAYER_COLOURS[name],
                               edgecolor="#8c6d5f" if hatch else "none", hatch=hatch, lw=0))
        text = labels[name] + (" (épaisseur non mesurée)" if hatch else "")
        if name != "epiderme":
            ax.text(x0 + width - 0.2, top + 0.03 * bottom, text, ha="right", va="top", fontsize=8, color="#3b2a22")
    ax.annotate("épiderme", xy=(x0 + width - 0.2, profile.epidermis_mm / 2), xytext=(x0 + width - 0.2, -0.08 * bottom),
                ha="right", va="bottom", fontsize=8, color="#3b2a22",
                arrowprops={"arrowstyle": "-", "color": "#8c6d5f", "lw": 0.6})
    ax.plot([0, horiz], [0, depth], color=ACCENT, lw=2.2, solid_capstyle="round")
    if fraction < 1:
        outside = length_mm * (1 - fraction)
        ax.plot([0, -outside * math.cos(math.radians(angle_deg))], [0, -outside * math.sin(math.radians(angle_deg))],
                color=ACCENT, lw=2.2, alpha=0.35)
    ax.plot([horiz], [depth], marker="o", color=ACCENT, ms=6)
    ax.axhline(depth, color=ACCENT, lw=0.8, ls="--")
    short = "hypoderme ou plus profond" if (layer.name == "hypoderme" and hypo is None) else layer.label
    if layer.name == "au_dela":
        short = "au-delà de l’hypoderme"
    ax.text(x0 + 0.2, depth, f"{fr(depth, 2)} mm : {short}", va="bottom", ha="left", fontsize=8.5,
            color=ACCENT, fontweight="bold")
    ax.set_xlim(x0, x0 + width)
    ax.set_ylim(bottom, -0.15 * bottom)
    ax.set_xlabel("distance horizontale (mm)")
    ax.set_ylabel("profondeur sous la surface (mm)")
    ax.set_title(title or profile.label, fontsize=10, y=1.0)
    french_axes(ax, 1)
    return depth


def depth_figure(profile: SiteProfile, length_mm: float, angle_deg: float, fraction: float) -> Figure:
    fig = new_figure(6.4, 3.8)
    ax = fig.add_subplot(1, 1, 1)
    draw_section(ax, profile, length_mm, angle_deg, fraction,
                 title=f"{profile.label} : aiguille de {fr(length_mm, 1)} mm à {fr(angle_deg, 0)}°")
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.86, wspace=0.3)
    return fig


def depth_comparison(panels: list[tuple[SiteProfile, float, float, float, str]], suptitle: str) -> Figure:
    fig = new_figure(4.2 * len(panels), 3.9)
    for i, (profile, length, angle, frac, title) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), i + 1)
        draw_section(ax, profile, length, angle, frac, title=title)
    fig.suptitle(suptitle, fontsize=11)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.86, wspace=0.3)
    return fig
