from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .accreditation_common import APPLICATION, AccreditationCase


@tagged("post_install", "-at_install")
class TestAccreditationLifecycle(AccreditationCase):
    def test_from_the_application_to_the_published_list(self):
        application = self._apply()
        self.assertEqual(application.state, "requested")
        self.assertFalse(application.name, "the number comes with the accreditation")
        self.assertEqual(application.document_ids.mapped("name"), ["statuts.pdf"])
        self.assertEqual(application.applicant_id, self.applicant)
        # the kind in ICAMO's language (French), not in the applicant's (English here)
        self.assertEqual(self.icamo.partner_id.lang, "fr_FR")
        self.assertEqual(application.document_ids.description, "Statuts")

        # the analyst asks for more; the applicant reads the question and completes
        review = application.with_user(self.analyst)
        review.question_to_ask = "Joignez le procès-verbal de l'assemblée constitutive."
        review.action_ask_more_information()
        self.assertEqual(application.state, "more_info")
        question = application.with_user(self.applicant).question_ids
        self.assertEqual(question.question, "Joignez le procès-verbal de l'assemblée constitutive.")
        notified = self.env["mail.message"].search(
            [("model", "=", application._name), ("res_id", "=", application.id)]
        )
        self.assertIn(self.applicant.partner_id, notified.partner_ids)
        with self.assertRaises(UserError):
            application.with_user(self.applicant).action_submit()  # the question is open
        application.with_user(self.applicant)._portal_update(
            {}, [("minutes", "pv-ag.pdf", b"%PDF-1.4 pv")]
        )
        application.with_user(self.applicant)._portal_answer({question.id: "PV joint."})
        application.with_user(self.applicant).action_submit()
        self.assertEqual((application.state, question.answer), ("requested", "PV joint."))
        self.assertEqual(len(application.document_ids), 2)

        # the visit, then the administrator's decision, the analyst may not decide
        self._reviewed(application)
        for user in (self.analyst, self.applicant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                application.with_user(user).action_grant(date(2026, 4, 1), date(2031, 3, 31))
        application.with_user(self.admin).action_grant(date(2026, 4, 1), date(2031, 3, 31))
        self.assertEqual(application.state, "granted")
        self.assertTrue(application.name.startswith("AGR-"))
        self.assertEqual(application.decision_date, date.today())
        self.assertIn(application, application._published(date(2026, 6, 1)))
        self.assertNotIn(application, application._published(date(2031, 4, 1)))
        row = application._public_row()
        self.assertEqual(
            (row["number"], row["ipm"], row["valid_from"], row["valid_until"]),
            (application.name, "IPM Sonatel", "2026-04-01", "2031-03-31"),
        )
        self.assertNotIn("board", row)
        bodies = " ".join(application.sudo().message_ids.mapped("body"))
        for trace in ("Visit of", "granted", "more information", "completed and sent back"):
            self.assertIn(trace, bodies)

    def test_the_decision_fields_change_only_through_the_actions(self):
        application = self._apply()
        for user in (self.analyst, self.admin):
            for vals in (
                {"state": "granted"},
                {"date_end": "2030-12-31"},
                {"name": "AGR-X"},
                {"ipm_partner_id": self.env.user.company_id.partner_id.id},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    application.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            application.with_user(self.applicant).write({"statutes": "Autres statuts"})
        with self.assertRaises(AccessError):
            application.with_user(self.analyst).write({"statutes": "Autres statuts"})

    def test_a_grant_needs_the_checklist_and_the_visit(self):
        application = self._apply()
        with self.assertRaises(UserError):
            application.with_user(self.admin).action_grant(date(2026, 4, 1), date(2031, 3, 31))
        self._reviewed(application)
        with self.assertRaises(UserError):
            application.with_user(self.admin).action_grant(date(2026, 4, 1), False)

    def test_a_refusal_gives_its_reasons(self):
        application = self._apply()
        with self.assertRaises(UserError):
            application.with_user(self.admin).action_refuse("  ")
        for user in (self.analyst, self.applicant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                application.with_user(user).action_refuse("Statuts non conformes.")
        application.with_user(self.admin).action_refuse("Statuts non conformes au modèle.")
        self.assertEqual(
            (application.state, application.refusal_reason),
            ("refused", "Statuts non conformes au modèle."),
        )
        self.assertNotIn(application, application._published())
        seen = application.with_user(self.applicant)
        self.assertEqual(seen.refusal_reason, "Statuts non conformes au modèle.")
        with self.assertRaises(UserError):
            seen._portal_update({"statutes": "Nouveaux statuts"})

    def test_the_decision_wizard_grants_and_refuses(self):
        application = self._reviewed(self._apply())
        action = application.with_user(self.admin).action_open_decision()
        self.assertEqual(action["res_model"], "siamo.accreditation.decide")
        with self.assertRaises(AccessError):
            application.with_user(self.analyst).action_open_decision()
        Decide = self.env["siamo.accreditation.decide"]
        with self.assertRaises(AccessError):
            Decide.with_user(self.analyst).create({"accreditation_id": application.id})
        wizard = Decide.with_user(self.admin).create(
            {"accreditation_id": application.id, "decision": "refuse", "reason": "Incomplet."}
        )
        wizard.action_confirm()
        self.assertEqual(application.state, "refused")

    def test_an_application_gives_its_statutes_and_a_document(self):
        Accreditation = self.env["siamo.accreditation"].with_user(self.applicant)
        application = Accreditation._portal_apply({})
        application._portal_update(APPLICATION)
        with self.assertRaises(UserError):
            application.action_submit()
        self.assertEqual(application.state, "draft")
        with self.assertRaises(UserError):
            application.with_user(self.analyst).action_ask_more_information()

    def test_suspend_reinstate_withdraw_by_the_administrator(self):
        application = self._reviewed(self._apply())
        application.with_user(self.admin).action_grant(
            date.today(), date.today() + timedelta(days=900)
        )
        with self.assertRaises(AccessError):
            application.with_user(self.analyst).action_suspend()
        application.with_user(self.admin).action_suspend()
        self.assertNotIn(application, application._published())
        application.with_user(self.admin).action_reinstate()
        application.with_user(self.admin).action_withdraw()
        self.assertEqual(application.state, "withdrawn")
        with self.assertRaises(UserError):
            application.with_user(self.admin).action_reinstate()


@tagged("post_install", "-at_install")
class TestAccreditationAccess(AccreditationCase):
    def test_an_applicant_sees_only_his_ipm_s_applications(self):
        application = self._apply()
        Accreditation = self.env["siamo.accreditation"]
        self.assertEqual(Accreditation.with_user(self.applicant).search([]), application)
        self.assertFalse(Accreditation.with_user(self.other_applicant).search([]))
        with self.assertRaises(AccessError):
            application.with_user(self.other_applicant).read(["statutes"])
        review = application.with_user(self.analyst)
        review.question_to_ask = "Précisez l'effectif."
        review.action_ask_more_information()
        Question = self.env["siamo.accreditation.question"]
        self.assertEqual(Question.with_user(self.applicant).search([]), application.question_ids)
        self.assertFalse(Question.with_user(self.other_applicant).search([]))
        with self.assertRaises(AccessError):
            application.with_user(self.other_applicant)._portal_update({"statutes": "Pirate"})
        with self.assertRaises(AccessError):
            application.with_user(self.other_applicant).action_submit()
        with self.assertRaises(AccessError):
            Accreditation.with_user(self.ipm_staff).search([])

    def test_only_an_applicant_applies(self):
        for user in (self.ipm_staff, self.analyst):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["siamo.accreditation"].with_user(user)._portal_apply({})

    def test_an_applicant_cannot_review(self):
        application = self._apply()
        with self.assertRaises(AccessError):
            application.with_user(self.applicant).write({"check_statutes": True})
        application.with_user(self.analyst).write({"question_to_ask": "Précisez."})
        with self.assertRaises(AccessError):
            application.with_user(self.applicant).action_ask_more_information()
        for draft in ("question_to_ask", "visit_report"):
            with self.subTest(field=draft), self.assertRaises(AccessError):
                application.with_user(self.applicant).read([draft])
        with self.assertRaises(AccessError):
            self.env["siamo.accreditation.question"].with_user(self.applicant).create(
                {"accreditation_id": application.id, "question": "?"}
            )


@tagged("post_install", "-at_install")
class TestAccreditationRenewal(AccreditationCase):
    def test_a_renewal_reminder_before_the_end(self):
        self.icamo.siamo_accreditation_reminder_days = 60
        application = self._reviewed(self._apply())
        ending = date.today() + timedelta(days=45)
        application.with_user(self.admin).action_grant(date.today() - timedelta(days=1000), ending)
        later = self._reviewed(self._apply())
        later.with_user(self.admin).action_grant(date.today(), date.today() + timedelta(days=400))
        Accreditation = self.env["siamo.accreditation"]
        cron = self.env.ref("siamo_icamo.ir_cron_siamo_accreditation_renewal")
        before = application.sudo().message_ids
        Accreditation.with_user(cron.user_id)._cron_renewal_reminders()
        activity = application.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.date_deadline, activity.user_id), (ending, self.admin))
        self.assertFalse(later.activity_ids)
        self.assertEqual(application.reminder_sent_for, ending)
        reminder = application.sudo().message_ids - before
        self.assertEqual(reminder.partner_ids, self.applicant.partner_id)
        self.assertIn(
            self.applicant.partner_id,
            reminder.notification_ids.filtered(
                lambda n: n.notification_type == "email"
            ).res_partner_id,
            "the applicant gets the reminder by mail",
        )
        Accreditation.with_user(cron.user_id)._cron_renewal_reminders()
        self.assertEqual(len(application.activity_ids), 1, "once per end of validity")
