"""The office's roles as Django groups, and what each may open.

This table is the single source of truth: after every `migrate` (and every test flush) a
post_migrate hook (accounts/apps.py) calls `sync_role_groups`, which makes every group hold
exactly the permissions listed here, so a new model's permissions reach their roles as soon
as they are listed below. An administrator only puts people in groups.
"""

from django.db import models
from django.db.models import Q


class Section(models.TextChoices):
    """A part of the portal shown in the navigation. Each has a permission on the User model
    (`accounts.open_<section>`) so that views, navigation and admin ask the same question."""

    REGISTRY = "open_registry", "Can open the UMKM registry"
    LENDING = "open_lending", "Can open the revolving-fund lending section"
    MENTORING = "open_mentoring", "Can open mentor coverage and assignments"
    FIELD = "open_field", "Can use the mentors' field forms"
    REFERRALS = "open_referrals", "Can open the inbox of mentors' referrals"
    TRAINING = "open_training", "Can open DAK training and certification"
    DIRECTORY = "open_directory", "Can open the directory of certified suppliers"
    DASHBOARD = "open_dashboard", "Can open the leadership dashboards"
    ADMIN = "open_admin", "Can open the back office (Django admin)"

    @property
    def permission(self) -> str:
        return f"accounts.{self.value}"


class Role(models.TextChoices):
    """Group names as the office says them; one person may hold several roles."""

    STAF_DINAS = "Staf Dinas"
    STAF_UPT = "Staf UPT PDB"
    KEPALA_UPT = "Kepala UPT PDB"
    PENDAMPING_EKONOMI = "Pendamping Ekonomi"
    PENDAMPING_PDB = "Pendamping PDB"
    PIMPINAN = "Pimpinan"
    # Purchasing staff of Cilegon's industry: they look for certified local suppliers.
    MITRA_INDUSTRI = "Mitra Industri"
    ADMIN = "Admin"


ALL_PERMISSIONS = "__all__"


def _sections(*sections: Section) -> set[str]:
    return {section.permission for section in sections}


_VIEW_GEOGRAPHY = {"registry.view_kecamatan", "registry.view_kelurahan"}
_READ_REGISTRY = {"registry.view_umkm", "registry.view_certification"} | _VIEW_GEOGRAPHY
_KEEP_REGISTRY = _READ_REGISTRY | {
    "registry.add_umkm",
    "registry.change_umkm",
    "registry.add_certification",
    "registry.change_certification",
    "registry.delete_certification",
    "registry.import_umkm",
    "registry.merge_umkm",
    "registry.view_importbatch",
    "registry.view_duplicatecandidate",
    # The office's own sektor words of import files, and the sectors they mean.
    "registry.view_sectorword",
    "registry.add_sectorword",
    "registry.change_sectorword",
}
# NIK and phone are personal data (UU PDP): only roles that deal with the owner see them.
_PERSONAL_DATA = {"registry.view_full_nik", "registry.view_phone"}
_READ_LENDING = {
    f"lending.view_{model}"
    for model in (
        "fund",
        "fundentry",
        "product",
        "application",
        "survey",
        "applicationevent",
        "loan",
        "installment",
        "repayment",
        "collectibilityband",
        "arrearssnapshot",
        "reversalrequest",
    )
} | {"lending.view_portfolio"}
# The terms of lending (products, funds, the collectibility table) are the Kepala UPT's and
# the Admin's to change, in the back office; staff run the lending within them.
_KEEP_LENDING_TERMS = {
    "lending.add_fund",
    "lending.change_fund",
    "lending.add_product",
    "lending.change_product",
    "lending.change_collectibilityband",
}
_RUN_LENDING = _READ_LENDING | {
    "lending.add_application",
    "lending.disburse_loan",
    "lending.post_repayment",
    "lending.reverse_repayment",
    "lending.add_fundentry",
}
_DECIDE_LENDING = (
    _READ_LENDING
    | _KEEP_LENDING_TERMS
    | {
        "lending.decide_application",
        "lending.write_off_loan",
        "lending.add_fundentry",
        # The second pair of eyes on a reversal that reopens a closed loan or an old month.
        "lending.approve_reversal",
    }
)

_READ_MENTORING = {"mentoring.view_mentor", "mentoring.view_assignment"}
_KEEP_MENTORING = _READ_MENTORING | {
    "mentoring.add_mentor",
    "mentoring.change_mentor",
    "mentoring.add_assignment",
    "mentoring.change_assignment",
}

_TRAINING_MODELS = (
    "allocation", "budgetline", "spending", "track", "module", "cohort", "enrollment",
    "session", "attendance", "moduleresult", "certificate",
)  # fmt: skip
_READ_TRAINING = {f"training.view_{model}" for model in _TRAINING_MODELS}
# Staff run training; spending is posted (add), never changed, and certificates are issued
# through the pages, so those two have no change permission here.
_RUN_TRAINING = (
    _READ_TRAINING
    | {f"training.add_{model}" for model in _TRAINING_MODELS}
    | {
        f"training.change_{model}"
        for model in _TRAINING_MODELS
        if model not in ("spending", "certificate")
    }
)

# Leadership decides the yearly targets; office staff keep them in the back office.
_KEEP_TARGETS = {"dashboard.view_target", "dashboard.add_target", "dashboard.change_target"}

ROLE_PERMISSIONS: dict[Role, set[str] | str] = {
    Role.STAF_DINAS: _sections(
        Section.REGISTRY,
        Section.LENDING,
        Section.MENTORING,
        Section.TRAINING,
        Section.DASHBOARD,
        Section.ADMIN,
    )
    | _KEEP_REGISTRY
    | _PERSONAL_DATA
    | _READ_LENDING
    | _KEEP_MENTORING
    | _RUN_TRAINING
    | _sections(Section.DIRECTORY)
    | _sections(Section.REFERRALS)
    | _KEEP_TARGETS
    | {
        "mentoring.view_referral",
        "mentoring.handle_training_referral",
        "mentoring.view_fieldchange",
        "mentoring.review_fieldchange",
    },
    Role.STAF_UPT: _sections(Section.REGISTRY, Section.LENDING, Section.DASHBOARD, Section.ADMIN)
    | _READ_REGISTRY
    | _PERSONAL_DATA
    | _RUN_LENDING
    | _sections(Section.REFERRALS)
    | {"mentoring.view_referral", "mentoring.handle_loan_referral"},
    # The back office (Section.ADMIN) is where products, funds and bands are edited.
    Role.KEPALA_UPT: _sections(
        Section.REGISTRY, Section.LENDING, Section.MENTORING, Section.DASHBOARD, Section.ADMIN
    )
    | _READ_REGISTRY
    | _READ_MENTORING
    | {"registry.view_phone"}
    | _DECIDE_LENDING,
    Role.PENDAMPING_EKONOMI: _sections(Section.FIELD),
    Role.PENDAMPING_PDB: _sections(Section.FIELD, Section.REFERRALS)
    | {
        "lending.survey_application",
        "lending.view_application",
        "lending.view_survey",
        "mentoring.handle_loan_referral",
    },
    Role.PIMPINAN: _sections(
        Section.REGISTRY, Section.LENDING, Section.MENTORING, Section.TRAINING, Section.DASHBOARD
    )
    | _READ_REGISTRY
    | _READ_LENDING
    | _READ_MENTORING
    | _READ_TRAINING
    | _sections(Section.DIRECTORY),
    # The directory only: no registry, no NIK; contact details of certified suppliers.
    Role.MITRA_INDUSTRI: _sections(Section.DIRECTORY),
    Role.ADMIN: ALL_PERMISSIONS,
}


def _ensure_permissions(apps) -> None:
    """Create content types and permissions now: Django only does it after the last
    migration, and a data migration needs them earlier."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Historical app states inside migrations have no models_module, and
        # create_permissions skips an app without one.
        is_historical = getattr(app_config, "models_module", None) is None
        if is_historical:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if is_historical:
            app_config.models_module = None


def _permission_filter(names: set[str]) -> Q:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def sync_role_groups(apps) -> None:
    """Make every role group exist with exactly the permissions of ROLE_PERMISSIONS.
    Permissions of models that do not exist yet are skipped; a later migration adds them."""
    _ensure_permissions(apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role.value)
        if names == ALL_PERMISSIONS:
            permissions = permission_model.objects.all()
        else:
            permissions = permission_model.objects.filter(_permission_filter(names))
        group.permissions.set(permissions)


def sync_role_groups_migration(apps, schema_editor) -> None:
    """RunPython entry point for data migrations of any app."""
    sync_role_groups(apps)
