from datetime import date, timedelta

from odoo.addons.siamo_ipm.tests.common import SiamoIpmData
from odoo.tests import HttpCase, TransactionCase, new_test_user

CARE_DATE = (date.today() - timedelta(days=2)).isoformat()


class CareData(SiamoIpmData):
    """IPM A with its families, a clinic and a pharmacy with agreements, the acts and
    medicines they claim, and a package that asks an authorization for imaging."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ipm_a.partner_id.ref = "IPM-A"
        cls.ipm_b.partner_id.ref = "IPM-B"
        cls.participant_a.write({"nin": "1342197000137", "first_contribution_month": "2020-01-01"})
        cls.clinic = cls._provider("Clinique Test", "PS-CLINIQUE", "clinic")
        cls.pharmacy = cls._provider("Pharmacie Test", "PS-PHARMA", "pharmacy")
        cls.unbound = cls._provider("Cabinet sans convention", "PS-LIBRE", "clinic")
        schedule = cls.env["siamo.tariff.schedule"].create({"name": "Tarif test", "code": "TT"})
        for provider in (cls.clinic, cls.pharmacy):
            cls.env["siamo.agreement"].create(
                {
                    "name": f"Convention {provider.name}",
                    "company_id": cls.ipm_a.id,
                    "provider_id": provider.id,
                    "schedule_id": schedule.id,
                    "date_start": "2020-01-01",
                    "state": "active",
                }
            )
        ref = cls.env.ref
        cls.consultation = cls.env["siamo.act"].create(
            {
                "code": "TST-C",
                "name": "Consultation test",
                "act_class_id": ref("siamo_referentiel.act_class_consultation").id,
            }
        )
        cls.scan = cls.env["siamo.act"].create(
            {
                "code": "TST-SCAN",
                "name": "Scanner test",
                "act_class_id": ref("siamo_referentiel.act_class_imaging").id,
            }
        )
        cls.medicine = cls.env["siamo.medicine"].create(
            {"code": "TST-MED", "name": "Paracétamol", "public_price": 750}
        )
        imaging = cls.env["siamo.amo.benefit"].search([("code", "=", "imaging")])
        consultation = cls.env["siamo.amo.benefit"].search([("code", "=", "gp_consultation")])
        package = cls.env["siamo.care.package"].create(
            {
                "name": "Panier test",
                "company_id": cls.ipm_a.id,
                "date_start": "2020-01-01",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "benefit_id": consultation.id,
                            "act_class_id": cls.consultation.act_class_id.id,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "benefit_id": imaging.id,
                            "act_class_id": cls.scan.act_class_id.id,
                            "needs_authorization": True,
                        },
                    ),
                ],
            }
        )
        package.state = "validated"

    @classmethod
    def _provider(cls, name, code, kind):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": kind,
                "siamo_provider_code": code,
            }
        )

    @classmethod
    def _provider_user(cls, login, provider):
        contact = cls.env["res.partner"].create(
            {"name": f"Accueil {login}", "parent_id": provider.id}
        )
        return new_test_user(
            cls.env,
            login=login,
            groups="siamo_ipm.group_portal_provider",
            partner_id=contact.id,
            company_id=cls.ipm_a.id,
            company_ids=[cls.ipm_a.id],
        )

    @classmethod
    def _sheet(cls, sheet_id="S-1", provider_code="PS-CLINIQUE", lines=None, **changes):
        """A sheet as the IPM reads it, keyed from paper or received online."""
        lines = lines or [
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 5_000, "amount": 5_000},
            {
                "kind": "medicine",
                "code": "TST-MED",
                "quantity": 2,
                "unit_price": 750,
                "amount": 1_500,
            },
        ]
        return {
            "sheet_id": sheet_id,
            "provider": {"code": provider_code},
            "ipm": "IPM-A",
            "beneficiary": {"nin": "1342197000137"},
            "care_date": CARE_DATE,
            "lines": lines,
            "total": sum(line["amount"] for line in lines),
            **changes,
        }

    def _accept(self, provider, *documents):
        """``[(answer, sheet)]``: the IPM's acceptance of ``documents`` from ``provider``."""
        return self.env["siamo.fse.acceptance"]._accept_documents(provider, list(documents))


class CareCase(CareData, TransactionCase):
    pass


class CareHttpCase(CareData, HttpCase):
    pass
