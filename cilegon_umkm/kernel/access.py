"""Access helpers shared by every app's views."""

from collections.abc import Callable
from typing import Protocol, TypeVar

from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponseBase

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class Section(Protocol):
    """A part of the portal that a permission opens (accounts.roles.Section is the list)."""

    @property
    def permission(self) -> str: ...


def section_required(section: Section, *permissions: str) -> Callable[[View], View]:
    """View decorator: 403 for a logged-in user whose roles do not open this section or
    lack one of the permissions (anonymous users never get here: LoginRequiredMiddleware
    sends them to the login page first)."""
    return permission_required([section.permission, *permissions], raise_exception=True)


class SectionRequiredMixin(PermissionRequiredMixin):
    """Class-based twin of section_required: set `section` and optionally `permissions`."""

    section: Section
    permissions: tuple[str, ...] = ()
    raise_exception = True

    def get_permission_required(self) -> list[str]:
        return [self.section.permission, *self.permissions]
