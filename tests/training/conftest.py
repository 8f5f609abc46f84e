from tests.lending.conftest import today  # noqa: F401  (freezes the office's clock)
