"""Form fields every app uses: dates from the phone's date picker, Rupiah as people type them."""

from django import forms

from cilegon_umkm.kernel.formatting import format_thousands


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RupiahInput(forms.TextInput):
    """Shows an amount as people write it (417.000), so a prefilled form reads right."""

    def format_value(self, value):
        if isinstance(value, int):
            return format_thousands(value)
        return super().format_value(value)


class RupiahField(forms.IntegerField):
    """Whole Rupiah, typed with or without dots: 5000000 or 5.000.000."""

    widget = RupiahInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(".", "").replace(" ", "").replace("Rp", "").replace("rp", "")
        return super().to_python(value)
