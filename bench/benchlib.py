"""What the benchmarks share: a database of their own, a registry, an Odoo server, a
stopwatch."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import siamo_dev

DATABASE = os.environ.get("SIAMO_BENCH_DB", "siamo_bench")


def open_registry(addons, database=DATABASE):
    """The registry of ``database``, with ``addons`` installed or updated, no demo data."""
    if not siamo_dev.odoo_importable():
        raise SystemExit("This benchmark needs Odoo 18 importable by python3.")
    siamo_dev.ensure_postgres()
    siamo_dev.ensure_role()
    names = ",".join(addons)
    # our addons they depend on are updated too: a field added there is in the database
    updated = ",".join(_with_our_dependencies(addons))
    print(f"preparing {database} ({updated} installed or updated, no demo data)…", flush=True)
    subprocess.run(
        siamo_dev.odoo_command(
            "-d",
            database,
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
    vacuum_analyze(database)
    return siamo_dev.odoo_registry(database)


def _with_our_dependencies(addons):
    ours = siamo_dev.addons()
    wanted, todo = set(), list(addons)
    while todo:
        addon = todo.pop()
        if addon not in wanted:
            wanted.add(addon)
            todo += [name for name in siamo_dev.addon_dependencies(addon) if name in ours]
    return [name for name in ours if name in wanted]


def vacuum_analyze(database=DATABASE):
    """Fresh planner statistics: the benchmarks roll back hundreds of thousands of rows, and
    stale statistics would make PostgreSQL plan for tables that are not there."""
    conn = siamo_dev.connect(database)
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


def create_care_parties(env, ipm_name, ipm_code, provider_name, provider_code, login):
    """What a provider's software needs to send an IPM its care: an IPM (partner ref
    ``ipm_code``) with a member company's membership, a clinic with an agreement in force
    and the clinic's API user ``login``; ``(ipm, membership, provider)``."""
    ipm = env["res.company"].create(
        {"name": ipm_name, "siamo_role": "ipm", "siamo_ipm_kind": "inter"}
    )
    ipm.partner_id.ref = ipm_code
    employer = env["res.partner"].create({"name": f"Employeur {ipm_name}", "is_company": True})
    membership = env["siamo.membership"].create(
        {"company_id": ipm.id, "partner_id": employer.id, "state": "active"}
    )
    provider = env["res.partner"].create(
        {
            "name": provider_name,
            "is_company": True,
            "siamo_is_provider": True,
            "siamo_provider_kind": "clinic",
            "siamo_provider_code": provider_code,
        }
    )
    schedule = env["siamo.tariff.schedule"].create({"name": provider_name, "code": provider_code})
    env["siamo.agreement"].create(
        {
            "name": f"Convention {provider_name}",
            "company_id": ipm.id,
            "provider_id": provider.id,
            "schedule_id": schedule.id,
            "date_start": "2020-01-01",
            "state": "active",
        }
    )
    env["res.users"].create(
        {
            "name": f"Logiciel {provider_name}",
            "login": login,
            "partner_id": env["res.partner"]
            .create({"name": "Logiciel", "parent_id": provider.id})
            .id,
            "company_id": ipm.id,
            "company_ids": [(6, 0, ipm.ids)],
            "groups_id": [(6, 0, env.ref("siamo_ipm.group_portal_provider").ids)],
        }
    )
    return ipm, membership, provider


def api_key_of(env, login):
    """A new API key of the user ``login``, valid for a day."""
    import uuid
    from datetime import timedelta

    from odoo import fields

    user = env["res.users"].search([("login", "=", login)])
    return (
        env["res.users.apikeys"]
        .with_user(user)
        .sudo()
        ._generate(None, f"bench {uuid.uuid4().hex[:6]}", fields.Datetime.now() + timedelta(1))
    )


def start_server(database, workers, env=None, options=()):
    """An Odoo server of ``workers`` workers on ``database`` and a free port, once it answers:
    ``(process, url)``. Stop it with :func:`stop_server`."""
    import requests

    port = siamo_dev.free_port()
    # the server's log, kept for a look when it fails
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115
        prefix=f"{database}-", suffix=".log", delete=False
    )
    server = subprocess.Popen(
        siamo_dev.odoo_command(
            "-d",
            database,
            f"--db-filter=^{database}$",
            f"--workers={workers}",
            "--max-cron-threads=0",
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            "--limit-time-real=3600",
            "--limit-time-cpu=3600",
            "--log-level=warn",
            # as production runs it: the API answers 503 while PostgreSQL is away
            "--load=base,web,siamo_referentiel",
            *options,
        ),
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(240):
        try:
            if requests.get(f"{url}/web/health", timeout=5).ok:
                return server, url
        except requests.RequestException:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"Odoo did not start: see {log.name}")


def start_job_server(database, registry):
    """An Odoo server of 3 workers running the queue_job runner with 2 channels (the two cores
    work side by side), once its runner has run a first job: ``(process, url)``."""
    server, url = start_server(
        database,
        workers=3,
        env={"ODOO_QUEUE_JOB_CHANNELS": "root:2"},
        options=["--load=base,web,queue_job,siamo_referentiel"],
    )
    try:
        _wait_for_job_runner(registry)
    except BaseException:
        stop_server(server)
        raise
    return server, url


def _wait_for_job_runner(registry, timeout=120):
    """The runner finds the database's jobs some seconds after the server answers: a job
    timed before would count that wait."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        job = env["res.users"].browse(SUPERUSER_ID).with_delay(description="warm-up").exists()
        uuid = job.uuid
        cr.commit()
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        with registry.cursor() as cr:
            cr.execute("SELECT state FROM queue_job WHERE uuid = %s", [uuid])
            if cr.fetchone()[0] == "done":
                cr.execute("DELETE FROM queue_job WHERE uuid = %s", [uuid])
                cr.commit()
                return
        time.sleep(0.1)
    raise SystemExit(f"the job runner ran no job in {timeout} s")


def copy_database(source, target):
    """``target`` made from ``source`` with its filestore (nobody connected to ``source``)."""
    import odoo

    odoo.sql_db.close_db(source)
    conn = siamo_dev.connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    conn.close()
    filestore = odoo.tools.config.filestore
    if Path(filestore(source)).is_dir():
        shutil.copytree(filestore(source), filestore(target), dirs_exist_ok=True)


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def drop_database(database):
    """Drop ``database`` and its filestore (the registry's connections closed first)."""
    import odoo

    odoo.sql_db.close_db(database)
    siamo_dev.drop_database(database)
    shutil.rmtree(odoo.tools.config.filestore(database), ignore_errors=True)


def cpu_snapshot(server, database):
    """``{pid: (kind, CPU seconds)}`` of the Odoo server's processes ("odoo") and of the
    PostgreSQL backends serving ``database`` ("postgresql"): what the work costs whatever
    else the machine runs."""
    import psutil

    processes = {}
    root = psutil.Process(server.pid)
    for process in (root, *root.children(recursive=True)):
        processes[process.pid] = ("odoo", process)
    conn = siamo_dev.connect(database)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (database,),
            )
            for (pid,) in cr.fetchall():
                processes[pid] = ("postgresql", psutil.Process(pid))
    finally:
        conn.close()
    snapshot = {}
    for pid, (kind, process) in processes.items():
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        snapshot[pid] = (kind, times.user + times.system)
    return snapshot


def cpu_used(before, after):
    """``{kind: CPU seconds}`` spent between two :func:`cpu_snapshot`."""
    used = {}
    for pid, (kind, seconds) in after.items():
        used[kind] = used.get(kind, 0.0) + seconds - before.get(pid, (kind, 0.0))[1]
    return used


def job_figures(registry, model):
    """``(jobs, seconds of jobs, the longest)`` of the done queue jobs of ``model``."""
    with registry.cursor() as cr:
        cr.execute(
            """SELECT COUNT(*), SUM(exec_time), MAX(exec_time) FROM queue_job
                WHERE model_name = %s AND state = 'done'""",
            [model],
        )
        return cr.fetchone()


def rpc_session(url, database, login, password):
    """A session of ``login`` on the Odoo server at ``url``, as the web client opens it."""
    import requests

    session = requests.Session()
    params = {"db": database, "login": login, "password": password}
    response = session.post(
        f"{url}/web/session/authenticate", json={"jsonrpc": "2.0", "params": params}, timeout=60
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise SystemExit(f"{login} cannot log in: {response.json()['error']}")
    return session


def call_kw(session, url, model, method, args=(), kwargs=None):
    """``model.method(*args, **kwargs)`` through the web client's JSON-RPC route."""
    params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs or {}}
    response = session.post(
        f"{url}/web/dataset/call_kw/{model}/{method}",
        json={"jsonrpc": "2.0", "method": "call", "params": params},
        timeout=600,
    )
    response.raise_for_status()
    body = response.json()
    if "error" in body:
        raise SystemExit(body["error"]["data"]["message"])
    return body["result"]
