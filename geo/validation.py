"""Validation of plain data (a TOML table) against declared fields, with every error located.

The catalogue's schema (:mod:`geo.schema`) declares its models with this module. It does what
geo needs of a schema library and no more:

- unknown fields are errors (a typo such as ``lattitude`` is reported, not ignored);
- nothing is coerced across types (strict: ``"36"`` is not a number, ``1`` is not ``true``),
  except that a whole number is accepted where a number is expected (TOML writes ``36`` for
  ``36.0``);
- every error has a location (``("segments", 0, "waypoints", 1)``), a type and a message, and
  all of an input's errors are reported at once, not only the first.

The error types and messages follow pydantic's (``missing``, ``extra_forbidden``,
``string_pattern_mismatch``...: "Input should be a valid string"), which geo used before: a
workspace reads the same errors as it did. This module replaced pydantic because importing
it and building the models cost every command 0.14 s (issue 16), more than the rest of
geo's modules together; validating a catalogue is small work that needs no compiled core.

A model is a class of :class:`Model` whose attributes are :class:`Field` declarations;
:meth:`Model.model_validate` builds a frozen instance from a mapping or raises
:class:`ValidationError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

M = TypeVar("M", bound="Model")

#: A field's default that says the field is required.
REQUIRED: Any = object()


class ValidationError(ValueError):
    """The errors of one input: :meth:`errors` lists them as dicts with ``loc`` (a tuple of
    field names and list indexes), ``type``, ``msg`` and ``input`` (the value refused)."""

    def __init__(self, title: str, errors: Sequence[Mapping[str, Any]]):
        self.title = title
        self._errors = [dict(e) for e in errors]
        super().__init__(str(self))

    def errors(self) -> list[dict[str, Any]]:
        return [dict(e) for e in self._errors]

    def __str__(self) -> str:
        n = len(self._errors)
        lines = [f"{n} validation error{'s' if n != 1 else ''} for {self.title}"]
        for err in self._errors:
            lines.append(".".join(str(p) for p in err["loc"]) or "-")
            lines.append(f"  {err['msg']} [type={err['type']}, "
                         f"input_value={_short(err.get('input'))}]")
        return "\n".join(lines)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Invalid(Exception):
    """Raised by a check: its errors, located relative to the value checked."""

    def __init__(self, errors: list[dict[str, Any]]):
        super().__init__(errors)
        self.errors = errors


def _fail(kind: str, msg: str, value: Any) -> _Invalid:
    return _Invalid([{"loc": (), "type": kind, "msg": msg, "input": value}])


def _shown(number: float) -> str:
    """A bound as pydantic's messages show it: ``90`` for 90.0."""
    return str(int(number)) if float(number).is_integer() else repr(number)


#: A check takes a value and returns it (possibly normalised) or raises :class:`_Invalid`.
Check = Callable[[Any], Any]


def text(*, pattern: str | None = None, min_length: int | None = None,
         max_length: int | None = None, rule: Callable[[str], str] | None = None) -> Check:
    """A string (strictly), of ``min_length``..``max_length`` characters, matching ``pattern``
    (searched, as pydantic does: anchor it; a final ``$`` is the end of the string), then
    passed to ``rule``, which raises ``ValueError`` with its message when the string is
    refused."""
    compiled = re.compile(_at_end(pattern)) if pattern is not None else None

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise _fail("string_type", "Input should be a valid string", value)
        if min_length is not None and len(value) < min_length:
            raise _fail("string_too_short", f"String should have at least {min_length} "
                        f"character{'s' if min_length != 1 else ''}", value)
        if max_length is not None and len(value) > max_length:
            raise _fail("string_too_long", f"String should have at most {max_length} "
                        f"character{'s' if max_length != 1 else ''}", value)
        if compiled is not None and not compiled.search(value):
            raise _fail("string_pattern_mismatch", f"String should match pattern '{pattern}'",
                        value)
        return _ruled(rule, value)

    return check


def _at_end(pattern: str) -> str:
    """``pattern`` with a final ``$`` written ``\\Z``: Python's ``$`` also matches before a
    final newline, so ``"fr\\n"`` would pass ``^[a-z]{2}$`` (pydantic's, in Rust, does not)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\Z"
    return pattern


def _ruled(rule: Callable[[Any], Any] | None, value: Any) -> Any:
    if rule is None:
        return value
    try:
        return rule(value)
    except ValueError as exc:
        raise _fail("value_error", f"Value error, {exc}", value) from None


def _bounded(value: float | int, ge: float | None, le: float | None,
             gt: float | None) -> None:
    if gt is not None and not value > gt:
        raise _fail("greater_than", f"Input should be greater than {_shown(gt)}", value)
    if ge is not None and not value >= ge:
        raise _fail("greater_than_equal",
                    f"Input should be greater than or equal to {_shown(ge)}", value)
    if le is not None and not value <= le:
        raise _fail("less_than_equal", f"Input should be less than or equal to {_shown(le)}",
                    value)


def number(*, ge: float | None = None, le: float | None = None,
           gt: float | None = None) -> Check:
    """A finite number, as a float: a float, or a whole number (not a boolean)."""

    def check(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                value = float(value)
            except OverflowError:  # a whole number of over 308 digits
                raise _fail("finite_number", "Input should be a finite number",
                            value) from None
        if not isinstance(value, float):
            raise _fail("float_type", "Input should be a valid number", value)
        if not math.isfinite(value):
            raise _fail("finite_number", "Input should be a finite number", value)
        _bounded(value, ge, le, gt)
        return value

    return check


def integer(*, ge: int | None = None, le: int | None = None) -> Check:
    """A whole number (an ``int``, not a boolean nor a float)."""

    def check(value: Any) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _fail("int_type", "Input should be a valid integer", value)
        _bounded(value, ge, le, None)
        return value

    return check


def boolean() -> Check:
    """``true`` or ``false``."""

    def check(value: Any) -> Any:
        if not isinstance(value, bool):
            raise _fail("bool_type", "Input should be a valid boolean", value)
        return value

    return check


def one_of(values: Iterable[str]) -> Check:
    """One of ``values`` (strings), exactly."""
    allowed = tuple(values)
    shown = [repr(v) for v in allowed]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]

    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in allowed:
            raise _fail("literal_error", f"Input should be {listed}", value)
        return value

    return check


def optional(inner: Check) -> Check:
    """``None``, or what ``inner`` accepts."""

    def check(value: Any) -> Any:
        return None if value is None else inner(value)

    return check


def list_of(item: Check, *, min_length: int | None = None,
            max_length: int | None = None) -> Check:
    """A list (strictly) of what ``item`` accepts, of ``min_length``..``max_length`` items;
    each item's errors are located by its index."""

    def check(value: Any) -> Any:
        if not isinstance(value, list):
            raise _fail("list_type", "Input should be a valid list", value)
        out, errors = [], []
        for index, element in enumerate(value):
            try:
                out.append(item(element))
            except _Invalid as exc:
                errors.extend(_located(exc.errors, index))
        if errors:
            raise _Invalid(errors)
        if min_length is not None and len(out) < min_length:
            raise _fail("too_short", f"List should have at least {min_length} "
                        f"item{'s' if min_length != 1 else ''} after validation, not "
                        f"{len(out)}", value)
        if max_length is not None and len(out) > max_length:
            raise _fail("too_long", f"List should have at most {max_length} "
                        f"item{'s' if max_length != 1 else ''} after validation, not "
                        f"{len(out)}", value)
        return out

    return check


def before(rule: Callable[[Any], Any], inner: Check) -> Check:
    """``rule`` (which returns the value, possibly normalised, or raises ``ValueError`` with
    its message), then ``inner``."""

    def check(value: Any) -> Any:
        return inner(_ruled(rule, value))

    return check


def either(first: Check, second: Check, *, second_if: Callable[[Any], bool]) -> Check:
    """``second`` for values ``second_if`` accepts, else ``first`` (a union whose branch the
    value's type decides, so that one error is reported, in that branch's words)."""

    def check(value: Any) -> Any:
        return second(value) if second_if(value) else first(value)

    return check


def model(cls: type[Model]) -> Check:
    """A nested model: a mapping validated by ``cls``, or an instance of it."""

    def check(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise _fail("model_type", f"Input should be a valid dictionary or instance of "
                        f"{cls.__name__}", value)
        return cls._validated(value)

    return check


def _located(errors: Iterable[dict[str, Any]], *prefix: Any) -> list[dict[str, Any]]:
    return [{**e, "loc": (*prefix, *e["loc"])} for e in errors]


class Field:
    """A model's field: its ``check``, its ``default`` (:data:`REQUIRED` if none; a list
    default is copied for each instance) and ``rules``: functions of the checked value and the
    fields checked before it (``{name: value}``) that return the value or raise
    ``ValueError``."""

    def __init__(self, check: Check, default: Any = REQUIRED,
                 rules: Sequence[Callable[[Any, Mapping[str, Any]], Any]] = ()):
        self.check = check
        self.default = default
        self.rules = tuple(rules)


class Model:
    """A frozen record validated from a mapping. Subclasses declare their fields as class
    attributes holding :class:`Field`, after their base's, in the order they are checked;
    :meth:`check_whole` checks the whole once every field is valid."""

    _fields: ClassVar[dict[str, Field]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls._fields)
        for name, value in list(vars(cls).items()):
            if isinstance(value, Field):
                fields[name] = value
                delattr(cls, name)  # instances hold the value
        cls._fields = fields

    @classmethod
    def model_validate(cls: type[M], data: Any) -> M:
        """An instance from ``data`` (a mapping of field names to values), else
        :class:`ValidationError` with every error found."""
        if isinstance(data, cls):
            return data
        try:
            if not isinstance(data, Mapping):
                raise _fail("model_type", f"Input should be a valid dictionary or instance "
                            f"of {cls.__name__}", data)
            return cls._validated(data)
        except _Invalid as exc:
            raise ValidationError(cls.__name__, exc.errors) from None

    @classmethod
    def _validated(cls: type[M], data: Mapping[str, Any]) -> M:
        values: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        for name, spec in cls._fields.items():
            if name not in data:
                if spec.default is REQUIRED:
                    errors.append({"loc": (name,), "type": "missing", "msg": "Field required",
                                   "input": dict(data)})
                else:
                    default = spec.default
                    values[name] = list(default) if isinstance(default, list) else default
                continue
            try:
                value = spec.check(data[name])
                for rule in spec.rules:
                    value = _ruled(lambda v, r=rule: r(v, values), value)
            except _Invalid as exc:
                errors.extend(_located(exc.errors, name))
                continue
            values[name] = value
        for name in data:
            if name not in cls._fields:
                errors.append({"loc": (name,), "type": "extra_forbidden",
                               "msg": "Extra inputs are not permitted", "input": data[name]})
        if errors:
            raise _Invalid(errors)
        instance = cls.__new__(cls)
        instance.__dict__.update(values)
        try:
            instance.check_whole()
        except ValueError as exc:
            raise _fail("value_error", f"Value error, {exc}", dict(data)) from None
        return instance

    def check_whole(self) -> None:
        """Raise ``ValueError`` when the fields, each valid, do not fit together."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    def model_dump(self, *, exclude_none: bool = False) -> dict[str, Any]:
        """The fields as plain data (nested models as dicts), in declaration order; without
        those that are ``None`` if ``exclude_none``, at every depth."""
        return {k: _dumped(v, exclude_none) for k, v in self.__dict__.items()
                if not (exclude_none and v is None)}


def _dumped(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, Model):
        return value.model_dump(exclude_none=exclude_none)
    if isinstance(value, list):
        return [_dumped(v, exclude_none) for v in value]
    return value
