"""Injection pattern on the treated square, two techniques side by side."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mesocours.models.techniques import Plan
from mesocours.numbers import fr
from mesocours.plots.style import ACCENT, french_axes, new_figure

MAX_DRAWN = 6000  # beyond this, points are drawn as a shaded grid (same count, faster)


def draw_plan(ax, plan: Plan, pattern: str, title: str) -> None:
    side = plan.side_mm
    ax.add_patch(Rectangle((0, 0), side, side, facecolor="#fbf3ee", edgecolor="#8c6d5f", lw=1))
    xs = [p[0] for p in plan.positions]
    ys = [p[1] for p in plan.positions]
    size = max(1.5, min(40.0, 9000.0 / max(plan.points, 1)))
    if pattern == "continu":
        ax.scatter([side / 2], [side / 2], s=120, color=ACCENT, zorder=3)
        ax.text(side / 2, side * 0.38, "administration continue :\nparamètres non documentés", ha="center",
                va="top", fontsize=8, color="#3b2a22")
    else:
        if pattern == "lignes":
            rows = sorted(set(ys))
            if len(rows) <= 400:
                for y in rows:
                    ax.plot([xs[0], xs[-1]], [y, y], color=ACCENT, lw=0.6, alpha=0.5)
        if plan.points <= MAX_DRAWN:
            marker = "o" if pattern == "points" else "."
            ax.scatter(xs, ys, s=size, color=ACCENT, marker=marker, linewidths=0, zorder=3)
        else:
            ax.add_patch(Rectangle((min(xs), min(ys)), max(xs) - min(xs), max(ys) - min(ys),
                                   facecolor=ACCENT, alpha=0.35, lw=0))
            ax.text(side / 2, side / 2, f"{fr(plan.points)} points\n(trop serrés pour être dessinés un à un)",
                    ha="center", va="center", fontsize=8, color="white")
    ax.set_xlim(-side * 0.03, side * 1.03)
    ax.set_ylim(-side * 0.03, side * 1.03)
    ax.set_aspect("equal")
    ax.set_xlabel("mm")
    ax.set_ylabel("mm")
    ax.set_title(title, fontsize=9.5, y=1.0)
    french_axes(ax, 0, nbins=4)


def plans_figure(panels: list[tuple[Plan, str, str]], suptitle: str = "Points d’injection sur la surface traitée") -> Figure:
    fig = new_figure(4.0 * len(panels), 4.2)
    for i, (plan, pattern, title) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), i + 1)
        draw_plan(ax, plan, pattern, title)
    fig.suptitle(suptitle, fontsize=11)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.86, wspace=0.3)
    return fig
