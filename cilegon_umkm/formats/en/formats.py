"""English: 5 Dec 2026, 5 Dec 2026 14:30, the same order as Indonesian (the rule:
cilegon_umkm/formats/__init__.py). Anything not set here is Django's, input formats included."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
