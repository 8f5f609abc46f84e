"""Access helpers shared by every app's views."""

from typing import Protocol

from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin


class Section(Protocol):
    """A part of the portal that a permission opens (accounts.roles.Section is the list)."""

    @property
    def permission(self) -> str: ...


def section_required(section: Section, *permissions: str):
    """View decorator: 403 for a logged-in user whose roles do not open this section or
    lack one of the permissions (anonymous users never get here: LoginRequiredMiddleware
    sends them to the login page first)."""
    return permission_required([section.permission, *permissions], raise_exception=True)


class SectionRequiredMixin(PermissionRequiredMixin):
    """Class-based twin of section_required: set `section` and optionally `permissions`."""

    section: Section
    permissions: tuple[str, ...] = ()
    raise_exception = True

    def get_permission_required(self):
        return [self.section.permission, *self.permissions]
