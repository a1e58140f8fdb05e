"""One mention of a place or organisation in a text (:class:`Mention`), what the other
modules of :mod:`geo.extract` produce and read."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Mention:
    """One mention of a place or organisation in a text.

    ``text == source[start:end]`` (Python string offsets, code points). ``kind`` is one of
    :data:`MENTION_KINDS`. ``id`` is the catalogue entity id when the catalogue holds what is
    named, else the gazetteer place id (``geonames:...``, ``region:...``), else ``None``
    (unresolved: ``reason`` says why). ``lon``/``lat``: WGS84 degrees, ``None`` for lines
    and unresolved mentions. ``entity`` and ``place`` give the catalogue and gazetteer ids
    separately; ``country`` is the ISO 3166-1 alpha-2 code when known.
    """

    text: str
    start: int
    end: int
    kind: str
    id: str | None
    name: str | None
    lon: float | None
    lat: float | None
    reason: str
    entity: str | None = None
    place: str | None = None
    country: str | None = None

    def to_dict(self) -> dict:
        """The fields by name, in order (what :func:`dataclasses.asdict` gives, without its
        deep copy: every value is a string, a number or ``None``)."""
        return {name: getattr(self, name) for name in _MENTION_FIELDS}

    def __reduce__(self) -> tuple:
        """Pickled as its values in field order (what ``geo extract --jobs`` sends from
        process to process: about half the time to load of the default, which pickles each
        field's name and sets each field one by one)."""
        return (_mention, (tuple([getattr(self, name) for name in _MENTION_FIELDS]),))


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def _mention(values: tuple) -> Mention:
    """A :class:`Mention` from its values in field order, as :meth:`Mention.__reduce__`
    gives them (without the checks of ``__init__``: they are a Mention's own values)."""
    mention = object.__new__(Mention)
    mention.__dict__.update(zip(_MENTION_FIELDS, values, strict=True))
    return mention
