import threading

from odoo.addons.siamo_referentiel.tests.postgres_gate import PostgresGate
from odoo.tests import BaseCase, get_db_name, tagged

from .real_server import SHEET_PATH, RealServer, postgres_address, table_locked
from .real_server import wait_for_lock_waiters as requests_waiting

CHECK_PATH = "/siamo/api/v1/identity-checks"


class ApiWithoutDatabase:
    """A real Odoo server, started as production runs it, on this test database through a
    :class:`PostgresGate`: the tests close the gate or cut its connections while the server
    serves the SIAMO API."""

    # how the server picks its database: said by each case
    database_options = ()
    # the cases below take these tests (Odoo runs only a case's own by default)
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gate = PostgresGate(*postgres_address()).open()
        cls.addClassCleanup(cls.gate.close)
        cls.server = RealServer(cls.gate.port, cls.database_options).start()
        cls.addClassCleanup(cls.server.stop)

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
            self.assertRetryLater(self.server.post(SHEET_PATH))
            self.assertRetryLater(self.server.post(CHECK_PATH), nested=True)
            # what is not the API keeps Odoo's own answer
            self.assertNotEqual(self.server.post("/web/login").status_code, 503)
        finally:
            self.gate.open()
        # back: the same request is served again (the key is nobody's)
        self.assertEqual(self.server.status_of(SHEET_PATH), 401)

    def test_a_request_in_flight_when_the_connection_drops_says_retry_later(self):
        answers = []
        with table_locked("res_users_apikeys"):
            request = threading.Thread(target=lambda: answers.append(self.server.post(SHEET_PATH)))
            request.start()
            requests_waiting(1, [request])  # the request waits in PostgreSQL for the key table
            self.gate.cut()
            request.join(timeout=30)
        self.assertRetryLater(answers[0])
        self.assertEqual(self.server.status_of(SHEET_PATH), 401)


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
