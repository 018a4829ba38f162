"""The choice lists of filter forms (provinces, indicators, the ministry's departments), kept in the
cache: they change when a record of theirs is written, not between two requests, and reading them
from the database took three queries and a model instance per option on every list page.

A write of a tracked model (`invalidate_on_write`) moves its version on, so every process reads
the new list at once; a change that sends no signal (a bulk update) shows within CHOICES_SECONDS.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.forms import ModelChoiceField
from django.utils.translation import get_language

CHOICES_SECONDS = 3600


def model_choices(name: str, field: ModelChoiceField) -> list[tuple[str, str]]:
    """The options of `field` (its empty one first, if any) as (value, label), for the list called
    `name` in the current language."""
    records = field.queryset
    assert records is not None
    key = f"choices:{name}:{version(records.model)}:{get_language()}"
    options = cache.get(key)
    if options is None:
        options = [(str(field.prepare_value(obj)), str(field.label_from_instance(obj))) for obj in records]
        cache.set(key, options, CHOICES_SECONDS)
    empty = [("", str(field.empty_label))] if field.empty_label is not None else []
    return [*empty, *options]


def invalidate_on_write(*models: type[Model]) -> None:
    """Every save or delete of these models makes the choice lists of their records be read again."""
    for model in models:
        post_save.connect(_written, sender=model, dispatch_uid=f"choices-{model._meta.label_lower}-save")
        post_delete.connect(_written, sender=model, dispatch_uid=f"choices-{model._meta.label_lower}-delete")


def version(model: type[Model]) -> int:
    """How many writes of `model` the cache has seen (invalidate_on_write): a key that holds it is
    read again after the next write."""
    return int(cache.get(_version_key(model), 0))


def _written(sender: type[Model], **kwargs: Any) -> None:
    key = _version_key(sender)
    try:
        cache.incr(key)
    except ValueError:  # no version yet, or evicted
        cache.set(key, 1, None)


def _version_key(model: type[Model]) -> str:
    return f"choices-version:{model._meta.label_lower}"
