"""Lending models, one module per concept; import them from here."""

from .applications import Application, ApplicationEvent, Survey
from .arrears import ArrearsSnapshot, CollectibilityBand
from .funds import Fund, FundEntry, FundTotal
from .loans import Installment, Loan, Repayment
from .products import Product

__all__ = [
    "Application",
    "ApplicationEvent",
    "ArrearsSnapshot",
    "CollectibilityBand",
    "Fund",
    "FundEntry",
    "FundTotal",
    "Installment",
    "Loan",
    "Product",
    "Repayment",
    "Survey",
]
