"""Shared pieces of every schema: strict records, ranges, sources, dates, paths, collections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

ROOT = Path(__file__).resolve().parent.parent.parent
DATA_DIR = ROOT / "data"
BIB_PATH = ROOT / "book" / "references.bib"

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Strict(BaseModel):
    """Base: unknown fields are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


SourceKeys = Annotated[list[str], Field(min_length=1)]
IsoDate = Annotated[str, Field(pattern=_DATE_RE.pattern)]


class Range(Strict):
    """A closed interval as a source states it (``min == max`` for one value)."""

    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) est supérieur à max ({self.max})")
        return self

    @property
    def mid(self) -> float:
        return (self.min + self.max) / 2


class Sourced(Strict):
    sources: SourceKeys


@dataclass(frozen=True)
class Collection:
    """One file (or folder of *.yml) of data/ and the record type each of its entries validates against."""

    name: str  # attribute of Course
    path: str  # file, or folder of *.yml, relative to data/
    model: type[BaseModel]
    key: Optional[str] = None  # top-level mapping key holding the list (None: the file is the list)
    one_per_file: bool = False  # each file is one record (quiz)
