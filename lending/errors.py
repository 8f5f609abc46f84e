"""Lending's domain error: the one a service raises when a lending rule refuses an action."""


class LendingError(Exception):
    """A lending rule refused the action; the message says why, in the user's language."""


class LoanChangedError(LendingError):
    """The repayment desk's form was opened on an earlier state of the loan (a second tab, the
    Back button): a payment or a reversal was posted since. Nothing is posted; the desk shows
    what changed and asks the cashier to confirm."""

    def __init__(self, message: str, *, loan_version: int) -> None:
        super().__init__(message)
        self.loan_version = loan_version


class RecentPaymentError(LoanChangedError):
    """A payment was posted on the loan a few minutes ago and the cashier has not confirmed
    posting another (a form reloaded with the Back button carries the loan's new version)."""


class OverpaidError(LendingError):
    """After a change (a backdated payment, a reversal, a write-off), a repayment of the loan
    would pay more than the loan owed: that money would be in no total and no ledger line,
    so the change is refused. `over` maps each such repayment's id to its excess."""

    def __init__(self, message: str, *, over: dict[int, int]) -> None:
        super().__init__(message)
        self.over = over
