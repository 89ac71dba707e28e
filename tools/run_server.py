#!/usr/bin/env python3
"""`make run`: create the demo database `siamo` (five addons, demo data, French) if missing,
or bring its addons up to date with this checkout, then serve it on 127.0.0.1:8069.

A database made before the models moved between the addons (version 18.0.2.0.0) cannot be
updated in place: `make run` says so and makes the demo database anew."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))

import siamo_dev

DATABASE = os.environ.get("SIAMO_DB_NAME", "siamo")
CONFIG = siamo_dev.REPO / "config" / "odoo.conf"
# the version of the addon move; an installed siamo_ipm or siamo_fse below it predates it
MOVE_VERSION = (18, 0, 2, 0, 0)
MOVED_ADDONS = ("siamo_ipm", "siamo_fse")


def _version(text):
    try:
        return tuple(int(part) for part in (text or "").split("."))
    except ValueError:
        return ()


def _checkout_after_the_move():
    return _version(siamo_dev.addon_manifest("siamo_ipm").get("version")) >= MOVE_VERSION


def stale_addons(database):
    """The moved addons that ``database`` has installed at a version before the move, as
    {addon: version}; empty for an up-to-date database or one that is not Odoo's."""
    try:
        with siamo_dev.connect(database) as conn, conn.cursor() as cr:
            cr.execute(
                "SELECT name, latest_version FROM ir_module_module "
                "WHERE state IN ('installed', 'to upgrade') AND name = ANY(%s)",
                (list(MOVED_ADDONS),),
            )
            rows = cr.fetchall()
    except psycopg2.Error:
        return {}
    return {name: version for name, version in rows if _version(version) < MOVE_VERSION}


def create_database(base):
    subprocess.run(
        siamo_dev.odoo_command(
            *base,
            "-i",
            ",".join(siamo_dev.addons()),
            "--load-language=fr_FR",
            "--stop-after-init",
        ),
        cwd=siamo_dev.REPO,
        check=True,
    )


def main():
    if not siamo_dev.odoo_importable():
        raise SystemExit(
            f"{sys.executable} cannot import odoo: install Odoo 18 (the Debian package or a "
            "source checkout on PYTHONPATH), or use `docker compose up`."
        )
    siamo_dev.ensure_postgres()
    siamo_dev.ensure_role()
    base = ["-c", str(CONFIG), "-d", DATABASE, f"--db-filter=^{DATABASE}$"]
    stale = (
        stale_addons(DATABASE)
        if _checkout_after_the_move() and siamo_dev.database_exists(DATABASE)
        else {}
    )
    if stale:
        found = ", ".join(f"{name} {version}" for name, version in sorted(stale.items()))
        print(
            f"The database {DATABASE} predates the move of the models between the addons "
            f"({found}; this checkout is at 18.0.2.0.0 or later) and cannot be updated in "
            f"place: dropping it and creating the demo database {DATABASE} anew "
            "(a few minutes; its data is lost).",
            flush=True,
        )
        siamo_dev.drop_database(DATABASE)
    if not siamo_dev.database_exists(DATABASE):
        print(f"Creating the demo database {DATABASE} (a few minutes)…", flush=True)
        create_database(base)
    else:
        print(f"Updating the SIAMO addons in {DATABASE}…", flush=True)
        subprocess.run(
            siamo_dev.odoo_command(*base, "-u", ",".join(siamo_dev.addons()), "--stop-after-init"),
            cwd=siamo_dev.REPO,
            check=True,
        )
    print(f"SIAMO serves {DATABASE} on http://127.0.0.1:8069 (Ctrl-C to stop)", flush=True)
    command = siamo_dev.odoo_command(*base)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
