"""The dashboard pages: the overview and one page per area, each built from the apps'
stats for a period into a figures.Page."""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from .lending import lending_page
from .mentoring import mentoring_page
from .overview import overview_page
from .registry import registry_page
from .training import training_page


class Area(NamedTuple):
    label: str
    build: object  # (period, stats, kecamatan) -> Page
    apps: tuple[str, ...]  # whose stats it needs


OVERVIEW = Area(_("Overview"), overview_page, ("registry", "lending", "mentoring", "training"))
# URL slug -> page, in the order of the tabs
AREAS = {
    "registri": Area(_("Registry"), registry_page, ("registry",)),
    "pinjaman": Area(_("Lending"), lending_page, ("lending",)),
    "pendampingan": Area(_("Mentoring"), mentoring_page, ("mentoring",)),
    "pelatihan": Area(_("Training"), training_page, ("training",)),
}
