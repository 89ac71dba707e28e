"""A real Odoo server of the tests' own, on the test database, started as production runs
it (``siamo_referentiel`` loaded server-wide, a threaded server serving requests side by
side): for what only separate requests, each in its own transaction, can show."""

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
import requests
from psycopg2 import sql

from odoo.tests import get_db_name
from odoo.tools import config

STARTUP_SECONDS = 120
SHEET_PATH = "/siamo/api/v1/fse"
NOBODY_S_KEY = {"Authorization": "Bearer not-a-key-of-anyone"}


def postgres_address():
    return config["db_host"] or "127.0.0.1", int(config["db_port"] or 5432)


def connect(database=None):
    """A connection of the test's own to PostgreSQL (outside the test's transaction)."""
    host, port = postgres_address()
    return psycopg2.connect(
        host=host,
        port=port,
        user=config["db_user"],
        password=config["db_password"],
        dbname=database or get_db_name(),
    )


def wait_for_lock_waiters(count, requests=(), seconds=90):
    """Returns once ``count`` backends of the test database wait for a lock (the server's
    requests stopped where the test wants them); fails when one of the ``requests``
    (threads) ended instead, or after ``seconds``."""
    deadline = time.monotonic() + seconds
    with connect() as watcher, watcher.cursor() as cr:
        while time.monotonic() < deadline:
            cr.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = %s AND wait_event_type = 'Lock'",
                [get_db_name()],
            )
            if cr.fetchone()[0] >= count:
                return
            if any(not request.is_alive() for request in requests):
                raise AssertionError(f"a request ended before it reached the lock; {_activity(cr)}")
            time.sleep(0.05)
        raise AssertionError(f"{count} requests never reached the database; {_activity(cr)}")


def _activity(cr):
    """What the database's backends are doing, for a failure's message."""
    cr.execute(
        "SELECT pid, state, wait_event_type, wait_event, left(query, 120) "
        "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        [get_db_name()],
    )
    return cr.fetchall()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RealServer:
    """``RealServer(db_port, options).start()``: serves on ``self.url`` until :meth:`stop`."""

    def __init__(self, db_port=None, options=()):
        self.db_port = db_port or postgres_address()[1]
        self.options = tuple(options)
        self.url = f"http://127.0.0.1:{_free_port()}"
        self.log = tempfile.NamedTemporaryFile(prefix="siamo-real-server-", suffix=".log")  # noqa: SIM115
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "odoo",
                f"--db_host={postgres_address()[0]}",
                f"--db_port={self.db_port}",
                f"--db_user={config['db_user']}",
                f"--db_password={config['db_password']}",
                f"--addons-path={config['addons_path']}",
                f"--data-dir={config['data_dir']}",
                "--load=base,web,siamo_referentiel",
                *self.options,
                f"--http-port={self.url.rsplit(':', 1)[1]}",
                "--http-interface=127.0.0.1",
                "--max-cron-threads=0",
                "--workers=0",
                "--log-level=warn",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            # a request of the API the database serves: the registry is loaded
            if self.status_of(SHEET_PATH) == 401:
                return self
            time.sleep(0.5)
        self.stop()
        raise AssertionError(f"the Odoo server did not start: {Path(self.log.name).read_text()}")

    def status_of(self, path):
        """The status the server answers ``path`` with (nobody's key), None while it does
        not answer."""
        with contextlib.suppress(requests.RequestException):
            return self.post(path, headers=NOBODY_S_KEY, timeout=10).status_code
        return None

    def post(self, path, headers=None, json=None, timeout=30):
        return requests.post(
            self.url + path,
            headers=headers or NOBODY_S_KEY,
            json=json if json is not None else {"format": "siamo-fse/1.0"},
            timeout=timeout,
        )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


@contextlib.contextmanager
def table_locked(table):
    """Holds ``table`` locked on a connection of the test's own while the block lasts (the
    server's requests that read it wait for it)."""
    connection = connect()
    try:
        with connection.cursor() as cr:
            cr.execute("SET lock_timeout = '10s'")
            cr.execute(
                sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(sql.Identifier(table))
            )
        yield
    finally:
        connection.rollback()
        connection.close()
