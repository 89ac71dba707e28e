#!/usr/bin/env python3
"""Settling and billing care sheets in Odoo at the scale of a large IPM, through the jobs.

Generates, in a database of its own, an IPM on SYSCOHADA with 20 000 participants, 10 care
providers under agreement and 100 000 received care sheets of 10 lines (written with COPY:
the intake has its own bench), one batch per provider, and commits them. Then:

- the engine alone: reads each batch's inputs as the batch does and times only the engine
  (``siamo_core.settlement.settle``) on them, on one core;
- starts an Odoo server with 3 workers and the queue_job runner (channel root:2, so the two
  cores settle side by side) and waits until its runner has run a first job; enqueues every
  batch's settlement as the IPM manager and waits until every batch is settled (its chunk
  jobs and its last job, sampling included);
- accepts the sampled sheets as the medical officer would (not timed) and validates the
  batches, which books each provider's bill.

Prints the settlement through the jobs, the billing, the engine's time and their ratio.

    python3 bench/settlement_odoo.py [--sheets 100000] [--providers 10] [--chunk-sheets 10000]
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    copy_database,
    cpu_snapshot,
    cpu_used,
    create_ipm,
    drop_database,
    job_figures,
    open_registry,
    siamo_dev,
    start_job_server,
    stop_server,
    vacuum_analyze,
)

DATABASE = "siamo_bench_settlement"
PARTICIPANTS = 20_000
ACTS = 40
LINES = 10
MANAGER = "bench-gestionnaire"


def prepare(env, sheet_count, provider_count, rng):
    from odoo.addons.siamo_referentiel.tools.bulk import bulk_create

    env, ipm = create_ipm(env, "IPM Bench Liquidation")
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "name": "Gestionnaire bench",
            "login": MANAGER,
            "company_id": ipm.id,
            "company_ids": [(6, 0, ipm.ids)],
            "groups_id": [(6, 0, [env.ref("siamo_ipm.group_ipm_manager").id])],
        }
    )
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
    return batches.ids


def _manager_env(cr, context=None):
    from odoo import SUPERUSER_ID, api

    env = api.Environment(cr, SUPERUSER_ID, {})
    manager = env["res.users"].search([("login", "=", MANAGER)])
    return api.Environment(
        cr, manager.id, {"allowed_company_ids": manager.company_id.ids, **(context or {})}
    )


def engine_alone(registry, batch_ids):
    """The engine alone on every batch's sheets, their inputs read as the batch reads them
    (not timed): ``{"engine": seconds, "cpu": its CPU seconds, "paused": seconds with
    Python's cycle collector paused, as the settlement runs it, "reading": seconds reading
    the inputs, "lines": lines settled}``."""
    import gc

    from siamo_core.settlement import settle

    figures = dict.fromkeys(("engine", "cpu", "paused", "reading"), 0.0)
    figures["lines"] = 0
    with registry.cursor() as cr:
        env = _manager_env(cr)
        for batch in env["siamo.settlement.batch"].browse(batch_ids):
            started = time.perf_counter()
            sheets = [
                sheet for _id, _lines, sheet in batch._settlement_inputs(batch._sheets_to_settle())
            ]
            figures["reading"] += time.perf_counter() - started
            for paused in (False, True):
                # the rules and the history of each run fresh: the engine fills both
                history = batch._settlement_history(
                    {int(sheet.family) for sheet in sheets}, [sheet.care_date for sheet in sheets]
                )
                terms = batch._settlement_terms({(int(s.provider), s.care_date) for s in sheets})
                if paused:
                    gc.disable()
                started, cpu = time.perf_counter(), time.process_time()
                for sheet in sheets:
                    rules, _advance = terms[int(sheet.provider), sheet.care_date]
                    lines = len(settle(sheet, rules, history).lines)
                    figures["lines"] += 0 if paused else lines
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
                gc.enable()
                if paused:
                    figures["paused"] += elapsed
                else:
                    figures["engine"] += elapsed
                    figures["cpu"] += cpu
        cr.rollback()
    return figures


def settle_through_jobs(registry, batch_ids, timeout=1800):
    """Seconds from the manager's Settle on every batch to the last batch settled."""
    started = time.perf_counter()
    with registry.cursor() as cr:
        _manager_env(cr)["siamo.settlement.batch"].browse(batch_ids).action_settle()
        cr.commit()
    while time.perf_counter() - started < timeout:
        with registry.cursor() as cr:
            cr.execute(
                """SELECT COUNT(*) FILTER (WHERE b.state = 'settled'),
                          string_agg(p.message, '; ') FILTER (WHERE p.state = 'failed')
                     FROM siamo_settlement_batch b
                LEFT JOIN siamo_job_progress p
                       ON p.res_model = 'siamo.settlement.batch' AND p.res_id = b.id
                    WHERE b.id = ANY(%s)""",
                [batch_ids],
            )
            settled, failed = cr.fetchone()
        if failed:
            raise SystemExit(f"the settlement failed: {failed}")
        if settled == len(batch_ids):
            return time.perf_counter() - started
        time.sleep(0.1)
    raise SystemExit(f"the batches were not settled after {timeout} s")


def review_and_validate(registry, batch_ids):
    """The medical officer accepts the sample (not timed); seconds of the validation."""
    import psutil

    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        sampled = env["siamo.fse"].search(
            [("settlement_batch_id", "in", batch_ids), ("control_state", "=", "to_review")]
        )
        sampled.write({"control_note": "Vu", "control_state": "accepted"})
        cr.commit()
        batches = _manager_env(cr)["siamo.settlement.batch"].browse(batch_ids)
        cr.execute("SELECT pg_backend_pid()")
        backend = psutil.Process(cr.fetchone()[0])
        db_cpu = sum(backend.cpu_times()[:2])
        started, cpu = time.perf_counter(), time.process_time()
        batches.action_validate()
        batches.env.flush_all()
        cr.commit()
        billed = time.perf_counter() - started
        cpu = (time.process_time() - cpu, sum(backend.cpu_times()[:2]) - db_cpu)
        return billed, {
            "cpu": cpu,
            "sheets": sum(batches.mapped("fse_count")),
            "sampled": len(sampled),
            "share": sum(batches.mapped("ipm_share")),
            "bills": len(batches.move_id),
            "billed_total": int(sum(batches.move_id.mapped("amount_total"))),
        }


def prepared_registry(args):
    """The registry of the bench database, its data generated and committed, or copied from
    the template a former run with --reuse left."""

    database, template = args.database, f"{args.database}_prepared"
    siamo_dev.ensure_postgres()
    if siamo_dev.database_exists(database):
        drop_database(database)
    if args.reuse and siamo_dev.database_exists(template):
        print(f"copying the data generated earlier from {template}…", flush=True)
        copy_database(template, database)
        return siamo_dev.odoo_registry(database)
    registry = open_registry(["siamo_ipm"], database)
    print(f"generating {args.sheets} sheets of {LINES} lines…", flush=True)
    with registry.cursor() as cr:
        from odoo import SUPERUSER_ID, api

        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        prepare(env, args.sheets, args.providers, random.Random(66))
        cr.commit()
    vacuum_analyze(database)
    if args.reuse:
        copy_database(database, template)
    return registry


def bench_batches(registry):
    with registry.cursor() as cr:
        cr.execute(
            """SELECT b.id FROM siamo_settlement_batch b
                 JOIN res_company c ON c.id = b.company_id
                WHERE c.name = 'IPM Bench Liquidation' ORDER BY b.id"""
        )
        return [row[0] for row in cr.fetchall()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=100_000)
    parser.add_argument("--providers", type=int, default=10)
    parser.add_argument("--chunk-sheets", type=int, default=None, help="sheets per job")
    parser.add_argument(
        "--job-threshold", type=int, default=None, help="batches of more sheets go to jobs"
    )
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the generated data in a template database and start from it next time "
        "(to try changes to the code: drop DATABASE_prepared after a schema change)",
    )
    args = parser.parse_args()
    database = args.database
    registry = prepared_registry(args)
    try:
        batch_ids = bench_batches(registry)
        with registry.cursor() as cr:
            from odoo import SUPERUSER_ID, api

            parameters = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"]
            if args.chunk_sheets:
                parameters.set_param("siamo_ipm.settlement_job_sheets", args.chunk_sheets)
            if args.job_threshold is not None:
                parameters.set_param("siamo_ipm.settlement_job_threshold", args.job_threshold)
            cr.commit()
        alone = engine_alone(registry, batch_ids)
        engine, lines = alone["engine"], alone["lines"]
        server, _url = start_job_server(database, registry)
        try:
            before = cpu_snapshot(server, database)
            load = os.getloadavg()[0]
            settled = settle_through_jobs(registry, batch_ids)
            cpu = cpu_used(before, cpu_snapshot(server, database))
        finally:
            stop_server(server)
        jobs, job_time, longest = job_figures(registry, "siamo.settlement.batch")
        billed, figures = review_and_validate(registry, batch_ids)
    finally:
        if not args.keep:
            drop_database(database)
    total = settled + billed
    print(f"{figures['sheets']} sheets of {LINES} lines from {args.providers} providers")
    print(
        f"settlement via jobs: {settled:.1f} s ({lines / settled:,.0f} lines/s; {jobs} jobs "
        f"on 2 workers, {job_time:.1f} s of jobs, the longest {longest:.1f} s)"
    )
    print(
        f"  CPU of the settlement: {cpu.get('odoo', 0):.1f} s in Odoo's workers, "
        f"{cpu.get('postgresql', 0):.1f} s in PostgreSQL (load average {load:.1f} before it)"
    )
    print(f"sampled for the medical officer (accepted, untimed): {figures['sampled']} sheets")
    print(f"billing: {billed:.1f} s (validation and {figures['bills']} provider bills)")
    print(
        f"  CPU of the billing: {figures['cpu'][0]:.1f} s in Odoo, "
        f"{figures['cpu'][1]:.1f} s in PostgreSQL"
    )
    print(f"settled and billed: {total:.1f} s")
    print(
        f"engine alone: {engine:.1f} s ({lines / engine:,.0f} lines/s on one core; "
        f"{alone['cpu']:.1f} s of CPU)"
    )
    print(
        f"  ({alone['paused']:.1f} s with Python's cycle collector paused, as the settlement "
        f"runs it; the batches' inputs read in {alone['reading']:.1f} s, not counted)"
    )
    print(f"ratio: {total / engine:.2f} (settled and billed / engine alone)")
    print(f"  ({total / alone['paused']:.2f} against the engine with the collector paused)")
    print(f"IPM share {figures['share']:,} FCFA, billed {figures['billed_total']:,} FCFA")


if __name__ == "__main__":
    main()
