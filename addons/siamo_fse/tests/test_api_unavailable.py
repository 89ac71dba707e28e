import contextlib
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg2
import requests

from odoo.addons.siamo_referentiel.tests.postgres_gate import PostgresGate
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import config

STARTUP_SECONDS = 120
BAD_KEY = {"Authorization": "Bearer not-a-key-of-anyone"}
SHEET_PATH = "/siamo/api/v1/fse"
CHECK_PATH = "/siamo/api/v1/identity-checks"


def _connect(database):
    """A connection of the test's own to PostgreSQL, not through the gate."""
    return psycopg2.connect(
        host=config["db_host"] or "127.0.0.1",
        port=int(config["db_port"] or 5432),
        user=config["db_user"],
        password=config["db_password"],
        dbname=database,
    )


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ApiWithoutDatabase:
    """A real Odoo server, started as production runs it (``siamo_referentiel`` loaded
    server-wide), on this test database through a :class:`PostgresGate`: the tests close the
    gate or cut its connections while the server serves the SIAMO API."""

    # how the server picks its database: said by each case
    database_options = ()
    # the cases below take these tests (Odoo runs only a case's own by default)
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.database = get_db_name()
        cls.gate = PostgresGate(config["db_host"] or "127.0.0.1", int(config["db_port"] or 5432))
        cls.gate.open()
        cls.addClassCleanup(cls.gate.close)
        cls.url = f"http://127.0.0.1:{_free_port()}"
        cls._start_server()

    @classmethod
    def _start_server(cls):
        cls.log = tempfile.NamedTemporaryFile(prefix="siamo-api-unavailable-", suffix=".log")  # noqa: SIM115
        cls.addClassCleanup(cls.log.close)
        cls.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "odoo",
                "--db_host=127.0.0.1",
                f"--db_port={cls.gate.port}",
                f"--db_user={config['db_user']}",
                f"--db_password={config['db_password']}",
                f"--addons-path={config['addons_path']}",
                f"--data-dir={config['data_dir']}",
                "--load=base,web,siamo_referentiel",
                *cls.database_options,
                f"--http-port={cls.url.rsplit(':', 1)[1]}",
                "--http-interface=127.0.0.1",
                "--max-cron-threads=0",
                "--workers=0",
                "--log-level=warn",
            ],
            stdout=cls.log,
            stderr=subprocess.STDOUT,
        )
        cls.addClassCleanup(cls._stop_server)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and cls.server.poll() is None:
            # a request of the API the database serves: the registry is loaded
            if cls._status_of(SHEET_PATH) == 401:
                return
            time.sleep(0.5)
        raise AssertionError(f"the Odoo server did not start: {Path(cls.log.name).read_text()}")

    @classmethod
    def _status_of(cls, path):
        """The status the server answers ``path`` with, None while it does not answer."""
        with contextlib.suppress(requests.RequestException):
            return requests.post(cls.url + path, headers=BAD_KEY, timeout=10).status_code
        return None

    @classmethod
    def _stop_server(cls):
        cls.server.terminate()
        try:
            cls.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            cls.server.kill()

    def _post(self, path, **kwargs):
        return requests.post(
            self.url + path, headers=BAD_KEY, json={"format": "siamo-fse/1.0"}, timeout=30, **kwargs
        )

    def assertRetryLater(self, response, nested=False):
        self.assertEqual(response.status_code, 503, response.text)
        self.assertEqual(response.headers["Retry-After"], "5")
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        error = response.json()["error"]
        code, message = (
            (error["code"], error["message"]) if nested else (error, response.json()["message"])
        )
        self.assertEqual(code, "database_unavailable")
        self.assertIn("Renvoyez la même demande", message)

    def test_the_api_says_retry_later_while_postgresql_refuses_connections(self):
        self.gate.close()
        try:
            self.assertRetryLater(self._post(SHEET_PATH))
            self.assertRetryLater(self._post(CHECK_PATH), nested=True)
            # what is not the API keeps Odoo's own answer
            self.assertNotEqual(self._post("/web/login").status_code, 503)
        finally:
            self.gate.open()
        # back: the same request is served again (the key is nobody's)
        self.assertEqual(self._post(SHEET_PATH).status_code, 401)

    def test_a_request_in_flight_when_the_connection_drops_says_retry_later(self):
        answers = []
        with self._api_keys_locked() as waiting:
            request = threading.Thread(target=lambda: answers.append(self._post(SHEET_PATH)))
            request.start()
            waiting()  # the request waits in PostgreSQL for the key table
            self.gate.cut()
            request.join(timeout=30)
        self.assertRetryLater(answers[0])
        self.assertEqual(self._post(SHEET_PATH).status_code, 401)

    def _api_keys_locked(self):
        """Holds the API keys' table locked on a connection of its own (not through the
        gate); gives a function that waits until the server's request waits for it."""
        test = self

        class Locked:
            def __enter__(self):
                self.connection = _connect(test.database)
                cr = self.connection.cursor()
                cr.execute("SET lock_timeout = '10s'")
                cr.execute("LOCK TABLE res_users_apikeys IN ACCESS EXCLUSIVE MODE")
                return self.wait_for_a_waiter

            def wait_for_a_waiter(self):
                with (
                    psycopg2.connect(
                        host=config["db_host"] or "127.0.0.1",
                        port=int(config["db_port"] or 5432),
                        user=config["db_user"],
                        password=config["db_password"],
                        dbname=test.database,
                    ) as watcher,
                    watcher.cursor() as cr,
                ):
                    for _attempt in range(200):
                        cr.execute(
                            "SELECT count(*) FROM pg_stat_activity "
                            "WHERE datname = %s AND wait_event_type = 'Lock'",
                            [test.database],
                        )
                        if cr.fetchone()[0]:
                            return
                        time.sleep(0.05)
                test.fail("the request never reached the database")

            def __exit__(self, *exc):
                self.connection.rollback()
                self.connection.close()

        return Locked()


@tagged("post_install", "-at_install")
class TestApiWithoutDatabaseSingleDatabase(ApiWithoutDatabase, BaseCase):
    """One database named (``db_name``, no filter): Odoo opens it without asking PostgreSQL
    for the list of databases, and fails to."""

    @classmethod
    def setUpClass(cls):
        cls.database_options = ("-d", get_db_name())
        super().setUpClass()


@tagged("post_install", "-at_install")
class TestApiWithoutDatabaseFilter(ApiWithoutDatabase, BaseCase):
    """A database filter: Odoo asks PostgreSQL for the list of databases, gets none back, and
    serves the request without one."""

    @classmethod
    def setUpClass(cls):
        cls.database_options = (f"--db-filter=^{get_db_name()}$",)
        super().setUpClass()
