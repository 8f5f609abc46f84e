"""Form fields every app uses: dates from the phone's date picker, Rupiah as people type them."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.formatting import format_rupiah, format_thousands


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RupiahInput(forms.TextInput):
    """Shows an amount as people write it (417.000), so a prefilled form reads right."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int):
            return format_thousands(value)
        return super().format_value(value)


# No amount the office handles comes near a thousand trillion Rupiah; a longer number is a
# typing slip, refused here before it reaches a service, a bigint column (2^63 and up would
# be a server error) or a message.
MAX_RUPIAH = 999_999_999_999_999

# What people write for whole Rupiah: 10000, 10.000, Rp10.000 or Rp 10.000. A dot is only
# ever a thousands separator, in groups of exactly three, so 10.00, 5.000.00 and 1.5 (a
# decimal point, or a slip) are refused rather than read as 1.000, 500.000 or 15; a comma
# (10,000 or 1,5) is ambiguous and refused too. ASCII digits only: int() would also read
# superscripts and other scripts' digits.
RUPIAH_PATTERN = re.compile(
    r"(?P<sign>-?)\s*(?:rp\.?\s*)?(?P<digits>[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)",
    re.IGNORECASE | re.ASCII,
)


def parse_rupiah(text: str) -> int | None:
    """The whole Rupiah written in text, or None when it is not written as one."""
    match = RUPIAH_PATTERN.fullmatch(text.strip())
    if match is None:
        return None
    digits = match["digits"].replace(".", "")
    if len(digits) > len(str(MAX_RUPIAH)) + 1:
        digits = str(MAX_RUPIAH + 1)  # big enough to be refused; int() of 5,000 digits fails
    value = int(digits)
    return -value if match["sign"] else value


def _limit_message(text: Any, limit: int) -> str:
    return str(text) % {"limit": format_rupiah(limit)}


class RupiahField(forms.IntegerField):
    """Whole Rupiah as people type them: 5000000, 5.000.000 or Rp5.000.000 (RUPIAH_PATTERN)."""

    widget = RupiahInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Write a whole Rupiah amount, such as 10000, 10.000 or Rp10.000."),
    }

    def __init__(
        self, *, max_value: int | None = MAX_RUPIAH, min_value: int | None = None, **kwargs: Any
    ) -> None:
        # Never beyond what a bigint column and the office's figures can hold (a model's
        # BigIntegerField offers +-2^63).
        max_value = MAX_RUPIAH if max_value is None else min(max_value, MAX_RUPIAH)
        if min_value is not None:
            min_value = max(min_value, -MAX_RUPIAH)
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)
        # The limits in Rupiah (Rp999.999.999.999.999), not as a bare 999999999999999.
        self.validators = [
            v for v in self.validators if not isinstance(v, MinValueValidator | MaxValueValidator)
        ]
        self.validators.append(
            MaxValueValidator(
                max_value,
                message=lazy(_limit_message, str)(
                    _("The amount can be at most %(limit)s."), max_value
                ),
            )
        )
        if min_value is not None:
            self.validators.append(
                MinValueValidator(
                    min_value,
                    message=lazy(_limit_message, str)(
                        _("The amount must be at least %(limit)s."), min_value
                    ),
                )
            )

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        amount = parse_rupiah(str(value))
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


def rupiah_formfields(
    *column_types: type[models.Field],
) -> dict[type[models.Field], dict[str, Any]]:
    """A ModelAdmin's formfield_overrides for a model whose whole-number columns of these types
    are all Rupiah: the back office reads amounts by the same rules as every other form."""
    widget = RupiahInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    return {
        column: {"form_class": RupiahField, "widget": widget}
        for column in column_types or (models.BigIntegerField,)
    }


def errors_in_words(form: forms.BaseForm) -> str:
    """A form's errors as one sentence for a message: "Alasan: Bidang ini tidak boleh
    kosong." rather than Django's "* reason * ..." text with the field's code name."""
    parts: list[str] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        parts.extend(f"{label}{error}" for error in errors)
    return " ".join(parts)
