"""What the registry's single-row writes share: validation with the model's own rules, and
the history row's user and reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from cilegon_umkm.accounts.models import User

from ..errors import RegistryError


def validated(row: models.Model) -> None:
    """The model's validators and constraints, as the admin checks them; RegistryError with
    every message when one fails."""
    try:
        row.full_clean()
    except ValidationError as error:
        raise RegistryError(" ".join(error.messages)) from error


def with_history(row: Any, *, user: User | None, reason: str) -> None:
    """The history row the next save writes: by this user (else the request's), for this
    reason. (`row` is a model with HistoricalRecords; the attributes are django-simple-
    history's, unknown to the type checker.)"""
    if user is not None:
        row._history_user = user
    row._change_reason = reason
