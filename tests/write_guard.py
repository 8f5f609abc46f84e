"""Each app writes only its own rows (docs/ARCHITECTURE.md), checked while the tests run.

Every write the ORM can make (save, delete, a queryset's update, delete, bulk_create and
bulk_update, and so every create, get_or_create and related manager) asks which app's code
is writing: the innermost frame that belongs to an app package. If that app is not the
model's own, the test fails there and then. Code outside the apps (tests and factories,
the kernel's generic helpers, seed_demo, Django itself) takes no side: the frames beyond it
decide. tests/test_layering.py covers raw SQL, which this cannot see."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from django.db.models import Model, QuerySet

ROOT = Path(__file__).resolve().parent.parent
OWNERS = {
    "registry": ROOT / "registry",
    "lending": ROOT / "lending",
    "mentoring": ROOT / "mentoring",
    "training": ROOT / "training",
    "dashboard": ROOT / "cilegon_umkm" / "dashboard",
    "accounts": ROOT / "cilegon_umkm" / "accounts",
}
_FOLDERS = [(f"{folder}/", app) for app, folder in OWNERS.items()]


class ForeignWrite(AssertionError):
    pass


def _writing_app() -> str | None:
    frame = sys._getframe(2)
    while frame is not None:
        path = frame.f_code.co_filename
        if "/migrations/" not in path:
            for folder, app in _FOLDERS:
                if path.startswith(folder):
                    return app
        frame = frame.f_back
    return None


def _check(model: type[Model], how: str) -> None:
    owner = model._meta.app_label
    if owner not in OWNERS:
        return
    writer = _writing_app()
    if writer is not None and writer != owner:
        raise ForeignWrite(
            f"{writer} writes {model._meta.label} rows ({how}); only {owner} may: call "
            f"one of {owner}'s services instead."
        )


def _guarded_instance(method, how: str):
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        _check(type(self), how)
        return method(self, *args, **kwargs)

    return guarded


def _guarded_queryset(method, how: str):
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        _check(self.model, how)
        return method(self, *args, **kwargs)

    return guarded


def install() -> None:
    if getattr(Model.save_base, "_write_guard", False):
        return
    Model.save_base = _guarded_instance(Model.save_base, "save")
    Model.delete = _guarded_instance(Model.delete, "delete")
    for name in ("update", "delete", "bulk_create", "bulk_update"):
        setattr(QuerySet, name, _guarded_queryset(getattr(QuerySet, name), name))
    Model.save_base._write_guard = True
