#!/usr/bin/env python3
"""`make run`: create the demo database `siamo` (five addons, demo data, French) if missing,
or bring its addons up to date with this checkout, then serve it on 127.0.0.1:8069."""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import siamo_dev

DATABASE = os.environ.get("SIAMO_DB_NAME", "siamo")
CONFIG = siamo_dev.REPO / "config" / "odoo.conf"


def main():
    if not siamo_dev.odoo_importable():
        raise SystemExit(
            f"{sys.executable} cannot import odoo: install Odoo 18 (the Debian package or a "
            "source checkout on PYTHONPATH), or use `docker compose up`."
        )
    siamo_dev.ensure_postgres()
    siamo_dev.ensure_role()
    base = ["-c", str(CONFIG), "-d", DATABASE, f"--db-filter=^{DATABASE}$"]
    if not siamo_dev.database_exists(DATABASE):
        print(f"Creating the demo database {DATABASE} (a few minutes)…", flush=True)
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
