"""The payment order the IPM hands its bank: who is paid, on which account, for which bills."""

from dataclasses import dataclass

from .table_pdf import table_pdf

ORDER_HEADER = ["Bénéficiaire", "Code", "Compte bancaire", "Factures", "Montant"]
# column left edges (mm from the left margin) and whether the column holds an amount
COLUMNS = [(0, False), (75, False), (110, False), (170, False), (240, True)]


@dataclass(frozen=True)
class PaymentLine:
    payee: str
    code: str
    bank_account: str
    bills: tuple
    amount: int


def order_rows(lines):
    """One row per payee (his bills grouped, sorted by name) and the total row."""
    by_payee = {}
    for line in lines:
        key = (line.payee, line.code, line.bank_account)
        bills, amount = by_payee.get(key, ((), 0))
        by_payee[key] = (bills + tuple(line.bills), amount + line.amount)
    rows = [
        [payee, code, account or "à compléter", ", ".join(bills), amount]
        for (payee, code, account), (bills, amount) in sorted(by_payee.items())
    ]
    return rows, ["Total", "", "", f"{len(rows)} bénéficiaire(s)", sum(row[4] for row in rows)]


def order_pdf(title, subtitle, lines):
    rows, total = order_rows(lines)
    return table_pdf(title, subtitle, ORDER_HEADER, [*rows, total], COLUMNS)
