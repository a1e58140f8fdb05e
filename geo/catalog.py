"""Load, validate and resolve a workspace's catalogue, and verify its quotes.

:func:`check_workspace` returns every problem (never stops at the first);
:func:`load_catalog` returns a :class:`Catalog` or raises :class:`CatalogError` with all of
them. Messages read ``FILE: ENTITY_ID: FIELD: what is wrong``.

**Drafts.** With ``drafts`` (all of them, or the stems named), the entries of the workspace's
``drafts/<stem>.toml`` files are loaded too: each draft holds ``[[organisation]]``,
``[[site]]``, ``[[route]]``, ``[[corridor]]`` and ``[[agreement]]`` tables validated by the
same schema, read with the same bounds, their quotes verified against their articles, and
their problems named by the draft file (``drafts/<stem>.toml: ID: FIELD: message``). Ids are
unique across ``data/`` and every loaded draft. A drafted entry may refer to an entity of
``data/`` or of any loaded draft; an entity of ``data/`` must find what it refers to in
``data/`` (``data/`` validates on its own). :attr:`Catalog.draft_of` says which entities are
drafted, and in which draft.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.atomic import JOURNAL_NAME
from geo.catalog_checks import check_aliases, check_references, check_sources
from geo.errors import CatalogError, InputError, Problem
from geo.files import MAX_ARTICLE_BYTES, MAX_TOML_BYTES, decode_utf8, parse_nested, read_bytes
from geo.schema import (
    KINDS,
    Agreement,
    Article,
    Corridor,
    Entity,
    Organisation,
    Route,
    Site,
    ValidationError,
)
from geo.text import shown
from geo.workspace import Workspace

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class ArticleText:
    """One article of ``seeds/``: its stem, text and metadata."""

    stem: str
    path: Path
    text: str
    meta: Article

    @property
    def label(self) -> str:
        """How the article is cited: its title, else publisher and date, else its stem."""
        if self.meta.title:
            return self.meta.title
        bits = [b for b in (self.meta.publisher, self.meta.date) if b]
        return f"{', '.join(bits)} (untitled)" if bits else f"{self.stem} (untitled)"


def _read_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path`` (:func:`geo.files.read_bytes`: a regular file of at most
    ``limit`` bytes); :class:`ValueError` with the reason, without the path, otherwise."""
    try:
        return read_bytes(path, limit, what)
    except InputError as exc:
        raise ValueError(_reason(exc, path)) from None


def _reason(exc: InputError, source: str | Path) -> str:
    """The message of ``exc`` without the leading ``SOURCE: `` that names the file (a
    :class:`Problem` names it apart)."""
    return str(exc).removeprefix(f"{source}: ")


def read_article_text(path: Path) -> str:
    """Read an article as UTF-8; raise :class:`ValueError` with a plain reason otherwise.

    The article must be a regular file of at most :data:`geo.files.MAX_ARTICLE_BYTES`
    bytes (a FIFO, a device, a folder or a dangling link is refused at once, not read).
    A leading byte-order mark (U+FEFF, as some Windows editors write) is dropped, so that
    character offsets count from the first character a person sees.
    """
    data = _read_file(path, MAX_ARTICLE_BYTES, "article")
    data = data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        raise ValueError("the article is empty")
    if b"\x00" in data:
        raise ValueError("the article is binary, not text (it holds NUL bytes)")
    try:
        return decode_utf8(data, str(path))
    except InputError as exc:
        raise ValueError(_reason(exc, path)) from None


@dataclass
class Catalog:
    """A validated workspace: articles and entities by id, with resolved geometry helpers."""

    workspace: Workspace
    articles: dict[str, ArticleText] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    sites: dict[str, Site] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    corridors: dict[str, Corridor] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    #: data file (workspace-relative) each entity id was read from
    files: dict[str, str] = field(default_factory=dict)
    #: ids of entities that failed validation (already reported; not re-reported as dangling)
    invalid_ids: set[str] = field(default_factory=set)
    #: kinds whose data file could not be read (references to them are not checked)
    unreadable_kinds: set[str] = field(default_factory=set)
    #: entity id -> stem of the draft (``drafts/<stem>.toml``) it was read from; only
    #: drafted entities are here (empty when drafts are not loaded)
    draft_of: dict[str, str] = field(default_factory=dict)
    #: stems of the drafts loaded (read or not), in name order
    drafts: list[str] = field(default_factory=list)
    #: whether a loaded draft could not be read (references from drafted entities that do
    #: not resolve are then not reported: they may point into it)
    unreadable_draft: bool = False

    def by_kind(self, kind: str) -> dict[str, Entity]:
        """Entities of a data file kind: ``organisations``, ``sites``, ``routes``..."""
        return getattr(self, kind)

    def entities(self) -> Iterator[tuple[str, Entity]]:
        """Every entity with its kind, in file order."""
        for kind in KINDS:
            for entity in self.by_kind(kind).values():
                yield kind, entity

    def get(self, entity_id: str) -> Entity | None:
        """The entity of any kind with this id (ids are unique across kinds), else ``None``."""
        for kind in KINDS:
            found = self.by_kind(kind).get(entity_id)
            if found is not None:
                return found
        return None

    def site_position(self, site_id: str) -> tuple[float, float]:
        """``(lon, lat)`` of a site in WGS84 degrees, following ``host`` links."""
        site = self.sites[site_id]
        seen = {site_id}
        while site.host is not None:
            if site.host in seen:
                raise KeyError(f"host cycle at {site.host}")
            seen.add(site.host)
            site = self.sites[site.host]
        assert site.lon is not None and site.lat is not None
        return site.lon, site.lat

    def site_precision(self, site_id: str) -> str:
        """How exactly the site's position is known (``site``/``district``/``city``/``country``)."""
        site = self.sites[site_id]
        while site.precision is None and site.host is not None:
            site = self.sites[site.host]
        return site.precision or "country"

    def tenants(self, site_id: str) -> list[str]:
        """Operators of the sites hosted in ``site_id`` (e.g. PoPs in a data centre).

        Scans every site; for many sites use :meth:`tenants_by_host` (one pass for all)."""
        return self.tenants_by_host().get(site_id, [])

    def tenants_by_host(self) -> dict[str, list[str]]:
        """:meth:`tenants` of every site that has any, ``{host id: operator ids}``, in one
        pass over the sites (operators in file order, each once)."""
        out: dict[str, list[str]] = {}
        for s in self.sites.values():
            if s.host is not None and s.operator:
                ops = out.setdefault(s.host, [])
                if s.operator not in ops:
                    ops.append(s.operator)
        return out

    def waypoint_position(self, waypoint: str | list[float]) -> tuple[float, float]:
        """``(lon, lat)`` in WGS84 degrees of a route waypoint: a site id (its position,
        following ``host``) or a ``[lon, lat]`` position."""
        if isinstance(waypoint, str):
            return self.site_position(waypoint)
        return float(waypoint[0]), float(waypoint[1])

    def route_segments(self, route_id: str) -> list[list[tuple[float, float]]]:
        """Each segment of a route as a list of ``(lon, lat)`` positions (WGS84 degrees),
        in waypoint order."""
        route = self.routes[route_id]
        return [[self.waypoint_position(w) for w in seg.waypoints] for seg in route.segments]

    def source_records(self, entity: Entity) -> list[dict[str, Any]]:
        """Sources of an entity as flat dicts: ``article``, ``title``, ``date``, ``quote``,
        ``reference``, ``note`` (absent values are ``None``)."""
        out = []
        for src in entity.sources:
            art = self.articles.get(src.article) if src.article else None
            out.append({
                "article": src.article,
                "title": art.label if art else None,
                "date": art.meta.date if art else None,
                "publisher": art.meta.publisher if art else None,
                "quote": src.quote,
                "reference": src.reference,
                "note": src.note,
            })
        return out


# --------------------------------------------------------------------------- loading


_UNION_TAGS = ("str", "list[float]")


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _UNION_TAGS or str(part).startswith(("function-", "constrained-")):
            continue  # names of union branches and validators (pydantic's, before), not fields
        else:
            out += ("." if out else "") + shown(str(part))
    return out or "-"


def _message(err: dict[str, Any]) -> str:
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    msg = msg[:1].lower() + msg[1:]
    if err["type"] == "missing":
        return "missing (required)"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] not in ("value_error", "model_type") and "input" in err:
        value = err["input"]
        if not isinstance(value, dict | list) or len(repr(value)) < 60:
            msg += f" (got {value!r})"
    return msg


def _validation_problems(file: str, entity_id: str, exc: ValidationError) -> list[Problem]:
    problems = []
    seen = set()
    for err in exc.errors():
        field_ = _loc(err["loc"])
        # An id|position union reports once per branch; keep the first per location.
        if field_ in seen and "waypoints" in field_:
            continue
        seen.add(field_)
        problems.append(Problem(file, entity_id, field_, _message(err)))
    return problems


def _read_toml(ws: Workspace, path: Path, what: str, problems: list[Problem],
               entity_id: str = "-", texts: Mapping[Path, str] | None = None,
               ) -> dict[str, Any] | None:
    """The table of a TOML file (``what``: "data file", "metadata file"), else ``None`` with
    one problem naming the file (and ``entity_id``, the article of a metadata file): not a
    regular file, over :data:`MAX_TOML_BYTES`, empty, not UTF-8, not TOML, or nested too
    deeply to parse. ``texts`` holds the text of files as they are about to be written
    (read instead of the file)."""
    rel = ws.relative(path)
    try:
        if texts is not None and path in texts:
            raw = texts[path].encode("utf-8")
        else:
            raw = _read_file(path, MAX_TOML_BYTES, what)
    except ValueError as exc:
        problems.append(Problem(rel, entity_id, "-", str(exc)))
        return None
    if not raw.strip():
        problems.append(Problem(rel, entity_id, "-",
                                "the file is empty (delete it, or keep at least a comment)"))
        return None
    try:
        return parse_nested(tomllib.loads, decode_utf8(raw, rel), rel)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(rel, entity_id, "-", f"not valid TOML: {exc}"))
    except InputError as exc:   # not UTF-8, or nested too deeply
        problems.append(Problem(rel, entity_id, "-", _reason(exc, rel)))
    return None


def _load_articles(ws: Workspace, cat: Catalog, problems: list[Problem]) -> set[str]:
    """Load ``seeds/``; return the stems of every article file found (loaded or not)."""
    texts = {p.stem: p for p in sorted(ws.seeds.glob("*.txt"))}
    metas = {p.stem: p for p in sorted(ws.seeds.glob("*.toml"))}
    for stem in sorted(set(metas) - set(texts)):
        problems.append(Problem(ws.relative(metas[stem]), stem, "-",
                                f"metadata without its article {stem}.txt"))
    for stem, path in texts.items():
        rel = ws.relative(path)
        text: str | None
        try:
            text = read_article_text(path)
        except ValueError as exc:
            problems.append(Problem(rel, stem, "-", str(exc)))
            text = None
        meta_path = metas.get(stem)
        if meta_path is None:
            problems.append(Problem(rel, stem, "-",
                                    f"no metadata: add {stem}.toml beside it (language = \"..\")"))
            continue
        raw = _read_toml(ws, meta_path, "metadata file", problems, stem)
        if raw is None:
            continue
        try:
            meta = Article.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_validation_problems(ws.relative(meta_path), stem, exc))
            continue
        if text is not None:
            cat.articles[stem] = ArticleText(stem, path, text, meta)
    return set(texts)


def _is_temporary(path: Path, names: Iterable[str]) -> bool:
    """Whether ``path`` is a temporary file of :mod:`geo.atomic` for one of ``names`` in its
    folder (``.<name>.<random>.tmp<suffix>``: a write under way, or left by a killed one and
    removed by the next write of that file)."""
    return any(path.name.startswith(f".{name}.") and ".tmp" in path.name[len(name) + 2:]
               for name in names)


def _load_entities(ws: Workspace, cat: Catalog, problems: list[Problem],
                   texts: Mapping[Path, str] | None = None) -> dict[str, str]:
    """Load ``data/``; return where each id was first defined (``{id: file}``)."""
    first_seen: dict[str, str] = {}
    known = {f"{kind}.toml" for kind in KINDS}
    journal = ws.data / JOURNAL_NAME
    if journal.is_file():
        problems.append(Problem(ws.relative(journal), "-", "-",
                                "an accept was interrupted while it replaced data files: "
                                "data/ and drafts/ may mix two states until the next accept "
                                "completes it"))
    for path in sorted(ws.data.glob("*.toml")):
        if path.name not in known and not _is_temporary(path, known):
            problems.append(Problem(ws.relative(path), "-", "-",
                                    "unknown data file; expected one of: "
                                    + ", ".join(sorted(known))))
    for kind, (table, _model) in KINDS.items():
        path = ws.data_file(kind)
        if (not path.exists() and not path.is_symlink()
                and (texts is None or path not in texts)):
            continue  # an absent file holds no entities; a dangling link is reported
        rel = ws.relative(path)
        raw = _read_toml(ws, path, "data file", problems, texts=texts)
        if raw is None:
            # one problem names the file; references into it are not checked
            cat.unreadable_kinds.add(kind)
            continue
        for key in raw:
            if key != table:
                problems.append(Problem(rel, "-", shown(key),
                                        f"unknown table; this file holds [[{table}]] tables"))
        if table not in raw and raw:
            cat.unreadable_kinds.add(kind)  # its entities are under a misspelt table
        items = raw.get(table, [])
        wrong = _not_tables(table, items)
        if wrong is not None:
            problems.append(Problem(rel, "-", table, wrong))
            cat.unreadable_kinds.add(kind)
            continue
        _add_entities(cat, kind, rel, items, first_seen, problems)
    return first_seen


def _add_entities(cat: Catalog, kind: str, rel: str, items: list[Any],
                  first_seen: dict[str, str], problems: list[Problem]) -> list[str]:
    """Validate ``items`` (the tables of one kind in the file ``rel``) and add those that
    validate and whose id is new to ``cat``; list the problems; return the ids added."""
    model = KINDS[kind][1]
    added = []
    for index, item in enumerate(items):
        entity_id = _entity_label(item.get("id"), index)
        try:
            entity = model.model_validate(item)
        except ValidationError as exc:
            problems.extend(_validation_problems(rel, entity_id, exc))
            cat.invalid_ids.add(entity_id)
            continue
        if entity.id in first_seen:
            problems.append(Problem(rel, entity.id, "id",
                                    f"duplicate id (first defined in {first_seen[entity.id]})"))
            continue
        first_seen[entity.id] = rel
        cat.by_kind(kind)[entity.id] = entity
        cat.files[entity.id] = rel
        added.append(entity.id)
    return added


#: table name (``site``) -> data file kind (``sites``)
TABLE_KINDS = {table: kind for kind, (table, _model) in KINDS.items()}


def _selected_drafts(ws: Workspace, drafts: bool | Collection[str],
                     problems: list[Problem]) -> list[Path]:
    """The draft files to load: every ``drafts/*.toml``, or those of the stems named."""
    if drafts is False:
        return []
    if ws.drafts.exists() and not ws.drafts.is_dir():
        problems.append(Problem(ws.relative(ws.drafts), "-", "-",
                                "not a folder: drafts/ holds one <stem>.toml per article"))
        return []
    if drafts is True:
        return ws.draft_files()
    return [ws.draft_file(stem) for stem in sorted(set(drafts))]


def _load_drafts(ws: Workspace, cat: Catalog, paths: list[Path], first_seen: dict[str, str],
                 problems: list[Problem]) -> None:
    """Load the entities of each draft file, after ``data/``'s (ids stay unique)."""
    tables = ", ".join(f"[[{t}]]" for t in TABLE_KINDS)
    for path in paths:
        stem = path.name.removesuffix(".toml")
        cat.drafts.append(stem)
        rel = ws.relative(path)
        raw = _read_toml(ws, path, "draft", problems)
        if raw is None:
            cat.unreadable_draft = True
            continue
        for key in raw:
            if key not in TABLE_KINDS:
                problems.append(Problem(rel, "-", shown(key),
                                        f"unknown table; a draft holds {tables} tables"))
                cat.unreadable_draft = True
        for table, kind in TABLE_KINDS.items():
            items = raw.get(table, [])
            wrong = _not_tables(table, items)
            if wrong is not None:
                problems.append(Problem(rel, "-", table, wrong))
                cat.unreadable_draft = True
                continue
            for entity_id in _add_entities(cat, kind, rel, items, first_seen, problems):
                cat.draft_of[entity_id] = stem


def _toml_type(value: object) -> str:
    """What a parsed TOML value is, in TOML's words (``an integer``, ``a table``...)."""
    for types, name in ((bool, "a boolean"), (int, "an integer"), (float, "a float"),
                        (str, "a string"), (dict, "a table"), (list, "an array")):
        if isinstance(value, types):
            return name
    return "a date or time"


def _not_tables(table: str, items: object) -> str | None:
    """Why ``items`` (the value of ``table`` in a data file) is not an array of tables, or
    ``None`` when it is."""
    expected = f"expected [[{table}]] tables (an array of tables)"
    if isinstance(items, dict):
        return f"{expected}, not one [{table}] table: write [[{table}]]"
    if not isinstance(items, list):
        return f"{expected}, not {_toml_type(items)}"
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            return f"{expected}, but item {index + 1} is {_toml_type(item)}"
    return None


def _entity_label(raw_id: object, index: int) -> str:
    """How a problem names an entity that may not validate: its ``id`` when it has a text
    one (escaped, cut at 80 characters), else ``#N``, its place in the file (from 1)."""
    if not isinstance(raw_id, str) or not raw_id:
        return f"#{index + 1}"
    label = shown(raw_id)
    return label if len(label) <= 80 else label[:77] + "..."


def read_workspace(ws: Workspace, drafts: bool | Collection[str] = False, *,
                   texts: Mapping[Path, str] | None = None) -> tuple[Catalog, list[Problem]]:
    """Load what validates and list every problem (the catalogue may be partial).

    ``drafts``: ``True`` loads every draft of ``drafts/`` with ``data/``, a collection of
    stems loads those drafts only, ``False`` none. ``texts`` maps data files to the text
    they are about to hold, read instead of the files (to validate a change before it is
    written)."""
    problems: list[Problem] = []
    cat = Catalog(ws)
    missing = [p for p in (ws.seeds, ws.data) if not p.is_dir()]
    for folder in missing:
        problems.append(Problem(ws.relative(folder) + "/", "-", "-",
                                f"no {folder.name}/ folder in workspace {ws.root} "
                                "(start one with `geo init DIR`)"))
    if missing:
        return cat, problems
    stems = _load_articles(ws, cat, problems)
    first_seen = _load_entities(ws, cat, problems, texts)
    _load_drafts(ws, cat, _selected_drafts(ws, drafts, problems), first_seen, problems)
    broken = stems - set(cat.articles)  # each reported once, not by every source citing it
    check_sources(cat, broken, problems)
    check_references(cat, problems)
    check_aliases(cat, problems)
    return cat, problems


def check_workspace(root: str | os.PathLike[str] = ".",
                    drafts: bool | Collection[str] = False) -> list[Problem]:
    """Every problem of the workspace at ``root`` (and of its drafts, with ``drafts``: see
    :func:`read_workspace`), sorted by file; empty when all holds."""
    _cat, problems = read_workspace(Workspace.at(root), drafts)
    return sorted(problems, key=lambda p: p.file)


def load_catalog(root: str | os.PathLike[str] = ".",
                 drafts: bool | Collection[str] = False) -> Catalog:
    """Load and validate the workspace at ``root``; with ``drafts`` (see
    :func:`read_workspace`), its drafted entities too, listed in :attr:`Catalog.draft_of`.

    Raises :class:`CatalogError` listing every problem when anything is wrong.
    """
    cat, problems = read_workspace(Workspace.at(root), drafts)
    if problems:
        raise CatalogError(sorted(problems, key=lambda p: p.file))
    return cat
