"""Moving the rows of one app that point at a record to another record: what a merge of two
businesses asks of every app. Each app moves only its own rows (it calls this for its own
app label), so that each app stays the only writer of its rows."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction


class SharedReference(Exception):
    """Both records hold a row that may exist only once (a one-to-one relation or a unique
    constraint): `row` could not be moved."""

    def __init__(self, row: models.Model) -> None:
        super().__init__(str(row))
        self.row = row


def move_references(
    target: type[models.Model], *, app_label: str, old: models.Model, new: models.Model
) -> int:
    """Point every row of `app_label`'s models that refers to `old` (a `target`) at `new`;
    the number of rows moved. One save per row, so that models with history record the
    move. Raises SharedReference for a row that cannot exist twice."""
    moved = 0
    for relation in target._meta.related_objects:
        model = relation.related_model
        if not isinstance(model, type) or model._meta.app_label != app_label:
            continue
        rows, field = model._default_manager, relation.field.name
        if relation.many_to_many:
            for row in rows.filter(**{field: old}):
                getattr(row, field).add(new)
                getattr(row, field).remove(old)
                moved += 1
            continue
        if relation.one_to_one and rows.filter(**{field: new}).exists():
            found = rows.filter(**{field: old}).first()
            if found is not None:
                raise SharedReference(found)
        for row in rows.filter(**{field: old}):
            setattr(row, field, new)
            try:
                with transaction.atomic():
                    row.save(update_fields=[field])
            except IntegrityError as error:
                raise SharedReference(row) from error
            moved += 1
    return moved


def references_left(target: type[models.Model], record: models.Model) -> list[str]:
    """The models (verbose names) that still hold rows pointing at `record`."""
    left = []
    for relation in target._meta.related_objects:
        model = relation.related_model
        if (
            isinstance(model, type)
            and model._default_manager.filter(**{relation.field.name: record}).exists()
        ):
            left.append(str(model._meta.verbose_name))
    return left
