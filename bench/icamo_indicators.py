#!/usr/bin/env python3
"""ICAMO's indicators at the scale of the AMO: 120 IPMs × 36 months of returns.

Generates, in a database of its own (siamo_icamo installed, no demo data), a regulator
following 120 IPMs and takes 36 monthly returns of each through ``siamo.icamo.return._receive``
(checked, acknowledged, their facts in the warehouse). The returns are derived from 10 million
care lines: their care rows add up to that many lines. Then, in the same run:

- the refresh of every indicator (``siamo.icamo.indicator._refresh_all``: each month's by
  IPM, by région and national, with the alerts of the norms they break), which reads the
  warehouse's cells (each return's facts summed by région and measure when it was taken);
- the plain SQL aggregate over the same rows (the current facts summed by IPM, month,
  région and measure);
- the indicators' pivot as an ICAMO analyst opens it (a month, by IPM and indicator);
- the dashboard page's server call (``siamo.icamo.indicator.dashboard_data``) as the analyst,
  nationally and for a région, in the process and through an Odoo server's JSON-RPC route
  as the page calls it.

    python3 bench/icamo_indicators.py [--ipms 120] [--months 36] [--care-lines 10000000]
    python3 bench/icamo_indicators.py --keep …           # then, on the database kept:
    python3 bench/icamo_indicators.py --dashboard-only   # the dashboard's figures alone
"""

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import call_kw, drop_database, open_registry, rpc_session, start_server, stop_server

DATABASE = "siamo_bench_icamo"
REGIONS = ("SN-DK", "SN-TH", "SN-DB", "SN-SL", "SN-KL", "SN-ZG", "SN-TC", "SN-LG")
ACT_CLASSES = (
    "consultation",
    "pharmacy",
    "laboratory",
    "imaging",
    "hospitalisation",
    "dental",
    "optics",
    "maternity",
    "transport",
    "specialist",
)
REASONS = ("LIQ-OVER-TARIFF", "LIQ-NOT-COVERED", "LIQ-NO-RIGHTS", "LIQ-DUPLICATE")
AGE_BANDS = ("0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65+")
ANALYST = "bench-analyste"


def a_return(code, month, regions, lines_per_row, rng):
    """One month of an IPM present in ``regions``."""
    care = []
    for region in regions:
        for act_class in ACT_CLASSES:
            lines = lines_per_row
            claimed = lines * rng.randrange(3_000, 12_000)
            settled = claimed * rng.randrange(60, 90) // 100
            care.append(
                {
                    "region": region,
                    "act_class": act_class,
                    "sheets": lines // 3 or 1,
                    "lines": lines,
                    "lines_refused": lines * rng.randrange(0, 8) // 100,
                    "claimed": claimed,
                    "settled": settled,
                    "paid": settled * 9 // 10,
                }
            )
    workers = {region: rng.randrange(200, 3_000) for region in regions}
    return {
        "format": "siamo-ipm-return",
        "version": "1.0",
        "ipm": code,
        "period": f"{month.year:04d}-{month.month:02d}",
        "members": [
            {"region": region, "companies": rng.randrange(1, 30), "workers": workers[region]}
            for region in regions
        ],
        "beneficiaries": [
            {
                "region": region,
                "category": category,
                "sex": sex,
                "age_band": band,
                "count": workers[region] // 10,
            }
            for region in regions
            for category in ("participant", "spouse", "child")
            for sex in ("F", "M")
            for band in AGE_BANDS
        ],
        "contributions": [
            {
                "region": region,
                "called": workers[region] * 20_000,
                "collected": workers[region] * rng.randrange(15_000, 20_000),
            }
            for region in regions
        ],
        "care": care,
        "refusals": [
            {"reason": reason, "lines": rng.randrange(1, 200), "amount": rng.randrange(1, 10**7)}
            for reason in REASONS
        ],
        "payments": {"count": 40, "delay_days": 40 * rng.randrange(15, 75)},
        "management_costs": sum(workers.values()) * rng.randrange(1_500, 4_000),
        "finance": {
            "reserves": 10**9,
            "cash": 5 * 10**8,
            "assets": 3 * 10**9,
            "liabilities": 10**9,
            "income": 10**9,
            "expenses": 9 * 10**8,
        },
    }


def months(count, last=date(2026, 10, 1)):
    result, month = [], last
    for _index in range(count):
        result.append(month)
        month = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    return sorted(result)


def load(env, args, rng):
    """The regulator, its IPMs, its analyst and every return; ``(icamo, returns, lines)``."""
    icamo = env["res.company"].create({"name": "ICAMO Bench", "siamo_role": "icamo"})
    env = env(context=dict(env.context, allowed_company_ids=icamo.ids))
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "name": "Analyste bench",
            "login": ANALYST,
            "password": ANALYST,
            "company_id": icamo.id,
            "company_ids": [(6, 0, icamo.ids)],
            "groups_id": [(6, 0, [env.ref("siamo_icamo.group_icamo_analyst").id])],
        }
    )
    ipms = env["siamo.icamo.ipm"].create(
        [
            {
                "company_id": icamo.id,
                "code": f"IPM-{index:03d}",
                "name": f"IPM {index}",
                "first_period": "2020-01-01",
            }
            for index in range(args.ipms)
        ]
    )
    presence = {ipm.code: rng.sample(REGIONS, rng.randrange(1, 4)) for ipm in ipms}
    rows = sum(len(regions) for regions in presence.values()) * len(ACT_CLASSES) * args.months
    lines_per_row = max(1, args.care_lines // rows)
    receive = env["siamo.icamo.return"].with_context(tracking_disable=True)._receive
    count = 0
    for month in months(args.months):
        for ipm in ipms:
            receive(a_return(ipm.code, month, presence[ipm.code], lines_per_row, rng), "api")
            count += 1
    return icamo, count, lines_per_row * rows


def plain_aggregate(cr, icamo):
    started = time.perf_counter()
    cr.execute(
        """SELECT ipm_id, period, COALESCE(region, ''), measure, SUM(value)
             FROM siamo_icamo_fact
            WHERE company_id = %s AND known_until IS NULL
         GROUP BY 1, 2, 3, 4""",
        [icamo.id],
    )
    rows = len(cr.fetchall())
    return time.perf_counter() - started, rows


def pivot_as_analyst(env, icamo, month):
    from odoo import api

    analyst = env["res.users"].search([("login", "=", ANALYST)])
    analyst_env = api.Environment(env.cr, analyst.id, {"allowed_company_ids": icamo.ids})
    indicators = analyst_env["siamo.icamo.indicator"]
    started = time.perf_counter()
    groups = indicators.read_group(
        [("scope", "=", "ipm"), ("period", "=", month)],
        ["value:avg"],
        ["ipm_id", "indicator"],
        lazy=False,
    )
    return time.perf_counter() - started, len(groups)


def best_of(function, runs=3):
    """``(first, best)`` durations of ``runs`` calls of ``function``, in seconds."""
    durations = []
    for _run in range(runs):
        started = time.perf_counter()
        function()
        durations.append(time.perf_counter() - started)
    return durations[0], min(durations)


def dashboard_as_analyst(registry, database):
    """The dashboard's server call as the analyst, nationally then for the busiest région:
    ``{label: (first, best)}`` in the process, then as the page calls it over HTTP."""
    from odoo import SUPERUSER_ID, api

    figures = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        analyst = env["res.users"].search([("login", "=", ANALYST)])
        indicators = api.Environment(cr, analyst.id, {})["siamo.icamo.indicator"]
        region = indicators.dashboard_data()["regions"][0]["id"]
        for label, kwargs in (("national", {}), ("a région", {"region_id": region})):
            indicators.env.invalidate_all()
            figures[f"{label}, in the process"] = best_of(
                lambda kwargs=kwargs: indicators.dashboard_data(**kwargs)
            )
        cr.rollback()
    server, url = start_server(database, 0)
    try:
        session = rpc_session(url, database, ANALYST, ANALYST)
        for label, kwargs in (("national", {}), ("a région", {"region_id": region})):
            figures[f"{label}, JSON-RPC"] = best_of(
                lambda kwargs=kwargs: call_kw(
                    session, url, "siamo.icamo.indicator", "dashboard_data", kwargs=kwargs
                )
            )
    finally:
        stop_server(server)
    return figures


def print_dashboard(figures):
    for label, (first, best) in figures.items():
        print(
            f"dashboard page's call ({label}): {first * 1000:.0f} ms first, "
            f"{best * 1000:.0f} ms best of 3"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ipms", type=int, default=120)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--care-lines", type=int, default=10_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="take the returns a kept database already holds"
    )
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument(
        "--dashboard-only",
        action="store_true",
        help="time the dashboard alone on the database an earlier run kept (--keep)",
    )
    args = parser.parse_args()
    if not (args.reuse or args.dashboard_only):
        drop_database(args.database)  # a database an earlier run kept (--keep) holds its IPMs
    registry = open_registry(["siamo_icamo"], args.database)
    if args.dashboard_only:
        print_dashboard(dashboard_as_analyst(registry, args.database))
        return
    try:
        from odoo import SUPERUSER_ID, api

        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            started = time.perf_counter()
            icamo = env["res.company"].search([("name", "=", "ICAMO Bench")])
            if args.reuse and icamo:
                count = env["siamo.icamo.return"].search_count([])
                lines = None
            else:
                print(f"taking {args.ipms} × {args.months} returns…", flush=True)
                icamo, count, lines = load(env, args, random.Random(14))
            loading = time.perf_counter() - started
            cr.commit()
            cr.execute("ANALYZE siamo_icamo_fact")
            facts = env["siamo.icamo.fact"].search_count([])
            cell_count = env["siamo.icamo.cell"].search_count([])
            env = env(context={"allowed_company_ids": icamo.ids})
            started = time.perf_counter()
            indicators = env["siamo.icamo.indicator"]._refresh_all(icamo)
            env.flush_all()
            refresh = time.perf_counter() - started
            cr.commit()
            aggregate, groups = plain_aggregate(cr, icamo)
            pivot, cells = pivot_as_analyst(env, icamo, months(args.months)[-1])
            alerts = env["siamo.icamo.alert"].search_count([("company_id", "=", icamo.id)])
        dashboard = dashboard_as_analyst(registry, args.database)
    finally:
        if not args.keep:
            drop_database(args.database)
    taken = (
        "kept from an earlier run"
        if lines is None
        else f"derived from {lines:,} care lines, taken in {loading:.1f} s"
    )
    print(
        f"{count} returns of {args.ipms} IPMs × {args.months} months ({taken}): "
        f"{facts:,} facts in {cell_count:,} cells"
    )
    print(
        f"refresh of every indicator: {refresh:.2f} s ({indicators:,} indicators, {alerts} alerts)"
    )
    print(f"plain SQL aggregate over the same rows: {aggregate:.2f} s ({groups:,} groups)")
    print(f"ratio: {refresh / aggregate:.2f} (refresh / plain aggregate)")
    print(f"indicators pivot of a month as the analyst: {pivot * 1000:.0f} ms ({cells} cells)")
    print_dashboard(dashboard)


if __name__ == "__main__":
    main()
