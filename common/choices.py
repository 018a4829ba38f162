"""What list pages read of a few small tables on every request (the filter forms' choice lists, the
provinces, the unit box's suggestions), kept: these change when a record of theirs is written, not
between two requests, and reading them took several queries and a model instance per option.

`kept(name, model, load)` keeps `load()` in the shared cache until `model` is next written: a save
or delete of a tracked model (`invalidate_on_write`) moves its version on, so every process reads
anew. Each process also holds what it read for LOCAL_SECONDS, so that one page asking several
times reads the cache once; a process that did not make the write sees it within those seconds.
A change that sends no signal (a bulk update) shows within the `seconds` given.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.forms import ModelChoiceField
from django.utils.translation import get_language

T = TypeVar("T")
CHOICES_SECONDS = 3600
LOCAL_SECONDS = 5

# name -> (when read, the model's label, the value), this process's own copies.
_local: dict[str, tuple[float, str, Any]] = {}


def kept(name: str, model: type[Model], load: Callable[[], T], seconds: int = CHOICES_SECONDS) -> T:
    """`load()`, kept under `name` until `model` is next written (see the module's docstring)."""
    now = time.monotonic()
    held = _local.get(name)
    if held is not None and now - held[0] < LOCAL_SECONDS:
        return held[2]
    key = f"kept:{name}:{version(model)}"
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, seconds)
    _local[name] = (now, model._meta.label_lower, value)
    return value


def model_choices(name: str, field: ModelChoiceField) -> list[tuple[str, str]]:
    """The options of `field` (its empty one first, if any) as (value, label), for the list called
    `name`, in the current language."""
    records = field.queryset
    assert records is not None

    def load() -> list[tuple[str, str]]:
        return [(str(field.prepare_value(obj)), str(field.label_from_instance(obj))) for obj in records]

    options = kept(f"choices:{name}:{get_language()}", records.model, load)
    empty = [("", str(field.empty_label))] if field.empty_label is not None else []
    return [*empty, *options]


def invalidate_on_write(*models: type[Model]) -> None:
    """Every save or delete of these models makes what is kept of them be read again."""
    for model in models:
        post_save.connect(_written, sender=model, dispatch_uid=f"kept-{model._meta.label_lower}-save")
        post_delete.connect(_written, sender=model, dispatch_uid=f"kept-{model._meta.label_lower}-delete")


def version(model: type[Model]) -> int:
    """How many writes of `model` the cache has seen."""
    return int(cache.get(_version_key(model), 0))


def forget() -> None:
    """Drop this process's copies (the tests, which empty the cache between tests, call it too)."""
    _local.clear()


def _written(sender: type[Model], **kwargs: Any) -> None:
    key = _version_key(sender)
    try:
        cache.incr(key)
    except ValueError:  # no version yet, or evicted
        cache.set(key, 1, None)
    label = sender._meta.label_lower
    for name in [name for name, (_, held, _) in list(_local.items()) if held == label]:
        _local.pop(name, None)


def _version_key(model: type[Model]) -> str:
    return f"kept-version:{model._meta.label_lower}"
