"""Lending models, one module per concept; import them from here."""

from .applications import Application, ApplicationEvent, Survey
from .arrears import ArrearsSnapshot, CollectibilityBand
from .funds import Fund, FundEntry, FundTotal, ReceiptSeries, RecoveryAllocation
from .loans import Installment, Loan, Repayment, ReversalRequest
from .products import DendaBase, DendaMonths, Product

__all__ = [
    "Application",
    "ApplicationEvent",
    "ArrearsSnapshot",
    "CollectibilityBand",
    "DendaBase",
    "DendaMonths",
    "Fund",
    "FundEntry",
    "FundTotal",
    "Installment",
    "Loan",
    "Product",
    "ReceiptSeries",
    "RecoveryAllocation",
    "Repayment",
    "ReversalRequest",
    "Survey",
]
