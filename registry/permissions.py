"""Who may do what with the registry, asked the same way by views, templates and admin."""


def can_view_full_nik(user) -> bool:
    return user.has_perm("registry.view_full_nik")


def can_view_phone(user) -> bool:
    return user.has_perm("registry.view_phone")


def can_import(user) -> bool:
    return user.has_perm("registry.import_umkm")


def can_merge(user) -> bool:
    return user.has_perm("registry.merge_umkm")


def can_browse(user) -> bool:
    return user.has_perm("accounts.open_registry") and user.has_perm("registry.view_umkm")
