import base64
import json

from odoo.tests import TransactionCase, new_test_user


class IcamoCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"]
        cls.icamo = company.create({"name": "ICAMO Collecte", "siamo_role": "icamo"})
        cls.ipm_company = company.create(
            {"name": "IPM Sonatel", "siamo_role": "ipm", "siamo_ipm_kind": "company"}
        )
        cls.ipm = cls.env["siamo.icamo.ipm"].create(
            {
                "company_id": cls.icamo.id,
                "code": "IPM-SONATEL",
                "name": "IPM Sonatel",
                "kind": "company",
                "partner_id": cls.ipm_company.partner_id.id,
                "first_period": "2026-08-01",
            }
        )

        def user(login, group, company):
            return new_test_user(
                cls.env,
                login=login,
                groups=group,
                company_id=company.id,
                company_ids=[company.id],
            )

        cls.admin = user("collecte_admin", "siamo_icamo.group_icamo_admin", cls.icamo)
        cls.analyst = user("collecte_analyste", "siamo_icamo.group_icamo_analyst", cls.icamo)
        cls.ipm_staff = user("collecte_ipm", "base.group_user", cls.ipm_company)

    @classmethod
    def _correspondent(cls, login, followed=True):
        """An internal user of the IPM with the correspondent group; named on the followed
        IPM unless ``followed`` is false."""
        user = new_test_user(
            cls.env,
            login=login,
            groups="base.group_user,siamo_icamo.group_icamo_correspondent",
            company_id=cls.ipm_company.id,
            company_ids=[cls.ipm_company.id],
        )
        if followed:
            cls.ipm.correspondent_ids |= user
        return user

    def _import(self, document, user=None):
        """The administrator imports ``document`` as a JSON file; the return."""
        wizard = (
            self.env["siamo.icamo.return.import"]
            .with_user(user or self.admin)
            .create(
                {
                    "file": base64.b64encode(json.dumps(document).encode()),
                    "filename": "etat.json",
                }
            )
        )
        action = wizard.action_import()
        return self.env["siamo.icamo.return"].with_user(user or self.admin).browse(action["res_id"])
