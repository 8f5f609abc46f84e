import pytest

from .factories import People


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def today(time_machine):
    """Freeze the office's clock: today(date(2025, 6, 1))."""

    def move(day):
        time_machine.move_to(f"{day.isoformat()} 10:00:00+07:00", tick=False)
        return day

    return move
