"""A form posted twice is recorded once. Each form carries a token made when it opened (a
UUID in a hidden field: the repayment desk's, a phone's field form); the row it creates
keeps the token under a unique constraint. A double click, a retried request, a second tab
or a phone resending after a lost answer then gets the row the first post made."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, models, transaction

Row = TypeVar("Row", bound=models.Model)


def find_by_token(model: type[Row], field: str, token: uuid.UUID | str) -> Row | None:
    return model._default_manager.filter(**{field: token}).first()


def create_once(
    model: type[Row],
    *,
    field: str,
    token: uuid.UUID | str,
    create: Callable[[], Row],
    check_owner: Callable[[Row], None],
) -> tuple[Row, bool]:
    """(row, created): create() unless a row with this token exists, else that row.

    check_owner(row) raises the app's error when the row already made with this token is
    not the asker's (a copied or made-up token must never hand one user another's record).
    When two posts with one token race, the loser's insert breaks the unique constraint and
    it returns the winner's row; an IntegrityError of any other constraint is raised."""
    found = find_by_token(model, field, token)
    if found is not None:
        check_owner(found)
        return found, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        found = find_by_token(model, field, token)
        if found is None:
            raise
        check_owner(found)
        return found, False
