"""Who may open what: every page of the portal, for GET and for POST, by role.

tests/test_permission_matrix.py walks every URL pattern of the URLconf as every role and
checks each answer against this table. A page that is in neither TABLE nor the admin group
fails that test, so a new page is a decision someone writes down here.

Reading an entry: `page(readers, writers)` lists the roles whose GET (readers) and POST
(writers, default: the readers) the page accepts. Every other role is refused with a 403,
except the roles in `hidden_from`, who get a 404 (the project answers "not found" rather
than "forbidden" where the object itself is scoped: another area's business, an application
outside the lending section). `post_only` / `get_only`: the view answers 405 to the other
method whoever asks (require_POST / require_GET wrap the permission check).

The roles are those of docs/ARCHITECTURE.md and cilegon_umkm/accounts/roles.py (ROLE_PERMISSIONS).
Sample ids point at real objects (the test builds one of each kind in kelurahan A, where
both mentors work), so an allowed role never sees a 404 for a missing object.
"""

from dataclasses import dataclass

from cilegon_umkm.accounts.roles import Role

SD = Role.STAF_DINAS
SU = Role.STAF_UPT
KU = Role.KEPALA_UPT
PE = Role.PENDAMPING_EKONOMI
PP = Role.PENDAMPING_PDB
PIM = Role.PIMPINAN
MI = Role.MITRA_INDUSTRI
AD = Role.ADMIN

EVERYONE = frozenset(Role)
# Registry readers: office staff, the UPT head, leadership (DESIGN: "read the registry").
REGISTRY_READERS = frozenset({SD, SU, KU, PIM, AD})
# Lending readers: the same roles (Staf Dinas "reads everything", Pimpinan reads).
LENDING_READERS = frozenset({SD, SU, KU, PIM, AD})
DASHBOARD_READERS = frozenset({SD, SU, KU, PIM, AD})
MENTORING_READERS = frozenset({SD, KU, PIM, AD})  # coverage and activity of the mentors
TRAINING_READERS = frozenset({SD, PIM, AD})
REGISTRY_KEEPERS = frozenset({SD, AD})  # import, duplicates
LENDING_CLERKS = frozenset({SU, AD})  # applications, disbursements, repayments
LENDING_DECIDERS = frozenset({KU, AD})  # approve, reject, write off, approve a reversal
TRAINING_RUNNERS = frozenset({SD, AD})
MENTORS = frozenset({PE, PP})
FIELD = frozenset({PE, PP, AD})  # the field section; Admin has no mentor profile


@dataclass(frozen=True)
class Page:
    readers: frozenset[Role]
    writers: frozenset[Role]
    hidden_from: frozenset[Role] = frozenset()  # refused with 404 instead of 403
    post_only: bool = False  # GET answers 405 to everyone
    get_only: bool = False  # POST answers 405 to everyone


def page(readers, writers=None, *, hidden_from=(), post_only=False, get_only=False) -> Page:
    readers = frozenset(readers)
    writers = readers if writers is None else frozenset(writers)
    return Page(readers, writers, frozenset(hidden_from), post_only, get_only)


def post_only(writers, *, hidden_from=()) -> Page:
    return page(writers, writers, hidden_from=hidden_from, post_only=True)


def get_only(readers) -> Page:
    return page(readers, frozenset(), get_only=True)


# Roles that are not lending readers get a 404 on an application: lending.permissions.
# get_application_for_user does not say whether the number exists.
NOT_LENDING_READERS = EVERYONE - LENDING_READERS

TABLE: dict[str, Page] = {
    # --- the portal itself -------------------------------------------------------------
    "home": get_only(EVERYONE),
    "login": page(EVERYONE),  # a logged-in user is sent on (302); POST re-shows the form
    "logout": post_only(EVERYONE),  # logs out; Django's LogoutView refuses GET
    "set_language": page(EVERYONE),
    "health": page(EVERYONE),
    "certificate-verify": page(EVERYONE),  # the QR code's public page
    "certificate-lookup": page(EVERYONE),  # typing a code or number: public too
    # --- dashboards: read only, require_GET before the permission check ------------------
    "dashboard:index": get_only(DASHBOARD_READERS),
    "dashboard:area": get_only(DASHBOARD_READERS),
    "dashboard:export": get_only(DASHBOARD_READERS),
    # --- registry -----------------------------------------------------------------------
    "registry:index": page(REGISTRY_READERS),  # POST: 405 for readers (a FilterView)
    "registry:umkm-detail": page(REGISTRY_READERS),
    # The full NIK (UU PDP): only the roles that deal with the owner.
    "registry:umkm-reveal-nik": page({SD, SU, AD}),
    "registry:umkm-export": page(REGISTRY_READERS),  # NIK masked for KU and PIM
    "registry:import": page(REGISTRY_KEEPERS),
    "registry:import-template": page(REGISTRY_KEEPERS),
    "registry:import-batch": page(REGISTRY_KEEPERS),
    "registry:import-apply": post_only(REGISTRY_KEEPERS),
    "registry:import-cancel": post_only(REGISTRY_KEEPERS),
    "registry:import-rejected": page(REGISTRY_KEEPERS),
    "registry:duplicates": page(REGISTRY_KEEPERS),
    "registry:duplicates-refresh": post_only(REGISTRY_KEEPERS),
    "registry:duplicate-merge": post_only(REGISTRY_KEEPERS),
    "registry:duplicate-dismiss": post_only(REGISTRY_KEEPERS),
    "registry:wilayah": page(REGISTRY_READERS),
    # --- lending ------------------------------------------------------------------------
    "lending:index": page(LENDING_READERS),
    "lending:applications": page(LENDING_READERS),  # PP holds view_application, not the section
    "lending:application-new": page(LENDING_CLERKS),
    "lending:application-create": page(LENDING_CLERKS),
    "lending:application-detail": page(
        LENDING_READERS, hidden_from=NOT_LENDING_READERS, get_only=True
    ),
    "lending:application-approve": post_only(LENDING_DECIDERS),
    "lending:application-reject": post_only(LENDING_DECIDERS),
    "lending:application-withdraw": post_only(LENDING_CLERKS),
    "lending:application-disburse": post_only(LENDING_CLERKS),
    "lending:application-override-write-off": post_only(LENDING_DECIDERS),
    "lending:loan-detail": page(LENDING_READERS),
    "lending:loan-card": page(LENDING_READERS),
    "lending:loan-write-off": post_only(LENDING_DECIDERS),
    "lending:repayment-desk": page(LENDING_CLERKS),
    "lending:repayment-new": page(LENDING_CLERKS),
    "lending:receipt": page(LENDING_READERS),
    "lending:repayment-reverse": post_only(LENDING_CLERKS),
    # A reversal that needs the Kepala UPT: staff request it, the Kepala decides.
    "lending:reversal-request-new": post_only(LENDING_CLERKS),
    "lending:reversal-requests": get_only(LENDING_READERS),
    "lending:reversal-request": get_only(LENDING_READERS),
    "lending:reversal-request-approve": post_only(LENDING_DECIDERS),
    "lending:reversal-request-refuse": post_only(LENDING_DECIDERS),
    "lending:portfolio": page(LENDING_READERS),
    "lending:arrears": page(LENDING_READERS),
    "lending:collection-sheet": page(LENDING_READERS),  # an area's; GET form, POST shows it too
    # POST by a reader without lending.add_fundentry (SD, PIM) answers 200 with "Your role
    # cannot add capital" and writes nothing: test_readers_cannot_post_capital_or_spending.
    "lending:fund-detail-default": page(LENDING_READERS),
    "lending:fund-detail": page(LENDING_READERS),
    # --- mentoring: the office's pages --------------------------------------------------
    "mentoring:index": page(MENTORING_READERS),
    "mentoring:activity-report": page(MENTORING_READERS),
    "mentoring:review": page({SD, AD}),
    "mentoring:review-decide": page({SD, AD}),  # GET: back to the queue
    # --- mentoring: the field pages, scoped to the mentor's areas -----------------------
    "mentoring:field": page(FIELD),
    "mentoring:businesses": page(FIELD),  # Admin: an empty list (no areas)
    "mentoring:register": page(FIELD),
    # Admin holds open_field but is no mentor: no areas, so every business is "not found".
    "mentoring:business": page(MENTORS, hidden_from={AD}),
    "mentoring:visit-new": page(MENTORS, hidden_from={AD}),
    "mentoring:referral-new": page(MENTORS, hidden_from={AD}),
    "mentoring:correct": page(MENTORS, hidden_from={AD}),
    "mentoring:survey-queue": page({PP, AD}),
    "mentoring:arrears": page({PP, AD}),
    # Collection sheets per mentor: the office chooses any mentor; a pendamping PDB opens
    # only their own (the sample mentor is another one: 404), other roles 403.
    "mentoring:collection-sheets": page(LENDING_READERS),
    "mentoring:collection-sheet": page(LENDING_READERS, hidden_from={PP}),
    "mentoring:survey": page({PP}, hidden_from={AD}),
    # --- mentoring: the referral inbox (the sample referral is a loan referral) --------
    # Staf Dinas answers training referrals: a loan referral is "not found" for them.
    "mentoring:referrals": page({SD, SU, PP, AD}),
    "mentoring:referral-accept": page({SU, PP, AD}, hidden_from={SD}),
    # GET only sends back to the inbox (no object is read); POST declines.
    "mentoring:referral-decline": page({SD, SU, PP, AD}, {SU, PP, AD}, hidden_from={SD}),
    # --- training -----------------------------------------------------------------------
    "training:index": get_only(TRAINING_READERS),
    "training:cohort-detail": get_only(TRAINING_READERS),
    "training:participant": get_only(TRAINING_READERS),
    "training:report": get_only(TRAINING_READERS),
    "training:certificate-print": get_only(TRAINING_READERS),
    # POST by Pimpinan (no training.add_spending) re-shows the page and posts nothing:
    # test_readers_cannot_post_capital_or_spending.
    "training:budget": page(TRAINING_READERS),
    # The runners' forms (require_POST).
    "training:enroll": post_only(TRAINING_RUNNERS),
    "training:session-new": post_only(TRAINING_RUNNERS),
    "training:withdraw": post_only(TRAINING_RUNNERS),
    "training:result-new": post_only(TRAINING_RUNNERS),
    "training:certificate-issue": post_only(TRAINING_RUNNERS),
    "training:certificate-revoke": post_only(TRAINING_RUNNERS),
    "training:facilitated-certification-new": post_only(TRAINING_RUNNERS),
    "training:spending-reverse": post_only(TRAINING_RUNNERS),
    # Certified suppliers for industry buyers; no NIK.
    "training:directory": get_only({SD, PIM, MI, AD}),
}

# --- the back office (Django admin): one rule for every "admin:" URL --------------------
# The admin site opens to roles holding accounts.open_admin (PortalAdminSite.has_permission);
# everyone else is sent to the admin login, GET and POST alike. Inside, each model page
# answers by Django's model permissions (200, or 403 for a page the role lacks; missing
# sample objects redirect to the index): tests/test_admin.py covers those per page. The
# matrix checks only the door, and that user and group management is the Admin role's.
ADMIN_PREFIX = "admin:"
# The Kepala UPT enters to keep products, funds and the collectibility table.
ADMIN_ROLES = frozenset({SD, SU, KU, AD})
# Pages any logged-in user may open (public in tests/test_login_required.py too). The
# admin's jsi18n is public there only in name: it sits behind the admin door like the rest.
ADMIN_PUBLIC = frozenset({"admin:login", "admin:logout"})
# User and group management (DESIGN: "Admin: everything, user management").
USER_MANAGEMENT_PREFIXES = ("admin:accounts_user_", "admin:auth_group_", "admin:auth_user_")
USER_MANAGERS = frozenset({AD})

# Pages whose POST logs the user out: the test logs back in after them.
LOGS_OUT = frozenset({"logout", "admin:logout"})
