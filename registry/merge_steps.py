"""What a merge of two businesses asks of the apps that keep rows about businesses.

Lending, mentoring and training each move their own records of the duplicate to the survivor
(a step registered in their AppConfig.ready(), like the timeline's sources), so that the
registry never writes their rows and never imports them. The merge refuses to go on when a
record is left behind, so an app added later without a step stops a merge instead of losing
its records.

Before anything moves, each app's checks (registered the same way) may refuse the merge: lending
refuses one that would leave one owner with two active loans."""

from __future__ import annotations

from collections.abc import Callable

# step(duplicate=..., survivor=...) -> the number of the app's rows moved
MergeStep = Callable[..., int]
_steps: list[MergeStep] = []
# check(duplicate=..., survivor=...) -> why the merge must not happen (empty: it may)
MergeCheck = Callable[..., list[str]]
_checks: list[MergeCheck] = []


def register_merge_step(step: MergeStep) -> MergeStep:
    if step not in _steps:
        _steps.append(step)
    return step


def merge_steps() -> list[MergeStep]:
    return list(_steps)


def register_merge_check(check: MergeCheck) -> MergeCheck:
    if check not in _checks:
        _checks.append(check)
    return check


def merge_checks() -> list[MergeCheck]:
    return list(_checks)
