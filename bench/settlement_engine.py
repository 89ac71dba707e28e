#!/usr/bin/env python3
"""The settlement engine on one core: how many care-sheet lines it settles per second.

Generates 20 000 sheets of 10 lines (consultations priced by key letter, imaging under an
authorization and a per-act ceiling, dental care under yearly ceilings, medicines at their
public price or an agreement price, a frequency limit on consultations) for 5 000 families,
settles them in one batch with a shared history, and prints lines per second.

    python3 bench/settlement_engine.py [--sheets 20000]
"""

import argparse
import random
import time
from datetime import date, timedelta
from decimal import Decimal

from siamo_core.eligibility import Eligibility
from siamo_core.package import Ceilings, PackageLine
from siamo_core.settlement import ClaimedLine, FrequencyLimit, History, Rules, Sheet, settle
from siamo_core.tariff import AgreementPrice, Item, KeyLetterValue

LINES = 10


def rules_and_items(rng):
    consultations = [
        Item(f"C{i}", "consultation", key_letter="C", coefficient=Decimal(1 + i % 3))
        for i in range(20)
    ]
    scans = [
        Item(f"Z{i}", "imaging", public_price=rng.randrange(20_000, 80_000, 500)) for i in range(20)
    ]
    dental = [
        Item(f"SC{i}", "dental", public_price=rng.randrange(5_000, 30_000, 500)) for i in range(20)
    ]
    medicines = [
        Item(f"MED{i}", "medicine", public_price=rng.randrange(500, 15_000, 25)) for i in range(400)
    ]
    package = (
        PackageLine("gp_consultation", act_class="consultation", rate=Decimal("0.8")),
        PackageLine(
            "imaging",
            act_class="imaging",
            rate=Decimal("0.8"),
            needs_authorization=True,
            ceilings=Ceilings(per_act=50_000),
        ),
        PackageLine(
            "dental_care",
            act_class="dental",
            rate=Decimal("0.9"),
            ceilings=Ceilings(per_year_beneficiary=100_000, per_year_family=250_000),
        ),
        PackageLine("medicines", act_class="medicine", rate=Decimal("0.7")),
        *(PackageLine(f"benefit{i}", act_class=f"class{i}") for i in range(10)),
    )
    rules = Rules(
        package=package,
        key_letter_values=(
            KeyLetterValue("C", "NGAP", 5_000, date(2020, 1, 1)),
            KeyLetterValue("C", "NGAP", 6_000, date(2026, 7, 1)),
        ),
        schedule="NGAP",
        agreement_prices={
            item.code: (AgreementPrice(item.code, item.public_price - 100),)
            for item in medicines[:200]
        },
        frequency_limits={"consultation": FrequencyLimit(count=3, days=30)},
    )
    return rules, consultations + scans + dental + medicines


def make_sheets(count, items, rng):
    covered = Eligibility(True)
    first = date(2026, 1, 1)
    sheets = []
    for index in range(count):
        family = index % 5_000
        lines = []
        for _line in range(LINES):
            item = rng.choice(items)
            quantity = 1 + rng.randrange(2)
            price = item.public_price or 5_000 * int(item.coefficient)
            lines.append(ClaimedLine(item, quantity, quantity * (price + rng.choice((0, 0, 500)))))
        sheets.append(
            Sheet(
                sheet_id=f"S{index}",
                provider=f"P{index % 50}",
                beneficiary=f"B{family}-{index % 4}",
                family=f"F{family}",
                care_date=first + timedelta(days=index % 365),
                rights=covered,
                lines=tuple(lines),
                authorized=index % 3 == 0,
            )
        )
    return sheets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(6)
    rules, items = rules_and_items(rng)
    sheets = make_sheets(args.sheets, items, rng)
    history = History()
    started = time.perf_counter()
    results = [settle(sheet, rules, history) for sheet in sheets]
    elapsed = time.perf_counter() - started
    lines = sum(len(result.lines) for result in results)
    statuses = {}
    for result in results:
        for line in result.lines:
            statuses[line.status] = statuses.get(line.status, 0) + 1
    share = sum(result.ipm_share for result in results)
    print(f"{args.sheets} sheets, {lines} lines settled on one core in {elapsed:.2f} s")
    print(f"engine: {lines / elapsed:,.0f} lines/s")
    print(f"outcome: {statuses}, IPM share {share:,} FCFA")


if __name__ == "__main__":
    main()
