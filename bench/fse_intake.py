#!/usr/bin/env python3
"""Care sheets over HTTP: how many signed sheets per second the hub acknowledges.

Starts Odoo on 127.0.0.1 with workers against the database `siamo_bench`, submits signed
siamo-fse/1.0 sheets of 10 lines to `POST /siamo/api/v1/fse` in batches from concurrent
clients, checks every sheet was received, and prints sheets per second. Beside it, the time
PostgreSQL's COPY takes to write the same rows (sheets, lines, submissions) into tables of
the same shape: the physical floor of the write. The sheets of the run are deleted at the end.

    python3 bench/fse_intake.py [--sheets 10000] [--clients 4] [--batch 50] [--workers 2]
"""

import argparse
import io
import json
import random
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    DATABASE,
    api_key_of,
    create_care_parties,
    open_registry,
    start_server,
    stop_server,
)

from siamo_core.fse import FORMAT, generate_key, public_key_text, sign

PROVIDER_CODE = "PS-BENCH"
IPM_CODE = "IPM-BENCH"
PARTICIPANTS = 2_000
ACTS = 40
LINES = 10
# the provider's signing key, drawn anew at each run
PRIVATE_KEY = generate_key()


def prepare(registry, private_key):
    """The IPM, its participants, the provider with its key, agreement and API key (kept from
    one run to the next); returns the API key and the member numbers."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        partner = env["res.partner"].search([("siamo_provider_code", "=", PROVIDER_CODE)])
        if not partner:
            ipm, membership, partner = create_care_parties(
                env, "IPM Bench FSE", IPM_CODE, "Clinique Bench", PROVIDER_CODE, "bench-clinique"
            )
            env["siamo.beneficiary"].create(
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
            env["siamo.act"].create(
                [
                    {
                        "code": f"BENCH-{index:03d}",
                        "name": f"Acte {index}",
                        "act_class_id": consultation.id,
                    }
                    for index in range(ACTS)
                ]
            )
        partner.siamo_fse_public_key = public_key_text(private_key)
        api_key = api_key_of(env, "bench-clinique")
        ipm = env["res.company"].search([("partner_id.ref", "=", IPM_CODE)])
        numbers = (
            env["siamo.beneficiary"].search([("company_id", "=", ipm.id)]).mapped("member_number")
        )
        cr.commit()
    return api_key, numbers


def make_sheets(count, numbers, private_key, run):
    rng = random.Random(count)
    first = date.today() - timedelta(days=365)
    sheets = []
    for index in range(count):
        lines = [
            {
                "kind": "act",
                "code": f"BENCH-{rng.randrange(ACTS):03d}",
                "quantity": 1 + rng.randrange(3),
                "unit_price": rng.randrange(1_000, 20_000, 500),
            }
            for _line in range(LINES)
        ]
        for line in lines:
            line["amount"] = line["quantity"] * line["unit_price"]
        sheet = {
            "format": FORMAT,
            "sheet_id": f"{run}-{index:06d}",
            "provider": {"code": PROVIDER_CODE},
            "ipm": IPM_CODE,
            "beneficiary": {"member_number": numbers[index % len(numbers)]},
            "care_date": (first + timedelta(days=index % 360)).isoformat(),
            "lines": lines,
            "total": sum(line["amount"] for line in lines),
            "presence_proof": {"kind": "card", "reference": run},
        }
        sheets.append(sign(sheet, private_key))
    return sheets


def submit(url, api_key, sheets, clients, batch):
    batches = [sheets[start : start + batch] for start in range(0, len(sheets), batch)]
    headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}

    def send(chunk):
        with requests.Session() as session:
            response = session.post(
                f"{url}/siamo/api/v1/fse",
                data=json.dumps({"sheets": chunk}),
                headers=headers,
                timeout=300,
            )
        response.raise_for_status()
        return [ack["status"] for ack in response.json()["acknowledgements"]]

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        statuses = [status for result in pool.map(send, batches) for status in result]
    return time.perf_counter() - started, statuses


def copy_floor(registry, sheets):
    """Seconds COPY takes to write the same sheets, lines and submissions."""
    sheet_rows, line_rows, submission_rows = io.StringIO(), io.StringIO(), io.StringIO()
    for index, sheet in enumerate(sheets, start=1):
        sheet_rows.write(
            f"{index}\tFSE/{index}\t{sheet['sheet_id']}\t{sheet['care_date']}\t{sheet['total']}\treceived\n"
        )
        for sequence, line in enumerate(sheet["lines"], start=1):
            line_rows.write(
                f"{index}\t{sequence}\tact\t{line['code']}\t{line['quantity']}\t{line['unit_price']}\t{line['amount']}\n"
            )
        document = json.dumps(sheet).replace("\\", "\\\\")
        submission_rows.write(f"{sheet['sheet_id']}\t{document}\treceived\n")
    with registry.cursor() as cr:
        cr.execute(
            """CREATE TEMP TABLE floor_fse (id int, name varchar, provider_sheet_id varchar,
                   care_date date, amount_claimed int, state varchar);
               CREATE TEMP TABLE floor_line (fse_id int, sequence int, kind varchar, code varchar,
                   quantity int, unit_price int, amount int);
               CREATE TEMP TABLE floor_submission (sheet_id varchar, document text,
                   state varchar)"""
        )
        started = time.perf_counter()
        for table, rows in (
            ("floor_fse", sheet_rows),
            ("floor_line", line_rows),
            ("floor_submission", submission_rows),
        ):
            rows.seek(0)
            cr._obj.copy_expert(f"COPY {table} FROM STDIN", rows)
        elapsed = time.perf_counter() - started
        cr.rollback()
    return elapsed


def clean(registry, run):
    with registry.cursor() as cr:
        cr.execute("DELETE FROM siamo_fse_submission WHERE sheet_id LIKE %s", (f"{run}-%",))
        cr.execute("DELETE FROM siamo_fse WHERE provider_sheet_id LIKE %s", (f"{run}-%",))
        cr.commit()


def prepare_run(prefix, count):
    """The bench database, the provider's API key, the member numbers, a run id starting
    with ``prefix`` and ``count`` signed sheets of that run:
    ``(registry, api_key, numbers, run, sheets)``."""
    registry = open_registry(["siamo_fse"])
    api_key, numbers = prepare(registry, PRIVATE_KEY)
    run = f"{prefix}{uuid.uuid4().hex[:8]}"
    return registry, api_key, numbers, run, make_sheets(count, numbers, PRIVATE_KEY, run)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    registry, api_key, numbers, run, sheets = prepare_run("R", args.sheets)
    server, url = start_server(DATABASE, args.workers)
    try:
        submit(url, api_key, make_sheets(20, numbers, PRIVATE_KEY, f"{run}W"), 1, 10)
        elapsed, statuses = submit(url, api_key, sheets, args.clients, args.batch)
    finally:
        stop_server(server)
    received = statuses.count("received")
    floor = copy_floor(registry, sheets)
    clean(registry, run)
    print(
        f"{args.sheets} signed sheets of {LINES} lines, {args.clients} clients, batches of "
        f"{args.batch}, Odoo with {args.workers} workers"
    )
    print(f"received: {received}, refused: {len(statuses) - received}")
    print(f"intake over HTTP: {elapsed:.1f} s, {args.sheets / elapsed:,.0f} sheets/s")
    print(
        f"COPY of the same rows (sheets, lines, submissions): {floor:.2f} s, "
        f"{args.sheets / floor:,.0f} sheets/s"
    )
    if received != args.sheets:
        raise SystemExit("some sheets were refused")


if __name__ == "__main__":
    main()
