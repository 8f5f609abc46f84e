"""Bahasa Indonesia: 5 Des 2026, 5 Des 2026 14:30 (the rule: cilegon_umkm/formats/__init__.py).
Anything not set here is Django's (django/conf/locale/id/formats.py), input formats included."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
# django-tables2's DateColumn and the admin's lists use the short ones: the same, so that no
# page shows 05-12-2026.
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
