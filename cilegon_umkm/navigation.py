"""The portal's sections as the navigation shows them. A section is listed only for users
holding its permission, and its views require the same permission, so what a role sees in
the menu is exactly what it may open."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.accounts.roles import Section


@dataclass(frozen=True)
class NavItem:
    section: Section
    label: Promise
    url_name: str
    icon: str  # a Bootstrap Icons name
    description: Promise

    @property
    def url_prefix(self) -> str:
        # "registry:index" covers every "registry:..." page; "mentoring:field" covers
        # "mentoring:field-visit" and is more specific than "mentoring:index".
        return self.url_name.removesuffix("index")


NAV_ITEMS = [
    NavItem(
        Section.DASHBOARD,
        _("Dashboards"),
        "dashboard:index",
        "bar-chart-line",
        _("The office's figures: registry, loans, mentoring and training."),
    ),
    NavItem(
        Section.REGISTRY,
        _("UMKM registry"),
        "registry:index",
        "shop",
        _("The registered businesses of Kota Cilegon and their certifications."),
    ),
    NavItem(
        Section.LENDING,
        _("Revolving fund"),
        "lending:index",
        "cash-coin",
        _("UPTD PDB loans: applications, disbursements and repayments."),
    ),
    NavItem(
        Section.MENTORING,
        _("Mentoring"),
        "mentoring:index",
        "people",
        _("Pendamping ekonomi and pendamping PDB per kelurahan."),
    ),
    NavItem(
        Section.FIELD,
        _("My businesses"),
        "mentoring:field",
        "phone",
        _("Field forms for the businesses of your areas: visits and referrals."),
    ),
    NavItem(
        Section.REFERRALS,
        _("Referrals"),
        "mentoring:referrals",
        "send",
        _("Businesses the mentors referred for a loan or training, waiting for an answer."),
    ),
    NavItem(
        Section.TRAINING,
        _("Training"),
        "training:index",
        "mortarboard",
        _("DAK-funded training tracks that end in a certificate."),
    ),
    NavItem(
        Section.DIRECTORY,
        _("Certified suppliers"),
        "training:directory",
        "building-check",
        _("Certified local businesses by supply category, for Cilegon's industry."),
    ),
    NavItem(
        Section.ADMIN,
        _("Admin"),
        "admin:index",
        "gear",
        _("The back office: data entry, users and roles."),
    ),
]


def nav_items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in NAV_ITEMS if user.has_perm(item.section.permission)]


def active_item(items: list[NavItem], view_name: str | None) -> NavItem | None:
    """The section the current page belongs to: the item with the longest matching prefix."""
    matches = [item for item in items if view_name and view_name.startswith(item.url_prefix)]
    return max(matches, key=lambda item: len(item.url_prefix), default=None)
