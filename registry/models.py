from datetime import UTC, datetime, time

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Length, Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cilegon_umkm.kernel.formatting import format_moment

from .sectors import Sector
from .size import SIZE_BASIS_EXPRESSION, SIZE_EXPRESSION, Size, SizeBasis
from .text import compact_key
from .validators import (
    EARLIEST_REGISTRATION,
    mask_nik,
    mask_phone,
    nik_is_minor,
    record_flags,
    validate_amount,
    validate_kbli,
    validate_nib,
    validate_nik,
    validate_phone,
    validate_year_started,
)


class Kecamatan(models.Model):
    """One of the 8 kecamatan (districts) of Kota Cilegon. Reference data from Kemendagri,
    loaded by a migration; staff never type it in."""

    code = models.CharField(_("Kemendagri code"), max_length=8, unique=True)  # "36.72.01"
    name = models.CharField(_("name"), max_length=60, unique=True)
    # Other spellings in everyday use ("Grogol" for the official "Gerogol"), accepted on input.
    alt_names = models.JSONField(_("other spellings"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self) -> str:
        return self.name


class Kelurahan(models.Model):
    """One of the 43 kelurahan (urban villages) of Kota Cilegon, inside a kecamatan.
    Mentors are assigned per kelurahan; every business has one."""

    code = models.CharField(_("Kemendagri code"), max_length=13, unique=True)  # "36.72.01.1001"
    name = models.CharField(_("name"), max_length=60)
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        related_name="kelurahan_set",
    )
    alt_names = models.JSONField(_("other spellings"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "name"],
                name="kelurahan_unique_name_per_kecamatan",
                violation_error_message=_("This kecamatan already has a kelurahan of this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Source(models.TextChoices):
    """Where the office learned of a business."""

    DINKOP = "dinkop", _("Dinas Koperasi dan UMKM")
    KEMENKOPUKM = "kemenkopukm", _("KemenKopUKM data")
    FIELD = "lapangan", _("Field visit")
    TRAINING = "pelatihan", _("Training participant")
    OTHER = "lainnya", _("Other")


class Status(models.TextChoices):
    ACTIVE = "aktif", _("Active")
    INACTIVE = "tidak_aktif", _("Inactive")
    CLOSED = "tutup", _("Closed")


class UMKM(models.Model):
    """A micro, small or medium business in the office's registry. Every loan, visit and
    training refers to one. The owner is identified by NIK; one owner may own several."""

    name = models.CharField(_("business name"), max_length=200)
    # compact_key(name): with the owner's NIK it identifies a business that has no NIB.
    name_key = models.CharField(max_length=200, editable=False)
    owner_name = models.CharField(_("owner name"), max_length=150)
    owner_nik = models.CharField(_("owner NIK"), max_length=16, validators=[validate_nik])
    owner_sex = models.CharField(_("owner sex"), max_length=1, choices=Sex.choices)
    owner_phone = models.CharField(
        _("phone"), max_length=16, blank=True, validators=[validate_phone]
    )
    # Unique by a constraint below, not unique=True, which would add a second (LIKE) index
    # that every import would have to maintain.
    # NULL, not "", when unknown: many businesses have no NIB and "" would be a duplicate.
    nib = models.CharField(  # noqa: DJ001
        _("NIB"), max_length=13, null=True, blank=True, validators=[validate_nib]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="umkm_set",
        db_index=False,  # the (kelurahan, name) index serves it
    )
    kbli = models.CharField(
        _("KBLI 2020 code"), max_length=5, blank=True, validators=[validate_kbli]
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    # The import file's sektor word when it was none of the sectors and no SectorWord mapped it
    # ("Keripik"): the sector is then a guess, which a mapping made later can correct. Cleared
    # whenever the sector is set by a person or a known word. db_default for the importer's COPY.
    sector_word = models.CharField(
        _("sector as written in the import file"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        editable=False,
    )
    product = models.CharField(_("main product"), max_length=200, blank=True)
    capital = models.BigIntegerField(
        _("capital (Rp)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), validate_amount],
    )
    annual_turnover = models.BigIntegerField(
        _("annual turnover (Rp)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), validate_amount],
    )
    size = models.GeneratedField(
        expression=SIZE_EXPRESSION,
        output_field=models.CharField(max_length=10, choices=Size.choices, null=True),
        db_persist=True,
        verbose_name=_("size"),
    )
    size_basis = models.GeneratedField(
        expression=SIZE_BASIS_EXPRESSION,
        output_field=models.CharField(max_length=5, choices=SizeBasis.choices, null=True),
        db_persist=True,
        verbose_name=_("size from"),
    )
    workers = models.PositiveIntegerField(_("workers"), null=True, blank=True)
    year_started = models.PositiveSmallIntegerField(
        _("year started"), null=True, blank=True, validators=[validate_year_started]
    )
    source = models.CharField(_("data source"), max_length=20, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    is_entrepreneur = models.BooleanField(
        _("entrepreneur"),
        default=True,
        help_text=_("The owner runs the business (wirausaha), rather than working for someone."),
    )
    # False for a business a mentor registered in the field, until office staff check it.
    # db_default too: the importer writes with COPY and a column list that leaves it out.
    verified = models.BooleanField(_("verified by staff"), default=True, db_default=True)
    # A default rather than auto_now_add: an import may carry the original registration date.
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # What the search box looks in; PostgreSQL keeps a trigram index on it (migration 0004).
    search_text = models.GeneratedField(
        expression=Lower(Concat("name", Value(" "), "owner_name")),
        output_field=models.TextField(),
        db_persist=True,
    )

    history = HistoricalRecords(
        excluded_fields=["name_key", "size", "size_basis", "search_text", "updated_at"],
        # History is read per business (by id); an index per copied foreign key would only
        # slow the bulk writes of imports.
        no_db_index=["kelurahan"],
        verbose_name=_("UMKM history"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("UMKM")
        verbose_name_plural = _("UMKM")
        permissions = [
            ("view_full_nik", "Can see full NIKs (each view is logged)"),
            ("view_phone", "Can see owners' phone numbers"),
            ("import_umkm", "Can import businesses from a spreadsheet"),
            ("merge_umkm", "Can merge duplicate businesses"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["nib"],
                name="umkm_unique_nib",
                violation_error_message=_("Another business is registered with this NIB."),
            ),
            models.UniqueConstraint(
                fields=["owner_nik", "name_key"],
                name="umkm_unique_name_per_owner",
                violation_error_message=_("This owner already has a business of this name."),
            ),
            models.CheckConstraint(
                condition=(Q(capital__isnull=True) | Q(capital__gte=0))
                & (Q(annual_turnover__isnull=True) | Q(annual_turnover__gte=0)),
                name="umkm_amounts_not_negative",
                violation_error_message=_("Capital and turnover cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(created_at__gte=datetime.combine(EARLIEST_REGISTRATION, time.min, UTC)),
                name="umkm_registered_since_1900",
                violation_error_message=_("A business cannot be registered before 1900."),
            ),
            models.CheckConstraint(
                condition=Exact(Length("owner_nik"), 16),
                name="umkm_owner_nik_16_digits",
                violation_error_message=_("NIK must be exactly 16 digits."),
            ),
        ]
        # Few indexes on purpose: every one slows an import of 34,000 rows. NIK lookups use
        # the (owner_nik, name_key) constraint's index; filters on low-cardinality columns
        # (status, size, sector) walk the name index, which is cheaper than an index each.
        indexes = [
            models.Index(fields=["owner_phone"], name="umkm_owner_phone"),
            models.Index(fields=["kelurahan", "name"], name="umkm_kelurahan_name"),
            models.Index(fields=["name", "id"], name="umkm_name_id"),
            # The few registered in the field and not verified yet, listed by name
            # (?verifikasi=belum), without reading the whole registry.
            models.Index(
                fields=["name", "id"], name="umkm_not_verified", condition=Q(verified=False)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The key must follow the name on every save path (admin, forms, services).
        self.name_key = compact_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("registry:umkm-detail", args=[self.pk])

    def clean(self):
        super().clean()
        # Before the constraints are checked: (owner_nik, name_key) is one of them.
        self.name_key = compact_key(self.name or "")

    @property
    def kecamatan(self) -> Kecamatan:
        return self.kelurahan.kecamatan

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.owner_nik)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.owner_phone)

    @property
    def size_label(self) -> str:
        return Size(self.size).label if self.size else ""

    @property
    def is_not_umkm(self) -> bool:
        """Above PP 7/2021's menengah limits: kept, and flagged for the office."""
        return self.size == Size.NOT_UMKM

    @property
    def flags(self) -> list[str]:
        """What the office should check about this business (registry.validators)."""
        return record_flags(
            owner_nik=self.owner_nik, capital=self.capital, annual_turnover=self.annual_turnover
        )

    @property
    def owner_is_minor(self) -> bool:
        """The owner is under 17 by the NIK: flagged for the office, not refused."""
        return nik_is_minor(self.owner_nik)


class SectorWord(models.Model):
    """A word import files write in their sektor column that is none of the office's sectors
    ("Keripik", "Olahan Ikan"), and the sector staff decided it means. Later imports file the
    word under that sector; on request, so are the businesses already imported with it."""

    word = models.CharField(_("word as written"), max_length=100)
    # sector_word_key(word): "Olahan Ikan", "OLAHAN-IKAN" and "olahan ikan" are one word.
    key = models.CharField(max_length=100, unique=True, editable=False)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["key", "updated_at"])

    class Meta:
        ordering = ["word"]
        verbose_name = _("sector word")
        verbose_name_plural = _("sector words")
        constraints = [
            models.CheckConstraint(condition=~Q(key=""), name="sector_word_key_not_blank")
        ]

    def __str__(self) -> str:
        return f"{self.word} → {self.get_sector_display()}"


class CertificationKind(models.TextChoices):
    NIB = "nib", _("NIB (business identity number)")
    PIRT = "pirt", _("PIRT (home food industry permit)")
    HALAL = "halal", _("Halal")
    SNI = "sni", _("SNI")
    BPOM = "bpom", _("BPOM")
    HKI = "hki", _("Trademark / intellectual property (merek/HKI)")
    COMPETENCY = "kompetensi", _("Competency certificate")
    # What the Dinas itself issues at the end of a training path: proof of the training, not
    # a permit or a certificate the industry asks for (those come from BPJPH, the Dinas
    # Kesehatan, an LSP, ...), so it never counts as "certified".
    TRAINING = "pelatihan", _("Training certificate")
    OTHER = "lainnya", _("Other")


# Who really issues each kind (the Dinas issues only the training certificate): what staff
# are reminded of when they record a certificate that arrived.
REAL_ISSUERS = {
    CertificationKind.HALAL: "BPJPH",
    CertificationKind.PIRT: "Dinas Kesehatan Kota Cilegon",
    CertificationKind.COMPETENCY: "LSP berlisensi BNSP",
    CertificationKind.SNI: "LSPro (BSN)",
    CertificationKind.BPOM: "Badan POM",
    CertificationKind.HKI: "DJKI",
    CertificationKind.NIB: "OSS",
}


class Certification(models.Model):
    """A permit or certificate a business holds (PIRT, halal, ...): what the industry asks
    for before buying from it, with its real issuer. The Dinas's training certificates are
    added here too, as their own kind ("pelatihan"), which is never counted as certified."""

    umkm = models.ForeignKey(
        UMKM, verbose_name=_("UMKM"), on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CertificationKind.choices)
    number = models.CharField(_("number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=150, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Leave empty if it does not expire.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["umkm", "kind", "issued_on"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            # "P-1" and "p-1" are one number: the public check reads numbers in any case.
            models.UniqueConstraint(
                "umkm",
                "kind",
                Lower("number"),
                name="certification_unique_number_any_case",
                violation_error_message=_("This business already has this certificate."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=F("issued_on")),
                name="certification_expires_after_issue",
                violation_error_message=_("A certificate cannot expire before it is issued."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "umkm"], name="certification_kind_umkm")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day) -> bool:
        return self.expires_on is None or self.expires_on >= day


class PersonalDataAccess(models.Model):
    """Someone saw a full NIK (UU PDP 27/2022): who, when, which business and how."""

    class Action(models.TextChoices):
        PAGE = "halaman", _("business page")
        ADMIN = "admin", _("admin form")
        HISTORY = "riwayat", _("change history")
        EXPORT = "ekspor", _("export")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT
    )
    umkm = models.ForeignKey(
        UMKM,
        verbose_name=_("UMKM"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="personal_data_accesses",
    )
    action = models.CharField(_("how"), max_length=10, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    accessed_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-accessed_at", "-id"]
        verbose_name = _("full NIK view")
        verbose_name_plural = _("full NIK views")

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {format_moment(self.accessed_at)}"


class ImportBatch(models.Model):
    """One spreadsheet brought into the registry: uploaded, previewed, then applied. Kept
    with its file and its outcome, so that every import can be traced afterwards."""

    class State(models.TextChoices):
        PREVIEWED = "pratinjau", _("previewed")
        APPLIED = "diterapkan", _("applied")
        CANCELLED = "dibatalkan", _("cancelled")
        FAILED = "gagal", _("failed")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    default_source = models.CharField(
        _("data source for new businesses"),
        max_length=20,
        choices=Source.choices,
        default=Source.DINKOP,
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PREVIEWED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    # Counts and rejected rows (number, reason, cells) of the preview, then of the real run.
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({format_moment(self.uploaded_at)})"


class DuplicateCandidate(models.Model):
    """Two registered businesses that may be one and the same, found by find_duplicates
    and waiting for staff to merge them or to say they differ (which is remembered)."""

    class Reason(models.TextChoices):
        SAME_NIK = "nik", _("same NIK, similar business name")
        SAME_PHONE = "hp", _("same phone number, different NIK")
        SIMILAR_NAME = "nama", _("very similar name in the same kelurahan")

    class State(models.TextChoices):
        OPEN = "terbuka", _("to check")
        DISMISSED = "berbeda", _("not a duplicate")

    # related_name="+": a merge moves a business's records, never these.
    first = models.ForeignKey(UMKM, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(UMKM, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=4, choices=Reason.choices)
    score = models.FloatField(_("name similarity"), default=0)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="duplicate_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["state", "-score"], name="duplicate_state_score")]

    def __str__(self) -> str:
        return f"#{self.first_id} ~ #{self.second_id} ({self.get_reason_display()})"


class UMKMTally(models.Model):
    """How many businesses were registered per kelurahan, size, sector, source and month:
    what the dashboards count instead of reading a million rows. A trigger on the UMKM
    table appends the net change of every statement (see registry/tally.py), so no write
    path (admin, import by COPY, merge, field registration) can forget it; the rows of one
    key are summed when read and compacted now and then."""

    kelurahan_id = models.IntegerField()
    size = models.CharField(max_length=10)  # "" when unknown
    sector = models.CharField(max_length=20)
    source = models.CharField(max_length=20)
    registered_month = models.DateField()  # the first day of the month, office time
    n = models.IntegerField()  # a change: negative when businesses left this key

    class Meta:
        indexes = [models.Index(fields=["registered_month"], name="umkm_tally_month")]

    def __str__(self) -> str:
        return f"{self.registered_month:%Y-%m} kelurahan {self.kelurahan_id}: {self.n:+d}"
