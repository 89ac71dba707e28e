"""What the benchmarks share: a database of their own, a registry, a stopwatch."""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import siamo_dev

DATABASE = os.environ.get("SIAMO_BENCH_DB", "siamo_bench")


def open_registry(addons):
    """The registry of the bench database, with ``addons`` installed or updated, no demo data."""
    if not siamo_dev.odoo_importable():
        raise SystemExit("This benchmark needs Odoo 18 importable by python3.")
    siamo_dev.ensure_postgres()
    siamo_dev.ensure_role()
    names = ",".join(addons)
    # our addons they depend on are updated too: a field added there is in the database
    updated = ",".join(_with_our_dependencies(addons))
    print(f"preparing {DATABASE} ({updated} installed or updated, no demo data)…", flush=True)
    subprocess.run(
        siamo_dev.odoo_command(
            "-d",
            DATABASE,
            "-i",
            names,
            "-u",
            updated,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ),
        check=True,
    )
    vacuum_analyze()
    return siamo_dev.odoo_registry(DATABASE)


def _with_our_dependencies(addons):
    ours = siamo_dev.addons()
    wanted, todo = set(), list(addons)
    while todo:
        addon = todo.pop()
        if addon not in wanted:
            wanted.add(addon)
            todo += [name for name in siamo_dev.addon_dependencies(addon) if name in ours]
    return [name for name in ours if name in wanted]


def vacuum_analyze():
    """Fresh planner statistics: the benchmarks roll back hundreds of thousands of rows, and
    stale statistics would make PostgreSQL plan for tables that are not there."""
    conn = siamo_dev.connect(DATABASE)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute("VACUUM ANALYZE")
    finally:
        conn.close()


def timed(registry, function):
    """Run ``function(cr)`` in a transaction rolled back afterwards; its seconds and result."""
    with registry.cursor() as cr:
        started = time.perf_counter()
        result = function(cr)
        elapsed = time.perf_counter() - started
        cr.rollback()
    return elapsed, result


class Stopwatch:
    def __init__(self):
        self.laps = {}

    def lap(self, name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        self.laps[name] = time.perf_counter() - started
        return result


def create_ipm(env, name):
    """An inter-company IPM on SYSCOHADA, its chart loaded, and ``env`` working in it."""
    ipm = env["res.company"].create(
        {
            "name": name,
            "country_id": env.ref("base.sn").id,
            "currency_id": env.ref("base.XOF").id,
            "siamo_role": "ipm",
            "siamo_ipm_kind": "inter",
            "siamo_accounting_regime": "syscohada",
        }
    )
    return env(context=dict(env.context, allowed_company_ids=[ipm.id])), ipm
