#!/usr/bin/env python3
"""A contribution period of a large IPM, computed and invoiced in background jobs while the
user keeps working.

Prepares, in a database of its own (`--database`, committed), an IPM on SYSCOHADA with 500
member companies and 100 000 participants, its accountant and an open period; then starts an
Odoo server with workers and the queue_job runner (3 workers, 2 job channels), and, as the
accountant over JSON-RPC, clicks Compute then Invoice and polls the period's progress until
each is done, printing it as it goes. Each poll also reads the period's form and a page of
participants, as a user at work would: their latencies are printed at the end with the time
of each step. The server is stopped and the database dropped at the end (`--keep` keeps it).

    python3 bench/contribution_period_jobs.py [--companies 500] [--participants 100000]
"""

import argparse
import itertools
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from benchlib import create_ipm, siamo_dev

LOGIN = "bench-comptable"
PASSWORD = "bench-comptable"
FORM_FIELDS = [
    "name",
    "date_start",
    "date_end",
    "date_due",
    "state",
    "line_count",
    "amount_employer",
    "amount_worker",
    "amount_total",
    "invoice_count",
    "siamo_job_state",
    "siamo_job_progress",
    "siamo_job_message",
]


# ---------------------------------------------------------------------------- the data


def install(database):
    print(f"preparing {database} (siamo_ipm installed, no demo data)…", flush=True)
    subprocess.run(
        siamo_dev.odoo_command(
            "-d",
            database,
            "-i",
            "siamo_ipm",
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ),
        check=True,
    )


def vacuum_analyze(database):
    """Fresh planner statistics after the bulk load, as autovacuum would give them in time."""
    conn = siamo_dev.connect(database)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute("VACUUM ANALYZE")
    finally:
        conn.close()


def prepare(registry, companies, participants):
    """The IPM, its member companies and their workers, the accountant and the period:
    committed. The period's id."""
    from odoo import SUPERUSER_ID, api

    rng = random.Random(13)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env, ipm = create_ipm(env, "IPM Bench Cotisations")
        employers = env["res.partner"].create(
            [{"name": f"Entreprise {index:04d}", "is_company": True} for index in range(companies)]
        )
        memberships = env["siamo.membership"].create(
            [{"company_id": ipm.id, "partner_id": e.id, "state": "active"} for e in employers]
        )
        per_company = participants // companies
        workers = (
            {
                "name": f"Travailleur {index:06d}",
                "company_id": ipm.id,
                "membership_id": membership.id,
                "salary": rng.randrange(60_000, 900_000, 500),
                "hire_date": "2015-01-01",
            }
            for membership in memberships
            for index in range(per_company)
        )
        started = time.perf_counter()
        while batch := list(itertools.islice(workers, 10_000)):
            env["siamo.beneficiary"].create(batch)
            env.flush_all()
        print(f"  {participants} participants registered in {time.perf_counter() - started:.0f} s")
        env["res.users"].with_context(no_reset_password=True).create(
            {
                "name": "Comptable Bench",
                "login": LOGIN,
                "password": PASSWORD,
                "company_id": ipm.id,
                "company_ids": [(6, 0, [ipm.id])],
                "groups_id": [(6, 0, [env.ref("siamo_ipm.group_ipm_accountant").id])],
            }
        )
        period = env["siamo.contribution.period"].create(
            {"company_id": ipm.id, "date_start": "2026-10-01"}
        )
        cr.commit()
        return period.id


# ---------------------------------------------------------------------------- the server


def start_server(database):
    """Odoo with 3 workers, no cron thread, the queue_job runner with 2 channels."""
    server, url = benchlib.start_server(
        database,
        3,
        env={"ODOO_QUEUE_JOB_CHANNELS": "root:2"},
        options=("--load=base,web,queue_job,siamo_referentiel",),
    )
    print(f"Odoo answers on {url}", flush=True)
    return server, url, None


stop_server = benchlib.stop_server


class Client:
    """The accountant, over JSON-RPC."""

    def __init__(self, url, database):
        import requests

        self.session = requests.Session()
        self.url, self.database = f"{url}/jsonrpc", database
        self.uid = self._call("common", "login", database, LOGIN, PASSWORD)

    def _call(self, service, method, *args):
        reply = self.session.post(
            self.url,
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
            },
            timeout=600,
        ).json()
        if "error" in reply:
            raise RuntimeError(reply["error"]["data"]["message"])
        return reply.get("result")  # None comes back as no result at all

    def call(self, model, method, *args, **kwargs):
        return self._call(
            "object", "execute_kw", self.database, self.uid, PASSWORD, model, method, args, kwargs
        )

    def timed(self, model, method, *args, **kwargs):
        started = time.perf_counter()
        result = self.call(model, method, *args, **kwargs)
        return result, time.perf_counter() - started


# ---------------------------------------------------------------------------- the run


def warm_up(url, database, period_id):
    """A few reads side by side, so that every worker has loaded the registry before the
    clock starts (a server at work has)."""
    from concurrent.futures import ThreadPoolExecutor

    def read(_index):
        Client(url, database).call("siamo.contribution.period", "read", [period_id], FORM_FIELDS)

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(read, range(12)))


def run_step(client, period_id, action, until_state, latencies):
    """Click ``action`` and poll the period until its work is done: the seconds it took."""
    started = time.perf_counter()
    _result, clicked = client.timed("siamo.contribution.period", action, [period_id])
    print(f"{action}: the request answered in {clicked * 1000:.0f} ms", flush=True)
    last = None
    while True:
        time.sleep(1)
        (period,), form = client.timed(
            "siamo.contribution.period", "read", [period_id], FORM_FIELDS
        )
        _page, page = client.timed(
            "siamo.beneficiary", "search_read", [], ["name", "member_number", "salary"], limit=80
        )
        latencies.append((form, page))
        elapsed = time.perf_counter() - started
        shown = (period["siamo_job_state"], period["siamo_job_progress"], period["state"])
        if shown != last:
            print(
                f"  [{elapsed:6.1f} s] {period['siamo_job_state'] or '-':7} "
                f"{period['siamo_job_progress']:3d} %  {period['siamo_job_message'] or ''}"
                f"  (state {period['state']}; form read in {form * 1000:.0f} ms, "
                f"80 participants in {page * 1000:.0f} ms)",
                flush=True,
            )
            last = shown
        if period["siamo_job_state"] == "failed":
            raise SystemExit(f"{action} failed: {period['siamo_job_message']}")
        if period["state"] == until_state and period["siamo_job_state"] in ("done", False):
            return elapsed, period


def describe(latencies):
    forms = [form for form, _page in latencies]
    pages = [page for _form, page in latencies]

    def ms(values):
        return (
            f"median {statistics.median(values) * 1000:.0f} ms, "
            f"max {max(values) * 1000:.0f} ms over {len(values)} requests"
        )

    return f"period form read: {ms(forms)}; a page of 80 participants: {ms(pages)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--database", default="siamo_bench_contributions")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    args = parser.parse_args()
    if not siamo_dev.odoo_importable():
        raise SystemExit("This benchmark needs Odoo 18 importable by python3.")
    siamo_dev.ensure_postgres()
    siamo_dev.ensure_role()
    if siamo_dev.database_exists(args.database):
        raise SystemExit(f"{args.database} exists already: drop it or name another one.")
    import odoo

    server = None
    try:
        install(args.database)
        period_id = prepare(
            siamo_dev.odoo_registry(args.database), args.companies, args.participants
        )
        odoo.sql_db.close_db(args.database)
        vacuum_analyze(args.database)
        server, url, _log = start_server(args.database)
        warm_up(url, args.database, period_id)
        client = Client(url, args.database)
        compute_latencies, invoice_latencies = [], []
        computed, period = run_step(
            client, period_id, "action_compute", "computed", compute_latencies
        )
        print(f"computed {period['line_count']} lines, {period['amount_total']:,} FCFA")
        invoiced, period = run_step(
            client, period_id, "action_invoice", "invoiced", invoice_latencies
        )
        print(f"posted {period['invoice_count']} invoices with their annexes")
        print(f"companies: {args.companies}, participants: {args.participants}")
        print(f"compute in the background: {computed:.1f} s")
        print(f"invoice in the background: {invoiced:.1f} s")
        print(f"total: {computed + invoiced:.1f} s")
        print(f"while computing, {describe(compute_latencies)}")
        print(f"while invoicing, {describe(invoice_latencies)}")
    finally:
        if server:
            stop_server(server)
        odoo.sql_db.close_db(args.database)
        if not args.keep:
            siamo_dev.drop_database(args.database)
            shutil.rmtree(odoo.tools.config.filestore(args.database), ignore_errors=True)
            print(f"{args.database} dropped")


if __name__ == "__main__":
    main()
