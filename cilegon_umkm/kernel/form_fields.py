"""Form fields every app uses: dates from the phone's date picker, Rupiah as people type them."""

from typing import Any

from django import forms

from cilegon_umkm.kernel.formatting import format_thousands


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
# typing slip, refused here before it reaches a service, a bigint column or a message.
MAX_RUPIAH = 999_999_999_999_999


class RupiahField(forms.IntegerField):
    """Whole Rupiah, typed with or without dots: 5000000 or 5.000.000."""

    widget = RupiahInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, *, max_value: int | None = MAX_RUPIAH, **kwargs: Any) -> None:
        super().__init__(max_value=max_value, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.replace(".", "").replace(" ", "").replace("Rp", "").replace("rp", "")
        return super().to_python(value)
