"""Lending pages, one module per concept: the queue, applications, loans, the repayment
desk, the portfolio and the funds."""
