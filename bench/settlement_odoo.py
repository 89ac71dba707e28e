#!/usr/bin/env python3
"""Settling and billing care sheets in Odoo at the scale of a large IPM.

Generates, in the database `siamo_bench`, an IPM on SYSCOHADA with 20 000 participants, 10
care providers under agreement and 100 000 received care sheets of 10 lines (written with
COPY: the intake has its own bench), then settles every provider's batch with the engine
(with the medical-control sample), accepts the sampled sheets as the medical officer would
(not timed) and validates the batches, which books each provider's bill. Prints the time of
settlement and billing. Everything happens in one transaction rolled back at the end.

    python3 bench/settlement_odoo.py [--sheets 100000] [--providers 10]
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import create_ipm, open_registry

PARTICIPANTS = 20_000
ACTS = 40
LINES = 10


def prepare(env, sheet_count, provider_count, rng):
    from odoo.addons.siamo_referentiel.tools.bulk import bulk_create

    env, ipm = create_ipm(env, "IPM Bench Liquidation")
    employer = env["res.partner"].create({"name": "Employeur bench", "is_company": True})
    membership = env["siamo.membership"].create(
        {"company_id": ipm.id, "partner_id": employer.id, "state": "active"}
    )
    participants = env["siamo.beneficiary"].create(
        [
            {
                "name": f"Participant {index}",
                "company_id": ipm.id,
                "membership_id": membership.id,
                "first_contribution_month": "2020-01-01",
            }
            for index in range(PARTICIPANTS)
        ]
    )
    consultation = env.ref("siamo_referentiel.act_class_consultation")
    acts = env["siamo.act"].create(
        [
            {"code": f"LIQ-{index:03d}", "name": f"Acte {index}", "act_class_id": consultation.id}
            for index in range(ACTS)
        ]
    )
    benefit = env["siamo.amo.benefit"].search([("code", "=", "gp_consultation")])
    package = env["siamo.care.package"].create(
        {
            "name": "Panier bench",
            "company_id": ipm.id,
            "date_start": "2020-01-01",
            "line_ids": [(0, 0, {"benefit_id": benefit.id, "act_class_id": consultation.id})],
        }
    )
    package.state = "validated"
    schedule = env["siamo.tariff.schedule"].create({"name": "Bench", "code": "LIQB"})
    providers = env["res.partner"].create(
        [
            {
                "name": f"Clinique {index}",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "clinic",
                "siamo_provider_code": f"PS-LIQ-{index}",
            }
            for index in range(provider_count)
        ]
    )
    for provider in providers:
        env["siamo.agreement"].create(
            {
                "name": f"Convention {provider.name}",
                "company_id": ipm.id,
                "provider_id": provider.id,
                "schedule_id": schedule.id,
                "date_start": "2020-01-01",
                "state": "active",
                "price_ids": [
                    (0, 0, {"act_id": act.id, "price": 1_000 * (1 + index % 20)})
                    for index, act in enumerate(acts)
                ],
            }
        )
    first = date(2026, 1, 1)
    sheets = bulk_create(
        env["siamo.fse"],
        [
            {
                "name": f"FSE-BENCH-{index:07d}",
                "company_id": ipm.id,
                "provider_id": providers[index % provider_count].id,
                "beneficiary_id": participants[index % PARTICIPANTS].id,
                "care_date": first + timedelta(days=index % 300),
                "amount_claimed": 0,
                "state": "received",
            }
            for index in range(sheet_count)
        ],
    )
    lines = []
    for sheet_id in sheets.ids:
        for sequence in range(1, LINES + 1):
            index = rng.randrange(ACTS)
            # one line in two hundred claims more than the tariff
            price = 1_000 * (1 + index % 20) + (250 if rng.random() < 0.005 else 0)
            lines.append(
                {
                    "fse_id": sheet_id,
                    "sequence": sequence,
                    "kind": "act",
                    "code": acts[index].code,
                    "act_id": acts[index].id,
                    "quantity": 1,
                    "unit_price": price,
                    "amount": price,
                }
            )
    bulk_create(env["siamo.fse.line"], lines)
    env.flush_all()
    return env, ipm, providers, first


def run(cr, sheet_count, provider_count):
    from odoo import SUPERUSER_ID, api

    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    rng = random.Random(66)
    env, ipm, providers, first = prepare(env, sheet_count, provider_count, rng)
    batches = env["siamo.settlement.batch"].create(
        [
            {
                "company_id": ipm.id,
                "provider_id": provider.id,
                "date_from": first,
                "date_to": first + timedelta(days=365),
            }
            for provider in providers
        ]
    )
    env.flush_all()
    started = time.perf_counter()
    batches.action_settle()
    env.flush_all()
    settled = time.perf_counter() - started
    # the medical officer reviews the sampled sheets: his time is not the machine's
    sampled = batches.fse_ids.filtered(lambda sheet: sheet.control_state == "to_review")
    sampled.write({"control_note": "Vu", "control_state": "accepted"})
    env.flush_all()
    started = time.perf_counter()
    batches.action_validate()
    env.flush_all()
    billed = time.perf_counter() - started
    return {
        "sheets": sum(batches.mapped("fse_count")),
        "settled": settled,
        "billed": billed,
        "share": sum(batches.mapped("ipm_share")),
        "sampled": len(sampled),
        "bills": len(batches.move_id),
        "billed_total": int(sum(batches.move_id.mapped("amount_total"))),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=100_000)
    parser.add_argument("--providers", type=int, default=10)
    args = parser.parse_args()
    registry = open_registry(["siamo_fse"])
    with registry.cursor() as cr:
        figures = run(cr, args.sheets, args.providers)
        cr.rollback()
    lines = figures["sheets"] * LINES
    total = figures["settled"] + figures["billed"]
    print(f"{figures['sheets']} sheets of {LINES} lines from {args.providers} providers")
    print(f"settlement: {figures['settled']:.1f} s ({lines / figures['settled']:,.0f} lines/s)")
    print(f"sampled for the medical officer (accepted, untimed): {figures['sampled']} sheets")
    print(f"validation and {figures['bills']} provider bills: {figures['billed']:.1f} s")
    print(f"settled and billed: {total:.1f} s")
    print(f"IPM share {figures['share']:,} FCFA, billed {figures['billed_total']:,} FCFA")


if __name__ == "__main__":
    main()
