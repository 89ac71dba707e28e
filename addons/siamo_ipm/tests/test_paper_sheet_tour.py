from odoo.tests import HttpCase, tagged

CLERK = "agent@ipm-dakar.example.sn"


@tagged("post_install", "-at_install")
class TestPaperSheetTour(HttpCase):
    """In the demo fund, the IPM's clerk keys a sheet received by mail in the backend and
    registers it; it waits for its settlement like the sheets sent online."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.ipm = ref("siamo_ipm.ipm_dakar_demo")
        cls.env["res.users"].search([("login", "=", CLERK)]).password = CLERK
        cls.provider = cls.env["res.partner"].create(
            {
                "name": "Cabinet du papier",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "clinic",
                "siamo_provider_code": "PS-PAPIER",
            }
        )
        cls.env["siamo.agreement"].create(
            {
                "name": "CONV-PAPIER",
                "company_id": cls.ipm.id,
                "provider_id": cls.provider.id,
                "schedule_id": ref("siamo_referentiel.tariff_schedule_ipm").id,
                "date_start": "2020-01-01",
                "state": "active",
            }
        )
        cls.env["siamo.act"].create(
            {
                "code": "PAP-C",
                "name": "Consultation du papier",
                "act_class_id": ref("siamo_referentiel.act_class_consultation").id,
            }
        )
        cls.patient = cls.env["siamo.beneficiary"].create(
            {
                "name": "Awa Papier",
                "company_id": cls.ipm.id,
                "membership_id": ref("siamo_ipm.membership_sahel_logistique_demo").id,
                "relationship": "participant",
                "first_contribution_month": "2020-01-01",
            }
        )

    def test_the_clerk_keys_a_paper_sheet(self):
        self.start_tour("/odoo", "siamo_paper_sheet", login=CLERK)
        sheet = self.env["siamo.fse"].search([("provider_sheet_id", "=", "PAP-2026-001")])
        self.assertEqual((sheet.state, sheet.channel), ("received", "paper"))
        self.assertEqual(sheet.beneficiary_id, self.patient)
        self.assertEqual(sheet.amount_claimed, 5_000)
        self.assertEqual(sheet.create_uid.login, CLERK)
