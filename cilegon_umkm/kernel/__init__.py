"""The shared kernel: what every app may import (formatting, access helpers, spreadsheets,
posted entries, pagination, the lists' query parameters and base table, form fields,
idempotency tokens, admin mixins, the type of the period the apps' stats are for).

It imports no app and nothing else of the project, so that the dependency arrows stay one
way: apps -> kernel, dashboard -> apps. tests/test_layering.py holds it to that."""
