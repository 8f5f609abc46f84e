from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _

from .roles import Role, Section


class User(AbstractUser):
    """A person who logs in: office staff, UPT PDB staff, a field mentor, leadership.
    What they may do comes from their role groups (roles.py), not from flags on the user."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [(section.value, section.label) for section in Section]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: Role) -> bool:
        # Reads the prefetched groups when a selector provided them.
        return any(group.name == role.value for group in self.groups.all())

    @property
    def role_names(self) -> list[str]:
        return sorted(group.name for group in self.groups.all())
