"""The bundled format definitions without validating them again at every start.

Validating ``resources/formats/<id>.json`` builds pydantic's validators for the ~25 model
classes of a format and runs them, which was most of the start-up cost of the core. The files
the program ships do not change between starts: the test suite validates each of them and
``format_stamps.VALIDATED`` records the SHA-256 of exactly those bytes
(``python tools/stamp_formats.py`` rewrites it after a definition is edited, and refuses a
file that does not validate). ``get_format`` builds a file whose bytes carry that
stamp with ``build`` below — the same objects validation gives, made by ``model_construct``
without checking — and validates any other file (edited, from ``GAIC_RESOURCES``, or stale)
in full, as before. ``tests/core/test_format_trusted.py`` proves both: the stamps are those of
the shipped files, and ``build`` gives exactly what validation gives, type for type.

``build`` reads the models' own field annotations, so a field added to a model is built the
way pydantic would build it; the test fails if a change to the models makes the two differ.
"""

from __future__ import annotations

import hashlib
import types
from typing import Annotated, Any, Callable, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from . import format_stamps

Builder = Callable[[Any], Any]
_builders: dict[Any, Builder] = {}


def is_validated(format_id: str, data: bytes) -> bool:
    """True if ``data`` are the bytes of the shipped definition ``format_id`` that the tests
    validated (its SHA-256 is the recorded stamp)."""
    stamp = format_stamps.VALIDATED.get(format_id)
    return stamp is not None and digest(data) == stamp


def digest(data: bytes) -> str:
    """The stamp of a definition's bytes (line ends as in the repository, whatever a checkout
    on Windows made of them: JSON reads the same either way)."""
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def build(model: type[BaseModel], data: Any) -> Any:
    """``model`` from JSON data that validates as ``model``, without validating it again."""
    return _builder(model)(data)


def _builder(tp: Any) -> Builder:
    b = _builders.get(tp)
    if b is None:
        b = _builders[tp] = _make_builder(tp)
    return b


def _same(v: Any) -> Any:
    return v


def _make_builder(tp: Any) -> Builder:
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:  # e.g. the rules' discriminated union: the choice below finds the kind
        return _builder(args[0])
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_builder(tp)
    if origin is list:
        item = _builder(args[0])
        return lambda v: [item(x) for x in v]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _builder(args[0])
        return lambda v: tuple(item(x) for x in v)
    if origin is dict:
        key, value = _builder(args[0]), _builder(args[1])
        return lambda v: {key(k): value(x) for k, x in v.items()}
    if origin in (Union, types.UnionType):
        arms = [(_fits(a), _builder(a)) for a in args]

        def choose(v: Any) -> Any:
            for fits, make in arms:
                if fits(v):
                    return make(v)
            raise ValueError(f"no arm of {tp} fits {v!r:.80}")
        return choose
    if tp is float:
        return float  # JSON 10 is validated to 10.0
    if origin is Literal or tp in (str, int, bool, type(None), Any):
        return _same
    raise TypeError(f"cannot build {tp!r} without validation")


def _model_builder(model: type[BaseModel]) -> Builder:
    fields: dict[str, Builder] = {}

    def make(v: dict) -> BaseModel:
        if not fields:
            fields.update({name: _builder(f.annotation) for name, f in model.model_fields.items()})
        return construct(model, {k: fields[k](x) for k, x in v.items()})
    return make


_plans: dict[type, list | None] = {}


def construct(model: type[BaseModel], values: dict) -> BaseModel:
    """``model.model_construct(**values)`` — the same object — in a third of the time: the
    models of a format have no aliases, private attributes or post-init hooks (checked once per
    model; otherwise this is ``model_construct``), so the instance is its field values in field
    order (defaults for the fields not given) and the names given as its set fields."""
    plan = _plans.get(model, False)
    if plan is False:
        plan = _plans[model] = _plan(model)
    if plan is None:
        return model.model_construct(**values)
    d = {}
    for name, default, field in plan:
        if name in values:
            d[name] = values[name]
        elif field is None:
            d[name] = default
        else:
            d[name] = field.get_default(call_default_factory=True, validated_data=d)
    m = model.__new__(model)
    _setattr(m, "__dict__", d)
    _setattr(m, "__pydantic_fields_set__", set(values))
    _setattr(m, "__pydantic_extra__", None)
    _setattr(m, "__pydantic_private__", None)
    return m


_setattr = object.__setattr__
_IMMUTABLE = (type(None), bool, int, float, str)


def _plan(model: type[BaseModel]) -> list | None:
    """Per field: (name, its default if immutable, else the FieldInfo to make one); None if the
    model needs ``model_construct``'s general path."""
    if (model.__pydantic_root_model__ or model.__pydantic_post_init__ or model.__private_attributes__
            or model.model_config.get("extra") == "allow"):
        return None
    plan = []
    for name, f in model.__pydantic_fields__.items():
        if f.alias is not None or f.validation_alias is not None:
            return None
        if f.is_required():
            plan.append((name, None, None))  # given always (the data validated)
        elif f.default_factory is None and (isinstance(f.default, _IMMUTABLE) or f.default == ()):
            plan.append((name, f.default, None))
        else:
            plan.append((name, None, f))
    return plan


def _fits(tp: Any) -> Callable[[Any], bool]:
    """A test whether a JSON value is of the shape ``tp`` (to pick the arm of a union)."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        return _fits(args[0])
    if tp is type(None):
        return lambda v: v is None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        fields = tp.model_fields
        names = frozenset(fields)
        required = frozenset(k for k, f in fields.items() if f.is_required())
        # the rules' ``kind``: a Literal field tells the models of a union apart
        literals = [(k, frozenset(get_args(f.annotation))) for k, f in fields.items()
                    if get_origin(f.annotation) is Literal]

        def fits_model(v: Any) -> bool:
            return (isinstance(v, dict) and names.issuperset(v) and required.issubset(v)
                    and all(k not in v or v[k] in allowed for k, allowed in literals))
        return fits_model
    if origin is Literal:
        return lambda v: v in args
    if origin in (list, tuple):
        return lambda v: isinstance(v, list)
    if origin is dict:
        return lambda v: isinstance(v, dict)
    if origin in (Union, types.UnionType):
        arms = [_fits(a) for a in args]
        return lambda v: any(f(v) for f in arms)
    if tp is float:
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if tp is int:
        return lambda v: isinstance(v, int) and not isinstance(v, bool)
    if tp is str:
        return lambda v: isinstance(v, str)
    raise TypeError(f"cannot tell {tp!r} in a union")


def stamp_files() -> dict[str, str]:
    """Validate every bundled definition in full and return its stamp (raises FormatError)."""
    from .formats import format_ids, load_format_file, resources_dir

    folder = resources_dir() / "formats"
    stamps = {}
    for fid in format_ids():
        path = folder / f"{fid}.json"
        load_format_file(path)
        stamps[fid] = digest(path.read_bytes())
    return stamps
