"""Timeline of the 2011 ban on aesthetic fat lysis and of its challenges (chapter « Pratiques interdites »).

The dates come from the records of ``data/legal_texts.yml``; the labels are our short French. An event whose
outcome or key date the course could not read in the primary source is drawn as « non vérifié » (hollow
diamond *and* a text mark, never colour alone). Drawn with :func:`mesocours.plots.timeline.timeline_figure`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from matplotlib.figure import Figure

from mesocours.numbers import InputError
from mesocours.plots.timeline import timeline_figure

# record id -> (our label, True when a point of it was not read in the primary source)
BAN_EVENTS: dict[str, tuple[str, bool]] = {
    "decret_2011_382": ("Décret n° 2011-382 : l’article 1 interdit cinq techniques de lyse adipocytaire à visée "
                        "esthétique, dont les mélanges mésothérapeutiques ; l’article 2, les agents physiques "
                        "externes", False),
    "ce_2011_refere": ("Juge des référés du Conseil d’État : exécution de tout le décret suspendue, à titre "
                       "provisoire", False),
    "ce_2012": ("Conseil d’État, au fond : article 2 annulé, article 1 maintenu ; date de nouvelle application "
                "(1er mars 2012 selon le ministère) non relue dans la décision", True),
    "ce_2015_abrogation": ("Conseil d’État : recours contre le refus d’abroger l’article 1 ; issue non vérifiée",
                           True),
    "ansm_2021_lipolytiques": ("ANSM : mise sur le marché des produits lipolytiques injectables suspendue",
                               False),
}


class TextLike(Protocol):
    id: str
    date: str


@dataclass(frozen=True)
class BanEvent:
    date: str
    event: str
    disputed: bool  # here: « non vérifié dans la source primaire »


def ban_events(texts: Iterable[TextLike]) -> list[BanEvent]:
    """The timeline's events, dated by the records; InputError (French) if a record is missing."""
    by_id = {t.id: t for t in texts}
    missing = [i for i in BAN_EVENTS if i not in by_id]
    if missing:
        raise InputError(f"Textes absents des données : {', '.join(missing)}.")
    return [BanEvent(by_id[i].date, label, unverified) for i, (label, unverified) in BAN_EVENTS.items()]


def ban_timeline_figure(texts: Iterable[TextLike]) -> Figure:
    """The 2011 ban, its suspension, its judgment, the later challenge and the 2021 product suspension."""
    events = ban_events(texts)
    fig = timeline_figure(events, width_in=9.0, wrap=62, title="L’interdiction de 2011 et ses contestations",
                          legend=("lu dans la source primaire", "un point non vérifié dans la source primaire"))
    ax = fig.axes[0]
    ys = [t.get_position()[1] for t in ax.texts]
    first = min(2010.0, min(ys) - 1.8)
    last = max(2023.0, max(ys) + 1.0)
    ax.set_ylim(last, first)
    ax.set_yticks(range(2010, int(last) + 1, 2))
    ax.set_yticklabels([str(y) for y in range(2010, int(last) + 1, 2)])
    return fig
