"""Load data/ into validated records: one loader for every theme, its French error messages.

``load()`` returns a :class:`Course` holding every collection that a theme module declares in its
``COLLECTIONS``; a malformed file raises :class:`DataError` whose message names the file, the record
and the field of every problem, in French (authors read it). Cross-collection checks live beside the
schemas they concern, in each theme's ``check_links(course, known_keys)``.
"""

from __future__ import annotations

import re
from dataclasses import field, make_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import anatomy, history, law, learning, mechanisms, mixtures, products, safety, studies, techniques
from .base import BIB_PATH, DATA_DIR, Collection
from .learning import GlossaryTerm

#: The theme modules, in load order. A new theme is a module with ``COLLECTIONS`` (and optionally
#: ``check_links``) added here; nothing else changes.
THEMES = (products, techniques, studies, safety, law, history, learning, anatomy, mechanisms, mixtures)

COLLECTIONS: dict[str, Collection] = {c.name: c for theme in THEMES for c in theme.COLLECTIONS}


class DataError(Exception):
    """One or more problems in data/; ``str()`` lists each on its own line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Données invalides :\n" + "\n".join(f"- {p}" for p in problems))


def _files(data_dir: Path, rel: str) -> list[Path]:
    p = data_dir / rel
    if p.is_dir():
        return sorted(p.glob("*.yml"))
    return [p] if p.exists() else []


def _record_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict):
        for k in ("id", "term", "chapter"):
            if raw.get(k):
                return f"« {raw[k]} » (n° {index + 1})"
    return f"n° {index + 1}"


_FRENCH_ERRORS = {
    "missing": "champ obligatoire absent",
    "extra_forbidden": "champ inconnu (faute de frappe ?)",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "string_type": "texte attendu",
    "bool_type": "booléen attendu (true ou false)",
    "bool_parsing": "booléen attendu (true ou false)",
    "list_type": "liste attendue",
    "dict_type": "dictionnaire (clé : valeur) attendu",
    "model_type": "dictionnaire (clé : valeur) attendu",
    "model_attributes_type": "dictionnaire (clé : valeur) attendu",
}


def _french_message(e: dict) -> str:
    """The French wording of one pydantic error (authors read these)."""
    kind, ctx = e.get("type", ""), e.get("ctx") or {}
    if kind in _FRENCH_ERRORS:
        msg = _FRENCH_ERRORS[kind]
        if kind not in ("missing", "extra_forbidden") and "input" in e:
            msg += f" (reçu : {e['input']!r})"
        return msg
    if kind == "literal_error":
        return f"valeur non autorisée {e.get('input')!r} ; valeurs possibles : {ctx.get('expected', '?')}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sign = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        bound = next(iter(ctx.values()), "?")
        return f"la valeur doit être {sign} {bound} (reçu : {e.get('input')!r})"
    if kind == "too_short":
        return f"au moins {ctx.get('min_length', 1)} élément(s) attendu(s)"
    if kind == "string_pattern_mismatch":
        return f"format invalide (reçu : {e.get('input')!r} ; attendu : AAAA, AAAA-MM ou AAAA-MM-JJ pour une date)"
    if kind == "union_tag_invalid":
        return f"type de clé inconnu {ctx.get('tag')!r} ; attendu : {ctx.get('expected_tags', '?')}"
    return e["msg"].removeprefix("Value error, ")


def _describe(err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"] if not str(p).startswith(("function-after", "tagged-union")))
        out.append(f"champ « {loc or '(enregistrement)'} » : {_french_message(e)}")
    return out


# libyaml's parser when PyYAML has it (the wheels do): the same documents, ten times faster than the pure-Python
# one (measured on data/: 0.09 s against 0.84 s), and every process that loads the course pays it (tests, kernels,
# the book build)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (ligne {mark.line + 1})" if mark else ""
        problems.append(f"{path.name}{where} : YAML illisible : {getattr(exc, 'problem', exc)}")
    except OSError as exc:
        problems.append(f"{path} : lecture impossible : {exc}")
    return None


def load_collection(name: str, data_dir: Path | str | None = None) -> list[Any]:
    """Load and validate one collection; raise DataError listing every problem."""
    coll = COLLECTIONS[name]
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    problems: list[str] = []
    records: list[Any] = []
    for path in _files(data_dir, coll.path):
        rel = path.relative_to(data_dir.parent) if data_dir.parent in path.parents else path
        n_before = len(problems)
        raw = _read_yaml(path, problems)
        if raw is None:
            # a YAML error was already reported; otherwise the file holds no record
            if path.stat().st_size and len(problems) == n_before:
                problems.append(f"{rel} : fichier vide")
            continue
        if coll.one_per_file:
            items = [raw]
        else:
            if coll.key is not None:
                if not isinstance(raw, dict) or coll.key not in raw:
                    problems.append(f"{rel} : clé de premier niveau « {coll.key} » attendue")
                    continue
                raw = raw[coll.key]
            if not isinstance(raw, list):
                problems.append(f"{rel} : une liste d'enregistrements est attendue")
                continue
            items = raw
        for i, item in enumerate(items):
            try:
                records.append(coll.model.model_validate(item))
            except ValidationError as err:
                for d in _describe(err):
                    problems.append(f"{rel}, enregistrement {_record_name(item, i)}, {d}")
    ids = [getattr(r, "id", None) or getattr(r, "term", None) for r in records]
    id_field = "term" if coll.model is GlossaryTerm else "id"
    seen: set[str] = set()
    for rid in ids:
        if rid is not None and rid in seen:
            problems.append(f"{coll.path}, enregistrement « {rid} », champ « {id_field} » : identifiant « {rid} » en double")
        seen.add(rid)
    if problems:
        raise DataError(problems)
    return records


# --------------------------------------------------------------------------
# The whole course



# --------------------------------------------------------------------------
# The whole course
# --------------------------------------------------------------------------
def _by_id(self, collection: str) -> dict[str, Any]:
    return {r.id: r for r in getattr(self, collection)}


#: Every collection as a list attribute (``course.products``, ``course.quizzes``...), built from COLLECTIONS.
Course = make_dataclass(
    "Course",
    [(c.name, list[c.model], field(default_factory=list)) for c in COLLECTIONS.values()],
    namespace={"by_id": _by_id, "__doc__": "Every validated collection of data/, one list attribute each."},
    frozen=True,
)
Course.__module__ = __name__


def _source_keys(record: Any) -> list[str]:
    """Every bib key a record cites, nested records included."""
    keys: list[str] = []
    if isinstance(record, BaseModel):
        for name in type(record).model_fields:
            value = getattr(record, name)
            if name == "sources" and isinstance(value, list):
                keys.extend(value)
            elif name == "source" and isinstance(value, str):
                keys.append(value)
            else:
                keys.extend(_source_keys(value))
    elif isinstance(record, (list, tuple)):
        for v in record:
            keys.extend(_source_keys(v))
    return keys


def _source_key_paths(record: Any, prefix: str = "") -> list[tuple[str, str]]:
    """(field path, bib key) for every key a record cites, e.g. ("presentations.0.sources", "x")."""
    out: list[tuple[str, str]] = []
    if isinstance(record, BaseModel):
        for name in type(record).model_fields:
            value = getattr(record, name)
            path = f"{prefix}{name}"
            if name == "sources" and isinstance(value, list):
                out.extend((path, k) for k in value)
            elif name == "source" and isinstance(value, str):
                out.append((path, value))
            else:
                out.extend(_source_key_paths(value, f"{path}."))
    elif isinstance(record, (list, tuple)):
        for i, v in enumerate(record):
            out.extend(_source_key_paths(v, f"{prefix.rstrip('.')}.{i}." if prefix else f"{i}."))
    return out


def bib_keys(bib_path: Path | str | None = None) -> set[str]:
    """Keys of book/references.bib (a light parse; tests/test_bib.py checks fields with pybtex)."""
    text = Path(bib_path or BIB_PATH).read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, flags=re.MULTILINE))



def check_links(course: Course, known_keys: set[str]) -> list[str]:
    """Cross-collection problems: unknown bib keys in any record, then each theme's own checks."""
    problems: list[str] = []
    for name in COLLECTIONS:
        for rec in getattr(course, name):
            rid = getattr(rec, "id", None) or getattr(rec, "term", None) or getattr(rec, "chapter", "?")
            for where, key in _source_key_paths(rec):
                if key not in known_keys:
                    problems.append(f"{COLLECTIONS[name].path}, enregistrement « {rid} », champ « {where} » : source inconnue « {key} » (absente de references.bib)")
    for theme in THEMES:
        check = getattr(theme, "check_links", None)
        if check is not None:
            problems.extend(check(course, known_keys))
    return problems


def load(data_dir: Path | str | None = None, bib_path: Path | str | None = None) -> Course:
    """Load every collection, check cross-links and bib keys; raise DataError on any problem."""
    problems: list[str] = []
    loaded: dict[str, list[Any]] = {}
    for name in COLLECTIONS:
        try:
            loaded[name] = load_collection(name, data_dir)
        except DataError as err:
            problems.extend(err.problems)
            loaded[name] = []
    course = Course(**loaded)
    if not problems:
        problems.extend(check_links(course, bib_keys(bib_path)))
    if problems:
        raise DataError(problems)
    return course


@lru_cache(maxsize=1)
def course() -> Course:
    """The validated course data, loaded once per process."""
    return load()
