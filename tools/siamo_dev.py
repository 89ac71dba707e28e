"""Helpers shared by `make test` and `make run`: the addons, PostgreSQL and Odoo's command line."""

import ast
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

REPO = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO / "addons"
DB_HOST = os.environ.get("SIAMO_DB_HOST", "127.0.0.1")
DB_PORT = int(os.environ.get("SIAMO_DB_PORT", "5432"))
DB_USER = os.environ.get("SIAMO_DB_USER", "siamo")
DB_PASSWORD = os.environ.get("SIAMO_DB_PASSWORD", "siamo")


def addons():
    """Our addons, dependencies first (the order DESIGN.md draws)."""
    found = {path.parent.name for path in ADDONS_DIR.glob("*/__manifest__.py")}
    order = ["siamo_referentiel", "siamo_ipm", "siamo_fse", "siamo_icamo", "siamo_biometrie"]
    return [name for name in order if name in found] + sorted(found - set(order))


def addon_manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text())


def addon_dependencies(addon):
    return addon_manifest(addon).get("depends", [])


def odoo_importable():
    probe = subprocess.run(
        [sys.executable, "-c", "import odoo.release; print(odoo.release.version)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


def connect(dbname="postgres", user=DB_USER, password=DB_PASSWORD):
    return psycopg2.connect(
        host=DB_HOST, port=DB_PORT, user=user, password=password, dbname=dbname, connect_timeout=5
    )


def _postgres_answers():
    with socket.socket() as sock:
        sock.settimeout(2)
        return sock.connect_ex((DB_HOST, DB_PORT)) == 0


def _run_as_root(command):
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(prefix + command, check=True, stdout=subprocess.DEVNULL)


def ensure_postgres():
    """Make PostgreSQL answer on DB_HOST:DB_PORT: start the local cluster, install it if absent."""
    if _postgres_answers():
        return
    if DB_HOST not in {"127.0.0.1", "localhost"}:
        raise SystemExit(f"PostgreSQL does not answer on {DB_HOST}:{DB_PORT}.")
    if not shutil.which("pg_ctlcluster"):
        print("PostgreSQL is not installed: installing Debian's postgresql…", flush=True)
        _run_as_root(["apt-get", "update", "-qq"])
        _run_as_root(["apt-get", "install", "-y", "-qq", "postgresql"])
    for version in sorted(os.listdir("/etc/postgresql")):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=False,
            capture_output=True,
        )
    for _attempt in range(30):
        if _postgres_answers():
            return
        time.sleep(1)
    raise SystemExit(f"PostgreSQL does not answer on {DB_HOST}:{DB_PORT} after starting it.")


def ensure_role():
    """Make sure our own role exists and may create databases (Odoo refuses `postgres`)."""
    try:
        connect().close()
        return
    except psycopg2.OperationalError as error:
        if DB_HOST not in {"127.0.0.1", "localhost"}:
            raise SystemExit(f"Cannot connect as {DB_USER}: {error}") from error
    if DB_USER == "postgres":
        raise SystemExit("Odoo refuses the postgres role: set SIAMO_DB_USER to another role.")
    statement = (
        f"CREATE ROLE \"{DB_USER}\" LOGIN CREATEDB PASSWORD '{DB_PASSWORD}'"
        if "'" not in DB_PASSWORD and '"' not in DB_USER
        else None
    )
    if statement is None:
        raise SystemExit("SIAMO_DB_USER and SIAMO_DB_PASSWORD must not contain quotes.")
    as_postgres = ["runuser", "-u", "postgres", "--"]
    if os.geteuid() != 0:
        as_postgres = ["sudo", "-u", "postgres"]
    subprocess.run([*as_postgres, "psql", "-qc", statement], check=True)
    connect().close()


def database_exists(name):
    with connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return cr.fetchone() is not None


def drop_database(name):
    conn = connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def odoo_command(*options):
    return [
        sys.executable,
        "-m",
        "odoo",
        f"--db_host={DB_HOST}",
        f"--db_port={DB_PORT}",
        f"--db_user={DB_USER}",
        f"--db_password={DB_PASSWORD}",
        f"--addons-path={ADDONS_DIR}",
        *options,
    ]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_registry(database):
    """The Odoo registry of ``database``, configured like `make test` (imports Odoo)."""
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        [
            f"--db_host={DB_HOST}",
            f"--db_port={DB_PORT}",
            f"--db_user={DB_USER}",
            f"--db_password={DB_PASSWORD}",
            f"--addons-path={ADDONS_DIR}",
            "--log-level=warn",
        ]
    )
    return Registry(database)
