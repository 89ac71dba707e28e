"""The monthly deduction statement of a member company: the co-payments the IPM advanced to
providers for its workers' families, which the company withholds from their pay."""

from collections import defaultdict
from dataclasses import dataclass

from .spreadsheet import write_xlsx
from .table_pdf import table_pdf

DEDUCTION_HEADER = [
    "N° adhérent",
    "Participant",
    "Matricule",
    "Feuilles de soins",
    "Soins du",
    "au",
    "À retenir",
]
# column left edges (mm from the left margin) and whether the column holds an amount
COLUMNS = [
    (0, False),
    (28, False),
    (98, False),
    (128, False),
    (190, False),
    (215, False),
    (240, True),
]


@dataclass(frozen=True)
class AdvancedCopayment:
    """One settled sheet whose co-payment the IPM paid the provider."""

    member_number: str
    participant: str
    payroll_number: str
    sheet: str
    care_date: object
    amount: int


def deduction_rows(copayments):
    """One row per participant (sorted by name): the sheets, the care dates they span and the
    amount to withhold; then the total row."""
    by_participant = defaultdict(list)
    for copayment in copayments:
        if copayment.amount > 0:
            by_participant[copayment.member_number].append(copayment)
    rows = []
    for member_number, items in by_participant.items():
        first = items[0]
        rows.append(
            [
                member_number,
                first.participant,
                first.payroll_number or "",
                len(items),
                min(item.care_date for item in items),
                max(item.care_date for item in items),
                sum(item.amount for item in items),
            ]
        )
    rows.sort(key=lambda row: (row[1], row[0]))
    total = ["", "Total", "", sum(row[3] for row in rows), "", "", sum(row[6] for row in rows)]
    return rows, total


def deduction_xlsx(copayments):
    rows, total = deduction_rows(copayments)
    return write_xlsx(DEDUCTION_HEADER, [*rows, total], title="Retenues")


def deduction_pdf(title, subtitle, copayments):
    rows, total = deduction_rows(copayments)
    printed = [[*row[:4], *(_day(cell) for cell in row[4:6]), row[6]] for row in rows]
    return table_pdf(title, subtitle, DEDUCTION_HEADER, [*printed, total], COLUMNS)


def _day(value):
    return value.strftime("%d/%m/%Y")
