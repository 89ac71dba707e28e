import threading
import uuid
from contextlib import closing, contextmanager
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.tests import BaseCase, get_db_name, tagged

from siamo_core.fse import FORMAT, generate_key, public_key_text, sign

from .real_server import SHEET_PATH, RealServer, connect
from .real_server import wait_for_lock_waiters as requests_waiting

CLINIC = "siamo_referentiel.provider_clinique_filaos_demo"
CLINIC_USER = "siamo_ipm.user_portal_provider_demo"
BENEFICIARY = "siamo_ipm.participant_09_demo"
CONSULTATION = "siamo_referentiel.act_cs_demo"


# The real server's requests read what the test gives them in the database, so the test
# commits it on a transaction of its own, and removes it the same way at the end.
# pylint: disable=invalid-commit


def _committed():
    """A cursor on a transaction of its own, outside the test's."""
    return closing(sql_db.db_connect(get_db_name()).cursor())


@tagged("post_install", "-at_install")
class TestTheSameSheetAtTheSameMoment(BaseCase):
    """Two requests bring the same sheet at the same moment to a real server, each in a
    transaction of its own: both get the first answer, and one sheet is stored. The demo
    clinic sends it, with a signing key and an API key the test gives it and takes back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signing_key = generate_key()
        cls.sheet_id = f"SAME-{uuid.uuid4().hex[:8].upper()}"
        cls.days_ago = timedelta(days=2 + uuid.uuid4().int % 20)
        cls.headers = {"Authorization": f"Bearer {cls._give_the_clinic_its_keys()}"}
        cls.addClassCleanup(cls._take_back_the_keys)
        cls.server = RealServer(options=("-d", get_db_name())).start()
        cls.addClassCleanup(cls.server.stop)
        # the clinic's first request (its key, the intake) before the one that counts
        warm_up = cls.server.post(SHEET_PATH, cls.headers, {"format": FORMAT})
        assert warm_up.status_code == 400, warm_up.text

    @classmethod
    def _give_the_clinic_its_keys(cls):
        with _committed() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            clinic = env.ref(CLINIC)
            cls.public_key_before = clinic.siamo_fse_public_key
            clinic.siamo_fse_public_key = public_key_text(cls.signing_key)
            user = env.ref(CLINIC_USER)
            expiry = fields.Datetime.now() + timedelta(days=1)
            key = (
                env["res.users.apikeys"]
                .with_user(user)
                .sudo()
                ._generate(None, cls.sheet_id, expiry)
            )
            cls.document = cls._sheet(env)
            cr.commit()
        return key

    @classmethod
    def _sheet(cls, env):
        beneficiary = env.ref(BENEFICIARY)
        line = {"kind": "act", "code": env.ref(CONSULTATION).code, "quantity": 1}
        line.update(unit_price=15_000, amount=15_000)
        document = {
            "format": FORMAT,
            "sheet_id": cls.sheet_id,
            "provider": {"code": env.ref(CLINIC).siamo_provider_code},
            "ipm": beneficiary.company_id.partner_id.ref,
            "beneficiary": {"member_number": beneficiary.member_number},
            # a day of its own: no other sheet holds this care (the intake refuses it twice)
            "care_date": (fields.Date.context_today(env.user) - cls.days_ago).isoformat(),
            "lines": [line],
            "total": 15_000,
        }
        return sign(document, cls.signing_key)

    @classmethod
    def _take_back_the_keys(cls):
        with _committed() as cr:
            cr.execute("DELETE FROM siamo_fse_submission WHERE sheet_id = %s", [cls.sheet_id])
            cr.execute("DELETE FROM siamo_fse WHERE provider_sheet_id = %s", [cls.sheet_id])
            cr.execute("DELETE FROM res_users_apikeys WHERE name = %s", [cls.sheet_id])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env.ref(CLINIC).siamo_fse_public_key = cls.public_key_before
            cr.commit()

    def _stored(self):
        with _committed() as cr:
            cr.execute(
                "SELECT count(*) FROM siamo_fse WHERE provider_sheet_id = %s", [self.sheet_id]
            )
            sheets = cr.fetchone()[0]
            cr.execute(
                "SELECT state FROM siamo_fse_submission WHERE sheet_id = %s", [self.sheet_id]
            )
            return sheets, [state for (state,) in cr.fetchall()]

    @contextmanager
    def _sheet_id_held(self):
        """The sheet id held, while the block lasts, by a received submission a transaction
        of the test's own writes and never commits: a request that stores a sheet under
        that id waits for it, as for another request storing the same sheet."""
        with closing(connect()) as connection, connection.cursor() as cr:
            cr.execute(
                "SELECT id FROM res_partner WHERE id = ("
                "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s)",
                CLINIC.split("."),
            )
            cr.execute(
                "INSERT INTO siamo_fse_submission (provider_id, sheet_id, channel, state, "
                "document_digest) VALUES (%s, %s, 'api', 'received', 'held')",
                [cr.fetchone()[0], self.sheet_id],
            )
            try:
                yield
            finally:
                connection.rollback()

    def test_both_get_the_first_answer_and_one_sheet_is_stored(self):
        answers = []

        def send():
            answers.append(self.server.post(SHEET_PATH, self.headers, self.document))

        # both requests check the sheet, then wait to store it until the test lets them
        with self._sheet_id_held():
            requests = [threading.Thread(target=send) for _request in range(2)]
            for request in requests:
                request.start()
            try:
                requests_waiting(2, requests)
            except AssertionError as error:
                for request in requests:
                    request.join(timeout=60)
                answered = [(answer.status_code, answer.text[:300]) for answer in answers]
                raise AssertionError(f"{error}: {answered}") from None
        for request in requests:
            request.join(timeout=60)
        first, second = answers
        self.assertEqual((first.status_code, second.status_code), (201, 201), second.text)
        self.assertEqual(first.json(), second.json())
        self.assertEqual(first.json()["status"], "received")
        self.assertEqual(self._stored(), (1, ["received"]))
        # and sent again later: the same answer still, nothing new stored
        again = self.server.post(SHEET_PATH, self.headers, self.document)
        self.assertEqual((again.status_code, again.json()), (201, first.json()))
        self.assertEqual(self._stored(), (1, ["received"]))
