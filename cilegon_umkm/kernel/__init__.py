"""The shared kernel: what every app may import (formatting, access helpers, spreadsheets,
posted entries, pagination, form fields, idempotency tokens, admin mixins).

It imports no app and nothing else of the project, so that the dependency arrows stay one
way: apps -> kernel, dashboard -> apps. tests/test_layering.py holds it to that."""
